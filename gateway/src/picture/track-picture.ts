import type { Track, TrackBatch } from '@tessera/schema';

/** What changed in the picture: latest state of changed items and the keys (ids) of those that left. */
export interface Change<T extends { id: string }> {
  upserts: T[];
  removals: string[];
}
export type PictureChange = Change<Track>;

export interface TrackPicture {
  /** Apply a source's batch; returns what actually changed (older reports are ignored). */
  apply(batch: TrackBatch, receivedAtMs: number): PictureChange;
  /** Drop tracks not updated since `nowMs - timeoutMs` (their source went silent). */
  expire(nowMs: number, timeoutMs: number): string[];
  get(id: string): Track | undefined;
  all(): IterableIterator<Track>;
  size(): number;
}

/**
 * The gateway's copy of the fused picture: pure state, no I/O. Keyed by track id, which names its
 * originator (`POL-…`), and fed only batches parseTrackBatch accepted (a source touches only ids it
 * owns): so a newer report or a removal of a track can only come from the track's own nation.
 */
export function createTrackPicture(): TrackPicture {
  const tracks = new Map<string, { track: Track; receivedAtMs: number; updatedAtMs: number }>();
  return {
    apply(batch, receivedAtMs) {
      const change: PictureChange = { upserts: [], removals: [] };
      for (const track of batch.upserts) {
        const updatedAtMs = Date.parse(track.updatedAt);
        const known = tracks.get(track.id);
        if (known && known.updatedAtMs > updatedAtMs) continue; // a late, older report
        tracks.set(track.id, { track, receivedAtMs, updatedAtMs });
        change.upserts.push(track);
      }
      for (const { id } of batch.removals) {
        if (tracks.delete(id)) change.removals.push(id);
      }
      return change;
    },
    expire(nowMs, timeoutMs) {
      const removed: string[] = [];
      for (const [id, entry] of tracks) {
        if (nowMs - entry.receivedAtMs > timeoutMs) {
          tracks.delete(id);
          removed.push(id);
        }
      }
      return removed;
    },
    get: (id) => tracks.get(id)?.track,
    *all() {
      for (const entry of tracks.values()) yield entry.track;
    },
    size: () => tracks.size,
  };
}

/**
 * Collects changes until taken, keeping only the latest state of each track: a removal after an
 * upsert wins and an upsert after a removal wins. Constant work per changed track.
 */
export interface ChangeAccumulator<T extends { id: string }> {
  add(change: Change<T>): void;
  /** Everything collected since the last take, or null when nothing changed. */
  take(): Change<T> | null;
}

export function createChangeAccumulator<T extends { id: string }>(
  keyOf: (item: T) => string = (item) => item.id,
): ChangeAccumulator<T> {
  let latest = new Map<string, T | null>();
  return {
    add(change) {
      for (const id of change.removals) latest.set(id, null);
      for (const t of change.upserts) {
        const key = keyOf(t);
        latest.delete(key); // keep insertion order = order of last change
        latest.set(key, t);
      }
    },
    take() {
      if (latest.size === 0) return null;
      const change: Change<T> = { upserts: [], removals: [] };
      for (const [id, t] of latest) {
        if (t) change.upserts.push(t);
        else change.removals.push(id);
      }
      latest = new Map();
      return change;
    },
  };
}
