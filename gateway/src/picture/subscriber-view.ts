import { canSee, type Track, type Viewer } from '@tessera/schema';
import type { PictureChange } from './track-picture.ts';

export interface SubscriberView {
  /** The whole picture this viewer may see; what it now knows. */
  snapshot(tracks: Iterable<Track>): PictureChange;
  /** The part of a picture change this viewer may see, or null when nothing concerns it. */
  filter(change: PictureChange): PictureChange | null;
}

/**
 * One subscriber's window on the picture. It remembers which tracks it has sent, so that:
 * a track that stops being releasable to the viewer is removed from its picture, and a removal
 * is only ever sent for a track the viewer was shown (an id alone must not leak).
 */
export function createSubscriberView(viewer: Viewer): SubscriberView {
  const shown = new Set<string>();
  return {
    snapshot(tracks) {
      shown.clear();
      const upserts: Track[] = [];
      for (const t of tracks) {
        if (canSee(viewer, t.label)) {
          upserts.push(t);
          shown.add(t.id);
        }
      }
      return { upserts, removals: [] };
    },
    filter(change) {
      const upserts: Track[] = [];
      const removals: string[] = [];
      for (const t of change.upserts) {
        if (canSee(viewer, t.label)) {
          upserts.push(t);
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
