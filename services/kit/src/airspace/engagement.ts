import type { AirspaceVolume } from '@tessera/schema';
import { distanceM, type LatLon } from '../geo.ts';
import { bboxOf, distanceToAreaM, distanceToPathM, pathOverArea } from './footprint.ts';
import {
  boxesOverlap,
  inForceAt,
  isLive,
  msOf,
  prepareVolume,
  TOUCH_TOLERANCE_M,
  withinWindow,
  type Instant,
} from './overlap.ts';

/**
 * Engagements against the airspace (DOMAIN.md, "Airspace"): an engagement conflicts when the danger
 * circle of its intercept point, or its flyout path (the straight segment from the effector to the
 * intercept point), meets a NO_FIRE_AREA, a TRANSIT_CORRIDOR in force, or a friendly track's danger
 * radius. Unlike reservations, touching counts here: a danger radius that reaches exactly to a
 * no-fire area's edge meets it.
 *
 * - No-fire areas protect the ground: horizontal distances, at any altitude; they count unless
 *   ENDED or outside their time window (a PROPOSED one already protects what it marks).
 * - Transit corridors are volumes: they count when in force (ACTIVE, within their window) at the
 *   engagement's time; the danger sphere of the intercept point must reach the corridor's volume
 *   (3D distance), or the path must pass through it at an altitude within its block (the path
 *   climbs in a straight line from the effector's altitude, 0 m unless given, to the intercept's).
 * - Friendly tracks: the ground distance from the intercept point, or from the path, within the
 *   danger radius (altitude ignored: never closer than the truth).
 */

export interface EngagementGeometry {
  /** Where the flyout starts; absent: only the intercept point is checked. */
  effectorPosition?: (LatLon & { altM?: number }) | null | undefined;
  interceptPoint: LatLon & { altM: number };
  dangerRadiusM: number;
  /** When the intercept happens: which reservations are in force. */
  at: Instant;
}

export interface FriendlyPosition extends LatLon {
  id: string;
}

export interface ClearanceFacts {
  /** From the intercept point, m: on the ground to a no-fire area or a friendly, in 3D to a corridor's volume; 0 inside. */
  fromInterceptM: number;
  /** Within the danger radius of the intercept point. */
  nearIntercept: boolean;
  /** The flyout path crosses the no-fire area, passes through the corridor's volume, or passes within the danger radius of the friendly. */
  onPath: boolean;
  /** nearIntercept or onPath: the engagement conflicts with it. */
  conflict: boolean;
}

/** How an engagement stands against one no-fire area, corridor or friendly track. */
export type Clearance<V extends AirspaceVolume = AirspaceVolume, F extends FriendlyPosition = FriendlyPosition> =
  | (ClearanceFacts & { kind: 'NO_FIRE_AREA' | 'TRANSIT_CORRIDOR'; volume: V })
  | (ClearanceFacts & {
      kind: 'FRIENDLY';
      friendly: F;
      /** From the flyout path, m; null without a path. */ fromPathM: number | null;
    });

/** Whether a volume counts against engagements at `ms`: no-fire areas unless ENDED, corridors when in force; nothing else. */
export function countsAgainstEngagements(v: AirspaceVolume, ms: number): boolean {
  if (v.kind === 'NO_FIRE_AREA') return isLive(v) && withinWindow(v, ms);
  if (v.kind === 'TRANSIT_CORRIDOR') return inForceAt(v, ms);
  return false;
}

/**
 * The engagement against every no-fire area and corridor that counts at its time and every friendly
 * track: distances and whether each conflicts. In the order given (volumes, then friendlies).
 */
export function engagementClearances<V extends AirspaceVolume, F extends FriendlyPosition>(
  e: EngagementGeometry,
  reservations: Iterable<V>,
  friendlies: Iterable<F>,
): Clearance<V, F>[] {
  const ms = msOf(e.at);
  const ip = e.interceptPoint;
  const from = e.effectorPosition ?? null;
  // Within a millimetre of the danger radius is touching it (rounding of computed distances), and touching meets.
  const r = e.dangerRadiusM + TOUCH_TOLERANCE_M;
  const pathBox = from
    ? [Math.min(from.lon, ip.lon), Math.min(from.lat, ip.lat), Math.max(from.lon, ip.lon), Math.max(from.lat, ip.lat)]
    : null;
  const out: Clearance<V, F>[] = [];
  for (const v of reservations) {
    if (!countsAgainstEngagements(v, ms)) continue;
    const area = prepareVolume(v).area;
    if (!area) continue;
    const ground = distanceToAreaM(ip, area);
    const crossed = from && pathBox && boxesOverlap(pathBox, bboxOf(area)) ? pathOverArea(from, ip, area) : [];
    if (v.kind === 'NO_FIRE_AREA') {
      const nearIntercept = ground <= r;
      const onPath = crossed.length > 0;
      out.push({
        kind: 'NO_FIRE_AREA',
        volume: v,
        fromInterceptM: ground,
        nearIntercept,
        onPath,
        conflict: nearIntercept || onPath,
      });
    } else {
      const vertical = Math.max(0, v.floorM - ip.altM, ip.altM - v.ceilingM);
      const fromInterceptM = Math.hypot(ground, vertical);
      const a0 = from?.altM ?? 0;
      const altAt = (t: number) => a0 + t * (ip.altM - a0);
      const onPath = crossed.some(
        ([t0, t1]) => Math.max(altAt(t0), altAt(t1)) >= v.floorM && Math.min(altAt(t0), altAt(t1)) <= v.ceilingM,
      );
      const nearIntercept = fromInterceptM <= r;
      out.push({
        kind: 'TRANSIT_CORRIDOR',
        volume: v,
        fromInterceptM,
        nearIntercept,
        onPath,
        conflict: nearIntercept || onPath,
      });
    }
  }
  for (const f of friendlies) {
    const fromInterceptM = distanceM(f, ip);
    const fromPathM = from ? Math.min(fromInterceptM, distanceToPathM(f, from, ip)) : null;
    const nearIntercept = fromInterceptM <= r;
    const onPath = fromPathM !== null && fromPathM <= r;
    out.push({
      kind: 'FRIENDLY',
      friendly: f,
      fromInterceptM,
      fromPathM,
      nearIntercept,
      onPath,
      conflict: nearIntercept || onPath,
    });
  }
  return out;
}

/** Ground distance from a point to a volume's footprint, m (0 inside or on its edge); Infinity for a footprint without area. */
export function distanceToVolumeM(v: AirspaceVolume, p: LatLon): number {
  const area = prepareVolume(v).area;
  return area ? distanceToAreaM(p, area) : Infinity;
}

/** Only what the engagement conflicts with (see engagementClearances). */
export function engagementConflicts<V extends AirspaceVolume, F extends FriendlyPosition>(
  e: EngagementGeometry,
  reservations: Iterable<V>,
  friendlies: Iterable<F>,
): Clearance<V, F>[] {
  return engagementClearances(e, reservations, friendlies).filter((c) => c.conflict);
}
