import {
  isOpenRequest,
  type AirspaceVolume,
  type AuthorizationRequest,
  type ConflictRegion,
  type ConflictSide,
  type EngagementDetails,
} from '@tessera/schema';
import {
  conflictId,
  engagementConflicts,
  overlap4D,
  polygonOf,
  prepareVolume,
  type Clearance,
} from '@tessera/service-kit/airspace';
import { fullViewLabel, sideOf, type ComputedConflict } from './conflicts.ts';

/**
 * Engagements against the airspace as conflicts (DOMAIN.md, "Airspace"): an open engagement request
 * whose danger radius or flyout path meets a no-fire area, or a transit corridor in force, is a
 * conflict between the requesting nation and the reservation's owner, so the owner's liaisons see
 * at once that an engagement endangers their airspace. Which engagements conflict is the kit's
 * engine (`engagementConflicts`, the same the authority checks requests with); this adds the
 * conflict object: its sides, parties and the region where the engagement's danger meets the
 * reservation. Friendly tracks are not reservations: they stay the authority's check.
 */

type Engagement = AuthorizationRequest & { engagement: EngagementDetails };

/** The engagements that can still happen: open ENGAGEMENT requests (awaiting a decision, or approved and not over). */
const liveEngagements = (requests: Iterable<AuthorizationRequest>): Engagement[] =>
  [...requests].filter((r): r is Engagement => r.kind === 'ENGAGEMENT' && r.engagement !== null && isOpenRequest(r));

/** The engagement as a side of a conflict (withheld by the gateway from whoever may not see the request). */
const engagementSide = (r: Engagement): ConflictSide => ({
  nation: r.nation,
  id: r.id,
  name: `Engagement of ${r.engagement.targetTrackId} by ${r.engagement.effectorId}`.slice(0, 120),
  kind: 'ENGAGEMENT',
  version: r.version,
  label: r.label,
});

const M_PER_DEG = 111_320;
/** Segments of each half circle of the outline below. */
const ARC_SEGMENTS = 32;
/**
 * The arcs are drawn on the circumscribing polygon (radius / cos(π/64)), so the outline contains the
 * true danger area and reaches at most 0.12 % of the radius beyond it; the local flat frame adds
 * under 0.1 % within 100 km.
 */
const ARC_RADIUS = 1 / Math.cos(Math.PI / (2 * ARC_SEGMENTS));

/**
 * Where the engagement's danger lies on the ground: the flyout path buffered by the danger radius,
 * rounded at the intercept point (a circle about the intercept point without an effector position).
 */
export function dangerOutline(e: EngagementDetails): { lat: number; lon: number }[] {
  const ip = e.interceptPoint;
  const r = e.dangerRadiusM * ARC_RADIUS;
  const mPerDegLon = M_PER_DEG * Math.cos((ip.lat * Math.PI) / 180);
  const at = (x: number, y: number) => ({ lat: ip.lat + y / M_PER_DEG, lon: ip.lon + x / mPerDegLon });
  const from = e.effectorPosition;
  const fx = from ? (from.lon - ip.lon) * mPerDegLon : 0;
  const fy = from ? (from.lat - ip.lat) * M_PER_DEG : 0;
  const length = Math.hypot(fx, fy);
  if (length < 1) {
    return Array.from({ length: 2 * ARC_SEGMENTS }, (_, i) => {
      const a = (i * Math.PI) / ARC_SEGMENTS;
      return at(r * Math.cos(a), r * Math.sin(a));
    });
  }
  // Unit vector from the intercept point towards the effector, and its normal.
  const [ux, uy] = [fx / length, fy / length];
  const [nx, ny] = [-uy, ux];
  const arc = Array.from({ length: ARC_SEGMENTS + 1 }, (_, i) => {
    // From the normal, around the far side of the intercept point, to minus the normal.
    const a = (i * Math.PI) / ARC_SEGMENTS;
    const [c, s] = [Math.cos(a), Math.sin(a)];
    return at(r * (nx * c - ux * s), r * (ny * c - uy * s));
  });
  const reach = e.dangerRadiusM;
  return [at(fx - nx * reach, fy - ny * reach), at(fx + nx * reach, fy + ny * reach), ...arc];
}

const isoOf = (ms: number) => new Date(ms).toISOString();

/**
 * Where, how high and when the engagement's danger meets the reservation: the danger outline against
 * the reservation's footprint, over the altitudes the flyout spans (a no-fire area protects the ground
 * at any altitude: its own block), from the request's creation to its deadline or the intercept,
 * whichever is later. A danger area that only touches the reservation gives the danger area itself.
 */
function regionOf(r: Engagement, v: AirspaceVolume): ConflictRegion {
  const e = r.engagement;
  const outline = dangerOutline(e);
  const lowest = Math.min(e.effectorPosition ? 0 : e.interceptPoint.altM, e.interceptPoint.altM) - e.dangerRadiusM;
  const highest = e.interceptPoint.altM + e.dangerRadiusM;
  const [floorM, ceilingM] = v.kind === 'NO_FIRE_AREA' ? [v.floorM, v.ceilingM] : [lowest, highest];
  const fromMs = Math.min(Date.parse(r.createdAt), Date.parse(e.interceptAt));
  const toMs = Math.max(Date.parse(r.deadline), Date.parse(e.interceptAt)) + 1;
  const danger = { area: polygonOf(outline), floorM, ceilingM, validFrom: isoOf(fromMs), validTo: isoOf(toMs) };
  return (
    overlap4D(danger, prepareVolume(v)) ?? {
      outline,
      floorM: Math.max(floorM, v.floorM),
      ceilingM: Math.max(Math.min(ceilingM, v.ceilingM), Math.max(floorM, v.floorM)),
      from: isoOf(fromMs),
      to: isoOf(toMs),
      areaKm2: 0,
    }
  );
}

/**
 * Every conflict of the open engagements with the reservations: one per engagement and no-fire area
 * or corridor it meets. Ids are keyed like the engine's (HMAC with `idKey`), so the same engagement
 * and reservation keep one conflict through their versions.
 */
export function engagementConflictsOf(
  requests: Iterable<AuthorizationRequest>,
  reservations: readonly AirspaceVolume[],
  idKey?: string,
): ComputedConflict[] {
  const out: ComputedConflict[] = [];
  for (const r of liveEngagements(requests)) {
    const e = r.engagement;
    const geometry = {
      effectorPosition: e.effectorPosition ?? null,
      interceptPoint: e.interceptPoint,
      dangerRadiusM: e.dangerRadiusM,
      at: e.interceptAt,
    };
    const hits = engagementConflicts(geometry, reservations, []) as Clearance<AirspaceVolume>[];
    for (const hit of hits) {
      if (hit.kind === 'FRIENDLY') continue;
      const v = hit.volume;
      const sides = [engagementSide(r), sideOf(v)];
      const parties = [...new Set([r.nation, v.nation])].sort();
      out.push({
        // `request:` cannot be part of a reservation id: an engagement's conflict never shares an id with a pair of reservations.
        id: conflictId({ nation: r.nation, id: `request:${r.id}` }, v, idKey),
        kind: 'ENGAGEMENT',
        parties,
        sides,
        region: regionOf(r, v),
        severity: 'HIGH',
        label: fullViewLabel(parties, sides),
      });
    }
  }
  return out;
}
