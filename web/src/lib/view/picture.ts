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
