import { Repeater, SlidingBuffer } from 'graphql-yoga';
import type { AnomalyEvent } from '@tessera/schema';

export interface AnomalyLog {
  /** Keep the event and hand it to every listener. Never throws: it runs inside the NATS callback. */
  add(event: AnomalyEvent): void;
  /** Newest first. */
  recent(): AnomalyEvent[];
  subscribe(listener: (event: AnomalyEvent) => void): () => void;
}

/**
 * The last `capacity` anomaly events (they are events, not state), and a fan-out of new ones. Each
 * listener is isolated: one that throws is reported through `onListenerError` and the others still
 * get the event, because an exception escaping `add` would stop the NATS connection's reader and with
 * it every feed of the gateway.
 */
export function createAnomalyLog(
  opts: { capacity?: number; onListenerError?: (err: unknown) => void } = {},
): AnomalyLog {
  const capacity = opts.capacity ?? 200;
  const events: AnomalyEvent[] = [];
  const listeners = new Set<(event: AnomalyEvent) => void>();
  return {
    add(event) {
      if (events.some((e) => e.id === event.id)) return;
      events.unshift(event);
      if (events.length > capacity) events.length = capacity;
      for (const l of listeners) {
        try {
          l(event);
        } catch (err) {
          try {
            opts.onListenerError?.(err);
          } catch {
            // Reporting failed too; the other listeners and the NATS reader still go on.
          }
        }
      }
    },
    recent: () => [...events],
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Events kept for one subscriber that is not reading them; beyond this the oldest are dropped. */
export const MAX_UNREAD_ANOMALIES = 100;

/**
 * One subscriber's live anomaly events, as `release` lets it see them (null: not for this subscriber).
 * Bounded: a subscriber that does not read (a stalled socket) keeps only its newest `maxUnread`
 * events and loses the oldest. Dropping, not closing, because these are events whose history the
 * `anomalies` query keeps (the last 200): a subscriber that fell behind still gets what is new and
 * can catch up there. Adding never waits and never throws, whatever the subscriber does.
 */
export function anomalyStream<T>(
  log: AnomalyLog,
  release: (event: AnomalyEvent) => T | null,
  maxUnread = MAX_UNREAD_ANOMALIES,
): AsyncIterableIterator<T> {
  return new Repeater<T>(async (push, stop) => {
    const unsubscribe = log.subscribe((event) => {
      const released = release(event);
      // With a sliding buffer a push never queues past the buffer and never throws.
      if (released !== null) void push(released);
    });
    await stop;
    unsubscribe();
  }, new SlidingBuffer(maxUnread));
}
