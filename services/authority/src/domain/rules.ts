import {
  isAwaitingDecision,
  isProtectedIdentity,
  type AuthorizationRequest,
  type AutonomyMode,
  type Decision,
  type RequiredApproval,
  type Role,
  type StandardIdentity,
  type StandingAuthority,
  type TargetWarning,
  type WeaponsControlStatus,
} from '@tessera/schema';
import { abortReason, type Situation } from './checks.ts';
import { standingAuthorityCovers } from './standing.ts';

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
  'TABOO_BAND',
  'INVALID',
] as const;
export type RefusalRule = (typeof REFUSAL_RULES)[number];

export interface Refusal {
  ok: false;
  rule: RefusalRule;
  message: string;
}
export type Outcome<T> = { ok: true; value: T } | Refusal;

export const refuse = (rule: RefusalRule, message: string): Refusal => ({ ok: false, rule, message });
const iso = (ms: number) => new Date(ms).toISOString();

/** Whether the sector's weapons control status allows even asking to engage a target of this identity. */
export function wcsAllows(wcs: WeaponsControlStatus, identity: StandardIdentity): Outcome<true> {
  if (wcs === 'HOLD')
    return refuse('WCS_HOLD', 'Weapons HOLD in this sector: no engagement may be requested (self-defence only).');
  if (wcs === 'TIGHT' && identity !== 'HOSTILE')
    return refuse(
      'WCS_TIGHT_NOT_HOSTILE',
      `Weapons TIGHT: only tracks identified HOSTILE may be engaged; this one is ${identity}.`,
    );
  if (wcs === 'FREE' && isProtectedIdentity(identity))
    return refuse('WCS_FREE_PROTECTED_IDENTITY', `A ${identity} track is never engaged.`);
  return { ok: true, value: true };
}

/**
 * Who must concur. The effector's nation always; the sector's nation too when an intercept point or
 * jamming area lies in another nation's sector (two-nation rule); WCS FREE needs two distinct
 * commanders of the sector's nation (two-person rule).
 */
export function requiredApprovals(
  req: Pick<AuthorizationRequest, 'kind' | 'nation' | 'engagement' | 'jamming' | 'wcsChange'>,
  policy: AuthorityPolicy,
): RequiredApproval[] {
  switch (req.kind) {
    case 'ENGAGEMENT':
    case 'JAMMING': {
      const sectorNation = req.engagement?.sectorNation ?? req.jamming?.sectorNation ?? req.nation;
      return sectorNation === req.nation
        ? [{ nation: req.nation, count: 1 }]
        : [
            { nation: req.nation, count: 1 },
            { nation: sectorNation, count: 1 },
          ];
    }
    case 'WCS_CHANGE':
      return [
        { nation: req.wcsChange!.sectorNation, count: req.wcsChange!.to === 'FREE' ? policy.wcsFreeApprovers : 1 },
      ];
    case 'AUTONOMY_CHANGE':
      return [{ nation: req.nation, count: 1 }];
  }
}

/**
 * Who must concur, from two rules at once (the two-nation rule and a jamming's restricted bands):
 * each nation once, with the larger count; the first list's order, then the new nations in theirs.
 */
export function mergeApprovals(
  base: readonly RequiredApproval[],
  extra: readonly RequiredApproval[],
): RequiredApproval[] {
  const out = base.map((r) => ({ ...r }));
  for (const r of extra) {
    const had = out.find((o) => o.nation === r.nation);
    if (had) had.count = Math.max(had.count, r.count);
    else out.push({ ...r });
  }
  return out;
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
  /** More nations that must concur (a jamming over their PROTECTED or GUARDED bands: spectrum-check.ts). */
  concurrence?: readonly RequiredApproval[];
}

export type NewRequest = Omit<
  AuthorizationRequest,
  | 'targetWarnings'
  | 'createdAt'
  | 'deadline'
  | 'state'
  | 'vetoUntil'
  | 'requiredApprovals'
  | 'decisions'
  | 'engagementState'
  | 'outcome'
  | 'abortReason'
  | 'version'
  | 'checks'
> & { targetWarnings?: TargetWarning[] };

/**
 * Open a request: refused when the WCS does not allow it; else PENDING until its deadline, or
 * PENDING_VETO under ON_THE_LOOP (confident enough), or APPROVED at once by a matching standing
 * authority. MANUAL effectors are operated by people, not requested by agents: still PENDING. A
 * request that names a target warning (possible GNSS spoofing or jamming) waits for a commander:
 * neither standing authority nor ON_THE_LOOP decides on a target whose position may be false.
 */
export function openRequest(input: NewRequest, ctx: RequestContext): Outcome<AuthorizationRequest> {
  const base: AuthorizationRequest = {
    ...input,
    targetWarnings: input.targetWarnings ?? [],
    createdAt: iso(ctx.nowMs),
    deadline: iso(ctx.nowMs + ctx.policy.deadlineS[input.kind] * 1000),
    state: 'PENDING',
    vetoUntil: null,
    requiredApprovals: mergeApprovals(requiredApprovals(input, ctx.policy), ctx.concurrence ?? []),
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
    if (base.targetWarnings.length > 0) return { ok: true, value: base };
    const standing = (ctx.standing ?? []).find((s) => standingAuthorityCovers(s, base, ctx.nowMs).ok);
    // Standing authority covers only the effector nation's own approval; another nation's sector still needs its commander.
    if (standing && base.requiredApprovals.length === 1) {
      return {
        ok: true,
        value: {
          ...base,
          state: 'APPROVED',
          engagementState: 'AUTHORIZED',
          decisions: [
            {
              decision: 'APPROVE',
              by: standing.grantedBy,
              reason: `standing authority ${standing.id}`,
              at: iso(ctx.nowMs),
              standingAuthorityId: standing.id,
            },
          ],
        },
      };
    }
    if (
      ctx.autonomy === 'ON_THE_LOOP' &&
      e.confidence >= ctx.policy.onTheLoopMinConfidence &&
      base.requiredApprovals.length === 1
    ) {
      return {
        ok: true,
        value: { ...base, state: 'PENDING_VETO', vetoUntil: iso(ctx.nowMs + ctx.policy.vetoWindowS * 1000) },
      };
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
export function decide(
  req: AuthorizationRequest,
  d: { decision: Decision['decision']; reason: string },
  by: Decider,
  nowMs: number,
): Outcome<AuthorizationRequest> {
  if (req.state === 'EXPIRED' || (nowMs >= Date.parse(req.deadline) && isAwaitingDecision(req))) {
    return refuse('EXPIRED', `Request ${req.id} expired at ${req.deadline}; nothing of it will execute.`);
  }
  if (d.decision === 'VETO') {
    if (req.state !== 'PENDING_VETO' || (req.vetoUntil !== null && nowMs >= Date.parse(req.vetoUntil)))
      return refuse('NOT_IN_VETO_WINDOW', `Request ${req.id} is ${req.state}: there is no veto window open.`);
  } else if (!isAwaitingDecision(req)) {
    return refuse('NOT_PENDING', `Request ${req.id} is already ${req.state}.`);
  }
  if (!by.roles.includes('COMMANDER'))
    return refuse('NOT_A_COMMANDER', 'Only a commander decides authorization requests.');
  const required = req.requiredApprovals.find((r) => r.nation === by.nation);
  if (!required)
    return refuse(
      'WRONG_NATION',
      `Only commanders of ${req.requiredApprovals.map((r) => r.nation).join(' and ')} decide request ${req.id}.`,
    );
  if (req.decisions.some((x) => x.by.username === by.username))
    return refuse(
      'ALREADY_DECIDED',
      `${by.username} has already decided request ${req.id}; another commander must concur.`,
    );

  const decision: Decision = {
    decision: d.decision,
    by: { username: by.username, nation: by.nation! },
    reason: d.reason,
    at: iso(nowMs),
  };
  const decisions = [...req.decisions, decision];
  const next = { ...req, decisions, version: req.version + 1 };
  if (d.decision === 'VETO') return { ok: true, value: { ...next, state: 'VETOED' } };
  if (d.decision === 'DENY') return { ok: true, value: { ...next, state: 'DENIED' } };
  const satisfied = req.requiredApprovals.every(
    (r) =>
      new Set(decisions.filter((x) => x.decision === 'APPROVE' && x.by.nation === r.nation).map((x) => x.by.username))
        .size >= r.count,
  );
  if (!satisfied) return { ok: true, value: next };
  return {
    ok: true,
    value: {
      ...next,
      state: 'APPROVED',
      engagementState: req.kind === 'ENGAGEMENT' || req.kind === 'JAMMING' ? 'AUTHORIZED' : null,
    },
  };
}

/** The requester withdraws a request still waiting. */
export function withdraw(req: AuthorizationRequest, nowMs: number): Outcome<AuthorizationRequest> {
  if (!isAwaitingDecision(req)) return refuse('NOT_PENDING', `Request ${req.id} is already ${req.state}.`);
  return {
    ok: true,
    value: { ...req, state: 'WITHDRAWN', abortReason: `withdrawn at ${iso(nowMs)}`, version: req.version + 1 },
  };
}

/**
 * Time passes: a waiting request at or past its deadline EXPIRES (fail-safe); a veto window that
 * closed without a veto AUTO_APPROVES (if the deadline has not passed). Null when nothing changes.
 */
export function advance(req: AuthorizationRequest, nowMs: number): AuthorizationRequest | null {
  if (isAwaitingDecision(req) && nowMs >= Date.parse(req.deadline))
    return { ...req, state: 'EXPIRED', version: req.version + 1 };
  if (req.state === 'PENDING_VETO' && req.vetoUntil !== null && nowMs >= Date.parse(req.vetoUntil)) {
    return { ...req, state: 'AUTO_APPROVED', engagementState: 'AUTHORIZED', version: req.version + 1 };
  }
  return null;
}

/**
 * The last check before launch: only an approved (or auto-approved), still AUTHORIZED engagement,
 * before its deadline, whose situation has not changed, may execute. Checked again at launch.
 */
export function mayExecute(req: AuthorizationRequest, s: Situation, nowMs: number): Outcome<true> {
  if (req.state !== 'APPROVED' && req.state !== 'AUTO_APPROVED')
    return refuse('NO_VALID_AUTHORIZATION', `Request ${req.id} is ${req.state}, not approved.`);
  if (req.engagementState !== 'AUTHORIZED')
    return refuse('NO_VALID_AUTHORIZATION', `Engagement ${req.id} is ${req.engagementState ?? 'not an engagement'}.`);
  if (nowMs >= Date.parse(req.deadline))
    return refuse('EXPIRED', `The authorization of ${req.id} expired at ${req.deadline}.`);
  const why = abortReason(req, s);
  if (why) return refuse('SITUATION_CHANGED', `Engagement ${req.id} aborted: ${why}.`);
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
  if (req.engagementState !== 'EXECUTING')
    return refuse(
      'NO_VALID_AUTHORIZATION',
      `Engagement ${req.id} is ${req.engagementState ?? 'not running'}, not EXECUTING.`,
    );
  return { ok: true, value: { ...req, engagementState: 'COMPLETED', outcome, version: req.version + 1 } };
}

/** Abort an authorized or running engagement (situation changed, withdrawn); a finished one stays finished. */
export function abort(req: AuthorizationRequest, reason: string): Outcome<AuthorizationRequest> {
  if (req.engagementState !== 'AUTHORIZED' && req.engagementState !== 'EXECUTING')
    return refuse(
      'NO_VALID_AUTHORIZATION',
      `Engagement ${req.id} is ${req.engagementState ?? 'not authorized'}: nothing to abort.`,
    );
  return { ok: true, value: { ...req, engagementState: 'ABORTED', abortReason: reason, version: req.version + 1 } };
}
