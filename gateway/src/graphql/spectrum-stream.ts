import { Repeater } from 'graphql-yoga';
import type { RestrictedEntry, SpectrumAssignment } from '@tessera/schema';
import type { Clock } from '@tessera/service-kit';
import type { KeyedHub } from '../picture/keyed-hub.ts';
import { createChangeAccumulator, type Change } from '../picture/track-picture.ts';
import type { ReleasedAssignment, ReleasedRestricted } from './access-spectrum.ts';

type Feed<T extends { id: string }> = Pick<KeyedHub<T>, 'all' | 'subscribe'>;

/** What a subscriber's window on a keyed set sends: released items, and the ids (as shown) of those that left. */
export interface ShownChange<R> {
  upserts: R[];
  removals: string[];
}

/**
 * One subscriber's window on a keyed set whose items are shown under an id of their release (a
 * restricted entry under its own id, or under an opaque one while it is withheld). It remembers the
 * id it showed each item under: an item that stops being releasable is removed by that id, an item
 * shown under a new id removes its old one, and a removal is only ever sent for an id the subscriber
 * was shown (the source's key, which may name what is withheld, is never sent).
 */
export function createShownView<T, R>(
  release: (item: T) => R | null,
  keyOf: (item: T) => string,
  shownIdOf: (released: R) => string,
) {
  const shown = new Map<string, string>();
  const apply = (items: Iterable<T>, removals: Iterable<string>): ShownChange<R> => {
    const upserts: R[] = [];
    const removed: string[] = [];
    const forget = (key: string) => {
      const id = shown.get(key);
      if (id !== undefined) removed.push(id);
      shown.delete(key);
    };
    for (const item of items) {
      const key = keyOf(item);
      const released = release(item);
      if (!released) {
        forget(key);
        continue;
      }
      const id = shownIdOf(released);
      if (shown.get(key) !== id) forget(key);
      shown.set(key, id);
      upserts.push(released);
    }
    for (const key of removals) forget(key);
    // An id removed and shown again in the same change (two entries swapping ids cannot happen: ids are per key) stays.
    const kept = new Set(upserts.map(shownIdOf));
    return { upserts, removals: removed.filter((id) => !kept.has(id)) };
  };
  return {
    snapshot(items: Iterable<T>): ShownChange<R> {
      shown.clear();
      return apply(items, []);
    },
    filter(change: Change<T & { id: string }>): ShownChange<R> | null {
      const out = apply(change.upserts, change.removals);
      return out.upserts.length || out.removals.length ? out : null;
    },
  };
}

export interface SpectrumBatch {
  seq: number;
  reset: boolean;
  assignments: ReleasedAssignment[];
  assignmentRemovals: string[];
  restricted: ReleasedRestricted[];
  restrictedRemovals: string[];
  sentAt: string;
}

/** The next instant after `nowMs` when a waiver of the list ends (a band's `waived` then changes), or undefined. */
function nextWaiverEnd(entries: Iterable<RestrictedEntry>, nowMs: number): number | undefined {
  let next: number | undefined;
  for (const e of entries) {
    const end = e.waiver?.validTo === undefined ? NaN : Date.parse(e.waiver.validTo);
    if (end > nowMs && (next === undefined || end < next)) next = end;
  }
  return next;
}

const assignmentId = (a: { nation: string; id: string }) => `${a.nation}/${a.id}`;

/**
 * One subscriber's spectrum (spectrumUpdates): the releasable assignments and the restricted list
 * as released for them, the whole first (reset), then coalesced changes of both in one batch; a
 * slow consumer never builds a queue. When a waiver ends, the entries whose waiver ended are sent
 * again (their `waived` is now false) without waiting for the service to change anything.
 */
export function spectrumUpdates(opts: {
  assignments: Feed<SpectrumAssignment>;
  restricted: Feed<RestrictedEntry>;
  releaseAssignment: (a: SpectrumAssignment) => ReleasedAssignment | null;
  releaseRestricted: (e: RestrictedEntry) => ReleasedRestricted | null;
  clock: Clock;
}): Repeater<SpectrumBatch> {
  return new Repeater<SpectrumBatch>(async (push, stop) => {
    const assignments = createShownView(opts.releaseAssignment, assignmentId, assignmentId);
    const restricted = createShownView(opts.releaseRestricted, assignmentId, (r: ReleasedRestricted) => r.id);
    const pendingAssignments = createChangeAccumulator<ReleasedAssignment>(assignmentId);
    const pendingRestricted = createChangeAccumulator<ReleasedRestricted>();
    let seq = 0;
    let inFlight = false;
    let stopped = false;
    let waiverTimer: NodeJS.Timeout | undefined;

    const send = (
      a: ShownChange<ReleasedAssignment> | null,
      r: ShownChange<ReleasedRestricted> | null,
      reset: boolean,
    ) => {
      inFlight = true;
      const batch: SpectrumBatch = {
        seq: ++seq,
        reset,
        assignments: a?.upserts ?? [],
        assignmentRemovals: a?.removals ?? [],
        restricted: r?.upserts ?? [],
        restrictedRemovals: r?.removals ?? [],
        sentAt: new Date(opts.clock.now()).toISOString(),
      };
      push(batch).then(
        () => {
          inFlight = false;
          drain();
        },
        () => undefined,
      );
    };
    const drain = () => {
      if (inFlight || stopped) return;
      const a = pendingAssignments.take();
      const r = pendingRestricted.take();
      if (a || r) send(a, r, false);
    };
    const onRestricted = (change: Change<RestrictedEntry>) => {
      const visible = restricted.filter(change);
      if (visible) pendingRestricted.add(visible);
      drain();
    };
    // The next end of a waiver: the entries it ends are released again then (and the timer set for the one after).
    const armWaiverTimer = () => {
      clearTimeout(waiverTimer);
      const now = opts.clock.now();
      const next = nextWaiverEnd(opts.restricted.all(), now);
      if (next === undefined || stopped) return;
      waiverTimer = setTimeout(
        () => {
          const ended = [...opts.restricted.all()].filter(
            (e) => e.waiver?.validTo && Date.parse(e.waiver.validTo) <= next,
          );
          onRestricted({ upserts: ended, removals: [] });
          armWaiverTimer();
        },
        // setTimeout holds at most 2^31-1 ms (24.8 days): a later end is reached in steps.
        Math.min(Math.max(next - now, 0) + 1, 2 ** 31 - 1),
      );
    };

    send(assignments.snapshot(opts.assignments.all()), restricted.snapshot(opts.restricted.all()), true);
    armWaiverTimer();
    const unsubscribe = [
      opts.assignments.subscribe((change) => {
        const visible = assignments.filter(change);
        if (visible) pendingAssignments.add(visible);
        drain();
      }),
      opts.restricted.subscribe((change) => {
        onRestricted(change);
        armWaiverTimer();
      }),
    ];
    await stop;
    stopped = true;
    clearTimeout(waiverTimer);
    unsubscribe.forEach((u) => u());
  });
}
