import {
  reservationState,
  type AirspaceVolume,
  type ReservationChange,
  type ReservationDraft,
  type ReservationRef,
} from '@tessera/schema';
import { mayChange, refuse, type Outcome, type Person, type Refusal } from './access.ts';

/**
 * A reservation's life in the deconfliction service: created ACTIVE at version 1 by its nation's
 * liaison, edited (version + 1) and ended (ENDED, version + 1, kept for the record). Every edit
 * names the version it saw; anything else is refused with the current one.
 */

export type Reservations = (nation: string, id: string) => AirspaceVolume | undefined;

export const refOf = (v: ReservationRef): ReservationRef => ({ nation: v.nation, id: v.id, version: v.version });

type Footprint = Pick<AirspaceVolume, 'outline' | 'circle'>;
const footprintOf = (f: { outline?: AirspaceVolume['outline']; circle?: AirspaceVolume['circle'] }): Footprint =>
  (f.circle ? { circle: f.circle } : { outline: f.outline! }) as Footprint;

/** What makes a volume unusable as a reservation, or null. */
export function volumeProblem(v: Pick<AirspaceVolume, 'floorM' | 'ceilingM' | 'validFrom' | 'validTo'>): string | null {
  if (!(v.floorM < v.ceilingM)) return `the floor (${v.floorM} m) must be below the ceiling (${v.ceilingM} m)`;
  if (v.validFrom !== undefined && v.validTo !== undefined && !(Date.parse(v.validFrom) < Date.parse(v.validTo)))
    return `it must start (${v.validFrom}) before it ends (${v.validTo})`;
  return null;
}

/** Something owned by a nation and versioned (a reservation, an assignment), by nation and id. */
export type Versioned = (nation: string, id: string) => ReservationRef | undefined;

/** The versions a person saw that are not current: the current ones, or null when all are current. */
export function staleVersions(seen: readonly ReservationRef[], lookup: Versioned): ReservationRef[] | null {
  const current = seen.map((r) => lookup(r.nation, r.id));
  if (seen.every((r, i) => current[i]?.version === r.version)) return null;
  return current.filter((v): v is ReservationRef => v !== undefined).map(refOf);
}

const stale = (current: AirspaceVolume): Refusal =>
  refuse(
    'STALE_VERSION',
    `Reservation ${current.nation}/${current.id} is at version ${current.version}; look at it again before changing it.`,
    [refOf(current)],
  );

function fromDraft(nation: string, id: string, draft: ReservationDraft, version: number): Outcome<AirspaceVolume> {
  if (draft.label.originator !== nation)
    return refuse(
      'INVALID',
      `A reservation of ${nation} is labelled with ${nation} as its originator, not ${draft.label.originator}.`,
    );
  const v = {
    id,
    nation,
    name: draft.name,
    kind: draft.kind,
    label: draft.label,
    ...footprintOf(draft),
    floorM: draft.floorM,
    ceilingM: draft.ceilingM,
    validFrom: draft.validFrom,
    validTo: draft.validTo,
    state: 'ACTIVE',
    version,
  } as AirspaceVolume;
  const problem = volumeProblem(v);
  return problem ? refuse('INVALID', `Reservation ${nation}/${id}: ${problem}.`) : { ok: true, value: v };
}

/** A new reservation of the person's own nation (the nation is the person's, never the draft's). */
export function createReservation(
  by: Person,
  id: string,
  draft: ReservationDraft,
  existing: Reservations,
): Outcome<AirspaceVolume> {
  const refused = mayChange(by, { nation: by.nation ?? '', id });
  if (refused) return refused;
  const nation = by.nation!;
  if (existing(nation, id)) return refuse('INVALID', `Reservation ${nation}/${id} exists already; edit it instead.`);
  return fromDraft(nation, id, draft, 1);
}

/** Checks shared by edit and end: the person's nation, the reservation exists, is not over, and was seen at its current version. */
function changeable(by: Person, ref: ReservationRef, reservations: Reservations): Outcome<AirspaceVolume> {
  // Ownership first: whether another nation's reservation exists is not revealed.
  const refused = mayChange(by, ref);
  if (refused) return refused;
  const current = reservations(ref.nation, ref.id);
  if (!current) return refuse('INVALID', `There is no reservation ${ref.nation}/${ref.id}.`);
  if (current.kind === 'SECTOR')
    return refuse(
      'INVALID',
      `${current.name} is a sector: it changes through its weapons control status, not as a reservation.`,
    );
  if (reservationState(current) === 'ENDED')
    return refuse('NOT_OPEN', `Reservation ${ref.nation}/${ref.id} has ended.`);
  if (current.version !== ref.version) return stale(current);
  return { ok: true, value: current };
}

/** A new footprint, altitude block, time window, name or label for one's own reservation; its kind stays. */
export function editReservation(
  by: Person,
  ref: ReservationRef,
  draft: ReservationDraft,
  reservations: Reservations,
): Outcome<AirspaceVolume> {
  const current = changeable(by, ref, reservations);
  if (!current.ok) return current;
  if (draft.kind !== current.value.kind)
    return refuse('INVALID', `A ${current.value.kind} stays one; end it and create a ${draft.kind} instead.`);
  return fromDraft(ref.nation, ref.id, draft, current.value.version + 1);
}

/** The end of one's own reservation: kept ENDED for the record, never deleted. */
export function endReservation(by: Person, ref: ReservationRef, reservations: Reservations): Outcome<AirspaceVolume> {
  const current = changeable(by, ref, reservations);
  if (!current.ok) return current;
  return { ok: true, value: { ...current.value, state: 'ENDED', version: current.value.version + 1 } };
}

/** A reservation after an agreed change: a new outline, altitude block or window (what the change names), or its end. */
export function applyChange(v: AirspaceVolume, change: ReservationChange): AirspaceVolume {
  if (change.action === 'END') return { ...v, state: 'ENDED', version: v.version + 1 };
  const { outline: _o, circle: _c, ...rest } = v;
  return {
    ...rest,
    ...(change.footprint ? footprintOf(change.footprint) : footprintOf(v)),
    floorM: change.floorM ?? v.floorM,
    ceilingM: change.ceilingM ?? v.ceilingM,
    ...(change.validFrom !== undefined || v.validFrom !== undefined
      ? { validFrom: change.validFrom ?? v.validFrom }
      : {}),
    ...(change.validTo !== undefined || v.validTo !== undefined ? { validTo: change.validTo ?? v.validTo } : {}),
    version: v.version + 1,
  } as AirspaceVolume;
}

/** A reservation of the scenario as the service takes it over at first start: ACTIVE, version 1. */
export function seeded(v: AirspaceVolume): AirspaceVolume {
  return { ...v, state: reservationState(v), version: 1 };
}
