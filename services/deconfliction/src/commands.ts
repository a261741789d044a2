import type {
  AirspaceVolume,
  AuditActor,
  AuthorizationRequest,
  Conflict,
  DeconflictionCommand,
  DeconflictionReply,
  RestrictedEntry,
  SpectrumAssignment,
} from '@tessera/schema';
import type { Clock } from '@tessera/service-kit';
import type { Refusal } from './domain/access.ts';
import type { ConflictChange } from './domain/conflicts.ts';
import type { ConflictTracker } from './domain/conflict-tracker.ts';
import { propose, proposalUpkeep, respond, type NegotiationPolicy, type Sides } from './domain/negotiation.ts';
import type { SpectrumTracker } from './domain/spectrum-conflicts.ts';
import { createSpectrumCommands, isSpectrumCommand, spectrumSubjectOf } from './spectrum-commands.ts';
import {
  createReservation,
  editReservation,
  endReservation,
  seeded,
  type Reservations,
} from './domain/reservations.ts';
import type { AirspaceStore } from './store.ts';

export const SERVICE: AuditActor = { kind: 'SERVICE', id: 'deconfliction', nation: null };
const actorOf = (by: DeconflictionCommand['by']): AuditActor => ({ kind: 'USER', id: by.username, nation: by.nation });
const reservationSubject = (v: { nation: string; id: string }) => `${v.nation}/${v.id}`;

function subjectOf(cmd: DeconflictionCommand): string {
  if (isSpectrumCommand(cmd)) return spectrumSubjectOf(cmd);
  switch (cmd.type) {
    case 'CREATE_RESERVATION':
      return reservationSubject({ nation: cmd.by.nation ?? '-', id: cmd.id });
    case 'EDIT_RESERVATION':
    case 'END_RESERVATION':
      return reservationSubject(cmd.reservation);
    case 'PROPOSE':
      return cmd.conflictId;
    case 'RESPOND':
      return cmd.proposalId;
  }
  return '-';
}

/**
 * What the service does, between the pure rules (domain/) and the stored state: each command is
 * decided by the rules on the state in memory, then committed audit-first with its reply; what
 * follows from it (conflicts found or resolved by the engine, proposals superseded or expired) is
 * committed after it in the service's name. A kill between the two is repaired at start, which
 * re-evaluates everything.
 */
export function createDeconfliction(deps: {
  store: AirspaceStore;
  tracker: ConflictTracker;
  /** The spectrum engine's index and what it finds. */
  spectrumTracker: SpectrumTracker;
  clock: Clock;
  policy: NegotiationPolicy;
  /** The authority's requests as last read (engagements against the airspace). */
  requests: () => Iterable<AuthorizationRequest>;
}) {
  const { store, tracker, clock, policy } = deps;
  const reservations: Reservations = (nation, id) => store.reservation(nation, id);
  const sides: Sides = { reservations, assignments: (nation, id) => store.assignment(nation, id) };

  async function commitConflicts(changes: readonly ConflictChange[]) {
    for (const { conflict, action } of changes) {
      const details = {
        parties: conflict.parties,
        severity: conflict.severity,
        state: conflict.state,
        version: conflict.version,
        sides: conflict.sides.map((s) => `${s.nation}/${s.id} v${s.version}`),
      };
      await store.commit({
        actor: SERVICE,
        action,
        subject: conflict.id,
        details,
        snapshot: { conflicts: [conflict] },
      });
    }
  }

  /** Proposals that expired or can no longer be accepted. */
  async function upkeep() {
    for (const { proposal, action } of proposalUpkeep(store.proposals(), store.conflict, sides, clock.now())) {
      await store.commit({
        actor: SERVICE,
        action,
        subject: proposal.id,
        details: { conflict: proposal.conflictId, state: proposal.state, version: proposal.version },
        snapshot: { proposals: [proposal] },
      });
    }
  }

  /** The open engagements against the reservations as they are now. */
  const engagements = () =>
    commitConflicts(tracker.engagements(deps.requests(), store.reservations(), store.conflictMap(), clock.now()));

  /** What follows from reservations that changed: their conflicts, then the proposals that no longer fit. */
  async function consequences(changed: readonly AirspaceVolume[], resolvedBy?: string) {
    await commitConflicts(tracker.changed(changed, store.conflictMap(), clock.now(), resolvedBy));
    await engagements();
    await spectrum.reservationsChanged(changed);
    await upkeep();
  }

  async function refused(cmd: DeconflictionCommand, r: Refusal): Promise<DeconflictionReply> {
    const reply: DeconflictionReply = {
      ok: false,
      rule: r.rule,
      message: r.message,
      ...(r.current ? { current: r.current } : {}),
    };
    const details = {
      command: cmd.type,
      rule: r.rule,
      message: r.message,
      ...(r.current ? { current: r.current } : {}),
    };
    await store.commit({
      actor: actorOf(cmd.by),
      action: 'REFUSED',
      subject: subjectOf(cmd),
      details,
      snapshot: {},
      reply: { commandId: cmd.commandId, reply },
    });
    return reply;
  }

  async function reservationChanged(
    cmd: DeconflictionCommand,
    action: string,
    v: AirspaceVolume,
  ): Promise<DeconflictionReply> {
    const reply: DeconflictionReply = { ok: true, reservation: v };
    await store.commit({
      actor: actorOf(cmd.by),
      action,
      subject: reservationSubject(v),
      details: { kind: v.kind, state: v.state ?? 'ACTIVE', version: v.version },
      snapshot: { reservations: [v] },
      reply: { commandId: cmd.commandId, reply },
    });
    await consequences([v]);
    return reply;
  }

  const spectrum = createSpectrumCommands({
    store,
    tracker: deps.spectrumTracker,
    clock,
    actorOf,
    service: SERVICE,
    commitConflicts,
    upkeep,
    refused,
  });

  async function seedOne(v: AirspaceVolume) {
    const r = seeded(v);
    await store.commit({
      actor: SERVICE,
      action: 'RESERVATION_SEEDED',
      subject: reservationSubject(r),
      details: { kind: r.kind, version: r.version },
      snapshot: { reservations: [r] },
    });
    await consequences([r]);
  }

  async function execute(cmd: DeconflictionCommand): Promise<DeconflictionReply> {
    const nowMs = clock.now();
    if (isSpectrumCommand(cmd)) return spectrum.execute(cmd);
    switch (cmd.type) {
      case 'CREATE_RESERVATION': {
        const made = createReservation(cmd.by, cmd.id, cmd.draft, reservations);
        return made.ok ? reservationChanged(cmd, 'RESERVATION_CREATED', made.value) : refused(cmd, made);
      }
      case 'EDIT_RESERVATION': {
        const edited = editReservation(cmd.by, cmd.reservation, cmd.draft, reservations);
        return edited.ok ? reservationChanged(cmd, 'RESERVATION_EDITED', edited.value) : refused(cmd, edited);
      }
      case 'END_RESERVATION': {
        const ended = endReservation(cmd.by, cmd.reservation, reservations);
        return ended.ok ? reservationChanged(cmd, 'RESERVATION_ENDED', ended.value) : refused(cmd, ended);
      }
      case 'PROPOSE': {
        const open = store.proposals().find((p) => p.conflictId === cmd.conflictId && p.state === 'OPEN');
        const made = propose(cmd, { conflict: store.conflict(cmd.conflictId), open, sides, nowMs, policy });
        if (!made.ok) return refused(cmd, made);
        const { proposal, countered } = made.value;
        const reply: DeconflictionReply = { ok: true, proposal };
        await store.commit({
          actor: actorOf(cmd.by),
          action: countered ? 'PROPOSAL_COUNTERED' : 'PROPOSAL_MADE',
          subject: proposal.id,
          details: {
            conflict: proposal.conflictId,
            kind: proposal.kind,
            counterTo: proposal.counterTo,
            changes: proposal.changes.length + proposal.assignmentChanges.length,
            expiresAt: proposal.expiresAt,
          },
          snapshot: { proposals: countered ? [countered, proposal] : [proposal] },
          reply: { commandId: cmd.commandId, reply },
        });
        return reply;
      }
      case 'RESPOND': {
        const proposal = store.proposal(cmd.proposalId);
        const conflict: Conflict | undefined = proposal && store.conflict(proposal.conflictId);
        const answered = respond(cmd, { proposal, conflict, sides, nowMs });
        if (!answered.ok) return refused(cmd, answered);
        const { proposal: p, reservations: changed, assignments: retuned, conflict: riskAccepted } = answered.value;
        const action =
          p.state === 'ACCEPTED'
            ? 'PROPOSAL_ACCEPTED'
            : p.state === 'REJECTED'
              ? 'PROPOSAL_REJECTED'
              : 'PROPOSAL_ANSWERED';
        const reply: DeconflictionReply = {
          ok: true,
          proposal: p,
          ...(riskAccepted ? { conflict: riskAccepted } : {}),
        };
        // One record holds the whole agreed change: every reservation it touches, the proposal, the conflict.
        await store.commit({
          actor: actorOf(cmd.by),
          action,
          subject: p.id,
          details: {
            conflict: p.conflictId,
            response: cmd.response,
            reason: cmd.reason,
            applied: [...changed, ...retuned].map((v) => `${v.nation}/${v.id} v${v.version}`),
          },
          snapshot: {
            proposals: [p],
            reservations: changed,
            assignments: retuned,
            conflicts: riskAccepted ? [riskAccepted] : [],
          },
          reply: { commandId: cmd.commandId, reply },
        });
        if (p.state === 'ACCEPTED') {
          await consequences(changed, p.id);
          if (retuned.length > 0) await spectrum.assignmentsChanged(retuned, p.id);
        }
        return reply;
      }
    }
  }

  return {
    /** A person's command, once: a repeat (same command id) gets the stored reply. */
    async command(cmd: DeconflictionCommand): Promise<DeconflictionReply> {
      const done = await store.reply(cmd.commandId);
      if (done) return done;
      await upkeep();
      return execute(cmd);
    },

    /**
     * Scenario volumes the store does not have yet become reservations the service owns from now on
     * (ACTIVE, version 1); one it has is never overwritten from the scenario again.
     */
    async seed(volumes: Iterable<AirspaceVolume>) {
      for (const v of volumes) if (!store.reservation(v.nation, v.id)) await seedOne(v);
    },

    /** The scenario's spectrum plan the store does not have yet (see spectrum-commands.ts). */
    seedSpectrum: (plan: { assignments: Iterable<SpectrumAssignment>; restricted: Iterable<RestrictedEntry> }) =>
      spectrum.seed(plan),

    /** Every reservation into the engine, every conflict re-evaluated (start, and after a repair). */
    async evaluateAll() {
      await commitConflicts(tracker.all(store.reservations(), store.conflictMap(), clock.now()));
      await engagements();
      await spectrum.evaluateAll();
      await upkeep();
    },

    /** The authority's requests changed: engagements' conflicts appear, change or resolve. */
    engagementsChanged: engagements,

    /** Time passed: overlaps that are over resolve, proposals expire. */
    async tick() {
      await commitConflicts(tracker.past(store.conflictMap(), clock.now()));
      await engagements();
      await upkeep();
    },
  };
}
export type Deconfliction = ReturnType<typeof createDeconfliction>;
