import {
  canSee,
  derivedLabel,
  releaseDerived,
  type Conflict,
  type ConflictSide,
  type Label,
  type Proposal,
  type ProposalResponse,
  type ReservationChange,
  type ReservationRef,
  type User,
  type Viewer,
} from '@tessera/schema';
import { seesEvery, viewerOf } from './access.ts';
import {
  UNDISCLOSED_NATION,
  UNDISCLOSED_PERSON,
  maskedParties,
  releaseSpectrumDetail,
  shownAssignmentChange,
  undisclosedNations,
  withheldAssignmentChange,
  type ReleasedAssignmentChange,
  type ReleasedSpectrumDetail,
} from './access-spectrum.ts';

/**
 * Who sees what of the negotiation (part of the gateway's one place deciding releasability, with
 * access.ts and access-spectrum.ts): conflicts and proposals are derived from several nations'
 * reservations, assignments or restricted entries; a party who may not see the other side gets a
 * sanitized view (DOMAIN.md, "Confidentiality label").
 */

/**
 * What a conflict or proposal names, by nation and id (and the side's kind when it is a conflict's:
 * ENGAGEMENT for a request, a spectrum use for an assignment, TABOO / PROTECTED / GUARDED for an
 * entry of the restricted list, else a reservation), as the gateway knows it now: its labels; none
 * when unknown. Without a kind, everything the gateway knows under that nation and id.
 * `reservation` gives a reservation by nation and id (a spectrum conflict's tied reservation).
 */
export interface ReservationLabels {
  (ref: { nation: string; id: string; kind?: ConflictSide['kind'] }): Label[];
  reservation?: (ref: { nation: string; id: string }) => { label: Label; version: number } | undefined;
}

/**
 * Whether the caller may see a reservation it names: only when its labels are known and every one
 * of them releases it (one the gateway knows nothing of is withheld, never guessed).
 */
export function maySeeReservation(user: User, labels: readonly Label[]): boolean {
  return seesEvery(viewerOf(user), labels);
}

/** One side of a conflict as the caller receives it: whole, or withheld to its nation and kind. */
export interface ReleasedConflictSide {
  nation: string;
  kind: ConflictSide['kind'];
  withheld: boolean;
  id: string | null;
  name: string | null;
  version: number | null;
  label: Label | null;
}

export type ReleasedConflict = Omit<Conflict, 'sides' | 'label' | 'spectrum'> & {
  sides: ReleasedConflictSide[];
  sanitized: boolean;
  label: Label;
  spectrum: ReleasedSpectrumDetail | null;
};

export interface ReleasedReservationRef {
  nation: string;
  id: string | null;
  version: number | null;
  withheld: boolean;
}

export interface ReleasedReservationChange {
  nation: string;
  id: string | null;
  action: ReservationChange['action'];
  withheld: boolean;
  outline: { lat: number; lon: number }[] | null;
  circle: { center: { lat: number; lon: number }; radiusM: number } | null;
  floorM: number | null;
  ceilingM: number | null;
  validFrom: string | null;
  validTo: string | null;
}

export type ReleasedProposal = Omit<Proposal, 'basedOn' | 'changes' | 'assignmentChanges' | 'label'> & {
  basedOn: ReleasedReservationRef[];
  changes: ReleasedReservationChange[];
  assignmentChanges: ReleasedAssignmentChange[];
  sanitized: boolean;
  label: Label;
};

/**
 * Something between parties (a conflict, a proposal), derived from inputs a party may not all see
 * (DOMAIN.md, "Confidentiality label"): the full view to whoever may see every input; the sanitized
 * view to a party who may see its own input (`own`: the label of what it knows of it), released
 * under that label; nothing otherwise. `inputs` is empty when an input is unknown or no nation may
 * see them all: then nobody gets the full view.
 */
function releaseBetweenParties<F, S>(
  viewer: Viewer,
  d: { inputs: readonly Label[]; own: Label | null; full: () => F; sanitized: () => S },
): F | S | null {
  // Not a party (or its own input releasable to nobody): sanitized views are for the parties, who
  // must act on them; anyone else needs every input.
  if (d.own === null) return seesEvery(viewer, d.inputs) ? d.full() : null;
  const out = releaseDerived(viewer, {
    inputs: d.inputs,
    full: d.full,
    sanitized: { label: d.own, value: d.sanitized },
  });
  return out && out.value();
}

/** The label of a sanitized view: derived from what it shows (never more visible than any of it). */
function sanitizedLabel(own: Label, shown: readonly Label[]): Label {
  return derivedLabel(own.originator, shown, own.policy) ?? own;
}

/**
 * The label of the viewer's nation's side of a conflict, when that nation is a party: derived from
 * how the conflict saw the reservation and what the gateway knows of it now. Null otherwise.
 */
function ownSideLabel(viewer: Viewer, conflict: Conflict, labelsOf: ReservationLabels): Label | null {
  if (viewer.nation === null || !conflict.parties.includes(viewer.nation)) return null;
  // Both sides may be the viewer's nation's (its engagement over its own no-fire area): the one it may see.
  const own = conflict.sides
    .filter((s) => s.nation === viewer.nation)
    .map((s) => {
      const labels = knownLabels(s, labelsOf);
      return labels.length > 0 ? derivedLabel(s.nation, labels, s.label.policy) : null;
    })
    .filter((l): l is Label => l !== null);
  return own.find((l) => canSee(viewer, l)) ?? own[0] ?? null;
}

/**
 * A side's labels: as the conflict saw it and as the gateway knows it now; none (withheld from
 * everybody) while the gateway does not know it now. Its mirror of the reservations (or requests)
 * can lag its mirror of the conflicts, and a reservation made stricter since the conflict was
 * computed must never be released under its old label in the meantime.
 */
function knownLabels(side: ConflictSide, labelsOf: ReservationLabels): Label[] {
  const now = labelsOf(side);
  return now.length > 0 ? [side.label, ...now] : [];
}

function releaseSide(user: User, side: ConflictSide, labels: readonly Label[]): ReleasedConflictSide {
  if (maySeeReservation(user, labels)) return { ...side, withheld: false };
  return { nation: side.nation, kind: side.kind, withheld: true, id: null, name: null, version: null, label: null };
}

/** The sides of a conflict as a party receives them in a sanitized view, and the nations it must not be told. */
function sanitizedSides(user: User, conflict: Conflict, labelsOf: ReservationLabels) {
  const released = conflict.sides.map((s) => releaseSide(user, s, knownLabels(s, labelsOf)));
  const undisclosed = undisclosedNations(user.nation, released);
  const sides = released.map((s) => (undisclosed.has(s.nation) ? { ...s, nation: UNDISCLOSED_NATION } : s));
  return { sides, undisclosed };
}

const noReservation = () => undefined;

/**
 * A conflict as the caller receives it: the full view when they may see both reservations and the
 * conflict's label; a party that may see its own side but not the other gets the other side withheld
 * (nation and kind only) with the overlap region kept; anyone else nothing. `labelsOf` adds what the
 * gateway knows of each reservation now (a side whose reservation became stricter is withheld too).
 */
export function releaseConflict(
  user: User,
  conflict: Conflict | undefined,
  labelsOf: ReservationLabels,
): ReleasedConflict | null {
  if (!conflict) return null;
  const viewer = viewerOf(user);
  const sideLabels = conflict.sides.map((s) => knownLabels(s, labelsOf));
  const own = ownSideLabel(viewer, conflict, labelsOf);
  const reservationOf = labelsOf.reservation ?? noReservation;
  return releaseBetweenParties(viewer, {
    inputs: conflict.label && sideLabels.every((l) => l.length > 0) ? [conflict.label, ...sideLabels.flat()] : [],
    own,
    full: () => {
      const sides = conflict.sides.map((s) => ({ ...s, withheld: false }));
      const spectrum = releaseSpectrumDetail(user, conflict.spectrum, { sanitized: false, sides }, reservationOf);
      return { ...conflict, label: conflict.label!, sanitized: false, sides, spectrum };
    },
    sanitized: () => {
      const { sides, undisclosed } = sanitizedSides(user, conflict, labelsOf);
      const shown = sides.flatMap((s) => (s.label ? [s.label] : []));
      return {
        ...conflict,
        parties: maskedParties(conflict.parties, undisclosed),
        label: sanitizedLabel(own!, shown),
        sanitized: true,
        sides,
        spectrum: releaseSpectrumDetail(user, conflict.spectrum, { sanitized: true, sides }, reservationOf),
      };
    },
  });
}

/**
 * A proposal as the caller receives it, like its conflict: whole when they may see every reservation
 * it names (and the conflict's sides) and its label; for a party, a sanitized view where every change
 * to and every version of a reservation they may not see is withheld (nation and action only: no id,
 * footprint, altitudes or times), the rationale and the answers kept (they are addressed to the
 * parties); nothing for anyone else. Without its conflict nobody is known to be a party.
 */
export function releaseProposal(
  user: User,
  proposal: Proposal | undefined,
  conflict: Conflict | undefined,
  labelsOf: ReservationLabels,
): ReleasedProposal | null {
  if (!proposal) return null;
  const viewer = viewerOf(user);
  const ofConflict = conflict?.id === proposal.conflictId ? conflict : undefined;
  // What the gateway knows of a named reservation: its current label and how the conflict saw it;
  // nothing (withheld) while it does not know the reservation now.
  const labels = (ref: { nation: string; id: string }) => {
    const now = labelsOf(ref);
    if (now.length === 0) return [];
    const seen = ofConflict?.sides.filter((s) => s.nation === ref.nation && s.id === ref.id).map((s) => s.label);
    return [...(seen ?? []), ...now];
  };
  const named = [
    ...proposal.basedOn,
    ...proposal.changes.map((c) => c.reservation),
    ...proposal.assignmentChanges.map((c) => c.assignment),
    ...(ofConflict?.sides ?? []),
  ].map(labels);
  const own = ofConflict ? ownSideLabel(viewer, ofConflict, labelsOf) : null;
  const full = (): ReleasedProposal => ({
    ...proposal,
    label: proposal.label!,
    sanitized: false,
    basedOn: proposal.basedOn.map((r) => ({ ...r, withheld: false })),
    changes: proposal.changes.map((c) => shownChange(c)),
    assignmentChanges: proposal.assignmentChanges.map(shownAssignmentChange),
  });
  return releaseBetweenParties(viewer, {
    inputs: proposal.label && named.every((l) => l.length > 0) ? [proposal.label, ...named.flat()] : [],
    own,
    full,
    sanitized: () => {
      // Sanitized views are for parties, so the conflict is known here.
      const { undisclosed } = sanitizedSides(user, ofConflict!, labelsOf);
      const told = (nation: string) => (undisclosed.has(nation) ? UNDISCLOSED_NATION : nation);
      const basedOn = proposal.basedOn.map((r) =>
        maySeeReservation(user, labels(r))
          ? { ...r, withheld: false }
          : { nation: told(r.nation), id: null, version: null, withheld: true },
      );
      const changes = proposal.changes.map((c) =>
        maySeeReservation(user, labels(c.reservation)) ? shownChange(c) : withheldChange(c),
      );
      const assignmentChanges = proposal.assignmentChanges.map((c) =>
        maySeeReservation(user, labels(c.assignment))
          ? shownAssignmentChange(c)
          : withheldAssignmentChange(c, told(c.assignment.nation)),
      );
      const shown = named.filter((l) => maySeeReservation(user, l)).flat();
      // A nation not to be told is not told by its people's names, words or answers either.
      const byUndisclosed = undisclosed.has(proposal.proposedBy.nation);
      return {
        ...full(),
        label: sanitizedLabel(own!, [own!, ...shown]),
        sanitized: true,
        basedOn,
        changes,
        assignmentChanges,
        proposedBy: byUndisclosed ? { username: UNDISCLOSED_PERSON, nation: UNDISCLOSED_NATION } : proposal.proposedBy,
        rationale: byUndisclosed ? WITHHELD_WORDS : proposal.rationale,
        responses: proposal.responses.map((r) => (undisclosed.has(r.nation) ? undisclosedResponse(r) : r)),
      };
    },
  });
}

/** What stands for the words of a nation the viewer may not be told of. */
const WITHHELD_WORDS = '(withheld: the owner of a restricted band you may not see)';

const undisclosedResponse = (r: ProposalResponse): ProposalResponse => ({
  ...r,
  nation: UNDISCLOSED_NATION,
  username: UNDISCLOSED_PERSON,
  reason: r.reason === '' ? '' : WITHHELD_WORDS,
});

function shownChange(c: ReservationChange): ReleasedReservationChange {
  return {
    nation: c.reservation.nation,
    id: c.reservation.id,
    action: c.action,
    withheld: false,
    outline: c.footprint?.outline ?? null,
    circle: c.footprint?.circle ?? null,
    floorM: c.floorM ?? null,
    ceilingM: c.ceilingM ?? null,
    validFrom: c.validFrom ?? null,
    validTo: c.validTo ?? null,
  };
}

function withheldChange(c: ReservationChange): ReleasedReservationChange {
  return {
    nation: c.reservation.nation,
    id: null,
    action: c.action,
    withheld: true,
    outline: null,
    circle: null,
    floorM: null,
    ceilingM: null,
    validFrom: null,
    validTo: null,
  };
}

/**
 * Versions a refusal reports (STALE_VERSION): those of what the caller may not see are withheld; the
 * nation of a withheld restricted entry (`isEntry`) is not told either, unless it is the caller's.
 */
export function releaseRefs(
  user: User,
  refs: readonly ReservationRef[],
  labelsOf: ReservationLabels,
  isEntry: (ref: { nation: string; id: string }) => boolean = () => false,
): ReleasedReservationRef[] {
  return refs.map((r) =>
    maySeeReservation(user, labelsOf(r))
      ? { ...r, withheld: false }
      : {
          nation: isEntry(r) && r.nation !== user.nation ? UNDISCLOSED_NATION : r.nation,
          id: null,
          version: null,
          withheld: true,
        },
  );
}

/**
 * A message from another service shown to the caller only when it names nothing they may not see
 * (the id or name of a withheld reservation); otherwise `instead`.
 */
export function releaseMessage(
  user: User,
  message: string,
  named: Iterable<{ label: Label; words: readonly string[] }>,
  instead: string,
): string {
  const viewer = viewerOf(user);
  for (const n of named) {
    if (canSee(viewer, n.label)) continue;
    for (const w of n.words) {
      if (w.length === 0) continue;
      const escaped = w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      if (new RegExp(`(?<![A-Za-z0-9_-])${escaped}(?![A-Za-z0-9_-])`, 'i').test(message)) return instead;
    }
  }
  return message;
}
