import type {
  AirspaceVolume,
  DeconflictionCommand,
  DeconflictionReply,
  RestrictedEntry,
  SpectrumAssignment,
} from '@tessera/schema';
import type { Clock } from '@tessera/service-kit';
import { asFlown, withProtectedBands } from '@tessera/service-kit/spectrum';
import type { Refusal } from './domain/access.ts';
import {
  createAssignment,
  editAssignment,
  endAssignment,
  seededAssignment,
  type Assignments,
} from './domain/assignments.ts';
import type { ConflictChange } from './domain/conflicts.ts';
import { removeRestricted, seededRestricted, setRestricted } from './domain/restricted.ts';
import type { SpectrumTracker } from './domain/spectrum-conflicts.ts';
import type { Reservations } from './domain/reservations.ts';
import type { AirspaceStore, Change } from './store.ts';

type SpectrumCommand = Extract<
  DeconflictionCommand,
  { type: 'CREATE_ASSIGNMENT' | 'EDIT_ASSIGNMENT' | 'END_ASSIGNMENT' | 'SET_RESTRICTED' | 'REMOVE_RESTRICTED' }
>;
export const SPECTRUM_COMMANDS: ReadonlySet<DeconflictionCommand['type']> = new Set([
  'CREATE_ASSIGNMENT',
  'EDIT_ASSIGNMENT',
  'END_ASSIGNMENT',
  'SET_RESTRICTED',
  'REMOVE_RESTRICTED',
]);
export const isSpectrumCommand = (cmd: DeconflictionCommand): cmd is SpectrumCommand => SPECTRUM_COMMANDS.has(cmd.type);

/** Audit subjects: apart from reservations' `<nation>/<id>`, as an assignment and a reservation may share an id. */
export const assignmentSubject = (a: { nation: string; id: string }) => `assignment:${a.nation}/${a.id}`;
export const restrictedSubject = (e: { nation: string; id: string }) => `restricted:${e.nation}/${e.id}`;

export function spectrumSubjectOf(cmd: SpectrumCommand): string {
  const nation = cmd.by.nation ?? '-';
  switch (cmd.type) {
    case 'CREATE_ASSIGNMENT':
      return assignmentSubject({ nation, id: cmd.id });
    case 'EDIT_ASSIGNMENT':
    case 'END_ASSIGNMENT':
      return assignmentSubject(cmd.assignment);
    case 'SET_RESTRICTED':
      return restrictedSubject({ nation, id: cmd.id });
    case 'REMOVE_RESTRICTED':
      return restrictedSubject({ nation, id: cmd.entry.id });
  }
}

/**
 * The spectrum half of the service, between the rules (domain/assignments.ts, restricted.ts,
 * spectrum-conflicts.ts) and the store, committed the same way as the airspace half (commands.ts):
 * a person's change audit-first with its reply, then what follows from it in the service's name.
 */
export function createSpectrumCommands(deps: {
  store: AirspaceStore;
  tracker: SpectrumTracker;
  clock: Clock;
  actorOf: (by: DeconflictionCommand['by']) => Change['actor'];
  service: Change['actor'];
  /** Commits the conflicts that changed (commands.ts), then the proposals that no longer fit. */
  commitConflicts: (changes: readonly ConflictChange[]) => Promise<void>;
  upkeep: () => Promise<void>;
  refused: (cmd: DeconflictionCommand, r: Refusal) => Promise<DeconflictionReply>;
}) {
  const { store, tracker, clock } = deps;
  const reservations: Reservations = (nation, id) => store.reservation(nation, id);
  const assignments: Assignments = (nation, id) => store.assignment(nation, id);
  const flown = (a: SpectrumAssignment) => asFlown(a, reservations);
  /** The list as kept, with the protected bands even before the scenario's are seeded. */
  const restricted = () => withProtectedBands(store.restricted());

  /** Every assignment and the whole restricted list, evaluated again (start, repair, a list change). */
  async function evaluateAll() {
    await deps.commitConflicts(
      tracker.all(store.assignments().map(flown), restricted(), store.conflictMap(), clock.now()),
    );
  }

  /** What follows from assignments that changed: their conflicts, then the proposals that no longer fit. */
  async function assignmentsChanged(changed: readonly SpectrumAssignment[], resolvedBy?: string) {
    await deps.commitConflicts(
      tracker.changed(changed.map(flown), restricted(), store.conflictMap(), clock.now(), resolvedBy),
    );
    await deps.upkeep();
  }

  async function changedBy(
    cmd: SpectrumCommand,
    action: string,
    change: { assignment: SpectrumAssignment } | { restricted: RestrictedEntry },
  ): Promise<DeconflictionReply> {
    const reply: DeconflictionReply = { ok: true, ...change };
    if ('assignment' in change) {
      const a = change.assignment;
      await store.commit({
        actor: deps.actorOf(cmd.by),
        action,
        subject: assignmentSubject(a),
        details: { use: a.use, band: `${a.lowMHz}-${a.highMHz} MHz`, state: a.state, version: a.version },
        snapshot: { assignments: [a] },
        reply: { commandId: cmd.commandId, reply },
      });
      await assignmentsChanged([a]);
    } else {
      const e = change.restricted;
      await store.commit({
        actor: deps.actorOf(cmd.by),
        action,
        subject: restrictedSubject(e),
        details: {
          kind: e.kind,
          band: `${e.lowMHz}-${e.highMHz} MHz`,
          removed: e.removed ?? false,
          version: e.version,
        },
        snapshot: { restricted: [e] },
        reply: { commandId: cmd.commandId, reply },
      });
      await evaluateAll();
      await deps.upkeep();
    }
    return reply;
  }

  return {
    evaluateAll,
    assignmentsChanged,

    /** Reservations changed: the assignments tied to them now fly elsewhere (or where they say, once ended). */
    async reservationsChanged(changed: readonly AirspaceVolume[]) {
      const keys = new Set(changed.map((v) => `${v.nation}/${v.id}`));
      const tied = store
        .assignments()
        .filter((a) => a.tiedReservation && keys.has(`${a.tiedReservation.nation}/${a.tiedReservation.id}`));
      if (tied.length > 0) await assignmentsChanged(tied);
    },

    async execute(cmd: SpectrumCommand): Promise<DeconflictionReply> {
      const ctx = { assignments, reservations };
      switch (cmd.type) {
        case 'CREATE_ASSIGNMENT': {
          const made = createAssignment(cmd.by, cmd.id, cmd.draft, ctx);
          return made.ok ? changedBy(cmd, 'ASSIGNMENT_CREATED', { assignment: made.value }) : deps.refused(cmd, made);
        }
        case 'EDIT_ASSIGNMENT': {
          const edited = editAssignment(cmd.by, cmd.assignment, cmd.draft, ctx);
          return edited.ok
            ? changedBy(cmd, 'ASSIGNMENT_EDITED', { assignment: edited.value })
            : deps.refused(cmd, edited);
        }
        case 'END_ASSIGNMENT': {
          const ended = endAssignment(cmd.by, cmd.assignment, assignments);
          return ended.ok ? changedBy(cmd, 'ASSIGNMENT_ENDED', { assignment: ended.value }) : deps.refused(cmd, ended);
        }
        case 'SET_RESTRICTED': {
          const list = (nation: string, id: string) => store.restrictedEntry(nation, id);
          const set = setRestricted(cmd.by, cmd.id, cmd.version, cmd.draft, list);
          return set.ok ? changedBy(cmd, 'RESTRICTED_SET', { restricted: set.value }) : deps.refused(cmd, set);
        }
        case 'REMOVE_RESTRICTED': {
          const list = (nation: string, id: string) => store.restrictedEntry(nation, id);
          const removed = removeRestricted(cmd.by, cmd.entry, list);
          return removed.ok
            ? changedBy(cmd, 'RESTRICTED_REMOVED', { restricted: removed.value })
            : deps.refused(cmd, removed);
        }
      }
    },

    /**
     * The scenario's spectrum plan the store does not have yet: owned by the service from now on
     * (version 1), never overwritten from the scenario again; then everything evaluated once.
     */
    async seed(plan: { assignments: Iterable<SpectrumAssignment>; restricted: Iterable<RestrictedEntry> }) {
      let seeded = 0;
      for (const e of plan.restricted) {
        if (store.restrictedEntry(e.nation, e.id)) continue;
        const r = seededRestricted(e);
        await store.commit({
          actor: deps.service,
          action: 'RESTRICTED_SEEDED',
          subject: restrictedSubject(r),
          details: { kind: r.kind, band: `${r.lowMHz}-${r.highMHz} MHz`, version: r.version },
          snapshot: { restricted: [r] },
        });
        seeded++;
      }
      for (const a of plan.assignments) {
        if (store.assignment(a.nation, a.id)) continue;
        const s = seededAssignment(a);
        await store.commit({
          actor: deps.service,
          action: 'ASSIGNMENT_SEEDED',
          subject: assignmentSubject(s),
          details: { use: s.use, band: `${s.lowMHz}-${s.highMHz} MHz`, version: s.version },
          snapshot: { assignments: [s] },
        });
        seeded++;
      }
      if (seeded > 0) {
        await evaluateAll();
        await deps.upkeep();
      }
    },
  };
}
export type SpectrumCommands = ReturnType<typeof createSpectrumCommands>;
