import { releaseTrack, type ReleasedTrack, type Track, type Viewer } from '@tessera/schema';
import type { Change, PictureChange } from './track-picture.ts';

export type ViewChange = Change<ReleasedTrack>;

export interface SubscriberView {
  /** The whole picture as this viewer may receive it; what it now knows. */
  snapshot(tracks: Iterable<Track>): ViewChange;
  /** The part of a picture change this viewer may receive (redacted), or null when nothing concerns it. */
  filter(change: PictureChange): ViewChange | null;
}

/**
 * One subscriber's window on the picture, released through the policy (whole tracks and single
 * fields). It remembers which tracks it has sent, so that a track that stops being releasable to the
 * viewer is removed from its picture, and a removal is only ever sent for a track the viewer was shown
 * (an id alone must not leak).
 */
export function createSubscriberView(viewer: Viewer): SubscriberView {
  const shown = new Set<string>();
  return {
    snapshot(tracks) {
      shown.clear();
      const upserts: ReleasedTrack[] = [];
      for (const t of tracks) {
        const released = releaseTrack(viewer, t);
        if (released) {
          upserts.push(released);
          shown.add(t.id);
        }
      }
      return { upserts, removals: [] };
    },
    filter(change) {
      const upserts: ReleasedTrack[] = [];
      const removals: string[] = [];
      for (const t of change.upserts) {
        const released = releaseTrack(viewer, t);
        if (released) {
          upserts.push(released);
          shown.add(t.id);
        } else if (shown.delete(t.id)) {
          removals.push(t.id);
        }
      }
      for (const id of change.removals) {
        if (shown.delete(id)) removals.push(id);
      }
      return upserts.length || removals.length ? { upserts, removals } : null;
    },
  };
}
