import { describe, expect, it } from 'vitest';
import type { AirspaceVolume } from '@tessera/schema';
import { distanceM } from '../geo.ts';
import {
  distanceToVolumeM,
  engagementClearances,
  engagementConflicts,
  type EngagementGeometry,
  type FriendlyPosition,
} from './engagement.ts';
import { box, disc, hours, HOUR, M_PER_DEG, T0 } from './test-volumes.ts';

const cos50 = Math.cos((50 * Math.PI) / 180);
/** Degrees of longitude for `m` metres east at 50 N. */
const east = (m: number) => m / (M_PER_DEG * cos50);
const north = (m: number) => m / M_PER_DEG;

/** An effector at 50 N 22 E firing east at an intercept point 14.3 km away, 300 m up, danger radius 500 m. */
const E: EngagementGeometry = {
  effectorPosition: { lat: 50, lon: 22 },
  interceptPoint: { lat: 50, lon: 22.2, altM: 300 },
  dangerRadiusM: 500,
  at: T0,
};
const ip = E.interceptPoint;
const nfa = (id: string, bounds: [number, number, number, number], over: Partial<AirspaceVolume> = {}) =>
  box(id, 'UKR', 'NO_FIRE_AREA', bounds, over);
const corridor = (id: string, bounds: [number, number, number, number], over: Partial<AirspaceVolume> = {}) =>
  box(id, 'POL', 'TRANSIT_CORRIDOR', bounds, over);
/** A box `w` metres wide (east-west) and `h` tall around a point `dx` m east and `dy` m north of the intercept point. */
const around = (dx: number, dy: number, w: number, h: number): [number, number, number, number] => [
  ip.lat + north(dy - h / 2),
  ip.lon + east(dx - w / 2),
  ip.lat + north(dy + h / 2),
  ip.lon + east(dx + w / 2),
];
const verdict = (volumes: AirspaceVolume[], e: EngagementGeometry = E) =>
  engagementConflicts<AirspaceVolume, FriendlyPosition>(e, volumes, []).map(
    (c) => `${c.kind === 'FRIENDLY' ? c.friendly.id : c.volume.id}:${c.nearIntercept ? 'intercept' : 'path'}`,
  );

describe('an engagement against no-fire areas', () => {
  it.each<[string, AirspaceVolume[], string[]]>([
    [
      'a no-fire area across the flyout path, far from the intercept point',
      [nfa('school', [49.99, 22.09, 50.01, 22.11])],
      ['school:path'],
    ],
    ['one beside the path (2.2 km north of it)', [nfa('school', [50.02, 22.09, 50.03, 22.11])], []],
    [
      'one whose edge is 400 m from the intercept point',
      [nfa('hospital', around(900, 0, 1000, 1000))],
      ['hospital:intercept'],
    ],
    ['one whose edge is 700 m from it', [nfa('hospital', around(1200, 0, 1000, 1000))], []],
    [
      'one whose edge is exactly at the danger radius (touching meets)',
      [nfa('hospital', around(1000, 0, 1000, 1000))],
      ['hospital:intercept'],
    ],
    // The former check took a polygon as its enclosing circle about the corners' mean: this strip's
    // circle (10 km radius) covers the intercept point, the strip itself is 5 km north of it.
    [
      "a long thin strip 5 km north: its true distance, not an enclosing circle's",
      [nfa('strip', around(0, 5000, 20_000, 200))],
      [],
    ],
    [
      'a circular one over the intercept point',
      [disc('clinic', 'UKR', 'NO_FIRE_AREA', { lat: ip.lat, lon: ip.lon + east(300) }, 100)],
      ['clinic:intercept'],
    ],
    ['an ENDED one', [nfa('school', [49.99, 22.09, 50.01, 22.11], { state: 'ENDED' })], []],
    ['one not yet in force', [nfa('school', [49.99, 22.09, 50.01, 22.11], hours(1, 5))], []],
    [
      'a PROPOSED one (it already protects what it marks)',
      [nfa('school', [49.99, 22.09, 50.01, 22.11], { state: 'PROPOSED' })],
      ['school:path'],
    ],
    [
      'other kinds: sectors, ROZ, defended assets, engagement zones',
      (['SECTOR', 'ROZ', 'DEFENDED_ASSET', 'ENGAGEMENT_ZONE'] as const).map((k) =>
        box(k, 'UKR', k, [49.9, 21.9, 50.1, 22.3]),
      ),
      [],
    ],
  ])('%s', (_name, volumes, expected) => {
    expect(verdict(volumes)).toEqual(expected);
  });

  it('without an effector position only the intercept point is checked', () => {
    expect(verdict([nfa('school', [49.99, 22.09, 50.01, 22.11])], { ...E, effectorPosition: undefined })).toEqual([]);
  });

  it('measures the true distance from the intercept point to the outline', () => {
    const [c] = engagementClearances(E, [nfa('hospital', around(1200, 0, 1000, 1000))], []);
    expect(c!.fromInterceptM).toBeCloseTo(700, -1);
    expect(distanceToVolumeM(nfa('hospital', around(1200, 0, 1000, 1000)), ip)).toBeCloseTo(700, -1);
  });
});

describe('an engagement against transit corridors in force', () => {
  const across = [49.99, 22.09, 50.01, 22.11] as [number, number, number, number]; // the path is 45-55 % of the way there
  const climbing: EngagementGeometry = { ...E, interceptPoint: { ...ip, altM: 3000 } }; // climbs 0 -> 3000 m: 1350-1650 m over `across`
  it.each<[string, AirspaceVolume[], EngagementGeometry, string[]]>([
    ['the intercept point inside a corridor', [corridor('l31', around(0, 0, 4000, 2000))], E, ['l31:intercept']],
    [
      'a corridor 400 m above the intercept point',
      [corridor('l31', around(0, 0, 4000, 2000), { floorM: 700, ceilingM: 2000 })],
      E,
      ['l31:intercept'],
    ],
    [
      'a corridor 600 m above it, the path never that high',
      [corridor('l31', around(0, 0, 4000, 2000), { floorM: 900, ceilingM: 2000 })],
      E,
      [],
    ],
    [
      "the path climbing through a corridor's block",
      [corridor('l31', across, { floorM: 1000, ceilingM: 2000 })],
      climbing,
      ['l31:path'],
    ],
    ['the path below it there', [corridor('l31', across, { floorM: 2500, ceilingM: 2800 })], climbing, []],
    ['the path above it there', [corridor('l31', across, { floorM: 0, ceilingM: 1000 })], climbing, []],
    ['a corridor not in force at the intercept time', [corridor('l31', around(0, 0, 4000, 2000), hours(1, 3))], E, []],
    ['one in force then', [corridor('l31', around(0, 0, 4000, 2000), hours(-1, 1))], E, ['l31:intercept']],
    ['one that ends at that instant', [corridor('l31', around(0, 0, 4000, 2000), hours(-1, 0))], E, []],
    ['a PROPOSED corridor (not in force)', [corridor('l31', around(0, 0, 4000, 2000), { state: 'PROPOSED' })], E, []],
  ])('%s', (_name, volumes, e, expected) => {
    expect(verdict(volumes, e)).toEqual(expected);
  });

  it("the 3D distance from the intercept point to the corridor's volume", () => {
    const [c] = engagementClearances(
      { ...E, at: T0 + 0.5 * HOUR },
      [corridor('l31', around(3000, 0, 2000, 2000), { floorM: 700, ceilingM: 2000 })],
      [],
    );
    expect(c!.fromInterceptM).toBeCloseTo(Math.hypot(2000, 400), -1);
  });
});

describe('an engagement against friendly tracks', () => {
  it.each<[string, { id: string; lat: number; lon: number }, string[]]>([
    ['300 m from the intercept point', { id: 'heli', lat: ip.lat + north(300), lon: ip.lon }, ['heli:intercept']],
    ['800 m from it', { id: 'heli', lat: ip.lat + north(800), lon: ip.lon }, []],
    ['333 m from the middle of the path', { id: 'heli', lat: 50 + north(333), lon: 22.1 }, ['heli:path']],
    ['1.1 km from the path', { id: 'heli', lat: 50 + north(1100), lon: 22.1 }, []],
    ['behind the effector', { id: 'heli', lat: 50, lon: 22 - east(600) }, []],
  ])('%s', (_name, friendly, expected) => {
    expect(
      engagementConflicts(E, [], [friendly]).map(
        (c) => `${c.kind === 'FRIENDLY' ? c.friendly.id : ''}:${c.nearIntercept ? 'intercept' : 'path'}`,
      ),
    ).toEqual(expected);
  });
  it('gives the distances from the intercept point and from the path', () => {
    const f = { id: 'heli', lat: 50 + north(333), lon: 22.1 };
    const [c] = engagementClearances(E, [], [f]);
    expect(c).toMatchObject({ kind: 'FRIENDLY', onPath: true, nearIntercept: false, conflict: true });
    if (c!.kind !== 'FRIENDLY') throw new Error('a friendly');
    expect(c!.fromPathM).toBeCloseTo(333, -1);
    expect(c!.fromInterceptM).toBeCloseTo(distanceM(f, ip), 3);
  });
});
