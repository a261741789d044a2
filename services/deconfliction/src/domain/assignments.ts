import {
  reservationState,
  SpectrumAssignment,
  type AssignmentChange,
  type AssignmentDraft,
  type AssignmentRef,
} from '@tessera/schema';
import { mayChange, refuse, type Outcome, type Person, type Refusal } from './access.ts';
import type { Reservations } from './reservations.ts';

/**
 * A spectrum assignment's life in the deconfliction service, as a reservation's: created by its
 * nation's liaison at version 1, edited (version + 1) and ended (ENDED, kept for the record); every
 * edit names the version it saw. What makes an assignment valid is the schema's one rule
 * (SpectrumAssignment: band, powers, tunable range, window); this adds ownership, versions and the
 * tie to a reservation of the same nation.
 */

export type Assignments = (nation: string, id: string) => SpectrumAssignment | undefined;

export const assignmentRefOf = (a: SpectrumAssignment): AssignmentRef => ({
  nation: a.nation,
  id: a.id,
  version: a.version,
});

/** What makes an assignment invalid (every problem, one sentence), or null. */
export function assignmentProblem(a: SpectrumAssignment): string | null {
  const parsed = SpectrumAssignment.safeParse(a);
  if (parsed.success) return null;
  return parsed.error.issues.map((i) => `${i.path.join('.') || 'assignment'}: ${i.message}`).join('; ');
}

function fromDraft(
  nation: string,
  id: string,
  draft: AssignmentDraft,
  version: number,
  reservations: Reservations,
): Outcome<SpectrumAssignment> {
  if (draft.label.originator !== nation)
    return refuse(
      'INVALID',
      `An assignment of ${nation} is labelled with ${nation} as its originator, not ${draft.label.originator}.`,
    );
  if (draft.tiedReservation) {
    const r = draft.tiedReservation;
    // Only one's own reservations: whether another nation's exists is not revealed.
    const tied = r.nation === nation ? reservations(r.nation, r.id) : undefined;
    if (!tied || reservationState(tied) === 'ENDED')
      return refuse('INVALID', `${nation} has no reservation ${r.id} in force to tie assignment ${id} to.`);
  }
  const { state, ...rest } = draft;
  const a: SpectrumAssignment = { ...rest, id, nation, state: state ?? 'ACTIVE', version };
  const problem = assignmentProblem(a);
  return problem ? refuse('INVALID', `Assignment ${nation}/${id}: ${problem}.`) : { ok: true, value: a };
}

/** A new assignment of the person's own nation (the nation is the person's, never the draft's). */
export function createAssignment(
  by: Person,
  id: string,
  draft: AssignmentDraft,
  ctx: { assignments: Assignments; reservations: Reservations },
): Outcome<SpectrumAssignment> {
  const refused = mayChange(by, { nation: by.nation ?? '', id }, 'Assignment');
  if (refused) return refused;
  const nation = by.nation!;
  if (ctx.assignments(nation, id))
    return refuse('INVALID', `Assignment ${nation}/${id} exists already; edit it instead.`);
  return fromDraft(nation, id, draft, 1, ctx.reservations);
}

const stale = (current: SpectrumAssignment): Refusal =>
  refuse(
    'STALE_VERSION',
    `Assignment ${current.nation}/${current.id} is at version ${current.version}; look at it again before changing it.`,
    [assignmentRefOf(current)],
  );

/** Checks shared by edit and end: the person's nation, the assignment exists, is not ended, and was seen at its current version. */
function changeable(by: Person, ref: AssignmentRef, assignments: Assignments): Outcome<SpectrumAssignment> {
  // Ownership first: whether another nation's assignment exists is not revealed.
  const refused = mayChange(by, ref, 'Assignment');
  if (refused) return refused;
  const current = assignments(ref.nation, ref.id);
  if (!current) return refuse('INVALID', `There is no assignment ${ref.nation}/${ref.id}.`);
  if (current.state === 'ENDED') return refuse('NOT_OPEN', `Assignment ${ref.nation}/${ref.id} has ended.`);
  if (current.version !== ref.version) return stale(current);
  return { ok: true, value: current };
}

/** A new band, power, location, window or label for one's own assignment; its use stays. */
export function editAssignment(
  by: Person,
  ref: AssignmentRef,
  draft: AssignmentDraft,
  ctx: { assignments: Assignments; reservations: Reservations },
): Outcome<SpectrumAssignment> {
  const current = changeable(by, ref, ctx.assignments);
  if (!current.ok) return current;
  if (draft.use !== current.value.use)
    return refuse('INVALID', `A ${current.value.use} stays one; end it and assign a ${draft.use} instead.`);
  return fromDraft(ref.nation, ref.id, draft, current.value.version + 1, ctx.reservations);
}

/** The end of one's own assignment: kept ENDED for the record, never deleted. */
export function endAssignment(by: Person, ref: AssignmentRef, assignments: Assignments): Outcome<SpectrumAssignment> {
  const current = changeable(by, ref, assignments);
  if (!current.ok) return current;
  return { ok: true, value: { ...current.value, state: 'ENDED', version: current.value.version + 1 } };
}

/** An assignment after an agreed change: a new band, power or window (what the change names), or its end. */
export function applyAssignmentChange(a: SpectrumAssignment, change: AssignmentChange): SpectrumAssignment {
  if (change.action === 'END') return { ...a, state: 'ENDED', version: a.version + 1 };
  return {
    ...a,
    lowMHz: change.lowMHz ?? a.lowMHz,
    highMHz: change.highMHz ?? a.highMHz,
    ...(change.eirpDbm !== undefined ? { eirpDbm: change.eirpDbm } : {}),
    ...(change.validFrom !== undefined ? { validFrom: change.validFrom } : {}),
    ...(change.validTo !== undefined ? { validTo: change.validTo } : {}),
    version: a.version + 1,
  };
}

/** What would be wrong with the assignment after the change (its band outside its tunable range, ...), or null. */
export function assignmentChangeProblem(a: SpectrumAssignment, change: AssignmentChange): string | null {
  if (change.action === 'END') return null;
  if ((change.lowMHz !== undefined || change.highMHz !== undefined) && !a.tunable)
    return `${a.system} cannot be retuned (it has no tunable range)`;
  return assignmentProblem(applyAssignmentChange(a, change));
}

/** Whether a MODIFY names anything to change. */
export const assignmentChangeModifies = (c: AssignmentChange): boolean =>
  c.lowMHz !== undefined ||
  c.highMHz !== undefined ||
  c.eirpDbm !== undefined ||
  c.validFrom !== undefined ||
  c.validTo !== undefined;

/** An assignment of the scenario's plan as the service takes it over at first start: version 1. */
export const seededAssignment = (a: SpectrumAssignment): SpectrumAssignment => ({ ...a, version: 1 });
