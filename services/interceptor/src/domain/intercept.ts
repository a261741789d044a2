import { bearingDeg, distanceM, offset, type LatLon } from '@tessera/service-kit/geo';

/** Where an effector stands and how its interceptor flies (a ground launcher: altitude 0 unless given). */
export interface Pursuer {
  position: LatLon & { altM?: number };
  speedMps: number;
  rangeKm: number;
}

/** A target on a straight line: where it is now and how it moves. */
export interface Mover {
  position: LatLon & { altM: number };
  velocity: { speedMps: number; courseDeg: number; climbMps: number };
}

export interface InterceptSolution {
  /** Seconds from now until the interceptor meets the target. */
  timeS: number;
  /** Where they meet (the target's position then). */
  point: LatLon & { altM: number };
  /** Straight-line distance the interceptor flies, m (speed x time). */
  distanceM: number;
  /** Initial bearing from the effector to the intercept point, degrees. */
  bearingDeg: number;
}

const EPS = 1e-9;

/**
 * The earliest meeting of a pursuer at constant speed with a target on a straight line, ignoring
 * range: the smallest t >= 0 with |target(t) - effector| = speed * t, in the local tangent plane at the
 * effector (east, north, up). Null when the interceptor can never catch the target, or when the target
 * reaches the ground before it can be met.
 */
export function solveIntercept(effector: Pursuer, target: Mover): InterceptSolution | null {
  const d = distanceM(effector.position, target.position);
  const b = (bearingDeg(effector.position, target.position) * Math.PI) / 180;
  const p = [d * Math.sin(b), d * Math.cos(b), target.position.altM - (effector.position.altM ?? 0)] as const;
  const c = (target.velocity.courseDeg * Math.PI) / 180;
  const v = [
    target.velocity.speedMps * Math.sin(c),
    target.velocity.speedMps * Math.cos(c),
    target.velocity.climbMps,
  ] as const;
  const s = effector.speedMps;

  // (v.v - s^2) t^2 + 2 (p.v) t + p.p = 0
  const qa = v[0] * v[0] + v[1] * v[1] + v[2] * v[2] - s * s;
  const qb = 2 * (p[0] * v[0] + p[1] * v[1] + p[2] * v[2]);
  const qc = p[0] * p[0] + p[1] * p[1] + p[2] * p[2];
  let t: number | null;
  if (qc < EPS) t = 0;
  else if (Math.abs(qa) < EPS) t = qb < 0 ? -qc / qb : null;
  else {
    const disc = qb * qb - 4 * qa * qc;
    if (disc < 0) t = null;
    else {
      const root = Math.sqrt(disc);
      const roots = [(-qb - root) / (2 * qa), (-qb + root) / (2 * qa)].filter((r) => r >= 0);
      t = roots.length > 0 ? Math.min(...roots) : null;
    }
  }
  if (t === null || !Number.isFinite(t)) return null;
  const altM = target.position.altM + v[2] * t;
  if (altM < 0) return null;
  const east = p[0] + v[0] * t;
  const north = p[1] + v[1] * t;
  const at = offset(effector.position, east, north);
  return {
    timeS: t,
    point: { lat: at.lat, lon: at.lon, altM },
    distanceM: s * t,
    bearingDeg: ((((Math.atan2(east, north) * 180) / Math.PI) % 360) + 360) % 360,
  };
}

/** solveIntercept within the effector's range; null when unreachable or beyond range. */
export function interceptSolution(effector: Pursuer, target: Mover): InterceptSolution | null {
  const solution = solveIntercept(effector, target);
  return solution && solution.distanceM <= effector.rangeKm * 1000 ? solution : null;
}
