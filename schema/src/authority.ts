import { z } from 'zod';
import { Label, NationCode } from './label.ts';
import { Timestamp } from './provenance.ts';
import { StandardIdentity, TrackId, TrackKind } from './track.ts';
import { WeaponsControlStatus } from './airspace.ts';
import { AnomalyAssessment, AnomalyKind } from './detection.ts';

/**
 * Authorization requests: the human-machine boundary (DOMAIN.md, "Authorization requests"). Every
 * use of force and every escalation is one of these, owned by the authority service, decided by the
 * right humans, expiring safely.
 */

export const REQUEST_KINDS = ['ENGAGEMENT', 'JAMMING', 'WCS_CHANGE', 'AUTONOMY_CHANGE'] as const;
export const RequestKind = z.enum(REQUEST_KINDS);
export type RequestKind = z.infer<typeof RequestKind>;

export const REQUEST_STATES = [
  'PENDING',
  'PENDING_VETO',
  'APPROVED',
  'AUTO_APPROVED',
  'DENIED',
  'VETOED',
  'EXPIRED',
  'WITHDRAWN',
] as const;
export const RequestState = z.enum(REQUEST_STATES);
export type RequestState = z.infer<typeof RequestState>;
/** States after which nothing about the decision changes any more. */
export const FINAL_REQUEST_STATES: readonly RequestState[] = [
  'APPROVED',
  'AUTO_APPROVED',
  'DENIED',
  'VETOED',
  'EXPIRED',
  'WITHDRAWN',
];

export const ENGAGEMENT_STATES = ['AUTHORIZED', 'EXECUTING', 'COMPLETED', 'ABORTED', 'FAILED'] as const;
export const EngagementState = z.enum(ENGAGEMENT_STATES);
export type EngagementState = z.infer<typeof EngagementState>;

/** What the "is it still open" rules read of a request (the web's GraphQL fragments have it too). */
type StatesOf = { state: RequestState; engagementState?: EngagementState | null };
/** Waiting for a decision: PENDING, or PENDING_VETO (an ON_THE_LOOP veto window). */
export const isAwaitingDecision = (r: StatesOf): boolean => r.state === 'PENDING' || r.state === 'PENDING_VETO';
/** An approved engagement or jamming that is authorized or running. */
export const isEngagementActive = (r: StatesOf): boolean =>
  r.engagementState === 'AUTHORIZED' || r.engagementState === 'EXECUTING';
/**
 * Still open: waiting for a decision, or authorized / running. Such a request ties up its effector
 * and target, is watched by the authority's tick, listed by default and drawn on the globe.
 */
export const isOpenRequest = (r: StatesOf): boolean => isAwaitingDecision(r) || isEngagementActive(r);

export const AUTONOMY_MODES = ['MANUAL', 'IN_THE_LOOP', 'ON_THE_LOOP'] as const;
export const AutonomyMode = z.enum(AUTONOMY_MODES);
export type AutonomyMode = z.infer<typeof AutonomyMode>;

export const EFFECTOR_CLASSES = ['INTERCEPTOR_DRONE', 'GUN', 'SAM', 'EW_JAMMER'] as const;
export const EffectorClass = z.enum(EFFECTOR_CLASSES);
export type EffectorClass = z.infer<typeof EffectorClass>;

const GeoPoint = z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) });
const GeoPoint3 = GeoPoint.extend({ altM: z.number() });

/** Who acted: a person (with nation and roles) or a service. */
export const Actor = z.object({
  kind: z.enum(['USER', 'SERVICE']),
  id: z.string().min(1).max(64),
  nation: NationCode.nullable(),
});
export type Actor = z.infer<typeof Actor>;

export const EngagementDetails = z.object({
  effectorId: z.string().min(1).max(64),
  effectorClass: EffectorClass,
  /** Where the effector launches from (drawn on the COP as effector -> intercept point). */
  effectorPosition: GeoPoint.optional(),
  targetTrackId: TrackId,
  /** The target as the requester saw it: an approval is bound to this situation. */
  targetIdentity: StandardIdentity,
  targetKind: TrackKind,
  /** Detector confidence in the target's class, 0..1. */
  confidence: z.number().min(0).max(1),
  interceptPoint: GeoPoint3,
  interceptAt: Timestamp,
  /** Nothing friendly may be within this distance of the intercept point. */
  dangerRadiusM: z.number().positive(),
  /** The sector the intercept point lies in (its nation must concur when it is not the effector's). */
  sectorId: z.string().min(1).max(64),
  sectorNation: NationCode,
  /** Why this effector against this target (weapon-target assignment). */
  reason: z.string().max(300).default(''),
});
export type EngagementDetails = z.infer<typeof EngagementDetails>;

export const JammingDetails = z.object({
  effectorId: z.string().min(1).max(64),
  lowMHz: z.number().positive(),
  highMHz: z.number().positive(),
  center: GeoPoint,
  radiusM: z.number().positive(),
  durationS: z.number().positive(),
  sectorId: z.string().min(1).max(64),
  sectorNation: NationCode,
  /** The drone the jamming is aimed at (its link is what the jamming cuts), when there is one. */
  targetTrackId: TrackId.optional(),
});

export const WcsChangeDetails = z.object({
  sectorId: z.string().min(1).max(64),
  sectorNation: NationCode,
  from: WeaponsControlStatus,
  to: WeaponsControlStatus,
});

export const AutonomyChangeDetails = z.object({
  effectorClass: EffectorClass,
  from: AutonomyMode,
  to: AutonomyMode,
});

/**
 * Why the deciders should doubt the target's reports: an active implausibility anomaly the detector
 * flagged on it (docs/authority.md, "Spoofing and stale tracks at the decision"). A request that
 * names one is shown with it and is never approved without a commander (no standing authority, no
 * ON_THE_LOOP); a flag that appears after the request was opened makes its agent withdraw it and ask
 * again naming the flag, so no decision is taken on a version without it.
 */
export const TargetWarning = z.object({
  kind: AnomalyAssessment,
  /** The detector's finding behind it. */
  anomaly: AnomalyKind,
  /** What the detector saw, in its words. */
  detail: z.string().max(200),
  /** When the detector first raised it (scenario time). */
  since: Timestamp,
});
export type TargetWarning = z.infer<typeof TargetWarning>;

/** The words a decider reads for a warning, first in the request's reason. */
export const TARGET_WARNING_TEXT: Record<AnomalyAssessment, string> = {
  POSSIBLE_GNSS_SPOOFING: 'Possible GNSS spoofing — position may be false',
  POSSIBLE_JAMMING: 'Possible jamming — track reports may be false',
};

export const Decision = z.object({
  decision: z.enum(['APPROVE', 'DENY', 'VETO']),
  by: z.object({ username: z.string().min(1).max(64), nation: NationCode }),
  reason: z.string().max(500),
  at: Timestamp,
  /** Set when a standing authority (pre-delegation) approved on the commander's behalf. */
  standingAuthorityId: z.string().max(64).optional(),
});
export type Decision = z.infer<typeof Decision>;

/** Who must concur: this many distinct commanders of this nation. */
export const RequiredApproval = z.object({ nation: NationCode, count: z.number().int().min(1).max(3) });
export type RequiredApproval = z.infer<typeof RequiredApproval>;

export const AuthorizationRequest = z.object({
  id: z.string().min(1).max(80),
  kind: RequestKind,
  /** The nation whose effector (or sector, or effector class) it is. */
  nation: NationCode,
  label: Label,
  requestedBy: Actor,
  createdAt: Timestamp,
  /** Decide before this instant; at it the request is EXPIRED and nothing of it ever executes. */
  deadline: Timestamp,
  state: RequestState,
  /** ON_THE_LOOP: proceeds at this instant unless vetoed. */
  vetoUntil: Timestamp.nullable(),
  requiredApprovals: z.array(RequiredApproval).min(1),
  decisions: z.array(Decision),
  engagement: EngagementDetails.nullable(),
  jamming: JammingDetails.nullable(),
  wcsChange: WcsChangeDetails.nullable(),
  autonomyChange: AutonomyChangeDetails.nullable(),
  /** Lifecycle of an approved engagement or jamming. */
  engagementState: EngagementState.nullable(),
  outcome: z.enum(['DESTROYED', 'MISSED']).nullable(),
  /** Why it was aborted or refused to launch (the rule). */
  abortReason: z.string().max(200).nullable(),
  /** Increases with every change; decisions name the version they saw. */
  version: z.number().int().min(1),
  /** Active implausibility flags on the target (engagement, jamming) when it was asked for: shown to the deciders. */
  targetWarnings: z.array(TargetWarning).max(4).default([]),
  /** The deconfliction and rule checks the authority made, with what it found (shown to the deciders). */
  checks: z
    .array(z.object({ check: z.string().max(40), ok: z.boolean(), detail: z.string().max(300) }))
    .max(12)
    .default([]),
});
export type AuthorizationRequest = z.infer<typeof AuthorizationRequest>;

/**
 * The label of a nation's AUTONOMY_CHANGE requests: national business, decided by the nation's own
 * commanders and seen by nobody else. The modes in force are their outcome and are released by it.
 */
export const autonomyRequestLabel = (nation: string): z.infer<typeof Label> => ({
  policy: nation,
  classification: 'SECRET',
  originator: nation,
  releasableTo: [],
});

/** Pre-delegated authority: approves matching engagements on its commander's behalf until it expires. */
export const StandingAuthority = z.object({
  id: z.string().min(1).max(64),
  nation: NationCode,
  grantedBy: z.object({ username: z.string().min(1).max(64), nation: NationCode }),
  /** Where the intercept point must lie. */
  zone: z.object({ center: GeoPoint, radiusM: z.number().positive() }),
  effectorClasses: z.array(EffectorClass).min(1),
  targetKinds: z.array(TrackKind).min(1),
  identities: z.array(StandardIdentity).min(1),
  minConfidence: z.number().min(0).max(1),
  validFrom: Timestamp,
  expiresAt: Timestamp,
  revokedAt: Timestamp.nullable(),
});
export type StandingAuthority = z.infer<typeof StandingAuthority>;

const CommandId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 letters, digits, _ or -');
const RequestId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -');

/** A person deciding or granting: the roles and nation the rules check (as the gateway authenticated them). */
const Decider = z.object({
  username: z.string().min(1).max(64),
  nation: NationCode.nullable(),
  roles: z.array(z.enum(['WATCH_OFFICER', 'COMMANDER', 'LIAISON', 'ADMIN'])),
});

/**
 * Commands a person gave through the gateway (`subjects.authorityFromGateway`; only the gateway may
 * publish there, so the person named is the one it authenticated). A person opens only WCS and
 * autonomy changes; engagements and jamming are asked for by a nation's agents. `commandId` makes a
 * repeated command harmless.
 */
export const GatewayCommand = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('OPEN'),
    commandId: CommandId,
    request: AuthorizationRequest.pick({ nation: true, label: true, wcsChange: true, autonomyChange: true }).extend({
      id: RequestId,
      kind: z.enum(['WCS_CHANGE', 'AUTONOMY_CHANGE']),
      requestedBy: Decider,
    }),
  }),
  z.object({
    type: z.literal('DECIDE'),
    commandId: CommandId,
    requestId: RequestId,
    decision: z.enum(['APPROVE', 'DENY', 'VETO']),
    reason: z.string().min(1).max(500),
    by: Decider,
  }),
  z.object({
    type: z.literal('SET_STANDING'),
    commandId: CommandId,
    authority: StandingAuthority.omit({ revokedAt: true, grantedBy: true }).extend({ id: RequestId }),
    by: Decider,
  }),
  z.object({
    type: z.literal('REVOKE_STANDING'),
    commandId: CommandId,
    nation: NationCode,
    standingId: RequestId,
    by: Decider,
  }),
]);
export type GatewayCommand = z.infer<typeof GatewayCommand>;

/**
 * Commands of one nation's interceptor agents (`subjects.authorityFromAgents(nation)`). The nation
 * and the acting agent come from the subject the command arrived on, never from its body: an agent
 * asks only for its own nation's effectors and acts only on its own requests. The engagement's
 * facts (target identity, sector, danger radius, effector class) are claims: the authority computes
 * them itself and refuses a request whose claims disagree.
 */
export const AgentCommand = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('OPEN'),
    commandId: CommandId,
    request: AuthorizationRequest.pick({ label: true, engagement: true, jamming: true }).extend({
      id: RequestId,
      kind: z.enum(['ENGAGEMENT', 'JAMMING']),
      /** The implausibility flags the agent knows of on the target: the request carries them to the deciders. */
      targetWarnings: z.array(TargetWarning).max(4).optional(),
    }),
  }),
  z.object({ type: z.literal('WITHDRAW'), commandId: CommandId, requestId: RequestId }),
  z.object({ type: z.literal('LAUNCH'), commandId: CommandId, requestId: RequestId }),
  z.object({
    type: z.literal('COMPLETE'),
    commandId: CommandId,
    requestId: RequestId,
    outcome: z.enum(['DESTROYED', 'MISSED']),
  }),
]);
export type AgentCommand = z.infer<typeof AgentCommand>;

/** The actor of an agent command: the nation's interceptor agents, named from the subject's nation. */
export const agentActor = (nation: string): Actor => ({
  kind: 'SERVICE',
  id: `${nation.toLowerCase()}-interceptor`,
  nation,
});

/**
 * Refusals that say "not now" rather than "no" (the authority is rebuilding its picture after a
 * restart): the same command may succeed later, so its reply is not kept under its command id.
 */
export const TRANSIENT_REFUSAL_RULES: ReadonlySet<string> = new Set(['PICTURE_WARMING_UP']);

export const AuthorityReply = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), request: AuthorizationRequest }),
  z.object({ ok: z.literal(false), rule: z.string(), message: z.string() }),
]);
export type AuthorityReply = z.infer<typeof AuthorityReply>;

/** The reply to SET_STANDING / REVOKE_STANDING. */
export const StandingReply = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), standing: StandingAuthority }),
  z.object({ ok: z.literal(false), rule: z.string(), message: z.string() }),
]);
export type StandingReply = z.infer<typeof StandingReply>;
