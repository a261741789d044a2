import { z } from 'zod';
import { AirspaceVolume, DrawnFootprint, VolumeKind } from './airspace.ts';
import { AuditActor } from './audit.ts';
import { Label, NationCode } from './label.ts';
import { Timestamp } from './provenance.ts';
import {
  AssignmentChange,
  AssignmentDraft,
  AssignmentRef,
  RestrictedDraft,
  RestrictedEntry,
  RestrictedKind,
  SpectrumAssignment,
  SpectrumConflictDetail,
  SpectrumUse,
} from './spectrum.ts';

/**
 * Airspace deconfliction (DOMAIN.md, "Airspace" and "Deconfliction negotiation"): reservations owned
 * by the deconfliction service, conflicts it finds between them, and the proposals liaison cells
 * negotiate to resolve them. Spectrum assignments and the restricted frequency list are owned by the
 * same service, and their conflicts go through the same negotiation (docs/spectrum.md).
 */

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -');
const CommandId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 letters, digits, _ or -');
const GeoPoint = z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) });

/**
 * Which kinds of reservation may not share airspace (one table for the engine, the gateway and the
 * console): reserved for drones or for weapons, the same volume cannot also be a transit corridor,
 * a weapons zone or another nation's drone operating area. Symmetric. Sectors (WCS areas) and
 * defended assets are not reservations of airspace use and never conflict by kind.
 */
const INCOMPATIBLE: readonly (readonly [VolumeKind, VolumeKind])[] = [
  ['ROZ', 'ROZ'],
  ['ROZ', 'TRANSIT_CORRIDOR'],
  ['ROZ', 'ENGAGEMENT_ZONE'],
  ['ENGAGEMENT_ZONE', 'TRANSIT_CORRIDOR'],
  ['ENGAGEMENT_ZONE', 'ENGAGEMENT_ZONE'],
  ['ENGAGEMENT_ZONE', 'NO_FIRE_AREA'],
  ['TRANSIT_CORRIDOR', 'TRANSIT_CORRIDOR'],
];

/** Whether reservations of these two kinds conflict where they overlap. */
export function kindsConflict(a: VolumeKind, b: VolumeKind): boolean {
  return INCOMPATIBLE.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
}

/** A reservation as a person asks for it (the service adds owner, state, version and label rules). */
export const ReservationDraft = z.intersection(
  DrawnFootprint,
  z.object({
    name: z.string().min(1).max(120),
    kind: VolumeKind.exclude(['SECTOR']),
    label: Label,
    floorM: z.number().min(-500).max(30_000),
    ceilingM: z.number().min(-500).max(30_000),
    validFrom: Timestamp,
    validTo: Timestamp,
  }),
);
export type ReservationDraft = z.infer<typeof ReservationDraft>;

/** Which reservation, at which version: every proposal and acceptance names what it saw (proof of awareness). */
export const ReservationRef = z.object({ nation: NationCode, id: Id, version: z.int().min(1) });
export type ReservationRef = z.infer<typeof ReservationRef>;

export const CONFLICT_STATES = ['OPEN', 'RESOLVED', 'ACCEPTED_RISK'] as const;
export const ConflictState = z.enum(CONFLICT_STATES);
export type ConflictState = z.infer<typeof ConflictState>;

export const CONFLICT_SEVERITIES = ['LOW', 'MEDIUM', 'HIGH'] as const;
export const ConflictSeverity = z.enum(CONFLICT_SEVERITIES);
export type ConflictSeverity = z.infer<typeof ConflictSeverity>;

/** The 4D overlap of two volumes: where, how high, when. */
export const ConflictRegion = z.object({
  outline: z.array(GeoPoint).min(3).max(512),
  floorM: z.number(),
  ceilingM: z.number(),
  /** Null: unbounded on that side (a reservation without a start or end). */
  from: Timestamp.nullable(),
  to: Timestamp.nullable(),
  areaKm2: z.number().nonnegative(),
});
export type ConflictRegion = z.infer<typeof ConflictRegion>;

/**
 * What a side of a conflict is: a reservation of some kind, an engagement (an authorization request),
 * a spectrum assignment (its use), or a restricted-list entry (its kind).
 */
export const ConflictSideKind = z.union([VolumeKind, z.literal('ENGAGEMENT'), SpectrumUse, RestrictedKind]);
export type ConflictSideKind = z.infer<typeof ConflictSideKind>;

/**
 * One side of a conflict, as it was when the conflict was computed: a reservation (`id` is the
 * reservation's), or for an ENGAGEMENT conflict the engagement (`id` is the request's, `version`
 * the request's version).
 */
export const ConflictSide = z.object({
  nation: NationCode,
  id: z.string().min(1).max(80),
  name: z.string().max(120),
  kind: ConflictSideKind,
  version: z.int().min(1),
  label: Label,
});
export type ConflictSide = z.infer<typeof ConflictSide>;

/**
 * SPECTRUM: two assignments of different nations that interfere (DOMAIN.md "Spectrum"), or a
 * transmission over a TABOO band of the restricted list (second side: the entry); negotiated like
 * AIRSPACE, with assignment changes. Severity from the margin: HIGH ≥ 20 dB or a TABOO band, MEDIUM ≥ 6 dB.
 * AIRSPACE: two reservations of different nations whose volumes overlap with positive size in area,
 * altitude and time, and whose kinds are incompatible. ENGAGEMENT: an open engagement request whose
 * danger radius or flyout path meets a no-fire area or a transit corridor in force (sides: the
 * engagement, then the reservation; one party when both are the same nation's); it is settled by the
 * commanders deciding the request or by a change of the reservation, not negotiated. Derived from both sides: `label` is what the full view
 * needs (derivedLabel of both sides' labels; null when no nation may see both sides, so nobody gets
 * the full view); a party who may not see the other side gets a sanitized view (the region and the
 * other side's kind, never its name, id or details). Decide with releaseDerived over `sides[].label`.
 */
export const CONFLICT_KINDS = ['AIRSPACE', 'ENGAGEMENT', 'SPECTRUM'] as const;
export const Conflict = z.object({
  id: Id,
  kind: z.enum(CONFLICT_KINDS),
  /** The nations whose liaisons must agree (AIRSPACE) or who are concerned (ENGAGEMENT), sorted. */
  parties: z.array(NationCode).min(1),
  sides: z.array(ConflictSide).length(2),
  /** Where in the airspace (AIRSPACE, ENGAGEMENT); null for a SPECTRUM conflict (its `spectrum` says where in the spectrum). */
  region: ConflictRegion.nullable(),
  /** SPECTRUM: the band, margins and time; absent otherwise. */
  spectrum: SpectrumConflictDetail.optional(),
  severity: ConflictSeverity,
  state: ConflictState,
  label: Label.nullable(),
  detectedAt: Timestamp,
  updatedAt: Timestamp,
  /** The accepted proposal that resolved it (or accepted the risk). */
  resolvedBy: Id.nullable(),
  /** Increases with every change. */
  version: z.int().min(1),
});
export type Conflict = z.infer<typeof Conflict>;

/** A change a proposal makes to one reservation: a new outline, altitude block or time window, or its end. */
export const ReservationChange = z.object({
  reservation: z.object({ nation: NationCode, id: Id }),
  action: z.enum(['MODIFY', 'END']),
  footprint: DrawnFootprint.optional(),
  floorM: z.number().min(-500).max(30_000).optional(),
  ceilingM: z.number().min(-500).max(30_000).optional(),
  validFrom: Timestamp.optional(),
  validTo: Timestamp.optional(),
});
export type ReservationChange = z.infer<typeof ReservationChange>;

export const PROPOSAL_STATES = [
  'OPEN',
  'ACCEPTED',
  'REJECTED',
  'COUNTERED',
  'EXPIRED',
  'WITHDRAWN',
  'SUPERSEDED',
] as const;
export const ProposalState = z.enum(PROPOSAL_STATES);
export type ProposalState = z.infer<typeof ProposalState>;

export const ProposalResponse = z.object({
  nation: NationCode,
  username: z.string().min(1).max(64),
  response: z.enum(['ACCEPT', 'REJECT']),
  reason: z.string().max(500),
  at: Timestamp,
});
export type ProposalResponse = z.infer<typeof ProposalResponse>;

/**
 * A resolution a liaison of a party proposes: changes to reservations, or accepting the risk. Every
 * other party accepts, rejects or counters (a counter is a new proposal that replaces this one). When
 * every party has accepted, the changes apply at once and versions bump.
 */
export const Proposal = z.object({
  id: Id,
  conflictId: Id,
  kind: z.enum(['CHANGE', 'ACCEPT_RISK']),
  proposedBy: z.object({ username: z.string().min(1).max(64), nation: NationCode }),
  rationale: z.string().min(1).max(1000),
  /** The versions of the conflict's sides (reservations or assignments) the proposal was based on. */
  basedOn: z.array(ReservationRef).min(1),
  changes: z.array(ReservationChange).max(4),
  /** A SPECTRUM conflict's changes (a new channel, power or window, or an end). */
  assignmentChanges: z.array(AssignmentChange).max(4).default([]),
  counterTo: Id.nullable(),
  responses: z.array(ProposalResponse),
  state: ProposalState,
  createdAt: Timestamp,
  expiresAt: Timestamp,
  /** As the conflict's: what its full view reveals (null: no nation may see every side). */
  label: Label.nullable(),
  version: z.int().min(1),
});
export type Proposal = z.infer<typeof Proposal>;

/**
 * Commands a person gave through the gateway (`subjects.deconflictionFromGateway`; only the gateway
 * may publish there, so the person named is the one it authenticated).
 */
const Person = z.object({
  username: z.string().min(1).max(64),
  nation: NationCode.nullable(),
  roles: z.array(z.enum(['WATCH_OFFICER', 'COMMANDER', 'LIAISON', 'ADMIN'])),
});
export const DeconflictionCommand = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('CREATE_RESERVATION'),
    commandId: CommandId,
    id: Id,
    draft: ReservationDraft,
    by: Person,
  }),
  z.object({
    type: z.literal('EDIT_RESERVATION'),
    commandId: CommandId,
    reservation: ReservationRef,
    draft: ReservationDraft,
    by: Person,
  }),
  z.object({ type: z.literal('END_RESERVATION'), commandId: CommandId, reservation: ReservationRef, by: Person }),
  z.object({
    type: z.literal('PROPOSE'),
    commandId: CommandId,
    conflictId: Id,
    kind: z.enum(['CHANGE', 'ACCEPT_RISK']),
    rationale: z.string().min(1).max(1000),
    basedOn: z.array(ReservationRef).min(1),
    changes: z.array(ReservationChange).max(4),
    assignmentChanges: z.array(AssignmentChange).max(4).default([]),
    /** Set when this counters an open proposal. */
    counterTo: Id.nullable(),
    by: Person,
  }),
  z.object({ type: z.literal('CREATE_ASSIGNMENT'), commandId: CommandId, id: Id, draft: AssignmentDraft, by: Person }),
  z.object({
    type: z.literal('EDIT_ASSIGNMENT'),
    commandId: CommandId,
    assignment: AssignmentRef,
    draft: AssignmentDraft,
    by: Person,
  }),
  z.object({ type: z.literal('END_ASSIGNMENT'), commandId: CommandId, assignment: AssignmentRef, by: Person }),
  /** Add or replace an entry of the restricted list owned by the person's nation (`version`: the one replaced, absent: new). */
  z.object({
    type: z.literal('SET_RESTRICTED'),
    commandId: CommandId,
    id: Id,
    version: z.int().min(1).optional(),
    draft: RestrictedDraft,
    by: Person,
  }),
  z.object({
    type: z.literal('REMOVE_RESTRICTED'),
    commandId: CommandId,
    entry: z.object({ id: Id, version: z.int().min(1) }),
    by: Person,
  }),
  z.object({
    type: z.literal('RESPOND'),
    commandId: CommandId,
    proposalId: Id,
    response: z.enum(['ACCEPT', 'REJECT']),
    reason: z.string().max(500),
    basedOn: z.array(ReservationRef).min(1),
    by: Person,
  }),
]);
export type DeconflictionCommand = z.infer<typeof DeconflictionCommand>;

export const DECONFLICTION_REFUSALS = [
  'NOT_A_LIAISON',
  'NOT_YOUR_RESERVATION',
  'NOT_A_PARTY',
  'STALE_VERSION',
  'NOT_OPEN',
  'ALREADY_RESPONDED',
  'NOT_NEGOTIABLE',
  'INVALID',
] as const;

export const DeconflictionReply = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    reservation: AirspaceVolume.optional(),
    assignment: SpectrumAssignment.optional(),
    restricted: RestrictedEntry.optional(),
    proposal: Proposal.optional(),
    conflict: Conflict.optional(),
  }),
  z.object({
    ok: z.literal(false),
    rule: z.string(),
    message: z.string(),
    /** With STALE_VERSION: the versions as they are now. */
    current: z.array(ReservationRef).optional(),
  }),
]);
export type DeconflictionReply = z.infer<typeof DeconflictionReply>;

/** What the deconfliction service asks the audit chain's writer (the authority) to append for it. */
export const AuditAppendRequest = z.object({
  actor: AuditActor,
  action: z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/),
  subject: z.string().min(1).max(256),
  details: z.record(z.string(), z.json()),
  /** Makes a repeated request harmless: appended at most once. */
  requestId: CommandId,
});
export type AuditAppendRequest = z.infer<typeof AuditAppendRequest>;

export const AuditAppendReply = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), seq: z.int().min(1) }),
  z.object({ ok: z.literal(false), rule: z.string(), message: z.string() }),
]);
export type AuditAppendReply = z.infer<typeof AuditAppendReply>;
