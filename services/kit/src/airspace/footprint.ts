import type { Footprint } from '@tessera/schema';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { z } from 'zod';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { circle as turfCircle } from '@turf/circle';
import { lineString } from '@turf/helpers';
import { lineIntersect } from '@turf/line-intersect';
import { pointToLineDistance } from '@turf/point-to-line-distance';
import { pointToPolygonDistance } from '@turf/point-to-polygon-distance';
import type { LatLon } from '../geo.ts';

/**
 * The horizontal geometry of airspace volumes, one model for every rule that needs it (conflicts
 * between reservations, engagements against no-fire areas, corridors and friendlies):
 *
 * - An outline is a GeoJSON polygon whose edges are straight lines in longitude/latitude, as RFC
 *   7946, turf's clipping and `insidePolygon` treat them. Polygons with holes and multipolygons
 *   (`Area`) work throughout; the schema's footprint cannot carry holes yet, so `footprintArea`
 *   only makes simple polygons.
 * - A circle is the polygon of CIRCLE_SEGMENTS sides CIRCUMSCRIBED about it: its vertices lie at
 *   r / cos(π/N) from the centre (geodesic, @turf/circle), its edges touch the circle. So the
 *   polygon contains the circle, and its boundary lies at most r·(1/cos(π/N) - 1) outside it:
 *   with N = 64 that is 0.121 % of the radius (6.0 m for a 5 km circle, 12 m for 10 km), and the
 *   area is 0.080 % too large. Errors fall on the safe side: distances to a circle are short by
 *   at most that margin, never long. Whether a circle overlaps another circle or a polygon is
 *   decided on the circle itself (centre distance against the radius, overlap.ts), so circles that
 *   only touch do not conflict; the overlap's outline and area then come from the polygon.
 * - Distances are measured in a local plane about the point that matters (an equirectangular
 *   projection, in degrees of latitude: affine in longitude/latitude, so straight edges stay
 *   straight and inside/crossing answers are exact), where lengths are true near the origin and
 *   off by about 0.2 % 10 km from it at 50° N (more for far objects, which decide nothing).
 * - Not handled: outlines crossing the antimeridian or enclosing a pole.
 */

export type FootprintShape = z.infer<typeof Footprint>;
/** A horizontal area: a polygon (with holes) or several. Positions are [lon, lat]. */
export type Area = Polygon | MultiPolygon;

export const CIRCLE_SEGMENTS = 64;
/** How far, as a fraction of the radius, a circle's polygon reaches beyond the circle at most (0.00121 for 64 sides). */
export const CIRCLE_RADIAL_ERROR = 1 / Math.cos(Math.PI / CIRCLE_SEGMENTS) - 1;

/** A footprint as an area: its outline, or the circumscribed polygon of its circle. Null for an outline without area (fewer than 3 distinct corners). */
export function footprintArea(f: FootprintShape): Polygon | null {
  if (f.circle) {
    const { center, radiusM } = f.circle;
    return turfCircle([center.lon, center.lat], radiusM * (1 + CIRCLE_RADIAL_ERROR), {
      steps: CIRCLE_SEGMENTS,
      units: 'meters',
    }).geometry;
  }
  return polygonOf(f.outline ?? []);
}

/** A polygon from an outer ring and optional holes (open or closed rings of points); null when the outer ring has fewer than 3 distinct corners. */
export function polygonOf(outline: readonly LatLon[], holes: readonly (readonly LatLon[])[] = []): Polygon | null {
  const outer = ring(outline);
  if (!outer) return null;
  const inner = holes.map(ring).filter((r): r is Position[] => r !== null);
  return { type: 'Polygon', coordinates: [outer, ...inner] };
}

function ring(points: readonly LatLon[]): Position[] | null {
  const out: Position[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p.lon || last[1] !== p.lat) out.push([p.lon, p.lat]);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && out.length > 1 && first[0] === last[0] && first[1] === last[1]) out.pop();
  if (out.length < 3) return null;
  out.push([out[0]![0]!, out[0]![1]!]);
  return out;
}

/** The polygons of an area, each as its rings. */
export const polygonsOf = (a: Area): Position[][][] => (a.type === 'Polygon' ? [a.coordinates] : a.coordinates);

/** The area made of some polygons (each as its rings): a Polygon for one, a MultiPolygon for more, null for none. */
export function areaOfPolygons(polygons: Position[][][]): Area | null {
  if (polygons.length === 0) return null;
  return polygons.length === 1
    ? { type: 'Polygon', coordinates: polygons[0]! }
    : { type: 'MultiPolygon', coordinates: polygons };
}

/** [minLon, minLat, maxLon, maxLat] of an area. */
export function bboxOf(a: Area): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const poly of polygonsOf(a)) {
    for (const [x, y] of poly[0]!) {
      if (x! < minX) minX = x!;
      if (x! > maxX) maxX = x!;
      if (y! < minY) minY = y!;
      if (y! > maxY) maxY = y!;
    }
  }
  return [minX, minY, maxX, maxY];
}

/**
 * The local plane about `origin`: x east and y north, both in degrees of latitude (so turf's
 * planar functions, which measure degrees, give metres near the equator of this plane).
 */
export function localFrame(origin: LatLon): (p: Position) => Position {
  const k = Math.cos((origin.lat * Math.PI) / 180);
  return (p) => [(p[0]! - origin.lon) * k, p[1]! - origin.lat];
}

function areaIn(frame: (p: Position) => Position, a: Area): Area {
  return a.type === 'Polygon'
    ? { type: 'Polygon', coordinates: a.coordinates.map((r) => r.map(frame)) }
    : { type: 'MultiPolygon', coordinates: a.coordinates.map((poly) => poly.map((r) => r.map(frame))) };
}

/** Ground distance from a point to an area, metres: 0 inside it or on its edge (a hole is outside). */
export function distanceToAreaM(p: LatLon, a: Area): number {
  const local = areaIn(localFrame(p), a);
  return Math.max(0, pointToPolygonDistance([0, 0], local, { method: 'planar', units: 'meters' }));
}

/** Ground distance from a point to the straight path a → b, metres (measured in the plane about the point). */
export function distanceToPathM(p: LatLon, a: LatLon, b: LatLon): number {
  const frame = localFrame(p);
  return pointToLineDistance([0, 0], lineString([frame([a.lon, a.lat]), frame([b.lon, b.lat])]), {
    method: 'planar',
    units: 'meters',
  });
}

/** Whether a point lies in an area, its edge included (in a hole: no). */
export function areaContains(a: Area, p: LatLon): boolean {
  return booleanPointInPolygon([p.lon, p.lat], a);
}

/**
 * The parts of the straight path a → b that lie over an area (edges included), as intervals of
 * the fraction t of the way from a (0) to b (1), in order. Exact whatever the plane: t is kept by
 * any affine map of longitude/latitude.
 */
export function pathOverArea(a: LatLon, b: LatLon, area: Area): [number, number][] {
  const frame = localFrame(a);
  const local = areaIn(frame, area);
  const B = frame([b.lon, b.lat]);
  const inside = (t: number) => booleanPointInPolygon([B[0]! * t, B[1]! * t], local);
  const len2 = B[0]! * B[0]! + B[1]! * B[1]!;
  if (len2 === 0) return inside(0) ? [[0, 1]] : [];
  const crossings = lineIntersect(lineString([[0, 0], B]), local).features.map((f) => {
    const [x, y] = f.geometry.coordinates as [number, number];
    return Math.min(1, Math.max(0, (x * B[0]! + y * B[1]!) / len2));
  });
  const ts = [0, 1, ...crossings].sort((x, y) => x - y);
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < ts.length; i++) {
    const t0 = ts[i]!;
    const t1 = ts[i + 1]!;
    const over = t1 - t0 < 1e-12 ? inside(t0) : inside((t0 + t1) / 2);
    if (!over) continue;
    const prev = out[out.length - 1];
    if (prev && prev[1] >= t0) prev[1] = Math.max(prev[1], t1);
    else out.push([t0, t1]);
  }
  // A path that only touches the edge meets it there too.
  for (const t of crossings) if (!out.some(([t0, t1]) => t0 <= t && t <= t1)) out.push([t, t]);
  return out.sort((x, y) => x[0] - y[0]);
}
