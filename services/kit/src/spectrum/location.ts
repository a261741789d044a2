import type { SpectrumLocation } from '@tessera/schema';
import type { Polygon } from 'geojson';
import { lineIntersect } from '@turf/line-intersect';
import { distanceM, type LatLon } from '../geo.ts';
import { bboxOf, distanceToAreaM, footprintArea } from '../airspace/footprint.ts';

/**
 * Where an assignment is, made ready for repeated distance queries: a point, a circle (kept exact)
 * or a polygon (the airspace geometry: footprint.ts), with its bounding box.
 *
 * Distances are the shortest ground distance (DOMAIN.md): a system in an area may be anywhere in it.
 * Point to point: great circle (turf, haversine). Circle: centre distance minus radius, exact.
 * Point to polygon: footprint.ts `distanceToAreaM` (a local plane about the point: about 0.2 % off
 * 10 km away at 50° N, up to about 2 % 100 km away, i.e. 0.17 dB of FSPL). Polygon to polygon: 0
 * when they meet (a corner inside the other or edges crossing), else the least distance from a
 * corner of one to the other (two disjoint polygons are nearest at a corner of one of them).
 */
export interface PreparedLocation {
  kind: 'POINT' | 'CIRCLE' | 'POLYGON';
  /** The point, or the circle's centre. */
  point: LatLon;
  radiusM: number;
  polygon: Polygon | null;
  /** Corners of the polygon (open ring). */
  corners: LatLon[];
  /** [minLon, minLat, maxLon, maxLat]. */
  bbox: [number, number, number, number];
  antennaHeightM: number;
}

const M_PER_DEG_LAT = 111_195;

export function prepareLocation(loc: SpectrumLocation): PreparedLocation {
  if (loc.kind === 'POINT') {
    const p = loc.point;
    return {
      kind: 'POINT',
      point: p,
      radiusM: 0,
      polygon: null,
      corners: [],
      bbox: [p.lon, p.lat, p.lon, p.lat],
      antennaHeightM: loc.antennaHeightM,
    };
  }
  const area = loc.area;
  if (area.circle) {
    const { center, radiusM } = area.circle;
    const dLat = radiusM / M_PER_DEG_LAT;
    const dLon = dLat / Math.max(0.01, Math.cos((Math.min(89, Math.abs(center.lat) + dLat) * Math.PI) / 180));
    return {
      kind: 'CIRCLE',
      point: center,
      radiusM,
      polygon: null,
      corners: [],
      bbox: [center.lon - dLon, center.lat - dLat, center.lon + dLon, center.lat + dLat],
      antennaHeightM: loc.antennaHeightM,
    };
  }
  const polygon = footprintArea(area);
  if (!polygon) throw new Error('an area location needs an outline of at least 3 distinct corners');
  const ring = polygon.coordinates[0]!;
  const corners = ring.slice(0, -1).map(([lon, lat]) => ({ lat: lat!, lon: lon! }));
  return {
    kind: 'POLYGON',
    point: corners[0]!,
    radiusM: 0,
    polygon,
    corners,
    bbox: bboxOf(polygon),
    antennaHeightM: loc.antennaHeightM,
  };
}

/** Distance from a point to a prepared location, metres (0 inside an area). */
function pointToM(p: LatLon, l: PreparedLocation): number {
  if (l.kind === 'POLYGON') return distanceToAreaM(p, l.polygon!);
  return Math.max(0, distanceM(p, l.point) - l.radiusM);
}

/** Shortest ground distance between two locations, km (0 when they meet). Symmetric. */
export function locationDistanceKm(a: PreparedLocation, b: PreparedLocation): number {
  if (a.kind !== 'POLYGON') return Math.max(0, pointToM(a.point, b) - a.radiusM) / 1000;
  if (b.kind !== 'POLYGON') return Math.max(0, pointToM(b.point, a) - b.radiusM) / 1000;
  let best = Infinity;
  for (const c of a.corners) best = Math.min(best, distanceToAreaM(c, b.polygon!));
  for (const c of b.corners) best = Math.min(best, distanceToAreaM(c, a.polygon!));
  if (best > 0 && lineIntersect(a.polygon!, b.polygon!).features.length > 0) return 0;
  return best / 1000;
}

/**
 * A lower bound of the distance between two locations from their bounding boxes, km (cheap; never
 * more than the true distance, up to rounding): the latitude gap, or the longitude gap at the
 * highest latitude either box reaches, whichever is larger.
 */
export function boxGapKm(a: PreparedLocation, b: PreparedLocation): number {
  const latGap = Math.max(0, a.bbox[1] - b.bbox[3], b.bbox[1] - a.bbox[3]);
  const lonGap = Math.max(0, a.bbox[0] - b.bbox[2], b.bbox[0] - a.bbox[2]);
  const maxLat = Math.max(Math.abs(a.bbox[1]), Math.abs(a.bbox[3]), Math.abs(b.bbox[1]), Math.abs(b.bbox[3]));
  const lonKm = lonGap * M_PER_DEG_LAT * Math.cos((Math.min(90, maxLat) * Math.PI) / 180);
  // 5 % below: a great circle cuts the corner of a parallel (0.3 % for 20° of longitude at 50° N),
  // and distances to polygons are measured in a local plane (up to about 2 % 100 km out).
  return (Math.max(latGap * M_PER_DEG_LAT, lonKm) / 1000) * 0.95;
}
