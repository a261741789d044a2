import { createHash } from 'node:crypto';
import type {
  AirspaceVolume,
  Conflict,
  DeconflictionCommand,
  Proposal,
  ReservationRef,
  SpectrumAssignment,
} from '@tessera/schema';
import { isPartyOf, refuse, type Outcome, type Refusal } from './access.ts';
import { reservationKey } from '@tessera/service-kit/airspace';
import { applyChange, refOf, staleVersions, volumeProblem, type Reservations, type Versioned } from './reservations.ts';
import {
  applyAssignmentChange,
  assignmentChangeProblem,
  assignmentChangeModifies,
  type Assignments,
} from './assignments.ts';
import { riskAccepted } from './conflicts.ts';

/**
 * Negotiation between the parties of a conflict (DOMAIN.md, "Deconfliction negotiation"): a
 * liaison of a party proposes changes to the conflict's reservations, or accepting the risk, with
 * the versions it saw; one proposal is open per conflict at a time, and a new one counters it. Every
 * other party accepts or rejects; when all have accepted the changes apply together and versions
 * bump. A proposal whose versions changed meanwhile is superseded; one nobody answered expires.
 * AIRSPACE conflicts are resolved by changing reservations, SPECTRUM ones by changing assignments
 * (a new channel, power or window); `basedOn` names the versions of whichever the conflict is between.
 */

/** What a conflict's sides are looked up in: reservations, and spectrum assignments. */
export interface Sides {
  reservations: Reservations;
  assignments: Assignments;
}

/** Where the versioned sides of a conflict live: assignments for SPECTRUM, else reservations. */
const lookupFor = (conflict: Conflict | undefined, sides: Sides): Versioned =>
  conflict?.kind === 'SPECTRUM' ? sides.assignments : sides.reservations;

/** A restricted entry is a side of a SPECTRUM conflict but is negotiated by nobody (its owner edits the list). */
const RESTRICTED_SIDE = new Set(['TABOO', 'PROTECTED', 'GUARDED']);

export interface NegotiationPolicy {
  /** How long a proposal waits for the other parties. */
  proposalTtlMs: number;
}
export const DEFAULT_NEGOTIATION: NegotiationPolicy = { proposalTtlMs: 30 * 60_000 };

type Propose = Extract<DeconflictionCommand, { type: 'PROPOSE' }>;
type Respond = Extract<DeconflictionCommand, { type: 'RESPOND' }>;

/** A proposal's id, from the command that made it (a repeated command names the same proposal). */
export const proposalId = (commandId: string) =>
  `p-${createHash('sha256').update(commandId).digest('hex').slice(0, 24)}`;

const sideRefs = (conflict: Conflict, sides: Sides): ReservationRef[] =>
  conflict.sides
    .filter((s) => !RESTRICTED_SIDE.has(s.kind))
    .map((s) => lookupFor(conflict, sides)(s.nation, s.id))
    .filter((v): v is ReservationRef => v !== undefined)
    .map(refOf);

/** The conflict's sides as they are now, when `seen` names each at its current version (proof of awareness). */
function awareOf(seen: readonly ReservationRef[], conflict: Conflict, sides: Sides): Outcome<ReservationRef[]> {
  const current = sideRefs(conflict, sides);
  const keys = new Set(current.map(reservationKey));
  const extra = seen.find((r) => !keys.has(reservationKey(r)));
  if (extra) return refuse('INVALID', `${extra.nation}/${extra.id} is not a side of this conflict.`);
  const missing = current.some((c) => !seen.some((r) => reservationKey(r) === reservationKey(c)));
  if (missing || staleVersions(seen, lookupFor(conflict, sides))) {
    return refuse(
      'STALE_VERSION',
      // The versions go in `current` only: a message names no reservation of another nation (the gateway sanitizes `current`).
      "The conflict's reservations changed since you looked at them; look again.",
      current,
    );
  }
  return { ok: true, value: current };
}

/** A proposal whose time is up: EXPIRED, or null while it is not (the deadline instant itself expires it). */
export function expired(p: Proposal, nowMs: number): Proposal | null {
  return p.state === 'OPEN' && nowMs >= Date.parse(p.expiresAt)
    ? { ...p, state: 'EXPIRED', version: p.version + 1 }
    : null;
}

/** An open proposal that can no longer be accepted: SUPERSEDED when its versions changed or its conflict is no longer open; else null. */
export function superseded(p: Proposal, conflict: Conflict | undefined, sides: Sides): Proposal | null {
  if (p.state !== 'OPEN') return null;
  if (conflict?.state === 'OPEN' && !staleVersions(p.basedOn, lookupFor(conflict, sides))) return null;
  return { ...p, state: 'SUPERSEDED', version: p.version + 1 };
}

/**
 * A new proposal on an open conflict by a liaison of one of its parties. With `counterTo` it
 * replaces that open proposal (COUNTERED); without, there must be none open.
 */
export function propose(
  cmd: Propose,
  ctx: {
    conflict: Conflict | undefined;
    open: Proposal | undefined;
    sides: Sides;
    nowMs: number;
    policy: NegotiationPolicy;
  },
): Outcome<{ proposal: Proposal; countered: Proposal | null }> {
  const { conflict, open, sides: lookups, nowMs } = ctx;
  const { reservations } = lookups;
  if (!conflict) return refuse('INVALID', `There is no conflict ${cmd.conflictId}.`);
  const notParty = isPartyOf(cmd.by, conflict.parties, 'this conflict');
  if (notParty) return notParty;
  if (conflict.kind === 'ENGAGEMENT')
    return refuse(
      'NOT_NEGOTIABLE',
      "An engagement's conflict is settled by the commanders who decide the request, or by changing the reservation.",
    );
  if (conflict.state !== 'OPEN') return refuse('NOT_OPEN', `Conflict ${conflict.id} is ${conflict.state}.`);
  const aware = awareOf(cmd.basedOn, conflict, lookups);
  if (!aware.ok) return aware;
  if (cmd.counterTo !== null && cmd.counterTo !== open?.id)
    return refuse('NOT_OPEN', `Proposal ${cmd.counterTo} is not the open proposal of this conflict.`);
  if (cmd.counterTo === null && open)
    return refuse('INVALID', `Proposal ${open.id} is open on this conflict: accept, reject or counter it.`);
  const spectrum = conflict.kind === 'SPECTRUM';
  if (spectrum ? cmd.changes.length > 0 : cmd.assignmentChanges.length > 0)
    return refuse(
      'INVALID',
      spectrum
        ? 'A spectrum conflict is resolved by changing assignments, not reservations.'
        : 'An airspace conflict is resolved by changing reservations, not assignments.',
    );
  const changeCount = cmd.changes.length + cmd.assignmentChanges.length;
  if (cmd.kind === 'ACCEPT_RISK' && changeCount > 0)
    return refuse('INVALID', `Accepting the risk changes no ${spectrum ? 'assignment' : 'reservation'}.`);
  if (cmd.kind === 'CHANGE' && changeCount === 0)
    return refuse('INVALID', `A proposed change names at least one ${spectrum ? 'assignment' : 'reservation'} change.`);
  const sides = new Set(aware.value.map(reservationKey));
  const problem =
    changesProblem(cmd.changes, sides, {
      of: (c) => c.reservation,
      modifies: (c) =>
        c.footprint !== undefined ||
        c.floorM !== undefined ||
        c.ceilingM !== undefined ||
        c.validFrom !== undefined ||
        c.validTo !== undefined,
      after: (c) => volumeProblem(applyChange(reservations(c.reservation.nation, c.reservation.id)!, c)),
    }) ??
    changesProblem(cmd.assignmentChanges, sides, {
      of: (c) => c.assignment,
      modifies: assignmentChangeModifies,
      after: (c) => assignmentChangeProblem(lookups.assignments(c.assignment.nation, c.assignment.id)!, c),
    });
  if (problem) return problem;
  const at = new Date(nowMs).toISOString();
  const proposal: Proposal = {
    id: proposalId(cmd.commandId),
    conflictId: conflict.id,
    kind: cmd.kind,
    proposedBy: { username: cmd.by.username, nation: cmd.by.nation! },
    rationale: cmd.rationale,
    basedOn: aware.value,
    changes: cmd.changes,
    assignmentChanges: cmd.assignmentChanges,
    counterTo: cmd.counterTo,
    responses: [],
    state: 'OPEN',
    createdAt: at,
    expiresAt: new Date(nowMs + ctx.policy.proposalTtlMs).toISOString(),
    label: conflict.label,
    version: 1,
  };
  return {
    ok: true,
    value: {
      proposal,
      countered: open && cmd.counterTo ? { ...open, state: 'COUNTERED', version: open.version + 1 } : null,
    },
  };
}

/** What an answer leads to: the proposal as answered, and when every party accepted, what it changes. */
export interface Answered {
  proposal: Proposal;
  /** Every reservation the accepted changes touch, at its new version. */
  reservations: AirspaceVolume[];
  /** Every assignment the accepted changes touch, at its new version. */
  assignments: SpectrumAssignment[];
  /** The conflict with its risk accepted (ACCEPT_RISK), else null: the engine re-evaluates it. */
  conflict: Conflict | null;
}

/**
 * A party's answer to the open proposal. The proposing nation accepted by proposing; every other
 * party answers once. One REJECT rejects; the last ACCEPT applies every change at once.
 */
export function respond(
  cmd: Respond,
  ctx: { proposal: Proposal | undefined; conflict: Conflict | undefined; sides: Sides; nowMs: number },
): Outcome<Answered> {
  const { proposal, conflict, sides, nowMs } = ctx;
  const { reservations, assignments } = sides;
  if (!proposal || !conflict) return refuse('INVALID', `There is no proposal ${cmd.proposalId}.`);
  const notParty = isPartyOf(cmd.by, conflict.parties, 'this conflict');
  if (notParty) return notParty;
  if (proposal.state !== 'OPEN') return refuse('NOT_OPEN', `Proposal ${proposal.id} is ${proposal.state}.`);
  if (expired(proposal, nowMs)) return refuse('NOT_OPEN', `Proposal ${proposal.id} expired at ${proposal.expiresAt}.`);
  const nation = cmd.by.nation!;
  if (nation === proposal.proposedBy.nation || proposal.responses.some((r) => r.nation === nation)) {
    return refuse(
      'ALREADY_RESPONDED',
      `${nation} has already ${nation === proposal.proposedBy.nation ? 'made this proposal' : 'answered it'}.`,
    );
  }
  const aware = awareOf(cmd.basedOn, conflict, sides);
  if (!aware.ok) return aware;
  // The proposal itself must still fit the reservations (or assignments) as they are (else it is superseded).
  const moved = staleVersions(proposal.basedOn, lookupFor(conflict, sides));
  if (moved) return refuse('STALE_VERSION', `Proposal ${proposal.id} was made for versions that changed since.`, moved);
  const at = new Date(nowMs).toISOString();
  const responses = [
    ...proposal.responses,
    { nation, username: cmd.by.username, response: cmd.response, reason: cmd.reason, at },
  ];
  const waiting = conflict.parties.filter(
    (n) => n !== proposal.proposedBy.nation && !responses.some((r) => r.nation === n && r.response === 'ACCEPT'),
  );
  const state = cmd.response === 'REJECT' ? 'REJECTED' : waiting.length === 0 ? 'ACCEPTED' : 'OPEN';
  const answered: Proposal = { ...proposal, responses, state, version: proposal.version + 1 };
  if (state !== 'ACCEPTED')
    return { ok: true, value: { proposal: answered, reservations: [], assignments: [], conflict: null } };
  return {
    ok: true,
    value: {
      proposal: answered,
      reservations: proposal.changes.map((c) => applyChange(reservations(c.reservation.nation, c.reservation.id)!, c)),
      assignments: proposal.assignmentChanges.map((c) =>
        applyAssignmentChange(assignments(c.assignment.nation, c.assignment.id)!, c),
      ),
      conflict: proposal.kind === 'ACCEPT_RISK' ? riskAccepted(conflict, proposal.id, nowMs) : null,
    },
  };
}

export type ProposalAction =
  | 'PROPOSAL_MADE'
  | 'PROPOSAL_COUNTERED'
  | 'PROPOSAL_ANSWERED'
  | 'PROPOSAL_REJECTED'
  | 'PROPOSAL_ACCEPTED'
  | 'PROPOSAL_EXPIRED'
  | 'PROPOSAL_SUPERSEDED';

/**
 * The open proposals whose time is up (EXPIRED) or that can no longer be accepted (SUPERSEDED: a
 * reservation they were based on changed, or their conflict is no longer open). Run after every
 * change and as time passes.
 */
export function proposalUpkeep(
  proposals: Iterable<Proposal>,
  conflict: (id: string) => Conflict | undefined,
  sides: Sides,
  nowMs: number,
): { proposal: Proposal; action: ProposalAction }[] {
  const out: { proposal: Proposal; action: ProposalAction }[] = [];
  for (const p of proposals) {
    const gone = superseded(p, conflict(p.conflictId), sides);
    if (gone) out.push({ proposal: gone, action: 'PROPOSAL_SUPERSEDED' });
    else {
      const late = expired(p, nowMs);
      if (late) out.push({ proposal: late, action: 'PROPOSAL_EXPIRED' });
    }
  }
  return out;
}

/**
 * The first problem of a proposal's changes (to reservations or to assignments): each changes a side
 * of the conflict, once, a MODIFY changes something and an END nothing else, and what it leaves is valid.
 */
function changesProblem<C extends { action: 'MODIFY' | 'END' }>(
  changes: readonly C[],
  sides: ReadonlySet<string>,
  rule: {
    of: (c: C) => { nation: string; id: string };
    modifies: (c: C) => boolean;
    after: (c: C) => string | null;
  },
): Refusal | null {
  const touched = new Set<string>();
  for (const change of changes) {
    const { nation, id } = rule.of(change);
    const key = reservationKey({ nation, id });
    if (!sides.has(key)) return refuse('INVALID', `${nation}/${id} is not a side of this conflict.`);
    if (touched.has(key)) return refuse('INVALID', `${nation}/${id} is changed twice; make it one change.`);
    touched.add(key);
    const modifies = rule.modifies(change);
    if (change.action === 'MODIFY' && !modifies)
      return refuse('INVALID', `The change to ${nation}/${id} changes nothing.`);
    if (change.action === 'END' && modifies)
      return refuse('INVALID', `Ending ${nation}/${id} changes nothing else about it.`);
    const problem = rule.after(change);
    if (problem) return refuse('INVALID', `After the change to ${nation}/${id}, ${problem}.`);
  }
  return null;
}
