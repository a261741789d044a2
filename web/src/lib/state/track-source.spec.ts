import { describe, expect, it } from 'vitest';
import { nextMotion, type Motion } from '../view/motion.ts';
import type { Track } from './live-picture.svelte.ts';
import { pictureSource, type PictureForGlobe } from './track-source.ts';

const T0 = Date.parse('2026-11-30T10:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

function track(id: string, lat: number, atMs: number): Track {
  return {
    id,
    sidc: 'SHAPMF----*****',
    identity: 'HOSTILE',
    position: { lat, lon: 23, altM: 500 },
    velocity: { speedMps: 100, courseDeg: 0, climbMps: 0 },
    updatedAt: iso(atMs),
    staleAt: iso(atMs + 5000),
  } as unknown as Track;
}

function picture(): PictureForGlobe & {
  tracks: { items: Map<string, Track> };
  motions: Map<string, Motion>;
  report(t: Track, receivedMs: number): void;
} {
  const items = new Map<string, Track>();
  const motions = new Map<string, Motion>();
  return {
    tracks: { items },
    motions,
    changed: new Set<string>(),
    lagMs: 12,
    applyMs: 3,
    report(t, receivedMs) {
      items.set(t.id, t);
      motions.set(t.id, nextMotion(motions.get(t.id), t, receivedMs));
      this.changed.add(t.id);
    },
  };
}

describe("the globe's view of the live picture", () => {
  it('draws every track dead-reckoned, and one on demand blended or not', () => {
    const p = picture();
    const source = pictureSource(() => p);
    p.report(track('A', 50, T0), T0);
    p.report(track('B', 51, T0), T0);
    expect(source.size()).toBe(2);
    const all: string[] = [];
    source.forEach(T0 + 1000, (t) => all.push(`${t.id} ${t.freshness}`));
    expect(all).toEqual(['A fresh', 'B fresh']);

    // A new report 100 m further north: blended, the symbol starts where it was; not blended, it is at once on the new path.
    p.report(track('A', 50.01, T0 + 1000), T0 + 1000);
    const blended = source.get('A', T0 + 1000, true)!;
    const direct = source.get('A', T0 + 1000, false)!;
    expect(blended.position.lat).toBeCloseTo(50 + (100 * 1) / 111_195, 5);
    expect(direct.position.lat).toBeCloseTo(50.01, 6);
    expect(source.get('gone', T0, false)).toBeUndefined();
  });

  it('ages tracks from their staleAt: fresh, stale, then expired', () => {
    const p = picture();
    const source = pictureSource(() => p);
    p.report(track('A', 50, T0), T0);
    expect(source.get('A', T0 + 5000, false)!.freshness).toBe('fresh');
    expect(source.get('A', T0 + 6000, false)!.freshness).toBe('stale');
    expect(source.get('A', T0 + 36_000, false)!.freshness).toBe('expired');
  });

  it('hands over the ids that changed, each once, a few at a time', () => {
    const p = picture();
    const source = pictureSource(() => p);
    for (const id of ['A', 'B', 'C']) p.report(track(id, 50, T0), T0);
    p.report(track('A', 50.1, T0 + 100), T0 + 100); // A again: still once
    const taken: string[] = [];
    expect(source.takeChanged(2, (id) => taken.push(id))).toBe(2);
    expect(source.takeChanged(10, (id) => taken.push(id))).toBe(1);
    expect(source.takeChanged(10, (id) => taken.push(id))).toBe(0);
    expect(taken).toEqual(['A', 'B', 'C']);
    expect([...source.ids()]).toEqual(['A', 'B', 'C']);
    expect([source.lagMs(), source.applyMs()]).toEqual([12, 3]);
  });

  it('is empty before there is a picture', () => {
    const source = pictureSource(() => undefined);
    expect(source.size()).toBe(0);
    expect([...source.ids()]).toEqual([]);
    expect(source.takeChanged(10, () => undefined)).toBe(0);
    expect(source.get('A', T0, true)).toBeUndefined();
  });
});
