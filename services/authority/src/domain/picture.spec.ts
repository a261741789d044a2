import { describe, expect, it } from 'vitest';
import type { TrackBatch } from '@tessera/schema';
import { iso, T0, track } from '@tessera/service-kit/fixtures';
import { createAuthorityPicture } from './picture.ts';

/** A batch of `nation`'s feed with these tracks. */
const batch = (nation: string, tracks: ReturnType<typeof track>[]): TrackBatch => ({
  source: { nation, system: `${nation}-FUSION` },
  seq: 1,
  publishedAt: iso(T0),
  upserts: tracks,
  removals: [],
});

/** A track of `nation` last reported `agoS` seconds before T0, stale 6 s after that report. */
const reported = (id: string, agoS: number) => {
  const at = T0 - agoS * 1000;
  return track(id, {
    at: iso(at),
    staleAt: iso(at + 6000),
    provenance: { ...track(id).provenance, observedAt: iso(at), publishedAt: iso(at) },
  });
};

describe("the authority's picture: a stale track is no target", () => {
  const WALL = 1_000_000; // the authority's own clock: the wall clock, unrelated to scenario time

  it("judges a track by its own feed's clock: its feed reports others, its own report is past its coast time", () => {
    const picture = createAuthorityPicture({ trackTimeoutMs: 30_000 });
    picture.applyTracks(batch('POL', [reported('POL-t1', 0), reported('POL-t2', 0)]), WALL);
    expect(picture.isStale('POL-t1', WALL)).toBe(false);
    // 7 s later on POL's clock, POL-t2 reported, POL-t1 not (stale 6 s after its report).
    picture.applyTracks(batch('POL', [reported('POL-t2', -7)]), WALL + 1000);
    expect(picture.isStale('POL-t1', WALL + 1000)).toBe(true);
    expect(picture.isStale('POL-t2', WALL + 1000)).toBe(false);
    // Still heard of (within the wall-clock timeout): in the picture, but no target.
    expect(picture.track('POL-t1', WALL + 1000)).toBeDefined();
  });

  it("a feed lying about time ages only its own tracks, never another nation's", () => {
    const picture = createAuthorityPicture({ trackTimeoutMs: 30_000 });
    picture.applyTracks(batch('POL', [reported('POL-t1', 0)]), WALL);
    picture.applyTracks(batch('UKR', [reported('UKR-t1', -3_600)]), WALL); // an hour ahead
    expect(picture.isStale('POL-t1', WALL)).toBe(false);
    expect(picture.isStale('UKR-t1', WALL)).toBe(false);
  });

  it('a track the authority no longer hears of is not in the picture at all (not stale: gone)', () => {
    const picture = createAuthorityPicture({ trackTimeoutMs: 30_000 });
    picture.applyTracks(batch('POL', [reported('POL-t1', 0)]), WALL);
    expect(picture.track('POL-t1', WALL + 30_001)).toBeUndefined();
    expect(picture.isStale('POL-t1', WALL + 30_001)).toBe(false);
  });
});
