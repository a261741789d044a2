import { releaseTrack, type ReleasedTrack, type Track, type Viewer } from '@tessera/schema';
import type { Change } from './track-picture.ts';

export interface ReleasedView<T, R> {
  /** The whole set as this viewer may receive it; what it now knows. */
  snapshot(items: Iterable<T>): Change<R & { id: string }>;
  /** The part of a change this viewer may receive, or null when nothing concerns it. */
  filter(change: Change<T & { id: string }>): Change<R & { id: string }> | null;
}

/**
 * One subscriber's window on a keyed set (tracks, detections, alerts, requests), released item by
 * item through the policy. It remembers what it has sent, so that an item that stops being
 * releasable to the viewer is removed from its picture, and a removal is only ever sent for an item
 * the viewer was shown (an id alone must not leak).
 */
export function createReleasedView<T, R>(
  release: (item: T) => R | null,
  keyOf: (item: T) => string,
): ReleasedView<T, R> {
  const shown = new Set<string>();
  const apply = (items: Iterable<T>, removals: Iterable<string>) => {
    const upserts: R[] = [];
    const removed: string[] = [];
    for (const item of items) {
      const key = keyOf(item);
      const released = release(item);
      if (released) {
        upserts.push(released);
        shown.add(key);
      } else if (shown.delete(key)) {
        removed.push(key);
      }
    }
    for (const key of removals) if (shown.delete(key)) removed.push(key);
    return { upserts, removals: removed } as Change<R & { id: string }>;
  };
  return {
    snapshot(items) {
      shown.clear();
      return apply(items, []);
    },
    filter(change) {
      const out = apply(change.upserts, change.removals);
      return out.upserts.length || out.removals.length ? out : null;
    },
  };
}

/** The track picture as one viewer may receive it (whole tracks and single fields). */
export function createSubscriberView(viewer: Viewer): ReleasedView<Track, ReleasedTrack> {
  return createReleasedView(
    (t: Track) => releaseTrack(viewer, t),
    (t) => t.id,
  );
}
