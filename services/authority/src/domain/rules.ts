import {
  isAwaitingDecision,
  isProtectedIdentity,
  type AirspaceVolume,
  type AuthorizationRequest,
  type AutonomyMode,
  type Decision,
  type EffectorClass,
  type RequiredApproval,
  type Role,
  type StandardIdentity,
  type StandingAuthority,
  type WeaponsControlStatus,
} from '@tessera/schema';
import { engagementClearances } from '@tessera/service-kit/airspace';
import { distanceM } from '@tessera/service-kit/geo';

/**
 * The authority's rules (DOMAIN.md, "Authorization requests"), as pure functions of the request,
 * the situation and an injected `nowMs`. Policy values are configuration (AuthorityPolicy). Every
 * refusal names the rule that refused, so the gateway can say which.
 */

export interface AuthorityPolicy {
  /** Time to decide a request, seconds, by kind. */
  deadlineS: Record<AuthorizationRequest['kind'], number>;
  /** ON_THE_LOOP: the veto window, seconds. */
  vetoWindowS: number;
  /** ON_THE_LOOP applies only at or above this detector confidence. */
  onTheLoopMinConfidence: number;
  /** Distinct commanders of the sector's nation needed to set WCS FREE (two-person rule). */
  wcsFreeApprovers: number;
}

export const DEFAULT_POLICY: AuthorityPolicy = {
  deadlineS: { ENGAGEMENT: 60, JAMMING: 120, WCS_CHANGE: 300, AUTONOMY_CHANGE: 300 },
  vetoWindowS: 10,
  onTheLoopMinConfidence: 0.8,
  wcsFreeApprovers: 2,
};

export const REFUSAL_RULES = [
  'WCS_HOLD',
  'WCS_TIGHT_NOT_HOSTILE',
  'WCS_FREE_PROTECTED_IDENTITY',
  'NOT_A_COMMANDER',
  'WRONG_NATION',
  'ALREADY_DECIDED',
  'EXPIRED',
  'NOT_PENDING',
  'NOT_IN_VETO_WINDOW',
  'NO_VALID_AUTHORIZATION',
  'SITUATION_CHANGED',
  'STANDING_AUTHORITY_BOUNDS',
  'CLAIM_MISMATCH',
  'UNKNOWN_EFFECTOR',
  'TARGET_NOT_TRACKED',
  'NOT_RELEASABLE_TO_APPROVERS',
  'NOT_YOUR_REQUEST',
  'PICTURE_WARMING_UP',
  'INVALID',
] as const;
export type RefusalRule = (typeof REFUSAL_RULES)[number];

export interface Refusal {
  ok: false;
  rule: RefusalRule;
  message: string;
}
export type Outcome<T> = { ok: true; value: T } | Refusal;

const refuse = (rule: RefusalRule, message: string): Refusal => ({ ok: false, rule, message });
const iso = (ms: number) => new Date(ms).toISOString();

/** Whether the sector's weapons control status allows even asking to engage a target of this identity. */
export function wcsAllows(wcs: WeaponsControlStatus, identity: StandardIdentity): Outcome<true> {
  if (wcs === 'HOLD') return refuse('WCS_HOLD', 'Weapons HOLD in this sector: no engagement may be requested (self-defence only).');
  if (wcs === 'TIGHT' && identity !== 'HOSTILE') return refuse('WCS_TIGHT_NOT_HOSTILE', `Weapons TIGHT: only tracks identified HOSTILE may be engaged; this one is ${identity}.`);
  if (wcs === 'FREE' && isProtectedIdentity(identity)) return refuse('WCS_FREE_PROTECTED_IDENTITY', `A ${identity} track is never engaged.`);
  return { ok: true, value: true };
}

/**
 * Who must concur. The effector's nation always; the sector's nation too when an intercept point or
 * jamming area lies in another nation's sector (two-nation rule); WCS FREE needs two distinct
 * commanders of the sector's nation (two-person rule).
 */
export function requiredApprovals(req: Pick<AuthorizationRequest, 'kind' | 'nation' | 'engagement' | 'jamming' | 'wcsChange'>, policy: AuthorityPolicy): RequiredApproval[] {
  switch (req.kind) {
    case 'ENGAGEMENT':
    case 'JAMMING': {
      const sectorNation = req.engagement?.sectorNation ?? req.jamming?.sectorNation ?? req.nation;
      return sectorNation === req.nation ? [{ nation: req.nation, count: 1 }] : [{ nation: req.nation, count: 1 }, { nation: sectorNation, count: 1 }];
    }
    case 'WCS_CHANGE':
      return [{ nation: req.wcsChange!.sectorNation, count: req.wcsChange!.to === 'FREE' ? policy.wcsFreeApprovers : 1 }];
    case 'AUTONOMY_CHANGE':
      return [{ nation: req.nation, count: 1 }];
  }
}

/** What the situation is when a request is made: the rules that decide its first state. */
export interface RequestContext {
  nowMs: number;
  policy: AuthorityPolicy;
  /** WCS of the sector the intercept point lies in (engagements). */
  sectorWcs?: WeaponsControlStatus;
  /** Autonomy mode of the effector's class for its nation (engagements, jamming). */
  autonomy?: AutonomyMode;
  /** Standing authorities of the effector's nation, to match against. */
  standing?: readonly StandingAuthority[];
}

export type NewRequest = Omit<AuthorizationRequest, 'createdAt' | 'deadline' | 'state' | 'vetoUntil' | 'requiredApprovals' | 'decisions' | 'engagementState' | 'outcome' | 'abortReason' | 'version' | 'checks'>;

/**
 * Open a request: refused when the WCS does not allow it; else PENDING until its deadline, or
 * PENDING_VETO under ON_THE_LOOP (confident enough), or APPROVED at once by a matching standing
 * authority. MANUAL effectors are operated by people, not requested by agents: still PENDING.
 */
export function openRequest(input: NewRequest, ctx: RequestContext): Outcome<AuthorizationRequest> {
  const base: AuthorizationRequest = {
    ...input,
    createdAt: iso(ctx.nowMs),
    deadline: iso(ctx.nowMs + ctx.policy.deadlineS[input.kind] * 1000),
    state: 'PENDING',
    vetoUntil: null,
    requiredApprovals: requiredApprovals(input, ctx.policy),
    decisions: [],
    engagementState: null,
    outcome: null,
    abortReason: null,
    version: 1,
    checks: [],
  };
  if (input.kind === 'ENGAGEMENT') {
    const e = input.engagement;
    if (!e) return refuse('INVALID', 'An engagement request needs its engagement details.');
    const allowed = wcsAllows(ctx.sectorWcs ?? 'HOLD', e.targetIdentity);
    if (!allowed.ok) return allowed;
    const standing = (ctx.standing ?? []).find((s) => standingAuthorityCovers(s, base, ctx.nowMs).ok);
    // Standing authority covers only the effector nation's own approval; another nation's sector still needs its commander.
    if (standing && base.requiredApprovals.length === 1) {
      return {
        ok: true,
        value: {
          ...base,
          state: 'APPROVED',
          engagementState: 'AUTHORIZED',
          decisions: [{ decision: 'APPROVE', by: standing.grantedBy, reason: `standing authority ${standing.id}`, at: iso(ctx.nowMs), standingAuthorityId: standing.id }],
        },
      };
    }
    if (ctx.autonomy === 'ON_THE_LOOP' && e.confidence >= ctx.policy.onTheLoopMinConfidence && base.requiredApprovals.length === 1) {
      return { ok: true, value: { ...base, state: 'PENDING_VETO', vetoUntil: iso(ctx.nowMs + ctx.policy.vetoWindowS * 1000) } };
    }
  }
  return { ok: true, value: base };
}

export interface Decider {
  username: string;
  nation: string | null;
  roles: readonly Role[];
}

/**
 * A commander decides. Refused when: the request is past its deadline (at the deadline exactly it
 * is expired), not waiting for this kind of decision, the decider is not a commander, not of a
 * nation that must concur, or has already decided. One DENY denies; approvals count per nation until
 * every required nation has its number of distinct commanders.
 */
export function decide(req: AuthorizationRequest, d: { decision: Decision['decision']; reason: string }, by: Decider, nowMs: number): Outcome<AuthorizationRequest> {
  if (req.state === 'EXPIRED' || (nowMs >= Date.parse(req.deadline) && isAwaitingDecision(req))) {
    return refuse('EXPIRED', `Request ${req.id} expired at ${req.deadline}; nothing of it will execute.`);
  }
  if (d.decision === 'VETO') {
    if (req.state !== 'PENDING_VETO' || (req.vetoUntil !== null && nowMs >= Date.parse(req.vetoUntil))) return refuse('NOT_IN_VETO_WINDOW', `Request ${req.id} is ${req.state}: there is no veto window open.`);
  } else if (!isAwaitingDecision(req)) {
    return refuse('NOT_PENDING', `Request ${req.id} is already ${req.state}.`);
  }
  if (!by.roles.includes('COMMANDER')) return refuse('NOT_A_COMMANDER', 'Only a commander decides authorization requests.');
  const required = req.requiredApprovals.find((r) => r.nation === by.nation);
  if (!required) return refuse('WRONG_NATION', `Only commanders of ${req.requiredApprovals.map((r) => r.nation).join(' and ')} decide request ${req.id}.`);
  if (req.decisions.some((x) => x.by.username === by.username)) return refuse('ALREADY_DECIDED', `${by.username} has already decided request ${req.id}; another commander must concur.`);

  const decision: Decision = { decision: d.decision, by: { username: by.username, nation: by.nation! }, reason: d.reason, at: iso(nowMs) };
  const decisions = [...req.decisions, decision];
  const next = { ...req, decisions, version: req.version + 1 };
  if (d.decision === 'VETO') return { ok: true, value: { ...next, state: 'VETOED' } };
  if (d.decision === 'DENY') return { ok: true, value: { ...next, state: 'DENIED' } };
  const satisfied = req.requiredApprovals.every((r) => new Set(decisions.filter((x) => x.decision === 'APPROVE' && x.by.nation === r.nation).map((x) => x.by.username)).size >= r.count);
  if (!satisfied) return { ok: true, value: next };
  return { ok: true, value: { ...next, state: 'APPROVED', engagementState: req.kind === 'ENGAGEMENT' || req.kind === 'JAMMING' ? 'AUTHORIZED' : null } };
}

/** The requester withdraws a request still waiting. */
export function withdraw(req: AuthorizationRequest, nowMs: number): Outcome<AuthorizationRequest> {
  if (!isAwaitingDecision(req)) return refuse('NOT_PENDING', `Request ${req.id} is already ${req.state}.`);
  return { ok: true, value: { ...req, state: 'WITHDRAWN', abortReason: `withdrawn at ${iso(nowMs)}`, version: req.version + 1 } };
}

/**
 * Time passes: a waiting request at or past its deadline EXPIRES (fail-safe); a veto window that
 * closed without a veto AUTO_APPROVES (if the deadline has not passed). Null when nothing changes.
 */
export function advance(req: AuthorizationRequest, nowMs: number): AuthorizationRequest | null {
  if (isAwaitingDecision(req) && nowMs >= Date.parse(req.deadline)) return { ...req, state: 'EXPIRED', version: req.version + 1 };
  if (req.state === 'PENDING_VETO' && req.vetoUntil !== null && nowMs >= Date.parse(req.vetoUntil)) {
    return { ...req, state: 'AUTO_APPROVED', engagementState: 'AUTHORIZED', version: req.version + 1 };
  }
  return null;
}

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
  if (!allowed.ok) return `sector ${e.sectorId} (${e.sectorNation}) is WEAPONS ${s.wcs ?? 'unknown (treated as HOLD)'} now: ${allowed.message}`;
  const near = nearestOfEach(e, s);
  for (const [what, n] of [['friendly', near.friendly], ['noFire', near.noFire], ['corridor', near.corridor]] as const) {
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
  return shareable.filter((i) => i.conflict).reduce(byDistance, null) ?? hidden.find((i) => i.near) ?? hidden[0] ?? shareable.reduce(byDistance, null);
}

function nearestOfEach(e: NonNullable<AuthorizationRequest['engagement']>, s: Situation): Record<Kind, Nearest | null> {
  const geometry = { effectorPosition: e.effectorPosition ?? null, interceptPoint: e.interceptPoint, dangerRadiusM: e.dangerRadiusM, at: e.interceptAt };
  const items: Record<Kind, Nearest[]> = { friendly: [], noFire: [], corridor: [] };
  for (const c of engagementClearances(geometry, [...s.noFireAreas, ...s.corridors], s.friendlies)) {
    const o = c.kind === 'FRIENDLY' ? c.friendly : c.volume;
    const item = { id: o.id, d: c.fromInterceptM, dPath: c.kind === 'FRIENDLY' ? c.fromPathM : null, near: c.nearIntercept, conflict: c.conflict, shareable: o.shareable !== false };
    items[c.kind === 'FRIENDLY' ? 'friendly' : c.kind === 'NO_FIRE_AREA' ? 'noFire' : 'corridor'].push(item);
  }
  return { friendly: nearestOf(items.friendly), noFire: nearestOf(items.noFire), corridor: nearestOf(items.corridor) };
}

/** Why an object stops the engagement (it conflicts): named with its distance when shareable, else the fixed words. */
function conflictReason(kind: Kind, n: Nearest, radiusM: number): string {
  const where = n.near ? 'the intercept point' : 'the flyout path';
  if (!n.shareable) return kind === 'friendly' ? `${UNSHAREABLE.friendly} is within the danger radius of ${where}` : n.near ? `${UNSHAREABLE[kind]} is within the danger radius of the intercept point` : `the flyout path ${kind === 'noFire' ? 'crosses' : 'passes through'} ${UNSHAREABLE[kind]}`;
  switch (kind) {
    case 'friendly':
      return `friendly track ${n.id} is ${Math.round(n.near ? n.d : (n.dPath ?? n.d))} m from ${where} (danger radius ${radiusM} m)`;
    case 'noFire':
      return n.near ? `no-fire area ${n.id} is within the danger radius of the intercept point` : `the flyout path crosses no-fire area ${n.id}`;
    case 'corridor':
      return n.near ? `transit corridor ${n.id} (in force) is within the danger radius of the intercept point` : `the flyout path passes through transit corridor ${n.id} (in force)`;
  }
}

/**
 * The last check before launch: only an approved (or auto-approved), still AUTHORIZED engagement,
 * before its deadline, whose situation has not changed, may execute. Checked again at launch.
 */
export function mayExecute(req: AuthorizationRequest, s: Situation, nowMs: number): Outcome<true> {
  if (req.state !== 'APPROVED' && req.state !== 'AUTO_APPROVED') return refuse('NO_VALID_AUTHORIZATION', `Request ${req.id} is ${req.state}, not approved.`);
  if (req.engagementState !== 'AUTHORIZED') return refuse('NO_VALID_AUTHORIZATION', `Engagement ${req.id} is ${req.engagementState ?? 'not an engagement'}.`);
  if (nowMs >= Date.parse(req.deadline)) return refuse('EXPIRED', `The authorization of ${req.id} expired at ${req.deadline}.`);
  const why = abortReason(req, s);
  if (why) return refuse('SITUATION_CHANGED', `Engagement ${req.id} aborted: ${why}.`);
  return { ok: true, value: true };
}

/**
 * Whether a standing authority covers an engagement: same nation, not revoked, within its validity,
 * intercept point in its zone, effector class, target kind and identity listed, confidence enough.
 */
export function standingAuthorityCovers(sa: StandingAuthority, req: Pick<AuthorizationRequest, 'nation' | 'engagement'>, nowMs: number): Outcome<true> {
  const e = req.engagement;
  const out = (why: string) => refuse('STANDING_AUTHORITY_BOUNDS', `Standing authority ${sa.id} does not cover this: ${why}.`);
  if (!e) return out('not an engagement');
  if (sa.nation !== req.nation) return out(`it is ${sa.nation}'s, the effector is ${req.nation}'s`);
  if (sa.revokedAt !== null && nowMs >= Date.parse(sa.revokedAt)) return out('it was revoked');
  if (nowMs < Date.parse(sa.validFrom) || nowMs >= Date.parse(sa.expiresAt)) return out('it is not valid now');
  if (distanceM(sa.zone.center, e.interceptPoint) > sa.zone.radiusM) return out('the intercept point is outside its zone');
  if (!sa.effectorClasses.includes(e.effectorClass as EffectorClass)) return out(`effector class ${e.effectorClass} is not listed`);
  if (!sa.targetKinds.includes(e.targetKind)) return out(`target kind ${e.targetKind} is not listed`);
  if (!sa.identities.includes(e.targetIdentity)) return out(`identity ${e.targetIdentity} is not listed`);
  if (e.confidence < sa.minConfidence) return out(`confidence ${e.confidence} is below ${sa.minConfidence}`);
  return { ok: true, value: true };
}

/** Launch: AUTHORIZED -> EXECUTING, only when mayExecute allows it at this instant. */
export function launch(req: AuthorizationRequest, s: Situation, nowMs: number): Outcome<AuthorizationRequest> {
  const may = mayExecute(req, s, nowMs);
  if (!may.ok) return may;
  return { ok: true, value: { ...req, engagementState: 'EXECUTING', version: req.version + 1 } };
}

/** The flyout ended: COMPLETED with its outcome. */
export function complete(req: AuthorizationRequest, outcome: 'DESTROYED' | 'MISSED'): Outcome<AuthorizationRequest> {
  if (req.engagementState !== 'EXECUTING') return refuse('NO_VALID_AUTHORIZATION', `Engagement ${req.id} is ${req.engagementState ?? 'not running'}, not EXECUTING.`);
  return { ok: true, value: { ...req, engagementState: 'COMPLETED', outcome, version: req.version + 1 } };
}

/** Abort an authorized or running engagement (situation changed, withdrawn); a finished one stays finished. */
export function abort(req: AuthorizationRequest, reason: string): Outcome<AuthorizationRequest> {
  if (req.engagementState !== 'AUTHORIZED' && req.engagementState !== 'EXECUTING') return refuse('NO_VALID_AUTHORIZATION', `Engagement ${req.id} is ${req.engagementState ?? 'not authorized'}: nothing to abort.`);
  return { ok: true, value: { ...req, engagementState: 'ABORTED', abortReason: reason, version: req.version + 1 } };
}

/**
 * Granting standing authority: only a commander of its nation, valid for a future window of at most
 * `maxHours` (pre-delegation is bounded in time as in everything else).
 */
export function grantStanding(sa: Omit<StandingAuthority, 'revokedAt' | 'grantedBy'>, by: Decider, nowMs: number, maxHours = 24): Outcome<StandingAuthority> {
  if (!by.roles.includes('COMMANDER')) return refuse('NOT_A_COMMANDER', 'Only a commander grants standing authority.');
  if (by.nation !== sa.nation) return refuse('WRONG_NATION', `Only commanders of ${sa.nation} grant its standing authority.`);
  const from = Date.parse(sa.validFrom);
  const to = Date.parse(sa.expiresAt);
  if (!(to > from) || to <= nowMs) return refuse('INVALID', 'A standing authority must end after it starts, in the future.');
  if (to - Math.max(from, nowMs) > maxHours * 3_600_000) return refuse('STANDING_AUTHORITY_BOUNDS', `A standing authority lasts at most ${maxHours} h.`);
  return { ok: true, value: { ...sa, grantedBy: { username: by.username, nation: by.nation }, revokedAt: null } };
}

/** Revoking it: a commander of its nation, once. */
export function revokeStanding(sa: StandingAuthority, by: Decider, nowMs: number): Outcome<StandingAuthority> {
  if (!by.roles.includes('COMMANDER')) return refuse('NOT_A_COMMANDER', 'Only a commander revokes standing authority.');
  if (by.nation !== sa.nation) return refuse('WRONG_NATION', `Only commanders of ${sa.nation} revoke its standing authority.`);
  if (sa.revokedAt !== null) return refuse('NOT_PENDING', `Standing authority ${sa.id} was revoked at ${sa.revokedAt}.`);
  return { ok: true, value: { ...sa, revokedAt: iso(nowMs) } };
}

export type Check = AuthorizationRequest['checks'][number];

/**
 * What the deciders are shown about an engagement: the WCS that let it be asked, the target as it is
 * now, the nearest friendly track, no-fire area and (when one is in force or in the way) transit
 * corridor against the danger radius and the flyout path, and who must concur.
 */
export function engagementChecks(req: Pick<AuthorizationRequest, 'engagement' | 'requiredApprovals'>, s: Situation): Check[] {
  const e = req.engagement;
  if (!e) return [];
  const km = (m: number) => `${(m / 1000).toFixed(1)} km`;
  const near = nearestOfEach(e, s);
  const allowed = s.wcs !== null && s.targetIdentity !== null ? wcsAllows(s.wcs, s.targetIdentity).ok : false;
  // An unshareable one is only ever picked when it conflicts: the fixed words, never its name or distance.
  const detail = (kind: Kind, n: Nearest, nearest: string) => {
    if (!n.shareable) return n.near ? `${UNSHAREABLE[kind]} is within the danger radius (${e.dangerRadiusM} m)` : conflictReason(kind, n, e.dangerRadiusM);
    return n.conflict && !n.near ? conflictReason(kind, n, e.dangerRadiusM) : nearest;
  };
  const friend = near.friendly;
  const nfa = near.noFire;
  const corridor = near.corridor;
  const checks: Check[] = [
    { check: 'WCS', ok: allowed, detail: `${e.sectorId} (${e.sectorNation}) is WEAPONS ${s.wcs ?? 'unknown (treated as HOLD)'}; target ${s.targetIdentity ?? e.targetIdentity}` },
    {
      check: 'Target',
      ok: s.targetIdentity !== null && !isProtectedIdentity(s.targetIdentity),
      detail: s.targetIdentity === null ? `${e.targetTrackId} is not in the picture` : `${e.targetTrackId} is ${s.targetIdentity} now (requested as ${e.targetIdentity}), ${e.targetKind.toLowerCase()}, confidence ${Math.round(e.confidence * 100)} %`,
    },
    {
      check: 'Friendlies',
      ok: !friend?.conflict,
      detail: friend ? detail('friendly', friend, `nearest friendly ${friend.id} ${km(friend.d)} from the intercept point (danger radius ${e.dangerRadiusM} m)`) : 'no friendly track in the picture',
    },
    { check: 'No-fire areas', ok: !nfa?.conflict, detail: nfa ? detail('noFire', nfa, `nearest no-fire area ${nfa.id} ${km(nfa.d)} from the intercept point`) : 'no no-fire area' },
  ];
  // Shown only when there is something to say: a corridor in force every party may see, or one in the way.
  if (corridor) checks.push({ check: 'Transit corridors', ok: !corridor.conflict, detail: detail('corridor', corridor, `nearest transit corridor in force ${corridor.id} ${km(corridor.d)} from the intercept point`) });
  checks.push({ check: 'Concurrence', ok: true, detail: req.requiredApprovals.map((r) => `${r.count} commander${r.count > 1 ? 's' : ''} of ${r.nation}`).join(' and ') });
  return checks;
}
