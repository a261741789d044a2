import { describe, expect, it } from 'vitest';
import { ConflictRegion, type AirspaceVolume } from '@tessera/schema';
import { destination } from '../geo.ts';
import { CIRCLE_RADIAL_ERROR, CIRCLE_SEGMENTS, distanceToAreaM, footprintArea, polygonOf } from './footprint.ts';
import { overlap4D, overlapOf } from './overlap.ts';
import { box, disc, hours, iso, M_PER_DEG, outline, T0, HOUR } from './test-volumes.ts';

const cosd = (deg: number) => Math.cos((deg * Math.PI) / 180);
/** Metres east of a point at latitude `lat`, in degrees of longitude. */
const lonDeg = (m: number, lat: number) => m / (M_PER_DEG * cosd(lat));

/** Two boxes 0.1° square over 50 N 22 E that share the box [50.05, 22.05, 50.1, 22.1]: 19.84 km². */
const A = box('pol-roz-a', 'POL', 'ROZ', [50.0, 22.0, 50.1, 22.1]);
const B = box('ukr-cor-b', 'UKR', 'TRANSIT_CORRIDOR', [50.05, 22.05, 50.15, 22.15]);
const SHARED_KM2 = (0.05 * M_PER_DEG * 0.05 * M_PER_DEG * cosd(50.075)) / 1e6;

describe('the 4D overlap of two volumes: positive size in area, altitude and time, or none', () => {
  const cases: [string, AirspaceVolume, AirspaceVolume, Partial<ConflictRegion> | null][] = [
    ['overlap in all three', A, B, { floorM: 0, ceilingM: 3000, from: null, to: null }],
    [
      'the same area, altitude blocks apart',
      { ...A, floorM: 0, ceilingM: 1000 },
      { ...B, floorM: 2000, ceilingM: 3000 },
      null,
    ],
    [
      'altitude blocks that overlap: the shared band',
      { ...A, floorM: 0, ceilingM: 2000 },
      { ...B, floorM: 1500, ceilingM: 4000 },
      { floorM: 1500, ceilingM: 2000 },
    ],
    [
      'touching altitudes (ceiling = floor)',
      { ...A, floorM: 0, ceilingM: 1500 },
      { ...B, floorM: 1500, ceilingM: 3000 },
      null,
    ],
    [
      'time windows that overlap: the shared window',
      { ...A, ...hours(0, 4) },
      { ...B, ...hours(2, 6) },
      { from: iso(T0 + 2 * HOUR), to: iso(T0 + 4 * HOUR) },
    ],
    ['time windows apart', { ...A, ...hours(0, 2) }, { ...B, ...hours(3, 6) }, null],
    ['touching instants (one ends as the other starts)', { ...A, ...hours(0, 2) }, { ...B, ...hours(2, 6) }, null],
    [
      'an unbounded window against a bounded one',
      A,
      { ...B, ...hours(1, 3) },
      { from: iso(T0 + HOUR), to: iso(T0 + 3 * HOUR) },
    ],
    [
      'open-ended on one side each',
      { ...A, ...hours(null, 5) },
      { ...B, ...hours(1, null) },
      { from: iso(T0 + HOUR), to: iso(T0 + 5 * HOUR) },
    ],
    [
      'touching edges (a shared side)',
      box('a', 'POL', 'ROZ', [50.0, 22.0, 50.1, 22.1]),
      box('b', 'UKR', 'ROZ', [50.0, 22.1, 50.1, 22.2]),
      null,
    ],
    [
      'touching corners',
      box('a', 'POL', 'ROZ', [50.0, 22.0, 50.1, 22.1]),
      box('b', 'UKR', 'ROZ', [50.1, 22.1, 50.2, 22.2]),
      null,
    ],
    ['apart', box('a', 'POL', 'ROZ', [50.0, 22.0, 50.1, 22.1]), box('b', 'UKR', 'ROZ', [50.0, 22.2, 50.1, 22.3]), null],
    [
      'an outline without area (collinear corners)',
      outline('a', 'POL', 'ROZ', [
        [50.0, 22.0],
        [50.05, 22.05],
        [50.1, 22.1],
      ]),
      B,
      null,
    ],
  ];
  it.each(cases)('%s', (_name, a, b, expected) => {
    const region = overlapOf(a, b);
    if (expected === null) return expect(region).toBeNull();
    expect(region).toMatchObject(expected);
    expect(ConflictRegion.safeParse(region).success).toBe(true);
  });

  it('gives the outline and size of the shared area', () => {
    const region = overlapOf(A, B)!;
    expect(region.areaKm2).toBeCloseTo(SHARED_KM2, 1);
    expect(region.outline).toHaveLength(4);
    for (const corner of [
      { lat: 50.05, lon: 22.05 },
      { lat: 50.05, lon: 22.1 },
      { lat: 50.1, lon: 22.1 },
      { lat: 50.1, lon: 22.05 },
    ]) {
      expect(region.outline).toContainEqual(corner);
    }
  });

  it("a circle over a polygon: the half circle on the polygon's side, within the polygon approximation's bound", () => {
    const circle = disc('pol-roz-c', 'POL', 'ROZ', { lat: 50, lon: 22.5 }, 5000);
    const halfPlane = box('ukr-cor', 'UKR', 'TRANSIT_CORRIDOR', [49.9, 22.5, 50.1, 22.7]); // its west edge runs through the centre
    const half = (Math.PI * 5000 ** 2) / 2 / 1e6;
    const region = overlapOf(circle, halfPlane)!;
    expect(region.areaKm2).toBeGreaterThan(half * 0.999);
    expect(region.areaKm2).toBeLessThan(half * (1 + 2 * CIRCLE_RADIAL_ERROR));
    expect(region.outline.length).toBeGreaterThan(CIRCLE_SEGMENTS / 2);
  });

  it('two circles: their lens; touching circles do not overlap', () => {
    const c = { lat: 50, lon: 22.5 };
    const a = disc('a', 'POL', 'ROZ', c, 5000);
    const lens = 2 * 5000 ** 2 * Math.acos(0.5) - 2500 * Math.sqrt(4 * 5000 ** 2 - 5000 ** 2); // centres 5 km apart
    const region = overlapOf(a, disc('b', 'UKR', 'ROZ', destination(c, 5000, 90), 5000))!;
    expect(region.areaKm2 / (lens / 1e6)).toBeGreaterThan(0.999);
    expect(region.areaKm2 / (lens / 1e6)).toBeLessThan(1.005);
    expect(overlapOf(a, disc('b', 'UKR', 'ROZ', destination(c, 10_000, 90), 5000))).toBeNull();
    expect(overlapOf(a, disc('b', 'UKR', 'ROZ', destination(c, 10_000, 37), 5000))).toBeNull();
    expect(overlapOf(a, disc('b', 'UKR', 'ROZ', destination(c, 9_990, 37), 5000))).not.toBeNull();
  });

  it("a circle touching a polygon's edge does not overlap it; 10 m closer it does", () => {
    const edge = 22.5;
    const square = box('ukr', 'UKR', 'TRANSIT_CORRIDOR', [49.9, edge, 50.1, 22.7]);
    expect(overlapOf(disc('pol', 'POL', 'ROZ', { lat: 50, lon: edge - lonDeg(5000, 50) }, 5000), square)).toBeNull();
    expect(
      overlapOf(disc('pol', 'POL', 'ROZ', { lat: 50, lon: edge - lonDeg(4990, 50) }, 5000), square)?.areaKm2,
    ).toBeGreaterThan(0);
  });

  it('is the same whichever side is first', () => {
    const ab = overlapOf(A, B)!;
    const ba = overlapOf(B, A)!;
    expect(ba.areaKm2).toBeCloseTo(ab.areaKm2, 9);
    expect({ ...ba, outline: [], areaKm2: 0 }).toEqual({ ...ab, outline: [], areaKm2: 0 });
  });
});

describe('polygons with holes (the footprint cannot carry holes yet: 4D volumes over GeoJSON areas can)', () => {
  const ring = (s: number, w: number, n: number, e: number) => [
    { lat: s, lon: w },
    { lat: s, lon: e },
    { lat: n, lon: e },
    { lat: n, lon: w },
  ];
  const holed = {
    area: polygonOf(ring(50.0, 22.0, 50.3, 22.3), [ring(50.1, 22.1, 50.2, 22.2)]),
    floorM: 0,
    ceilingM: 3000,
  };
  const inTheHole = { area: polygonOf(ring(50.12, 22.12, 50.18, 22.18)), floorM: 0, ceilingM: 3000 };
  const overTheHole = { area: polygonOf(ring(50.05, 22.05, 50.25, 22.25)), floorM: 0, ceilingM: 3000 };
  const km2 = (s: number, w: number, n: number, e: number) =>
    ((n - s) * M_PER_DEG * (e - w) * M_PER_DEG * cosd((s + n) / 2)) / 1e6;

  it('a volume inside the hole does not overlap', () => {
    expect(overlap4D(holed, inTheHole)).toBeNull();
  });
  it('a volume over the hole overlaps the ring around it only', () => {
    const region = overlap4D(holed, overTheHole)!;
    expect(region.areaKm2).toBeCloseTo(km2(50.05, 22.05, 50.25, 22.25) - km2(50.1, 22.1, 50.2, 22.2), 0);
    expect(region.outline).toHaveLength(4); // the outer ring; the hole is in the engine's full overlap (OverlapDetail.area)
  });
  it('distances treat the hole as outside', () => {
    expect(distanceToAreaM({ lat: 50.15, lon: 22.15 }, holed.area!)).toBeCloseTo(0.05 * M_PER_DEG * cosd(50.15), -1);
    expect(distanceToAreaM({ lat: 50.05, lon: 22.05 }, holed.area!)).toBe(0);
  });
});

describe('circles become circumscribed polygons', () => {
  it(`of ${CIRCLE_SEGMENTS} sides, never inside the circle, at most ${(CIRCLE_RADIAL_ERROR * 100).toFixed(3)} % of the radius outside it`, () => {
    const center = { lat: 50, lon: 22.5 };
    const poly = footprintArea({ circle: { center, radiusM: 10_000 } })!;
    expect(poly.coordinates[0]).toHaveLength(CIRCLE_SEGMENTS + 1);
    // From the centre, every direction: the polygon's edge lies between r and r·(1 + error).
    for (let bearing = 0; bearing < 360; bearing += 0.7) {
      const inside = destination(center, 10_000 * 0.99999, bearing);
      const outside = destination(center, 10_000 * (1 + CIRCLE_RADIAL_ERROR) * 1.0001, bearing);
      expect(distanceToAreaM(inside, poly)).toBe(0);
      expect(distanceToAreaM(outside, poly)).toBeGreaterThan(0);
    }
    expect(CIRCLE_RADIAL_ERROR).toBeCloseTo(0.001206, 6);
  });
});
