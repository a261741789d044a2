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
  MAX_OUTLINE_POINTS,
  overlap4D,
  polygonOf,
  polygonsOf,
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

/**
 * The engagement as a side of a conflict (withheld by the gateway from whoever may not see the
 * request). Its version is always 1: the request's own version moves with every decision, and a
 * conflict updated at each of them would tell the other party when the commanders acted.
 */
const engagementSide = (r: Engagement): ConflictSide => ({
  nation: r.nation,
  id: r.id,
  name: `Engagement of ${r.engagement.targetTrackId} by ${r.engagement.effectorId}`.slice(0, 120),
  kind: 'ENGAGEMENT',
  version: 1,
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

/**
 * Where the engagement's danger meets the reservation: the danger outline clipped to the
 * reservation's footprint, given with the reservation's own altitude block and time window. A party
 * that may not see the request learns where its area is endangered, never the request's times, the
 * intercept altitude, or the danger area beyond its own area: when the danger only touches the area
 * (no overlap of positive size), the region is the reservation's own outline with no area.
 */
function regionOf(r: Engagement, v: AirspaceVolume): ConflictRegion {
  const prepared = prepareVolume(v);
  const block = { floorM: v.floorM, ceilingM: v.ceilingM, validFrom: v.validFrom, validTo: v.validTo };
  const overlap = overlap4D({ ...block, area: polygonOf(dangerOutline(r.engagement)) }, prepared);
  if (overlap) return overlap;
  const ring = prepared.area ? polygonsOf(prepared.area)[0]![0]!.slice(0, -1) : [];
  const step = Math.ceil(ring.length / MAX_OUTLINE_POINTS);
  return {
    outline: ring.filter((_, i) => i % step === 0).map(([lon, lat]) => ({ lat: lat!, lon: lon! })),
    floorM: v.floorM,
    ceilingM: v.ceilingM,
    from: v.validFrom ?? null,
    to: v.validTo ?? null,
    areaKm2: 0,
  };
}

/**
 * Every conflict of the open engagements with the reservations: one per engagement and no-fire area
 * or corridor it meets. Ids are keyed like the engine's (HMAC with `idKey`), so the same engagement
 * and reservation keep one conflict through their versions.
 */
export function engagementConflictsOf(
  requests: Iterable<AuthorizationRequest>,
  reservations: readonly AirspaceVolume[],
  idKey: string | undefined,
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
        // HMAC with the service's secret: a request id names its target, and an id must not confirm a guessed one.
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
