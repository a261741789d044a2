import { reservationState, type AirspaceVolume, type ConflictRegion } from '@tessera/schema';
import type { Polygon, Position } from 'geojson';
import { area as turfArea } from '@turf/area';
import { bboxClip } from '@turf/bbox-clip';
import { distanceM, type LatLon } from '../geo.ts';
import { clipIntersection } from './clip.ts';
import { areaOfPolygons, bboxOf, distanceToAreaM, footprintArea, polygonsOf, type Area } from './footprint.ts';

/**
 * The 4D overlap of two volumes (DOMAIN.md, "Airspace"): positive size in area, in altitude and in
 * time, all three. Volumes that only touch at an edge, a boundary altitude or a boundary instant do
 * not overlap. Time windows are half-open [validFrom, validTo), an absent bound is unbounded.
 */

/** An instant: epoch milliseconds, an ISO timestamp or a Date. */
export type Instant = number | string | Date;
export const msOf = (t: Instant): number =>
  typeof t === 'number' ? t : typeof t === 'string' ? Date.parse(t) : t.getTime();

/** Below this many square metres an overlap of areas is a touch, not an overlap (rounding at shared edges). */
export const AREA_EPSILON_M2 = 1;
/** Circles whose boundaries come within this of each other (or of a polygon) only touch: rounding of a computed distance. */
export const TOUCH_TOLERANCE_M = 0.001;
/** ConflictRegion.outline holds at most this many points. */
export const MAX_OUTLINE_POINTS = 512;

/** A 4D volume: an area (holes allowed), an altitude block and a time window. */
export interface Volume4D {
  area: Area | null;
  floorM: number;
  ceilingM: number;
  validFrom?: string | undefined;
  validTo?: string | undefined;
  /** When the area is a circle's polygon: the circle (compared exactly with other circles and polygons). */
  circle?: { center: LatLon; radiusM: number } | undefined;
}

/** [minLon, minLat, maxLon, maxLat]. */
type Box = [number, number, number, number];

/** A volume made ready for repeated comparisons: its area, bounding box, size and time window in ms. */
export interface PreparedVolume extends Volume4D {
  bbox: Box;
  areaM2: number;
  fromMs: number;
  toMs: number;
}

export function prepare(v: Volume4D): PreparedVolume {
  return withWindow(v, v.area ? { area: v.area, bbox: bboxOf(v.area), areaM2: turfArea(v.area) } : NO_AREA);
}

type Geometry = Pick<PreparedVolume, 'area' | 'bbox' | 'areaM2'>;
const NO_AREA: Geometry = { area: null, bbox: [Infinity, Infinity, -Infinity, -Infinity], areaM2: 0 };

function withWindow(v: Volume4D, g: Geometry): PreparedVolume {
  return {
    ...v,
    ...g,
    fromMs: v.validFrom === undefined ? -Infinity : Date.parse(v.validFrom),
    toMs: v.validTo === undefined ? Infinity : Date.parse(v.validTo),
  };
}

/** Footprint geometry by the footprint's own object (outline array or circle), so copies of a volume share it: treat footprints as values. */
const geometries = new WeakMap<object, Geometry>();

/** An airspace volume as a prepared 4D volume (its footprint's geometry computed once per footprint object). */
export function prepareVolume(v: AirspaceVolume): PreparedVolume {
  const key: object | undefined = v.circle ?? v.outline;
  let g = key && geometries.get(key);
  if (!g) {
    const area = footprintArea(v);
    g = area ? { area, bbox: bboxOf(area), areaM2: turfArea(area) } : NO_AREA;
    if (key) geometries.set(key, g);
  }
  return withWindow(
    {
      area: g.area,
      floorM: v.floorM,
      ceilingM: v.ceilingM,
      validFrom: v.validFrom,
      validTo: v.validTo,
      circle: v.circle,
    },
    g,
  );
}

/** The overlap of two volumes as the engine computes it: the region, the whole overlapping area, and how much of each volume it takes. */
export interface OverlapDetail {
  region: ConflictRegion;
  /** Every piece of the overlap, holes included (region.outline is its largest piece's outer ring). */
  area: Area;
  /** Of each volume (a, b): the fraction of its area times the fraction of its altitude block that the overlap takes, 0..1. */
  shares: [number, number];
}

/** The 4D overlap of two airspace volumes (outline or circle), or null when they do not overlap with positive size in all three. */
export function overlapOf(a: AirspaceVolume, b: AirspaceVolume): ConflictRegion | null {
  return overlapDetail(prepareVolume(a), prepareVolume(b))?.region ?? null;
}

/** The 4D overlap of two volumes given as areas (holes and multipolygons allowed), or null. */
export function overlap4D(a: Volume4D, b: Volume4D): ConflictRegion | null {
  return overlapDetail(prepare(a), prepare(b))?.region ?? null;
}

/** Cheap tests first (altitude, time, boxes, circles), polygon clipping last. `atMs`: the present; an overlap that ends by then is past. */
export function overlapDetail(a: PreparedVolume, b: PreparedVolume, atMs?: number): OverlapDetail | null {
  const floorM = Math.max(a.floorM, b.floorM);
  const ceilingM = Math.min(a.ceilingM, b.ceilingM);
  if (!(ceilingM > floorM)) return null;
  const fromMs = Math.max(a.fromMs, b.fromMs);
  const toMs = Math.min(a.toMs, b.toMs);
  if (!(toMs > fromMs) || (atMs !== undefined && !(toMs > atMs))) return null;
  if (!a.area || !b.area || !boxesOverlap(a.bbox, b.bbox)) return null;
  if (certainlyApart(a, b)) return null;
  const area = intersection(a.area, a.bbox, b.area, b.bbox);
  if (!area) return null;
  const areaM2 = turfArea(area);
  if (!(areaM2 > AREA_EPSILON_M2)) return null;
  const altitude = ceilingM - floorM;
  const share = (v: PreparedVolume) => Math.min(1, areaM2 / v.areaM2) * Math.min(1, altitude / (v.ceilingM - v.floorM));
  return {
    region: {
      outline: outlineOf(area),
      floorM,
      ceilingM,
      from: fromMs === a.fromMs ? (a.validFrom ?? null) : (b.validFrom ?? null),
      to: toMs === a.toMs ? (a.validTo ?? null) : (b.validTo ?? null),
      areaKm2: areaM2 / 1e6,
    },
    area,
    shares: [share(a), share(b)],
  };
}

export const boxesOverlap = (a: readonly number[], b: readonly number[]): boolean =>
  a[0]! <= b[2]! && b[0]! <= a[2]! && a[1]! <= b[3]! && b[1]! <= a[3]!;

/**
 * Circles compared exactly: two circles overlap only when their centres are closer than the sum of
 * their radii; a circle and a polygon only when the centre is closer to the polygon than the radius.
 * This keeps circles that only touch from overlapping through their (slightly larger) polygons.
 */
function certainlyApart(a: PreparedVolume, b: PreparedVolume): boolean {
  if (a.circle && b.circle)
    return distanceM(a.circle.center, b.circle.center) >= a.circle.radiusM + b.circle.radiusM - TOUCH_TOLERANCE_M;
  const [c, other] = a.circle ? [a.circle, b] : b.circle ? [b.circle, a] : [null, null];
  if (!c || !other?.area || other.circle) return false;
  return distanceToAreaM(c.center, other.area) >= c.radiusM - TOUCH_TOLERANCE_M;
}

/**
 * The clipped overlap of two areas (clip.ts: polygon-clipping, and @turf/intersect where that
 * throws). Both are first cut to the overlap of their bounding boxes (@turf/bbox-clip, which holds
 * all of the overlap): the clipping then sees only the few vertices near the overlap, not a whole
 * corridor or circle. Should both clippers ever fail on a malformed outline, the overlap of the two
 * bounding boxes stands in for it: a doubtful pair is reported, not silently dropped.
 */
function intersection(a: Area, [ax0, ay0, ax1, ay1]: Box, b: Area, [bx0, by0, bx1, by1]: Box): Area | null {
  const box: Box = [Math.max(ax0, bx0), Math.max(ay0, by0), Math.min(ax1, bx1), Math.min(ay1, by1)];
  try {
    const ca = cutTo(a, box);
    const cb = cutTo(b, box);
    if (!ca || !cb) return null;
    return clipIntersection(ca, cb);
  } catch {
    const [x0, y0, x1, y1] = box;
    return {
      type: 'Polygon',
      coordinates: [
        [
          [x0, y0],
          [x1, y0],
          [x1, y1],
          [x0, y1],
          [x0, y0],
        ],
      ],
    };
  }
}

/** The part of an area within a box; null when nothing is left. */
function cutTo(a: Area, box: Box): Area | null {
  return areaOfPolygons(
    polygonsOf(a)
      .map((rings) => bboxClip({ type: 'Polygon', coordinates: rings }, box).geometry.coordinates as Position[][])
      .filter((rings) => rings.length > 0),
  );
}

/** The outer ring of the overlap's largest piece, open, thinned to at most MAX_OUTLINE_POINTS points. */
function outlineOf(area: Area): LatLon[] {
  let best: Position[] = [];
  let bestM2 = -1;
  for (const rings of polygonsOf(area)) {
    const m2 = turfArea({ type: 'Polygon', coordinates: rings } satisfies Polygon);
    if (m2 > bestM2) {
      bestM2 = m2;
      best = rings[0]!;
    }
  }
  const open = best.slice(0, -1);
  const step = Math.ceil(open.length / MAX_OUTLINE_POINTS);
  return open.filter((_, i) => i % step === 0).map(([lon, lat]) => ({ lat: lat!, lon: lon! }));
}

/** Whether a volume counts at all: an ENDED reservation is kept for the record only. */
export const isLive = (v: Pick<AirspaceVolume, 'state'>): boolean => reservationState(v) !== 'ENDED';

/** Whether a volume is in force at an instant: ACTIVE (or without state) and within its time window. */
export function inForceAt(v: Pick<AirspaceVolume, 'state' | 'validFrom' | 'validTo'>, at: Instant): boolean {
  return reservationState(v) === 'ACTIVE' && withinWindow(v, msOf(at));
}

/** Whether an instant lies in a volume's window [validFrom, validTo). */
export function withinWindow(v: Pick<AirspaceVolume, 'validFrom' | 'validTo'>, ms: number): boolean {
  return (
    (v.validFrom === undefined || Date.parse(v.validFrom) <= ms) &&
    (v.validTo === undefined || ms < Date.parse(v.validTo))
  );
}
