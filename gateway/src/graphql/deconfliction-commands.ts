import { randomUUID } from 'node:crypto';
import {
  DeconflictionCommand,
  SpectrumAssignment,
  type AssignmentChange,
  type AssignmentDraft,
  type Label,
  type RestrictedDraft,
  type RestrictedEntry,
  type ReservationChange,
  type ReservationDraft,
  type SpectrumLocation,
  type User,
} from '@tessera/schema';
import type {
  AssignmentChangeInput,
  AssignmentInput,
  CircleInput,
  GeoPointInput,
  ProposalInput,
  ReservationChangeInput,
  ReservationInput,
  ReservationRefInput,
  RestrictedFrequencyInput,
  SpectrumLocationInput,
} from '../generated/resolvers.ts';
import { badInput } from './errors.ts';

/**
 * What a liaison officer or commander asks the deconfliction service for (airspace and spectrum), as the commands it takes:
 * the input turned into the contract and checked against it, the person named as the gateway
 * authenticated them, a fresh command id each time. The service applies its own rules (whose
 * reservation, which versions, who is a party); these checks only spare it (and the audit chain)
 * requests that are malformed on their face.
 */
type Editor = User & { nation: string };
type Command<T extends DeconflictionCommand['type']> = Extract<DeconflictionCommand, { type: T }>;

/** The person as the service's rules see them. */
const person = (user: Editor) => ({ username: user.username, nation: user.nation, roles: user.roles });

/** The command as the contract has it, or BAD_USER_INPUT naming what is wrong (never sent half-checked). */
function checked<T extends DeconflictionCommand>(command: T): T {
  const parsed = DeconflictionCommand.safeParse(command);
  if (!parsed.success) throw badInput(`Not a valid request: ${problemsOf(parsed.error.issues)}.`);
  return command;
}

/** Up to five distinct problems, each `path: message` (the draft's own fields named as the input names them). */
function problemsOf(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  const problems = issues.map((i) => `${i.path.filter((p) => p !== 'draft').join('.') || 'input'}: ${i.message}`);
  return [...new Set(problems)].slice(0, 5).join('; ');
}

const point = (p: GeoPointInput) => ({ lat: p.lat, lon: p.lon });
const circle = (c: CircleInput) => ({ center: { lat: c.lat, lon: c.lon }, radiusM: c.radiusM });

/** An outline or a circle, exactly one of them. */
function footprint(input: { outline?: GeoPointInput[] | null; circle?: CircleInput | null }, required: boolean) {
  if (input.outline && input.circle) throw badInput('Give an outline or a circle, not both.');
  if (input.outline) return { outline: input.outline.map(point) };
  if (input.circle) return { circle: circle(input.circle) };
  if (required) throw badInput('Give an outline (at least 3 points) or a circle.');
  return undefined;
}

function requireOrder(
  what: string,
  low: number | string | null | undefined,
  high: number | string | null | undefined,
  compare: (a: never, b: never) => number,
) {
  if (low != null && high != null && compare(low as never, high as never) >= 0) throw badInput(what);
}
const byNumber = (a: number, b: number) => a - b;
const byInstant = (a: string, b: string) => Date.parse(a) - Date.parse(b);

/** The label of a reservation as the caller asks for it: NATO marking, the owning nation the originator. */
export function reservationLabel(
  owner: string,
  input: Pick<ReservationInput, 'classification' | 'releasableTo'>,
): Label {
  return {
    policy: 'NATO',
    classification: input.classification,
    originator: owner,
    releasableTo: [...new Set(input.releasableTo)].filter((n) => n !== owner),
  };
}

/** A reservation as the person asks for it, of `owner` (their nation unless they edit another's, which the service refuses). */
export function reservationDraft(user: Editor, input: ReservationInput, owner: string = user.nation): ReservationDraft {
  if (input.kind === 'SECTOR') throw badInput('Sectors are reference data, not reservations: choose another kind.');
  requireOrder('The floor must be below the ceiling.', input.floorM, input.ceilingM, byNumber);
  requireOrder('validFrom must be before validTo.', input.validFrom, input.validTo, byInstant);
  return {
    ...footprint(input, true)!,
    name: input.name.trim(),
    kind: input.kind,
    label: reservationLabel(owner, input),
    floorM: input.floorM,
    ceilingM: input.ceilingM,
    validFrom: input.validFrom,
    validTo: input.validTo,
  } as ReservationDraft;
}

/** A fresh reservation id: its kind, then random (the service refuses one that exists). */
export const newReservationId = (kind: string) => `${kind.toLowerCase().replaceAll('_', '-')}-${randomUUID()}`;

export function createReservationCommand(
  user: Editor,
  id: string,
  draft: ReservationDraft,
): Command<'CREATE_RESERVATION'> {
  return checked({ type: 'CREATE_RESERVATION', commandId: randomUUID(), id, draft, by: person(user) });
}

export function editReservationCommand(
  user: Editor,
  reservation: ReservationRefInput,
  draft: ReservationDraft,
): Command<'EDIT_RESERVATION'> {
  return checked({
    type: 'EDIT_RESERVATION',
    commandId: randomUUID(),
    reservation: ref(reservation),
    draft,
    by: person(user),
  });
}

export function endReservationCommand(user: Editor, reservation: ReservationRefInput): Command<'END_RESERVATION'> {
  return checked({ type: 'END_RESERVATION', commandId: randomUUID(), reservation: ref(reservation), by: person(user) });
}

const ref = (r: ReservationRefInput) => ({ nation: r.nation, id: r.id, version: r.version });

function change(c: ReservationChangeInput): ReservationChange {
  if (c.action === 'END') {
    if (c.outline || c.circle || c.floorM != null || c.ceilingM != null || c.validFrom != null || c.validTo != null)
      throw badInput(`Ending ${c.nation}/${c.id} changes nothing else: leave the other fields empty.`);
    return { reservation: { nation: c.nation, id: c.id }, action: 'END' };
  }
  const fp = footprint(c, false);
  if (!fp && c.floorM == null && c.ceilingM == null && c.validFrom == null && c.validTo == null)
    throw badInput(`The change to ${c.nation}/${c.id} changes nothing.`);
  requireOrder('The floor must be below the ceiling.', c.floorM, c.ceilingM, byNumber);
  requireOrder('validFrom must be before validTo.', c.validFrom, c.validTo, byInstant);
  return {
    reservation: { nation: c.nation, id: c.id },
    action: 'MODIFY',
    ...(fp ? { footprint: fp as ReservationChange['footprint'] } : {}),
    ...(c.floorM != null ? { floorM: c.floorM } : {}),
    ...(c.ceilingM != null ? { ceilingM: c.ceilingM } : {}),
    ...(c.validFrom != null ? { validFrom: c.validFrom } : {}),
    ...(c.validTo != null ? { validTo: c.validTo } : {}),
  };
}

function assignmentChange(c: AssignmentChangeInput): AssignmentChange {
  const assignment = { nation: c.nation, id: c.id };
  const values = {
    lowMHz: c.lowMHz,
    highMHz: c.highMHz,
    eirpDbm: c.eirpDbm,
    validFrom: c.validFrom,
    validTo: c.validTo,
  };
  const given = Object.fromEntries(Object.entries(values).filter(([, v]) => v != null));
  if (c.action === 'END') {
    if (Object.keys(given).length > 0)
      throw badInput(`Ending ${c.nation}/${c.id} changes nothing else: leave the other fields empty.`);
    return { assignment, action: 'END' };
  }
  if (Object.keys(given).length === 0) throw badInput(`The change to ${c.nation}/${c.id} changes nothing.`);
  requireOrder('lowMHz must be below highMHz.', c.lowMHz, c.highMHz, byNumber);
  requireOrder('validFrom must be before validTo.', c.validFrom, c.validTo, byInstant);
  return { assignment, action: 'MODIFY', ...given };
}

export function proposeCommand(user: Editor, input: ProposalInput): Command<'PROPOSE'> {
  const changes = (input.changes ?? []).map(change);
  const assignmentChanges = (input.assignmentChanges ?? []).map(assignmentChange);
  if (input.kind === 'ACCEPT_RISK' && changes.length > 0)
    throw badInput('Accepting the risk changes no reservation: leave changes empty.');
  if (input.kind === 'ACCEPT_RISK' && assignmentChanges.length > 0)
    throw badInput('Accepting the risk changes no assignment: leave assignmentChanges empty.');
  if (changes.length > 0 && assignmentChanges.length > 0)
    throw badInput(
      'A proposal changes reservations (an airspace conflict) or assignments (a spectrum conflict), not both.',
    );
  if (input.kind === 'CHANGE' && changes.length + assignmentChanges.length === 0)
    throw badInput('Name at least one change (or propose to accept the risk).');
  if (input.rationale.trim().length === 0)
    throw badInput('Give a rationale (1-1000 characters): the other parties read it.');
  return checked({
    type: 'PROPOSE',
    commandId: randomUUID(),
    conflictId: input.conflictId,
    kind: input.kind,
    rationale: input.rationale.trim(),
    basedOn: input.basedOn.map(ref),
    changes,
    assignmentChanges,
    counterTo: input.counterTo ?? null,
    by: person(user),
  });
}

export function respondCommand(
  user: Editor,
  proposalId: string,
  response: 'ACCEPT' | 'REJECT',
  reason: string,
  basedOn: ReservationRefInput[],
): Command<'RESPOND'> {
  return checked({
    type: 'RESPOND',
    commandId: randomUUID(),
    proposalId,
    response,
    reason: reason.trim(),
    basedOn: basedOn.map(ref),
    by: person(user),
  });
}

/** Where a system is: exactly one of a point (POINT), an outline or a circle (AREA), with its antenna height. */
function spectrumLocation(input: SpectrumLocationInput): SpectrumLocation {
  const given = [input.point, input.outline, input.circle].filter((x) => x != null).length;
  if (given !== 1) throw badInput('Give the location as exactly one of point, outline or circle.');
  const antennaHeightM = input.antennaHeightM;
  if (input.point) return { kind: 'POINT', point: point(input.point), antennaHeightM };
  return {
    kind: 'AREA',
    area: footprint(input, true) as Extract<SpectrumLocation, { kind: 'AREA' }>['area'],
    antennaHeightM,
  };
}

/**
 * An assignment as the person asks for it, of their nation: labelled like a reservation (NATO
 * marking, their nation the originator), tunable over both edges or not at all, tied (when asked)
 * to a reservation of their own nation (the drones carrying these receivers fly it).
 */
export function assignmentDraft(user: Editor, input: AssignmentInput): AssignmentDraft {
  requireOrder('lowMHz must be below highMHz.', input.lowMHz, input.highMHz, byNumber);
  if ((input.tunableLowMHz == null) !== (input.tunableHighMHz == null))
    throw badInput('Give both edges of the tunable range (tunableLowMHz and tunableHighMHz), or neither.');
  requireOrder('tunableLowMHz must be below tunableHighMHz.', input.tunableLowMHz, input.tunableHighMHz, byNumber);
  requireOrder('validFrom must be before validTo.', input.validFrom, input.validTo, byInstant);
  const draft: AssignmentDraft = {
    system: input.system.trim(),
    use: input.use,
    lowMHz: input.lowMHz,
    highMHz: input.highMHz,
    ...(input.eirpDbm != null ? { eirpDbm: input.eirpDbm } : {}),
    ...(input.thresholdDbm != null ? { thresholdDbm: input.thresholdDbm } : {}),
    ...(input.tunableLowMHz != null && input.tunableHighMHz != null
      ? { tunable: { lowMHz: input.tunableLowMHz, highMHz: input.tunableHighMHz } }
      : {}),
    location: spectrumLocation(input.location),
    ...(input.validFrom != null ? { validFrom: input.validFrom } : {}),
    ...(input.validTo != null ? { validTo: input.validTo } : {}),
    priority: input.priority ?? 5,
    label: reservationLabel(user.nation, input),
    ...(input.tiedReservationId != null
      ? { tiedReservation: { nation: user.nation, id: input.tiedReservationId } }
      : {}),
  };
  // The rules of an assignment itself (what it must state for its use, its band inside its tunable
  // range), as the schema has them: checked on the assignment the draft would make.
  const made = SpectrumAssignment.safeParse({
    ...draft,
    id: 'draft',
    nation: user.nation,
    state: 'ACTIVE',
    version: 1,
  });
  if (!made.success) throw badInput(`Not a valid request: ${problemsOf(made.error.issues)}.`);
  return draft;
}

/** A fresh assignment id: its use, then random (the service refuses one that exists). */
export const newAssignmentId = (use: string) => `${use.toLowerCase().replaceAll('_', '-')}-${randomUUID()}`;

export function createAssignmentCommand(
  user: Editor,
  id: string,
  draft: AssignmentDraft,
): Command<'CREATE_ASSIGNMENT'> {
  return checked({ type: 'CREATE_ASSIGNMENT', commandId: randomUUID(), id, draft, by: person(user) });
}

export function editAssignmentCommand(
  user: Editor,
  assignment: ReservationRefInput,
  draft: AssignmentDraft,
): Command<'EDIT_ASSIGNMENT'> {
  return checked({
    type: 'EDIT_ASSIGNMENT',
    commandId: randomUUID(),
    assignment: ref(assignment),
    draft,
    by: person(user),
  });
}

export function endAssignmentCommand(user: Editor, assignment: ReservationRefInput): Command<'END_ASSIGNMENT'> {
  return checked({ type: 'END_ASSIGNMENT', commandId: randomUUID(), assignment: ref(assignment), by: person(user) });
}

/**
 * An entry of the restricted list as its owner asks for it, of their nation. What the input cannot
 * say (the waiver, and for a TABOO band whether nothing may transmit in it) stays as the entry it
 * replaces has it (the gateway's copy; the service refuses a replacement of another version).
 */
export function restrictedDraft(
  user: Editor,
  input: RestrictedFrequencyInput,
  replaces?: RestrictedEntry,
): RestrictedDraft {
  requireOrder('lowMHz must be below highMHz.', input.lowMHz, input.highMHz, byNumber);
  return {
    kind: input.kind,
    lowMHz: input.lowMHz,
    highMHz: input.highMHz,
    label: reservationLabel(user.nation, input),
    reason: input.reason.trim(),
    ...(replaces?.waiver ? { waiver: replaces.waiver } : {}),
    // Only a TABOO band forbids every transmission: a band that changes kind leaves that behind.
    ...(replaces?.noTransmission !== undefined && input.kind === 'TABOO'
      ? { noTransmission: replaces.noTransmission }
      : {}),
  };
}

export function setRestrictedCommand(
  user: Editor,
  id: string,
  version: number | null | undefined,
  draft: RestrictedDraft,
): Command<'SET_RESTRICTED'> {
  return checked({
    type: 'SET_RESTRICTED',
    commandId: randomUUID(),
    id,
    ...(version != null ? { version } : {}),
    draft,
    by: person(user),
  });
}

export function removeRestrictedCommand(user: Editor, id: string, version: number): Command<'REMOVE_RESTRICTED'> {
  return checked({ type: 'REMOVE_RESTRICTED', commandId: randomUUID(), entry: { id, version }, by: person(user) });
}
