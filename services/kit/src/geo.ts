import turfBearing from '@turf/bearing';
import turfBooleanPointInPolygon from '@turf/boolean-point-in-polygon';
import turfDestination from '@turf/destination';
import turfDistance from '@turf/distance';
import { point, polygon } from '@turf/helpers';

export interface LatLon {
  lat: number;
  lon: number;
}

/** Where an object is and how it moves: position, altitude (m), ground speed (m/s), course (degrees), climb (m/s). */
export interface KinematicState extends LatLon {
  altM: number;
  speedMps: number;
  courseDeg: number;
  climbMps: number;
}

/** Great-circle ground distance, metres. */
export function distanceM(a: LatLon, b: LatLon): number {
  return turfDistance(point([a.lon, a.lat]), point([b.lon, b.lat]), { units: 'meters' });
}

/** Initial great-circle bearing from a to b, degrees in [0, 360). */
export function bearingDeg(a: LatLon, b: LatLon): number {
  return normalizeDeg(turfBearing(point([a.lon, a.lat]), point([b.lon, b.lat])));
}

/** The point `meters` from `from` along `bearing`. */
export function destination(from: LatLon, meters: number, bearing: number): LatLon {
  const [lon, lat] = turfDestination(point([from.lon, from.lat]), meters, bearing, { units: 'meters' }).geometry
    .coordinates as [number, number];
  return { lat, lon: normalizeLon(lon) };
}

/** Whether `p` lies inside (or on the edge of) the polygon given by its outline (open or closed ring). */
export function insidePolygon(p: LatLon, outline: readonly LatLon[]): boolean {
  if (outline.length < 3) return false;
  const ring = outline.map((v) => [v.lon, v.lat]);
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) ring.push(first);
  return turfBooleanPointInPolygon(point([p.lon, p.lat]), polygon([ring]));
}

/** Shift by metres east and north (small offsets). */
export function offset(p: LatLon, eastM: number, northM: number): LatLon {
  const d = Math.hypot(eastM, northM);
  if (d === 0) return { lat: p.lat, lon: p.lon };
  return destination(p, d, normalizeDeg((Math.atan2(eastM, northM) * 180) / Math.PI));
}

export function normalizeDeg(deg: number): number {
  const d = deg % 360;
  const n = d < 0 ? d + 360 : d;
  return n >= 360 ? 0 : n;
}

function normalizeLon(lon: number): number {
  return ((((lon + 180) % 360) + 360) % 360) - 180;
}

/**
 * Radio horizon under the 4/3-earth model: two antennas at heights h1, h2 (m above ground) see each
 * other up to 4.12·(√h1 + √h2) km.
 */
export function radioHorizonKm(h1M: number, h2M: number): number {
  return 4.12 * (Math.sqrt(Math.max(h1M, 0)) + Math.sqrt(Math.max(h2M, 0)));
}
