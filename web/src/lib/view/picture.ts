/**
 * Applying the gateway's track batches to a local picture (snapshot then deltas). Pure: the state
 * class calls it. A gap in `seq` means lost batches: the caller must resubscribe for a new snapshot.
 */
export interface Batch<T extends { id: string }> {
  seq: number;
  reset: boolean;
  upserts: T[];
  removals: string[];
}

/**
 * An `onApplied` for a live collection that brings items to the user's attention: those of each
 * batch that `need` it, each once. What a snapshot brings (the first one, or a new one after lost
 * batches) is already there: it is marked, not announced.
 */
export function announcer<T extends { id: string }>(
  need: (item: T) => boolean,
  announce: (items: T[]) => void,
): (batch: Batch<T>) => void {
  const announced = new Set<string>();
  return (batch) => {
    const fresh = batch.upserts.filter((item) => need(item) && !announced.has(item.id));
    for (const item of fresh) announced.add(item.id);
    if (fresh.length > 0 && !batch.reset) announce(fresh);
  };
}

export type ApplyResult = { ok: true; changed: number } | { ok: false; reason: 'gap'; expected: number; got: number };

export function applyBatch<T extends { id: string }>(
  picture: Map<string, T>,
  lastSeq: number,
  batch: Batch<T>,
  keyOf: (item: T) => string = (item) => item.id,
): ApplyResult {
  if (!batch.reset && batch.seq !== lastSeq + 1)
    return { ok: false, reason: 'gap', expected: lastSeq + 1, got: batch.seq };
  if (batch.reset) picture.clear();
  for (const t of batch.upserts) picture.set(keyOf(t), t);
  for (const id of batch.removals) picture.delete(id);
  return { ok: true, changed: batch.upserts.length + batch.removals.length };
}
