import { describe, expect, it } from 'vitest';
import type { TrackBatch } from '@tessera/schema';
import { createChangeAccumulator, createTrackPicture } from './track-picture.ts';
import { makeTrack } from './test-tracks.ts';

const batch = (upserts: TrackBatch['upserts'], removals: string[] = []): TrackBatch => ({
  source: { nation: 'POL', system: 'POL-FUSION' },
  seq: 1,
  publishedAt: '2026-11-26T12:00:00.000Z',
  upserts,
  removals: removals.map((id) => ({ id, reason: 'LOST' as const })),
});

describe('track picture', () => {
  it('applies upserts and removals and reports what changed', () => {
    const p = createTrackPicture();
    expect(p.apply(batch([makeTrack('POL-a'), makeTrack('POL-b')]), 0).upserts.map((t) => t.id)).toEqual([
      'POL-a',
      'POL-b',
    ]);
    expect(p.apply(batch([], ['POL-a', 'POL-zzz']), 0)).toEqual({ upserts: [], removals: ['POL-a'] });
    expect([...p.all()].map((t) => t.id)).toEqual(['POL-b']);
  });

  it('ignores a late report older than what it has', () => {
    const p = createTrackPicture();
    p.apply(batch([makeTrack('POL-a', { at: 2000, lat: 51 })]), 0);
    expect(p.apply(batch([makeTrack('POL-a', { at: 1000, lat: 50 })]), 0).upserts).toEqual([]);
    expect(p.get('POL-a')!.position.lat).toBe(51);
  });

  it('expires tracks whose source went silent', () => {
    const p = createTrackPicture();
    p.apply(batch([makeTrack('POL-old')]), 1000);
    p.apply(batch([makeTrack('POL-new')]), 50_000);
    expect(p.expire(61_500, 60_000)).toEqual(['POL-old']);
    expect(p.size()).toBe(1);
  });
});

describe('change accumulator', () => {
  it('keeps the latest state of each track; the later of upsert and removal wins', () => {
    const acc = createChangeAccumulator<ReturnType<typeof makeTrack>>();
    expect(acc.take()).toBeNull();
    acc.add({ upserts: [makeTrack('POL-a', { lat: 1 }), makeTrack('POL-b')], removals: ['POL-c'] });
    acc.add({ upserts: [makeTrack('POL-a', { lat: 2 }), makeTrack('POL-c')], removals: ['POL-b'] });
    const change = acc.take()!;
    expect(change.upserts.map((t) => [t.id, t.position.lat])).toEqual([
      ['POL-a', 2],
      ['POL-c', 50],
    ]);
    expect(change.removals).toEqual(['POL-b']);
    expect(acc.take()).toBeNull();
  });
});
