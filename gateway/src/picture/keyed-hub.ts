import type { Clock } from '@tessera/service-kit';
import { createChangeAccumulator, type Change } from './track-picture.ts';

export interface KeyedHub<T extends { id: string }> {
  /** Apply what a feed received: latest items and keys that left. */
  ingest(change: Change<T>): void;
  get(key: string): T | undefined;
  all(): IterableIterator<T>;
  size(): number;
  /** Coalesced changes, at most one call per batch interval; urgent ones at once, flagged. */
  subscribe(listener: (change: Change<T>, urgent?: boolean) => void): () => void;
  start(): void;
  stop(): void;
}

/**
 * A live keyed collection (detections by track, alerts by id) that fans coalesced changes out like
 * the track hub: listeners get at most one change per interval with the latest state of each item.
 * Items not refreshed within `timeoutMs` (when given) expire: their source went silent.
 */
export function createKeyedHub<T extends { id: string }>(opts: {
  keyOf: (item: T) => string;
  clock: Clock;
  batchIntervalMs: number;
  timeoutMs?: number;
  /** Items that must not wait for the batch interval (a new authorization request, a critical alert). */
  urgent?: (item: T) => boolean;
}): KeyedHub<T> {
  const items = new Map<string, { item: T; receivedAtMs: number }>();
  const listeners = new Set<(change: Change<T>, urgent?: boolean) => void>();
  const pending = createChangeAccumulator<T>(opts.keyOf);
  let flushTimer: NodeJS.Timeout | undefined;
  let expiryTimer: NodeJS.Timeout | undefined;

  function flush(urgent = false) {
    const change = pending.take();
    if (change) for (const l of listeners) l(change, urgent);
  }

  return {
    ingest(change) {
      const now = opts.clock.now();
      const removals = change.removals.filter((key) => items.delete(key));
      for (const item of change.upserts) items.set(opts.keyOf(item), { item, receivedAtMs: now });
      pending.add({ upserts: change.upserts, removals });
      if (opts.urgent && change.upserts.some(opts.urgent)) flush(true);
    },
    get: (key) => items.get(key)?.item,
    *all() {
      for (const e of items.values()) yield e.item;
    },
    size: () => items.size,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      flushTimer = setInterval(() => flush(), opts.batchIntervalMs);
      const timeoutMs = opts.timeoutMs;
      if (timeoutMs !== undefined) {
        expiryTimer = setInterval(() => {
          const now = opts.clock.now();
          const expired = [...items].filter(([, e]) => now - e.receivedAtMs > timeoutMs).map(([key]) => key);
          for (const key of expired) items.delete(key);
          if (expired.length) pending.add({ upserts: [], removals: expired });
        }, 1000);
      }
    },
    stop() {
      clearInterval(flushTimer);
      clearInterval(expiryTimer);
      listeners.clear();
    },
  };
}
