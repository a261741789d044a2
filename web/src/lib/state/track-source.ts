import type { DrawnTrack, TrackSource } from '../globe/globe.ts';
import { HIDE_AFTER_STALE_MS, freshness, type Freshness } from '../view/freshness.ts';
import { deadReckon, positionAt, type Motion } from '../view/motion.ts';
import type { Track } from './live-picture.svelte.ts';

/** What the globe reads of the live picture (LivePicture): plain maps, never through Svelte. */
export interface PictureForGlobe {
  readonly tracks: { readonly items: ReadonlyMap<string, Track> };
  readonly motions: ReadonlyMap<string, Motion>;
  readonly changed: Set<string>;
  readonly lagMs: number;
  readonly applyMs: number;
}

/** A track's age from its parsed staleAt (as `freshness` does from the string, without parsing it each frame). */
function freshnessAt(staleMs: number, nowMs: number): Freshness {
  if (nowMs <= staleMs) return 'fresh';
  return nowMs - staleMs <= HIDE_AFTER_STALE_MS ? 'stale' : 'expired';
}

const NO_IDS: readonly string[] = [];

/**
 * The globe's view of the live picture (`picture()`: the current one, if signed in): every track
 * dead-reckoned to the frame's time, one track on demand, and the ids that changed since the globe
 * last asked.
 */
export function pictureSource(picture: () => PictureForGlobe | undefined): TrackSource {
  const drawn = (t: Track, m: Motion | undefined, nowMs: number, smooth: boolean): DrawnTrack => ({
    id: t.id,
    sidc: t.sidc,
    identity: t.identity,
    position: m ? (smooth ? positionAt(m, nowMs) : deadReckon(m.report, m.reportMs, m.staleMs, nowMs)) : t.position,
    velocity: t.velocity,
    freshness: m ? freshnessAt(m.staleMs, nowMs) : freshness(t, nowMs),
  });
  return {
    size: () => picture()?.tracks.items.size ?? 0,
    forEach(nowMs, draw) {
      const p = picture();
      if (!p) return;
      for (const t of p.tracks.items.values()) draw(drawn(t, p.motions.get(t.id), nowMs, true));
    },
    get(id, nowMs, smooth) {
      const p = picture();
      const t = p?.tracks.items.get(id);
      return p && t ? drawn(t, p.motions.get(id), nowMs, smooth) : undefined;
    },
    ids: () => picture()?.tracks.items.keys() ?? NO_IDS.values(),
    takeChanged(max, visit) {
      const changed = picture()?.changed;
      if (!changed) return 0;
      let n = 0;
      for (const id of changed) {
        if (n >= max) break;
        changed.delete(id);
        visit(id);
        n++;
      }
      return n;
    },
    lagMs: () => picture()?.lagMs ?? 0,
    applyMs: () => picture()?.applyMs ?? 0,
  };
}
