import type { Track, TrackBatch } from '@tessera/schema';
import type { Clock } from '@tessera/service-kit';
import { createChangeAccumulator, createTrackPicture, type PictureChange } from './track-picture.ts';

export type ChangeListener = (change: PictureChange) => void;

export interface TrackHub {
  /** Feed a validated batch from NATS. */
  ingest(batch: TrackBatch): void;
  tracks(): IterableIterator<Track>;
  track(id: string): Track | undefined;
  size(): number;
  /** Coalesced changes, at most one call per batch interval. */
  subscribe(listener: ChangeListener): () => void;
  start(): void;
  stop(): void;
}

/**
 * Keeps the picture and fans changes out: however many NATS messages arrive, listeners get at most
 * one coalesced change per interval, carrying only the latest state of each changed track.
 */
export function createTrackHub(opts: { clock: Clock; batchIntervalMs: number; trackTimeoutMs: number }): TrackHub {
  const picture = createTrackPicture();
  const listeners = new Set<ChangeListener>();
  const pending = createChangeAccumulator<Track>();
  let flushTimer: NodeJS.Timeout | undefined;
  let expiryTimer: NodeJS.Timeout | undefined;

  function flush() {
    const change = pending.take();
    if (!change) return;
    for (const listener of listeners) listener(change);
  }

  return {
    ingest(batch) {
      pending.add(picture.apply(batch, opts.clock.now()));
    },
    tracks: () => picture.all(),
    track: (id) => picture.get(id),
    size: () => picture.size(),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      flushTimer = setInterval(flush, opts.batchIntervalMs);
      expiryTimer = setInterval(
        () => pending.add({ upserts: [], removals: picture.expire(opts.clock.now(), opts.trackTimeoutMs) }),
        1000,
      );
    },
    stop() {
      clearInterval(flushTimer);
      clearInterval(expiryTimer);
      listeners.clear();
    },
  };
}
