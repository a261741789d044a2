import type { ProposalFieldsFragment, ReservationRefInput } from '@tessera/schema/operations';
import type { PreviewOverlay, Volume } from '../globe/globe.ts';
import { altitudeBand, footprintOf, reservationKey, zulu } from './airspace.ts';
import type { Conflict } from './conflicts.ts';
import { bearingDeg, centroid, compass, distanceM } from './geo.ts';

export type Proposal = ProposalFieldsFragment;
type Change = Proposal['changes'][number];
type User = { nation: string | null };

/** A conflict's negotiation, oldest first. */
export const threadOf = (proposals: Iterable<Proposal>, conflictId: string) =>
  [...proposals]
    .filter((p) => p.conflictId === conflictId)
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));

/** Whether the user's nation is a party to the conflict (only parties negotiate it). */
export const isParty = (conflict: Conflict, user: User) =>
  user.nation !== null && conflict.parties.includes(user.nation);

/** Whether the user's nation still has to answer this proposal: it is open, someone else's, and unanswered by the nation. */
export const awaitsAnswer = (p: Proposal, conflict: Conflict, user: User) =>
  p.state === 'OPEN' &&
  isParty(conflict, user) &&
  p.proposedBy.nation !== user.nation &&
  !p.responses.some((r) => r.nation === user.nation);

/**
 * The versions this user has seen of the conflict's sides (proof of awareness): as the live picture
 * has them now (the airspace's reservations, or for a SPECTRUM conflict the assignments, keyed
 * NATION/id), else as the conflict was computed. Withheld sides are not named.
 */
export function basedOn(conflict: Conflict, live: ReadonlyMap<string, { version: number }>): ReservationRefInput[] {
  return conflict.sides.flatMap((s) => {
    if (s.withheld || s.id === null) return [];
    const version = live.get(reservationKey({ nation: s.nation, id: s.id }))?.version ?? s.version;
    return version === null ? [] : [{ nation: s.nation, id: s.id, version }];
  });
}

/** "POL accepted · UKR waiting": each party's answer to a proposal (the proposer's nation agrees by proposing). */
export function answers(p: Proposal, conflict: Conflict): string {
  return conflict.parties
    .map((n) => {
      if (n === p.proposedBy.nation) return `${n} proposed`;
      const r = p.responses.find((x) => x.nation === n);
      return r
        ? `${n} ${r.response === 'ACCEPT' ? 'accepted' : 'rejected'}`
        : `${n} ${p.state === 'OPEN' ? 'waiting' : '—'}`;
    })
    .join(' · ');
}

/** A reservation after a change: what the change leaves null stays. */
export function applyChange(v: Volume, c: Change): Volume {
  const reshaped = c.outline
    ? { outline: c.outline, circle: null }
    : c.circle
      ? { outline: null, circle: c.circle }
      : {};
  return {
    ...v,
    ...reshaped,
    floorM: c.floorM ?? v.floorM,
    ceilingM: c.ceilingM ?? v.ceilingM,
    validFrom: c.validFrom ?? v.validFrom,
    validTo: c.validTo ?? v.validTo,
    state: c.action === 'END' ? 'ENDED' : v.state,
  };
}

export interface DiffRow {
  field: string;
  before: string;
  after: string;
}

/** One changed reservation: its name and what changes, field by field. */
export interface ChangeDiff {
  reservation: string;
  withheld: boolean;
  rows: DiffRow[];
}

const shape = (v: Pick<Volume, 'outline' | 'circle'>) =>
  v.circle ? `circle ${(v.circle.radiusM / 1000).toFixed(1)} km` : `${v.outline?.length ?? 0}-point outline`;
const centreOf = (v: Pick<Volume, 'outline' | 'circle'>) => (v.circle ? v.circle.center : centroid(v.outline ?? []));

/** What a proposal changes, before and after, reservation by reservation. */
export function proposalDiff(p: Proposal, reservations: ReadonlyMap<string, Volume>, now: number): ChangeDiff[] {
  return p.changes.map((c) => {
    if (c.withheld || c.id === null)
      return { reservation: `${c.nation} reservation (withheld)`, withheld: true, rows: [] };
    const before = reservations.get(reservationKey({ nation: c.nation, id: c.id }));
    const name = before ? `${before.name} (${c.nation})` : `${c.nation}/${c.id}`;
    if (!before)
      return {
        reservation: name,
        withheld: false,
        rows: [{ field: 'Change', before: '?', after: c.action === 'END' ? 'ended' : 'modified' }],
      };
    if (c.action === 'END')
      return { reservation: name, withheld: false, rows: [{ field: 'State', before: before.state, after: 'ENDED' }] };
    const after = applyChange(before, c);
    const rows: DiffRow[] = [];
    if (c.outline || c.circle) {
      const moved = distanceM(centreOf(before), centreOf(after));
      const where =
        moved >= 50
          ? `, moved ${(moved / 1000).toFixed(1)} km ${compass(bearingDeg(centreOf(before), centreOf(after)))}`
          : '';
      rows.push({ field: 'Area', before: shape(before), after: `${shape(after)}${where}` });
    }
    if (after.floorM !== before.floorM || after.ceilingM !== before.ceilingM)
      rows.push({
        field: 'Altitude',
        before: altitudeBand(before.floorM, before.ceilingM),
        after: altitudeBand(after.floorM, after.ceilingM),
      });
    if (after.validFrom !== before.validFrom)
      rows.push({
        field: 'From',
        before: before.validFrom ? zulu(before.validFrom, now) : '…',
        after: after.validFrom ? zulu(after.validFrom, now) : '…',
      });
    if (after.validTo !== before.validTo)
      rows.push({
        field: 'Until',
        before: before.validTo ? zulu(before.validTo, now) : '…',
        after: after.validTo ? zulu(after.validTo, now) : '…',
      });
    return { reservation: name, withheld: false, rows };
  });
}

/**
 * What an applied change set, in words ("altitude 0–400 m; until 23:00Z"): once a proposal is
 * accepted its before is gone from the live airspace, so the thread says what it did.
 */
export function changeSummary(c: Change, now: number): string {
  if (c.withheld) return `a ${c.nation} reservation (withheld)`;
  if (c.action === 'END') return 'ended';
  const parts: string[] = [];
  if (c.outline) parts.push(`new ${c.outline.length}-point outline`);
  if (c.circle) parts.push(`new circle ${(c.circle.radiusM / 1000).toFixed(1)} km`);
  if (c.floorM !== null) parts.push(`floor ${Math.round(c.floorM).toLocaleString('en-US')} m`);
  if (c.ceilingM !== null) parts.push(`ceiling ${Math.round(c.ceilingM).toLocaleString('en-US')} m`);
  if (c.validFrom) parts.push(`from ${zulu(c.validFrom, now)}`);
  if (c.validTo) parts.push(`until ${zulu(c.validTo, now)}`);
  return parts.join('; ');
}

/** The before and after footprints of a proposal's changes, for the globe. An ended reservation has no after. */
export function previewOverlays(
  p: Pick<Proposal, 'changes'>,
  reservations: ReadonlyMap<string, Volume>,
): PreviewOverlay[] {
  return p.changes.flatMap((c) => {
    const before = c.id === null ? undefined : reservations.get(reservationKey({ nation: c.nation, id: c.id }));
    if (c.withheld || !before) return [];
    const id = reservationKey(before);
    const out: PreviewOverlay[] = [{ id: `${id}:before`, role: 'before', ...footprintOf(before) }];
    if (c.action !== 'END') out.push({ id: `${id}:after`, role: 'after', ...footprintOf(applyChange(before, c)) });
    return out;
  });
}
