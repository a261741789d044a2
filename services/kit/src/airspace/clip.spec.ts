import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Polygon, Position } from 'geojson';
import { area as turfArea } from '@turf/area';
import { clipCounts, clipIntersection, fastIntersection, robustIntersection } from './clip.ts';
import { footprintArea, polygonsOf, type Area } from './footprint.ts';
import { overlap4D } from './overlap.ts';

/**
 * The fast clipper (polygon-clipping, floating point) against the robust one (@turf/intersect,
 * polyclip-ts), and the fallback from one to the other. Shapes are simple polygons near 50 N 22 E:
 * boxes on a 0.01° grid, circles' 64-gons and stars; the second of a pair is often the first moved
 * by a step of the grid or by any amount, so shared and nearly collinear edges come up often.
 */

const GRID = 0.01;
const at = (i: number) => fc.integer({ min: 0, max: 12 }).map((k) => i + k * GRID);

const boxes = fc
  .record({ west: at(22), south: at(50), cols: fc.integer({ min: 1, max: 10 }), rows: fc.integer({ min: 1, max: 10 }) })
  .map(({ west, south, cols, rows }): Polygon => {
    const [east, north] = [west + cols * GRID, south + rows * GRID];
    const ring = [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ];
    return { type: 'Polygon', coordinates: [ring] };
  });
const circles = fc
  .record({ lon: at(22), lat: at(50), radiusM: fc.integer({ min: 300, max: 8_000 }) })
  .map(({ lon, lat, radiusM }) => footprintArea({ circle: { center: { lat, lon }, radiusM } })!);
/** A star about a grid point: corners at increasing angles, so the outline never crosses itself. */
const stars = fc
  .record({
    lon: at(22),
    lat: at(50),
    corners: fc.array(
      fc.record({
        turn: fc.double({ min: 0, max: 0.8, noNaN: true }),
        r: fc.double({ min: 0.005, max: 0.06, noNaN: true }),
      }),
      { minLength: 3, maxLength: 12 },
    ),
  })
  .map(({ lon, lat, corners }): Polygon => {
    const ring = corners.map(({ turn, r }, i): Position => {
      const a = ((i + turn) / corners.length) * 2 * Math.PI;
      return [lon + 1.5 * r * Math.cos(a), lat + r * Math.sin(a)];
    });
    return { type: 'Polygon', coordinates: [[...ring, ring[0]!]] };
  });
const shape = fc.oneof(boxes, circles, stars);

const moved = (a: Area, dLon: number, dLat: number): Area => ({
  type: 'MultiPolygon',
  coordinates: polygonsOf(a).map((rings) => rings.map((r) => r.map(([x, y]) => [x! + dLon, y! + dLat]))),
});
const step = fc.integer({ min: -3, max: 3 }).map((k) => k * GRID);
const nudge = fc.double({ min: -0.05, max: 0.05, noNaN: true });
const pair = fc.oneof(
  fc.tuple(shape, shape),
  fc.tuple(shape, step, step).map(([a, dx, dy]) => [a, moved(a, dx, dy)] as const),
  fc.tuple(shape, nudge, nudge).map(([a, dx, dy]) => [a, moved(a, dx, dy)] as const),
);

/** Area in a plane (degrees², shoelace about 50 N 22 E): changes with no vertex that lies on a straight edge. */
function planarArea(a: Area | null): number {
  let sum = 0;
  for (const rings of a ? polygonsOf(a) : [])
    for (const r of rings)
      for (let i = 0; i + 1 < r.length; i++)
        sum += ((r[i]![0]! - 22) * (r[i + 1]![1]! - 50) - (r[i + 1]![0]! - 22) * (r[i]![1]! - 50)) / 2;
  return Math.abs(sum);
}

describe('the fast clipper and the robust clipper', () => {
  it('agree on the area of the overlap of random pairs', () => {
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const robust = robustIntersection(a, b);
        let fast: Area | null;
        try {
          fast = fastIntersection(a, b);
        } catch {
          // polygon-clipping gave up: the engine's clipping falls back to the robust one.
          expect(planarArea(clipIntersection(a, b))).toBe(planarArea(robust));
          return;
        }
        // In the plane: the same up to rounding (1e-12 deg² is about 0.01 m²).
        expect(Math.abs(planarArea(fast) - planarArea(robust))).toBeLessThanOrEqual(1e-9 * planarArea(robust) + 1e-12);
        // In m² as the engine reports them (@turf/area): the clippers may keep or drop a corner that
        // lies on a straight edge in decimal but not quite in binary (22.08, 22.06, 22.04), which
        // @turf/area's formula per edge counts (up to ~1e-4 of the area, far less than a circle's 64-gon).
        const [fm2, rm2] = [fast ? turfArea(fast) : 0, robust ? turfArea(robust) : 0];
        expect(Math.abs(fm2 - rm2)).toBeLessThanOrEqual(1e-3 * rm2 + 1);
      }),
      { numRuns: 400 },
    );
  });
});

describe('where polygon-clipping throws, the robust clipper takes over', () => {
  // A 10-corner reservation and the same outline 0.004° (445 m) further north, with one side along
  // 22.04 E whose corners are off it by a few ulps (22.03999999999998): polygon-clipping 0.15.7
  // throws "Unable to complete output ring", even after the engine cuts both to their common box.
  const ring: Position[] = [
    [22.114936603618997, 50.07830786250571],
    [22.126367842757478, 50.11716606384673],
    [22.080000000000048, 50.07999999999999],
    [22.03999999999998, 50.10999999999996],
    [22.04, 50.09],
    [22.04, 50.06],
    [22.062102953793026, 50.06108130042789],
    [22.09, 50.02],
    [22.100565309465896, 50.039464825078575],
    [22.13012804211023, 50.04899976294309],
    [22.114936603618997, 50.07830786250571],
  ];
  const north: Position[] = [
    [22.114936603618997, 50.08229937156887],
    [22.126367842757478, 50.121157572909894],
    [22.080000000000048, 50.083991509063154],
    [22.03999999999998, 50.11399150906312],
    [22.04, 50.093991509063166],
    [22.04, 50.063991509063165],
    [22.062102953793026, 50.06507280949105],
    [22.09, 50.023991509063165],
    [22.100565309465896, 50.04345633414174],
    [22.13012804211023, 50.05299127200625],
    [22.114936603618997, 50.08229937156887],
  ];
  const a: Polygon = { type: 'Polygon', coordinates: [ring] };
  const b: Polygon = { type: 'Polygon', coordinates: [north] };

  it('polygon-clipping throws on the pair', () => {
    expect(() => fastIntersection(a, b)).toThrow(/Unable to complete output ring/);
  });

  it('the engine reports the overlap the robust clipper computes, and counts the fallback', () => {
    const before = clipCounts();
    const region = overlap4D({ area: a, floorM: 0, ceilingM: 1000 }, { area: b, floorM: 500, ceilingM: 1500 });
    const after = clipCounts();
    expect(after.robust).toBe(before.robust + 1);
    expect(after.fast).toBe(before.fast);
    const robust = robustIntersection(a, b);
    expect(region?.areaKm2).toBeCloseTo(turfArea(robust!) / 1e6, 9);
    expect(region?.areaKm2).toBeCloseTo(29.6216, 3);
    expect(region).toMatchObject({ floorM: 500, ceilingM: 1000 });
  });

  it('a polygon with a hole against a box 1 ulp off its edge (polygon-clipping issue #139)', () => {
    const holed: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 56],
          [4, 56],
          [4, 60],
          [0, 60],
          [0, 56],
        ],
        [
          [0.5, 56.4],
          [0.5, 56.6],
          [1.5, 56.6],
          [1.5, 56.4],
          [0.5, 56.4],
        ],
      ],
    };
    const clip: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [2.3000000000000003, 55.6],
          [0.7000000000000001, 55.6],
          [0.6999999999999998, 56.4],
          [2.3, 56.4],
          [2.3000000000000003, 55.6],
        ],
      ],
    };
    expect(() => fastIntersection(holed, clip)).toThrow();
    const before = clipCounts().robust;
    const overlap = clipIntersection(holed, clip);
    expect(clipCounts().robust).toBe(before + 1);
    // 1.6° x 0.4° from 56 N: the box's part above 56 N (the hole lies north of it).
    expect(planarArea(overlap)).toBeCloseTo(1.6 * 0.4, 12);
    expect(overlap).toEqual(robustIntersection(holed, clip));
  });
});
