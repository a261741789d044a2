import { describe, expect, it, vi } from 'vitest';
import type { Change } from '../picture/track-picture.ts';
import { SUBSCRIBER_TOO_SLOW, createAudience, type FanoutSubscriber, type ReleasedBatch } from './audience.ts';
import { createFanoutScheduler } from './scheduler.ts';

/** Waits for state, long enough for a loaded machine. */
const WAIT = { timeout: 10_000, interval: 10 };

type Item = { id: string; v: number; secret?: boolean };

function source(initial: Item[] = []) {
  const items = new Map(initial.map((i) => [i.id, i]));
  const listeners = new Set<(c: Change<Item>, urgent?: boolean) => void>();
  return {
    all: () => items.values(),
    subscribe(l: (c: Change<Item>, urgent?: boolean) => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    emit(change: Change<Item>, urgent = false) {
      for (const i of change.upserts) items.set(i.id, i);
      for (const id of change.removals) items.delete(id);
      for (const l of listeners) l(change, urgent);
    },
    listeners: () => listeners.size,
  };
}

/** A subscriber whose writes leave when the test says so (or at once). */
function subscriber(opts: { drainsAtOnce?: boolean } = {}) {
  const frames: ReleasedBatch<Item>[] = [];
  const raw: Buffer[] = [];
  const waiting: (() => void)[] = [];
  const closed: { code: number; reason: string }[] = [];
  const sub: FanoutSubscriber = {
    send(payload, done) {
      raw.push(payload);
      frames.push(JSON.parse(payload.toString()) as ReleasedBatch<Item>);
      if (opts.drainsAtOnce ?? true) done();
      else waiting.push(done);
    },
    close: (code, reason) => closed.push({ code, reason }),
  };
  return {
    sub,
    frames,
    raw,
    closed,
    /** Let the oldest write leave. */
    drain: () => waiting.shift()?.(),
    seqs: () => frames.map((f) => `${f.reset ? 'reset' : 'delta'}:${f.seq}`),
  };
}

function audience(src: ReturnType<typeof source>, opts: { slowLimitMs?: number } = {}) {
  let now = 1_000_000;
  const rendered: ReleasedBatch<Item>[] = [];
  const empty = vi.fn();
  const a = createAudience<Item, Item>({
    source: src,
    keyOf: (i) => i.id,
    release: (i) => (i.secret ? null : i),
    render: (batch) => {
      rendered.push(batch);
      return JSON.stringify(batch);
    },
    scheduler: createFanoutScheduler({ onError: (err) => expect.fail(String(err)) }),
    clock: { now: () => now },
    slowLimitMs: opts.slowLimitMs ?? 5_000,
    onEmpty: empty,
    onError: (err) => expect.fail(String(err)),
  });
  return { a, rendered, empty, advance: (ms: number) => (now += ms) };
}

describe('an audience', () => {
  it('renders each batch once and writes the same bytes to every subscriber', async () => {
    const src = source([{ id: 'a', v: 0 }]);
    const { a, rendered } = audience(src);
    const subs = [subscriber(), subscriber(), subscriber()];
    for (const s of subs) a.join(s.sub);
    await vi.waitFor(() => expect(subs.every((s) => s.frames.length === 1)).toBe(true), WAIT);
    for (let v = 1; v <= 5; v++) {
      src.emit({ upserts: [{ id: 'a', v }], removals: [] });
      await vi.waitFor(() => expect(subs.every((s) => s.frames.length === v + 1)).toBe(true), WAIT);
    }
    // One snapshot for the three joiners, one render per change: not one per subscriber.
    expect(rendered.map((b) => `${b.reset}:${b.seq}`)).toEqual([
      'true:1',
      'false:2',
      'false:3',
      'false:4',
      'false:5',
      'false:6',
    ]);
    for (const s of subs.slice(1)) expect(s.raw.map(String)).toEqual(subs[0]!.raw.map(String));
    expect(subs[0]!.seqs()).toEqual(['reset:1', 'delta:2', 'delta:3', 'delta:4', 'delta:5', 'delta:6']);
  });

  it('gives a late joiner the current state at the current number, then every batch after it', async () => {
    const src = source();
    const { a } = audience(src);
    const early = subscriber();
    a.join(early.sub);
    src.emit({ upserts: [{ id: 'a', v: 1 }], removals: [] });
    await vi.waitFor(() => expect(early.frames.at(-1)?.seq).toBe(2), WAIT);
    src.emit({ upserts: [{ id: 'b', v: 1 }], removals: [] });
    await vi.waitFor(() => expect(early.frames.at(-1)?.seq).toBe(3), WAIT);
    const late = subscriber();
    a.join(late.sub);
    await vi.waitFor(() => expect(late.frames).toHaveLength(1), WAIT);
    expect(late.frames[0]).toMatchObject({ reset: true, seq: 3 });
    expect(late.frames[0]!.upserts.map((i) => i.id).sort()).toEqual(['a', 'b']);
    src.emit({ upserts: [{ id: 'a', v: 2 }], removals: [] });
    await vi.waitFor(() => expect(late.frames).toHaveLength(2), WAIT);
    expect(late.frames[1]).toMatchObject({ reset: false, seq: 4, upserts: [{ id: 'a', v: 2 }] });
  });

  it('coalesces the changes that arrive before its turn into one batch, latest state per item', async () => {
    const src = source();
    const { a, rendered } = audience(src);
    const s = subscriber();
    a.join(s.sub);
    await vi.waitFor(() => expect(s.frames).toHaveLength(1), WAIT);
    src.emit({
      upserts: [
        { id: 'a', v: 1 },
        { id: 'b', v: 1 },
      ],
      removals: [],
    });
    src.emit({ upserts: [{ id: 'a', v: 2 }], removals: [] });
    src.emit({ upserts: [], removals: ['b'] });
    await vi.waitFor(() => expect(s.frames).toHaveLength(2), WAIT);
    expect(s.frames[1]).toMatchObject({ seq: 2, upserts: [{ id: 'a', v: 2 }], removals: [] });
    expect(rendered).toHaveLength(2);
  });

  it('removes what stops being releasable, and never names what it never showed', async () => {
    const src = source([{ id: 'hidden', v: 0, secret: true }]);
    const { a } = audience(src);
    const s = subscriber();
    a.join(s.sub);
    await vi.waitFor(() => expect(s.frames).toHaveLength(1), WAIT);
    expect(s.frames[0]!.upserts).toEqual([]);
    src.emit({ upserts: [{ id: 'x', v: 1 }], removals: ['hidden'] }); // removal of an unseen item: not sent
    await vi.waitFor(() => expect(s.frames).toHaveLength(2), WAIT);
    expect(s.frames[1]).toMatchObject({ upserts: [{ id: 'x' }], removals: [] });
    src.emit({ upserts: [{ id: 'x', v: 2, secret: true }], removals: [] }); // x is now withheld
    await vi.waitFor(() => expect(s.frames).toHaveLength(3), WAIT);
    expect(s.frames[2]).toMatchObject({ upserts: [], removals: ['x'] });
    src.emit({ upserts: [{ id: 'y', v: 1, secret: true }], removals: [] }); // nothing visible changed
    await new Promise((r) => setImmediate(r));
    src.emit({ upserts: [{ id: 'z', v: 1 }], removals: [] });
    await vi.waitFor(() => expect(s.frames).toHaveLength(4), WAIT);
    expect(JSON.stringify(s.frames)).not.toContain('"y"');
    expect(s.seqs()).toEqual(['reset:1', 'delta:2', 'delta:3', 'delta:4']);
  });

  it('gives a subscriber that fell behind the latest state, not a queue, while the others get every batch', async () => {
    const src = source([{ id: 'a', v: 0 }]);
    const { a } = audience(src);
    const fast = subscriber();
    const slow = subscriber({ drainsAtOnce: false });
    a.join(fast.sub);
    a.join(slow.sub);
    await vi.waitFor(() => expect(slow.frames).toHaveLength(1), WAIT); // its snapshot, still in flight
    for (let v = 1; v <= 4; v++) {
      src.emit({
        upserts: [
          { id: 'a', v },
          { id: `n${v}`, v },
        ],
        removals: [],
      });
      await vi.waitFor(() => expect(fast.frames.at(-1)?.seq).toBe(v + 1), WAIT);
    }
    expect(slow.frames).toHaveLength(1); // nothing was queued behind the write in flight
    slow.drain();
    await vi.waitFor(() => expect(slow.frames).toHaveLength(2), WAIT);
    expect(slow.frames[1]).toMatchObject({ reset: true, seq: 5 });
    expect(slow.frames[1]!.upserts.find((i) => i.id === 'a')?.v).toBe(4);
    slow.drain();
    src.emit({ upserts: [{ id: 'a', v: 5 }], removals: [] });
    await vi.waitFor(() => expect(slow.frames).toHaveLength(3), WAIT);
    expect(slow.frames[2]).toMatchObject({ reset: false, seq: 6 }); // caught up: deltas again
    expect(fast.seqs()).toEqual(['reset:1', 'delta:2', 'delta:3', 'delta:4', 'delta:5', 'delta:6']);
  });

  it('closes a subscriber that stays behind past the limit, and only that one', async () => {
    const src = source([{ id: 'a', v: 0 }]);
    const { a, advance, empty } = audience(src, { slowLimitMs: 5_000 });
    const fast = subscriber();
    const stuck = subscriber({ drainsAtOnce: false });
    a.join(fast.sub);
    a.join(stuck.sub);
    await vi.waitFor(() => expect(stuck.frames).toHaveLength(1), WAIT);
    src.emit({ upserts: [{ id: 'a', v: 1 }], removals: [] });
    await vi.waitFor(() => expect(fast.frames.at(-1)?.seq).toBe(2), WAIT);
    advance(5_000);
    src.emit({ upserts: [{ id: 'a', v: 2 }], removals: [] });
    await vi.waitFor(() => expect(fast.frames.at(-1)?.seq).toBe(3), WAIT);
    expect(stuck.closed).toEqual([]); // at the limit, not past it
    advance(1);
    src.emit({ upserts: [{ id: 'a', v: 3 }], removals: [] });
    await vi.waitFor(
      () => expect(stuck.closed).toEqual([{ code: SUBSCRIBER_TOO_SLOW, reason: 'Subscriber too slow' }]),
      WAIT,
    );
    expect(a.subscribers()).toBe(1);
    await vi.waitFor(() => expect(fast.frames.at(-1)?.seq).toBe(4), WAIT);
    expect(empty).not.toHaveBeenCalled();
  });

  it('stops listening to its source when the last subscriber leaves', async () => {
    const src = source();
    const { a, empty } = audience(src);
    const leave = [a.join(subscriber().sub), a.join(subscriber().sub)];
    expect(src.listeners()).toBe(1);
    leave[0]!();
    expect(src.listeners()).toBe(1);
    leave[1]!();
    leave[1]!();
    expect(src.listeners()).toBe(0);
    expect(empty).toHaveBeenCalledOnce();
  });
});

describe('the fan-out scheduler', () => {
  it('runs urgent tasks before every waiting ordinary one, one ordinary task per turn', async () => {
    const order: string[] = [];
    const scheduler = createFanoutScheduler({ onError: (err) => expect.fail(String(err)) });
    scheduler.run(() => {
      order.push('tracks-1');
      scheduler.run(() => order.push('request'), true);
    });
    scheduler.run(() => order.push('tracks-2'));
    scheduler.run(() => order.push('tracks-3'));
    await vi.waitFor(() => expect(order).toHaveLength(4), WAIT);
    expect(order).toEqual(['tracks-1', 'request', 'tracks-2', 'tracks-3']);
  });

  it('goes on after a task throws', async () => {
    const errors: unknown[] = [];
    const scheduler = createFanoutScheduler({ onError: (err) => errors.push(err) });
    const ran: string[] = [];
    scheduler.run(() => {
      throw new Error('boom');
    });
    scheduler.run(() => ran.push('next'));
    await vi.waitFor(() => expect(ran).toEqual(['next']), WAIT);
    expect(errors).toHaveLength(1);
  });
});
