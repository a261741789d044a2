import type { Clock } from '@tessera/service-kit';
import { createChangeAccumulator, type Change } from '../picture/track-picture.ts';
import type { FanoutScheduler } from './scheduler.ts';

/** Close code for a subscriber that could not take its batches for longer than the limit (the client reconnects for a fresh snapshot). */
export const SUBSCRIBER_TOO_SLOW = 4413;

/** One batch of a released stream as subscribers receive it (the GraphQL `*Batch` types). */
export interface ReleasedBatch<R> {
  seq: number;
  reset: boolean;
  upserts: R[];
  removals: string[];
  sentAt: string;
}

/** Where an audience delivers: one subscription on one socket. */
export interface FanoutSubscriber {
  /** Write a prepared payload (the GraphQL result as JSON bytes); `done` once it has left for the socket. */
  send(payload: Buffer, done: () => void): void;
  /** Close the subscriber's socket. */
  close(code: number, reason: string): void;
}

/** A source of items the audience releases: the whole set, and coalesced changes (urgent ones flagged). */
export interface AudienceSource<T extends { id: string }> {
  all(): Iterable<T>;
  subscribe(listener: (change: Change<T>, urgent?: boolean) => void): () => void;
}

export interface Audience {
  join(subscriber: FanoutSubscriber): () => void;
  subscribers(): number;
  /** Batches rendered (each once, whoever receives it). */
  rendered(): number;
}

/**
 * Everyone who may receive exactly the same things (one nation at one clearance, the same
 * operation), served as one: each change is released, rendered (GraphQL execution and JSON) and
 * encoded once, and each subscriber's share of the work is writing those bytes.
 *
 * Order and completeness per subscriber: a joining subscriber first gets the whole releasable set
 * (reset) at the audience's current sequence number, then every batch after it, numbered one by
 * one. A subscriber whose previous write has not left yet misses the batch; once its write
 * leaves it gets the latest state instead (a reset at the current number), never a queue. One
 * that stays behind for longer than `slowLimitMs` is closed with SUBSCRIBER_TOO_SLOW. So the
 * gateway holds at most one frame per slow subscriber and nobody waits for anybody.
 *
 * Releasability is the caller's `release`, applied once per item and change; the audience remembers
 * what it released, so an item that stops being releasable is removed and a removal is only sent
 * for an item that was shown (an id alone must not leak).
 */
export function createAudience<T extends { id: string }, R extends { id: string }>(opts: {
  source: AudienceSource<T>;
  keyOf: (item: T) => string;
  release: (item: T) => R | null;
  /** The batch as the wire carries it (GraphQL result as JSON); may be asynchronous. */
  render: (batch: ReleasedBatch<R>) => string | Promise<string>;
  scheduler: FanoutScheduler;
  clock: Clock;
  slowLimitMs: number;
  /** The last subscriber left: the audience has stopped listening. */
  onEmpty: () => void;
  /** A subscriber was closed for being too slow. */
  onTooSlow?: () => void;
  onError: (err: unknown) => void;
}): Audience {
  type Sub = {
    subscriber: FanoutSubscriber;
    /** Has had its reset: takes batches from here on. */
    ready: boolean;
    inFlight: boolean;
    /** Missed a batch while its write was in flight: next gets the latest state. */
    missed: boolean;
    behindSinceMs: number | null;
    closed: boolean;
  };
  const released = new Map<string, R>();
  const subs = new Set<Sub>();
  const pending = createChangeAccumulator<T>(opts.keyOf);
  let seq = 1;
  let renderedCount = 0;
  let snapshot: { seq: number; payload: Promise<Buffer> } | null = null;
  /** A change is waiting to be applied, in a task of this urgency. */
  let changeScheduled: 'urgent' | 'ordinary' | null = null;
  let waitingForReset: Sub[] = [];
  let resetScheduled = false;
  // Steps run one after another: the released state, the number and the rendered bytes stay in step.
  let chain: Promise<unknown> = Promise.resolve();
  const enqueue = (step: () => Promise<unknown> | void) => {
    chain = chain.then(step).catch(opts.onError);
  };

  const render = async (batch: ReleasedBatch<R>) => {
    renderedCount++;
    return Buffer.from(await opts.render(batch));
  };
  const sentAt = () => new Date(opts.clock.now()).toISOString();

  const write = (sub: Sub, payload: Buffer) => {
    sub.inFlight = true;
    sub.subscriber.send(payload, () => {
      sub.inFlight = false;
      if (sub.closed) return;
      if (sub.missed) requestReset(sub);
      else sub.behindSinceMs = null;
    });
  };

  let stopped = false;
  const remove = (sub: Sub) => {
    sub.closed = true;
    subs.delete(sub);
    if (subs.size > 0 || stopped) return;
    stopped = true;
    unsubscribe();
    opts.onEmpty();
  };
  const close = (sub: Sub) => {
    remove(sub);
    sub.subscriber.close(SUBSCRIBER_TOO_SLOW, 'Subscriber too slow');
    opts.onTooSlow?.();
  };

  /** The whole releasable set at the current number, rendered once per number however many need it. */
  const currentSnapshot = () => {
    if (snapshot?.seq !== seq) {
      const batch = { seq, reset: true, upserts: [...released.values()], removals: [], sentAt: sentAt() };
      snapshot = { seq, payload: render(batch) };
    }
    return snapshot.payload;
  };

  const requestReset = (sub: Sub) => {
    waitingForReset.push(sub);
    if (resetScheduled) return;
    resetScheduled = true;
    opts.scheduler.run(() =>
      enqueue(async () => {
        resetScheduled = false;
        const waiting = waitingForReset;
        waitingForReset = [];
        const payload = await currentSnapshot();
        for (const sub of waiting) {
          if (sub.closed || !subs.has(sub)) continue;
          sub.ready = true;
          sub.missed = false;
          write(sub, payload);
        }
      }),
    );
  };

  const applyChange = async () => {
    changeScheduled = null;
    const change = pending.take();
    if (!change) return;
    const upserts: R[] = [];
    const removals: string[] = [];
    for (const item of change.upserts) {
      const key = opts.keyOf(item);
      const out = opts.release(item);
      if (out) {
        released.set(key, out);
        upserts.push(out);
      } else if (released.delete(key)) {
        removals.push(key);
      }
    }
    for (const key of change.removals) if (released.delete(key)) removals.push(key);
    if (upserts.length === 0 && removals.length === 0) return;
    seq++;
    if (![...subs].some((s) => s.ready)) return;
    const payload = await render({ seq, reset: false, upserts, removals, sentAt: sentAt() });
    const now = opts.clock.now();
    for (const sub of subs) {
      if (!sub.ready) continue;
      if (sub.inFlight || sub.missed) {
        sub.missed = true;
        sub.behindSinceMs ??= now;
        if (now - sub.behindSinceMs > opts.slowLimitMs) close(sub);
        continue;
      }
      write(sub, payload);
    }
  };

  const unsubscribe = opts.source.subscribe((change, urgent) => {
    pending.add(change);
    // An urgent change does not wait for an ordinary task already waiting: it gets its own, first.
    if (changeScheduled === 'urgent' || (changeScheduled === 'ordinary' && !urgent)) return;
    changeScheduled = urgent ? 'urgent' : 'ordinary';
    opts.scheduler.run(() => enqueue(applyChange), urgent);
  });
  // The set as it is now; later changes arrive through the subscription.
  for (const item of opts.source.all()) {
    const out = opts.release(item);
    if (out) released.set(opts.keyOf(item), out);
  }

  return {
    join(subscriber) {
      const sub: Sub = { subscriber, ready: false, inFlight: false, missed: false, behindSinceMs: null, closed: false };
      subs.add(sub);
      requestReset(sub);
      return () => remove(sub);
    },
    subscribers: () => subs.size,
    rendered: () => renderedCount,
  };
}
