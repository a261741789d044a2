import {
  isProtectedIdentity,
  type AirspaceVolume,
  type AuthorizationRequest,
  type StandardIdentity,
  type WeaponsControlStatus,
} from '@tessera/schema';
import { engagementClearances } from '@tessera/service-kit/airspace';
import { wcsAllows } from './rules.ts';

/**
 * What the authority checks about an engagement's situation, and what it may say about it: the
 * reasons to abort and the checks shown to the deciders. An object not every party of the request
 * may see is never named and never given a distance (property-tested in rules.spec.ts).
 */
/** A no-fire area or corridor as the authority checks it: its true outline or circle, altitude block, time window and state. */
export type SituationVolume = AirspaceVolume & { shareable?: boolean };

/** What the authority knows of the situation around an engagement when checking it. */
export interface Situation {
  /** The target's current identity (by the requesting nation); null when the track is gone. */
  targetIdentity: StandardIdentity | null;
  /**
   * Weapons control status in force now in the sector of the intercept point (engagements); null
   * when not known (reference data not loaded yet): nothing launches then.
   */
  wcs: WeaponsControlStatus | null;
  /**
   * Friendly tracks' positions. `shareable: false` marks one that not every party of the request may
   * see: it still aborts, but is never named (its id must not reach whoever may not see it).
   */
  friendlies: readonly { id: string; lat: number; lon: number; shareable?: boolean }[];
  /** No-fire areas (kind NO_FIRE_AREA); the airspace engine measures their true outlines and skips the ENDED and those out of their window. */
  noFireAreas: readonly SituationVolume[];
  /** Transit corridors (kind TRANSIT_CORRIDOR); they count when in force at the intercept time. */
  corridors: readonly SituationVolume[];
}

/**
 * An approval is bound to the situation it was given for: the target turned FRIEND / ASSUMED FRIEND /
 * NEUTRAL (or vanished), or the engagement now conflicts with the airspace (DOMAIN.md, "Airspace"):
 * the danger circle of the intercept point or the flyout path from the effector meets a friendly
 * track's danger radius, a no-fire area or a transit corridor in force (one geometry for all:
 * `engagementClearances` of the service kit). Returns the reason to abort, or null.
 */
export function abortReason(req: AuthorizationRequest, s: Situation): string | null {
  const e = req.engagement;
  if (!e) return null;
  if (s.targetIdentity === null) return `target ${e.targetTrackId} is no longer tracked`;
  if (isProtectedIdentity(s.targetIdentity)) return `target ${e.targetTrackId} is now ${s.targetIdentity}`;
  const allowed = wcsAllows(s.wcs ?? 'HOLD', s.targetIdentity);
  if (!allowed.ok)
    return `sector ${e.sectorId} (${e.sectorNation}) is WEAPONS ${s.wcs ?? 'unknown (treated as HOLD)'} now: ${allowed.message}`;
  const near = nearestOfEach(e, s);
  for (const [what, n] of [
    ['friendly', near.friendly],
    ['noFire', near.noFire],
    ['corridor', near.corridor],
  ] as const) {
    if (n?.conflict) return conflictReason(what, n, e.dangerRadiusM);
  }
  return null;
}

/**
 * A check or reason may name an object and give its distance only when every party of the request
 * may see it; of any other it says one thing: whether it is within the danger radius of the
 * intercept point, or else on the flyout path. Repeated requests must not triangulate a track a
 * party may not see.
 */
const UNSHAREABLE = {
  friendly: 'a friendly track not releasable to every party',
  noFire: 'a no-fire area not releasable to every party',
  corridor: 'a transit corridor not releasable to every party',
} as const;
type Kind = keyof typeof UNSHAREABLE;
/** One object against the engagement: `d` from the intercept point (3D for corridors), `dPath` from the flyout path (friendlies). */
type Nearest = { id: string; d: number; dPath: number | null; near: boolean; conflict: boolean; shareable: boolean };

/**
 * The one that matters of a kind: the nearest shareable one that conflicts, else an unshareable
 * one that does (said without numbers; one near the intercept point first), else the nearest
 * shareable one. Unshareable ones that do not conflict are never mentioned.
 */
function nearestOf(items: readonly Nearest[]): Nearest | null {
  const byDistance = (a: Nearest | null, b: Nearest) => (a === null || b.d < a.d ? b : a);
  const shareable = items.filter((i) => i.shareable);
  const hidden = items.filter((i) => !i.shareable && i.conflict);
  return (
    shareable.filter((i) => i.conflict).reduce(byDistance, null) ??
    hidden.find((i) => i.near) ??
    hidden[0] ??
    shareable.reduce(byDistance, null)
  );
}

function nearestOfEach(e: NonNullable<AuthorizationRequest['engagement']>, s: Situation): Record<Kind, Nearest | null> {
  const geometry = {
    effectorPosition: e.effectorPosition ?? null,
    interceptPoint: e.interceptPoint,
    dangerRadiusM: e.dangerRadiusM,
    at: e.interceptAt,
  };
  const items: Record<Kind, Nearest[]> = { friendly: [], noFire: [], corridor: [] };
  for (const c of engagementClearances(geometry, [...s.noFireAreas, ...s.corridors], s.friendlies)) {
    const o = c.kind === 'FRIENDLY' ? c.friendly : c.volume;
    const item = {
      id: o.id,
      d: c.fromInterceptM,
      dPath: c.kind === 'FRIENDLY' ? c.fromPathM : null,
      near: c.nearIntercept,
      conflict: c.conflict,
      shareable: o.shareable !== false,
    };
    items[c.kind === 'FRIENDLY' ? 'friendly' : c.kind === 'NO_FIRE_AREA' ? 'noFire' : 'corridor'].push(item);
  }
  return { friendly: nearestOf(items.friendly), noFire: nearestOf(items.noFire), corridor: nearestOf(items.corridor) };
}

/** Why an object stops the engagement (it conflicts): named with its distance when shareable, else the fixed words. */
function conflictReason(kind: Kind, n: Nearest, radiusM: number): string {
  const where = n.near ? 'the intercept point' : 'the flyout path';
  if (!n.shareable)
    return kind === 'friendly'
      ? `${UNSHAREABLE.friendly} is within the danger radius of ${where}`
      : n.near
        ? `${UNSHAREABLE[kind]} is within the danger radius of the intercept point`
        : `the flyout path ${kind === 'noFire' ? 'crosses' : 'passes through'} ${UNSHAREABLE[kind]}`;
  switch (kind) {
    case 'friendly':
      return `friendly track ${n.id} is ${Math.round(n.near ? n.d : (n.dPath ?? n.d))} m from ${where} (danger radius ${radiusM} m)`;
    case 'noFire':
      return n.near
        ? `no-fire area ${n.id} is within the danger radius of the intercept point`
        : `the flyout path crosses no-fire area ${n.id}`;
    case 'corridor':
      return n.near
        ? `transit corridor ${n.id} (in force) is within the danger radius of the intercept point`
        : `the flyout path passes through transit corridor ${n.id} (in force)`;
  }
}

export type Check = AuthorizationRequest['checks'][number];

/**
 * What the deciders are shown about an engagement: the WCS that let it be asked, the target as it is
 * now, the nearest friendly track, no-fire area and (when one is in force or in the way) transit
 * corridor against the danger radius and the flyout path, and who must concur.
 */
export function engagementChecks(
  req: Pick<AuthorizationRequest, 'engagement' | 'requiredApprovals'>,
  s: Situation,
): Check[] {
  const e = req.engagement;
  if (!e) return [];
  const km = (m: number) => `${(m / 1000).toFixed(1)} km`;
  const near = nearestOfEach(e, s);
  const allowed = s.wcs !== null && s.targetIdentity !== null ? wcsAllows(s.wcs, s.targetIdentity).ok : false;
  // An unshareable one is only ever picked when it conflicts: the fixed words, never its name or distance.
  const detail = (kind: Kind, n: Nearest, nearest: string) => {
    if (!n.shareable)
      return n.near
        ? `${UNSHAREABLE[kind]} is within the danger radius (${e.dangerRadiusM} m)`
        : conflictReason(kind, n, e.dangerRadiusM);
    return n.conflict && !n.near ? conflictReason(kind, n, e.dangerRadiusM) : nearest;
  };
  const friend = near.friendly;
  const nfa = near.noFire;
  const corridor = near.corridor;
  const checks: Check[] = [
    {
      check: 'WCS',
      ok: allowed,
      detail: `${e.sectorId} (${e.sectorNation}) is WEAPONS ${s.wcs ?? 'unknown (treated as HOLD)'}; target ${s.targetIdentity ?? e.targetIdentity}`,
    },
    {
      check: 'Target',
      ok: s.targetIdentity !== null && !isProtectedIdentity(s.targetIdentity),
      detail:
        s.targetIdentity === null
          ? `${e.targetTrackId} is not in the picture`
          : `${e.targetTrackId} is ${s.targetIdentity} now (requested as ${e.targetIdentity}), ${e.targetKind.toLowerCase()}, confidence ${Math.round(e.confidence * 100)} %`,
    },
    {
      check: 'Friendlies',
      ok: !friend?.conflict,
      detail: friend
        ? detail(
            'friendly',
            friend,
            `nearest friendly ${friend.id} ${km(friend.d)} from the intercept point (danger radius ${e.dangerRadiusM} m)`,
          )
        : 'no friendly track in the picture',
    },
    {
      check: 'No-fire areas',
      ok: !nfa?.conflict,
      detail: nfa
        ? detail('noFire', nfa, `nearest no-fire area ${nfa.id} ${km(nfa.d)} from the intercept point`)
        : 'no no-fire area',
    },
  ];
  // Shown only when there is something to say: a corridor in force every party may see, or one in the way.
  if (corridor)
    checks.push({
      check: 'Transit corridors',
      ok: !corridor.conflict,
      detail: detail(
        'corridor',
        corridor,
        `nearest transit corridor in force ${corridor.id} ${km(corridor.d)} from the intercept point`,
      ),
    });
  checks.push(concurrenceCheck(req.requiredApprovals));
  return checks;
}

/** Who must concur, as the deciders are shown it (engagements and jamming). */
export function concurrenceCheck(required: AuthorizationRequest['requiredApprovals']): Check {
  return {
    check: 'Concurrence',
    ok: true,
    detail: required.map((r) => `${r.count} commander${r.count > 1 ? 's' : ''} of ${r.nation}`).join(' and '),
  };
}
