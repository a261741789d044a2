import { randomUUID } from 'node:crypto';
import {
  DeconflictionCommand,
  type Label,
  type ReservationChange,
  type ReservationDraft,
  type User,
} from '@tessera/schema';
import type {
  CircleInput,
  GeoPointInput,
  ProposalInput,
  ReservationChangeInput,
  ReservationInput,
  ReservationRefInput,
} from '../generated/resolvers.ts';
import { badInput } from './errors.ts';

/**
 * What a liaison officer or commander asks the deconfliction service for, as the commands it takes:
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
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${i.path.filter((p) => p !== 'draft').join('.') || 'input'}: ${i.message}`,
    );
    throw badInput(`Not a valid request: ${[...new Set(problems)].slice(0, 5).join('; ')}.`);
  }
  return command;
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

export function proposeCommand(user: Editor, input: ProposalInput): Command<'PROPOSE'> {
  const changes = (input.changes ?? []).map(change);
  if (input.kind === 'ACCEPT_RISK' && changes.length > 0)
    throw badInput('Accepting the risk changes no reservation: leave changes empty.');
  if (input.kind === 'CHANGE' && changes.length === 0)
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
