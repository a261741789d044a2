import type { PredictedImpact, PredictedPoint, Prediction, Threat, TrackKind } from '@tessera/schema';
import { destination, type KinematicState } from '@tessera/service-kit/geo';

/**
 * Trajectory and impact prediction: pure geometry on the track's last state. Distances to assets are
 * computed in the local tangent plane at the track (errors well under 0.1 % within 100 km), the
 * predicted path along the great circle.
 */

/** The track's last state: where predictions start. */
export type MotionState = KinematicState;

export interface Asset {
  id: string;
  name: string;
  lat: number;
  lon: number;
  radiusM: number;
}

export type Method = Prediction['method'];

const EARTH_RADIUS_M = 6_371_008.8;
const G = 9.80665;
const RAD = Math.PI / 180;

/** Ballistic objects fall under gravity; glide bombs keep their glide angle; everything else flies on. */
export function methodFor(kind: TrackKind, climbMps: number): Method {
  if (kind === 'BALLISTIC') return 'BALLISTIC';
  if (kind === 'GLIDE_BOMB' && climbMps < 0) return 'GLIDE';
  return 'KINEMATIC';
}

/**
 * One-sigma-ish position uncertainty after flying `tS` seconds: 50 m of track error plus 5 % of the
 * distance flown (a course error of about 3 degrees).
 */
export function uncertaintyM(speedMps: number, tS: number): number {
  return 50 + 0.05 * speedMps * tS;
}

/** Altitude after `tS` seconds. */
export function altitudeAt(s: MotionState, method: Method, tS: number): number {
  return s.altM + s.climbMps * tS - (method === 'BALLISTIC' ? (G * tS * tS) / 2 : 0);
}

/** Seconds until the object reaches the ground; null when it does not descend (KINEMATIC level or climbing). */
export function timeToGround(s: MotionState, method: Method): number | null {
  if (s.altM <= 0) return 0;
  if (method === 'BALLISTIC') {
    // altM + climb t - g t^2 / 2 = 0, positive root.
    return (s.climbMps + Math.sqrt(s.climbMps * s.climbMps + 2 * G * s.altM)) / G;
  }
  return s.climbMps < 0 ? s.altM / -s.climbMps : null;
}

/** Position after `tS` seconds along the great circle of the current course. */
export function positionAt(s: MotionState, method: Method, tS: number): { lat: number; lon: number; altM: number } {
  const p = destination(s, s.speedMps * tS, s.courseDeg);
  return { ...p, altM: Math.max(0, altitudeAt(s, method, tS)) };
}

/** The predicted path every `stepS` seconds up to `horizonS` (or the ground), and the ground impact if within the horizon. */
export function predict(s: MotionState, method: Method, horizonS: number, stepS: number): Prediction {
  const ground = timeToGround(s, method);
  const endS = ground !== null ? Math.min(ground, horizonS) : horizonS;
  const path: PredictedPoint[] = [];
  for (let t = 0; t < endS; t += stepS) path.push({ tS: t, ...positionAt(s, method, t) });
  path.push({ tS: endS, ...positionAt(s, method, endS) });
  let impact: PredictedImpact | null = null;
  if (ground !== null && ground <= horizonS) {
    const p = positionAt(s, method, ground);
    impact = { lat: p.lat, lon: p.lon, radiusM: uncertaintyM(s.speedMps, ground), timeToImpactS: ground };
  }
  return { method, horizonS, path, impact };
}

/** East/north metres of `p` from the track's position (local tangent plane). */
function enu(from: { lat: number; lon: number }, p: { lat: number; lon: number }): [number, number] {
  return [
    (p.lon - from.lon) * RAD * EARTH_RADIUS_M * Math.cos(from.lat * RAD),
    (p.lat - from.lat) * RAD * EARTH_RADIUS_M,
  ];
}

function velocity(s: MotionState): [number, number] {
  return [s.speedMps * Math.sin(s.courseDeg * RAD), s.speedMps * Math.cos(s.courseDeg * RAD)];
}

/** Closest approach of the straight path (within `horizonS`) to a point: distance, when, and where the object is then. */
export function closestApproach(
  s: MotionState,
  target: { lat: number; lon: number },
  horizonS: number,
): { distanceM: number; tS: number } {
  const [rx, ry] = enu(s, target);
  const [vx, vy] = velocity(s);
  const v2 = vx * vx + vy * vy;
  const t = v2 === 0 ? 0 : Math.min(Math.max((rx * vx + ry * vy) / v2, 0), horizonS);
  return { distanceM: Math.hypot(rx - vx * t, ry - vy * t), tS: t };
}

/** First time (>= 0, within horizon) the straight path comes within `radiusM` of the target; null if never. */
export function timeToReach(
  s: MotionState,
  target: { lat: number; lon: number },
  radiusM: number,
  horizonS: number,
): number | null {
  const [rx, ry] = enu(s, target);
  if (Math.hypot(rx, ry) <= radiusM) return 0;
  const [vx, vy] = velocity(s);
  // |r - v t| = R  =>  v2 t^2 - 2 (r.v) t + |r|^2 - R^2 = 0
  const a = vx * vx + vy * vy;
  const b = -2 * (rx * vx + ry * vy);
  const c = rx * rx + ry * ry - radiusM * radiusM;
  const disc = b * b - 4 * a * c;
  if (a === 0 || disc < 0) return null;
  const t = (-b - Math.sqrt(disc)) / (2 * a);
  return t >= 0 && t <= horizonS ? t : null;
}

/**
 * What the predicted path means for one defended asset. The object must get within the asset's
 * radius plus the prediction's uncertainty at that time, before it reaches the ground; null otherwise.
 */
export function threatTo(s: MotionState, method: Method, asset: Asset, horizonS: number): Threat | null {
  const ground = timeToGround(s, method);
  const limitS = ground !== null ? Math.min(ground, horizonS) : horizonS;
  const cpa = closestApproach(s, asset, limitS);
  // A falling object ends where it hits the ground: judge that point.
  const atGround = ground !== null && ground <= horizonS && cpa.tS >= ground;
  const tS = atGround ? ground : cpa.tS;
  const reach = asset.radiusM + uncertaintyM(s.speedMps, tS);
  if (cpa.distanceM > reach) return null;
  const enter = timeToReach(s, asset, asset.radiusM, limitS);
  const tti = enter ?? tS;
  const point = positionAt(s, method, tti);
  return {
    defendedAssetId: asset.id,
    defendedAssetName: asset.name,
    closestApproachM: Math.round(cpa.distanceM),
    timeToClosestApproachS: Math.round(cpa.tS * 10) / 10,
    timeToImpactS: Math.round(tti * 10) / 10,
    predictedImpact: { lat: point.lat, lon: point.lon, radiusM: Math.round(uncertaintyM(s.speedMps, tti)) },
  };
}

/** Every threatened asset, the most urgent (soonest impact) first. */
export function threatsTo(s: MotionState, method: Method, assets: Iterable<Asset>, horizonS: number): Threat[] {
  const out: Threat[] = [];
  for (const a of assets) {
    const t = threatTo(s, method, a, horizonS);
    if (t) out.push(t);
  }
  return out.sort((a, b) => (a.timeToImpactS ?? Infinity) - (b.timeToImpactS ?? Infinity));
}
