import type { AssignmentChangeInput, ProposalKind } from '@tessera/schema/operations';
import { zulu } from './airspace.ts';
import type { Conflict } from './conflicts.ts';
import type { ChangeDiff, DiffRow, Proposal } from './negotiation.ts';
import { assignmentKey, formatBand, type Assignment, type Suggestion } from './spectrum.ts';

/**
 * Negotiating a SPECTRUM conflict: a proposal's changes to assignments before and after, the
 * engine's suggestions as proposals, and the form a liaison writes one in (band, power, window).
 */

type AssignmentChange = Proposal['assignmentChanges'][number];

const power = (dbm: number | null) => (dbm === null ? '—' : `${dbm.toFixed(1)} dBm`);
const windowText = (from: string | null, to: string | null, now: number) =>
  `${from ? zulu(from, now) : '…'} – ${to ? zulu(to, now) : '…'}`;

/** What a proposal changes in assignments, before and after, assignment by assignment (band, EIRP, window). */
export function assignmentDiff(
  p: Pick<Proposal, 'assignmentChanges'>,
  assignments: ReadonlyMap<string, Assignment>,
  now: number,
): ChangeDiff[] {
  return p.assignmentChanges.map((c) => {
    if (c.withheld || c.id === null)
      return { reservation: `${c.nation} assignment (withheld)`, withheld: true, rows: [] };
    const before = assignments.get(assignmentKey({ nation: c.nation, id: c.id }));
    const name = before ? `${before.system} (${c.nation})` : `${c.nation}/${c.id}`;
    if (!before)
      return {
        reservation: name,
        withheld: false,
        rows: [{ field: 'Change', before: '?', after: c.action === 'END' ? 'ended' : 'modified' }],
      };
    if (c.action === 'END')
      return { reservation: name, withheld: false, rows: [{ field: 'State', before: before.state, after: 'ENDED' }] };
    const rows: DiffRow[] = [];
    const low = c.lowMHz ?? before.lowMHz;
    const high = c.highMHz ?? before.highMHz;
    if (low !== before.lowMHz || high !== before.highMHz)
      rows.push({ field: 'Band', before: formatBand(before.lowMHz, before.highMHz), after: formatBand(low, high) });
    if (c.eirpDbm !== null && c.eirpDbm !== before.eirpDbm)
      rows.push({ field: 'EIRP', before: power(before.eirpDbm), after: power(c.eirpDbm) });
    const from = c.validFrom ?? before.validFrom;
    const to = c.validTo ?? before.validTo;
    if (from !== before.validFrom || to !== before.validTo)
      rows.push({
        field: 'Window',
        before: windowText(before.validFrom, before.validTo, now),
        after: windowText(from, to, now),
      });
    return { reservation: name, withheld: false, rows };
  });
}

/** What an applied change set, in words (once accepted, its before is gone from the live picture). */
export function assignmentChangeSummary(c: AssignmentChange, now: number): string {
  if (c.withheld) return `a ${c.nation} assignment (withheld)`;
  if (c.action === 'END') return 'ended';
  const parts: string[] = [];
  if (c.lowMHz !== null && c.highMHz !== null) parts.push(formatBand(c.lowMHz, c.highMHz));
  else if (c.lowMHz !== null) parts.push(`low edge ${c.lowMHz} MHz`);
  else if (c.highMHz !== null) parts.push(`high edge ${c.highMHz} MHz`);
  if (c.eirpDbm !== null) parts.push(`EIRP ${power(c.eirpDbm)}`);
  if (c.validFrom) parts.push(`from ${zulu(c.validFrom, now)}`);
  if (c.validTo) parts.push(`until ${zulu(c.validTo, now)}`);
  return parts.join('; ');
}

/** A change as the gateway takes it: what the change leaves null is left out. */
export function changeInput(c: Omit<AssignmentChange, 'withheld'> & { id: string }): AssignmentChangeInput {
  const input: AssignmentChangeInput = { nation: c.nation, id: c.id, action: c.action };
  if (c.action === 'END') return input;
  if (c.lowMHz !== null) input.lowMHz = c.lowMHz;
  if (c.highMHz !== null) input.highMHz = c.highMHz;
  if (c.eirpDbm !== null) input.eirpDbm = c.eirpDbm;
  if (c.validFrom !== null) input.validFrom = c.validFrom;
  if (c.validTo !== null) input.validTo = c.validTo;
  return input;
}

/**
 * An engine's suggestion as a proposal, ready to send: a CHANGE with the suggestion's change, its
 * summary as the rationale. Null when its assignment is withheld from the user (never offered then).
 */
export function suggestionProposal(
  s: Suggestion,
): { kind: ProposalKind; rationale: string; assignmentChanges: AssignmentChangeInput[] } | null {
  const { id, withheld } = s.change;
  if (withheld || id === null) return null;
  return {
    kind: 'CHANGE',
    rationale: `${s.summary}${s.clearsConflict ? '' : ' (does not clear every harmful direction alone)'}`.slice(
      0,
      1000,
    ),
    assignmentChanges: [changeInput({ ...s.change, id })],
  };
}

/** Whether a suggestion makes this change to this assignment (to mark the suggestion already proposed). */
export const isProposed = (s: Suggestion, thread: readonly Proposal[]) =>
  thread.some(
    (p) =>
      p.state === 'OPEN' &&
      p.assignmentChanges.some(
        (c) =>
          c.nation === s.change.nation &&
          c.id === s.change.id &&
          c.action === s.change.action &&
          c.lowMHz === s.change.lowMHz &&
          c.highMHz === s.change.highMHz &&
          c.eirpDbm === s.change.eirpDbm &&
          c.validFrom === s.change.validFrom &&
          c.validTo === s.change.validTo,
      ),
  );

/** A band a proposal would give an assignment, drawn as a ghost in the assignment's row of the chart. */
export interface ProposedBand {
  /** NATION/id of the assignment, and NATION/system of its row. */
  key: string;
  row: string;
  lowMHz: number;
  highMHz: number;
}

/** The new bands of a proposal's changes (an ended assignment has none; a change of power or time keeps its band). */
export function proposedBands(
  changes: readonly Pick<AssignmentChange, 'nation' | 'id' | 'action' | 'lowMHz' | 'highMHz'>[],
  assignments: ReadonlyMap<string, Assignment>,
): ProposedBand[] {
  return changes.flatMap((c) => {
    const a = c.id === null ? undefined : assignments.get(assignmentKey({ nation: c.nation, id: c.id }));
    if (!a || c.action === 'END' || (c.lowMHz === null && c.highMHz === null)) return [];
    const band = { lowMHz: c.lowMHz ?? a.lowMHz, highMHz: c.highMHz ?? a.highMHz };
    return [{ key: assignmentKey(a), row: `${a.nation}/${a.system}`, ...band }];
  });
}

// ---- The form a liaison writes a spectrum proposal (or a counter-proposal) in.

/** A spectrum proposal as the form holds it: accept the risk, or change (or end) one of the conflict's assignments. */
export interface SpectrumProposalForm {
  kind: ProposalKind;
  /** NATION/id of the assignment to change. */
  target: string | null;
  action: 'MODIFY' | 'END';
  lowMHz: number;
  highMHz: number;
  /** null: a receiver without one, left as it is. */
  eirpDbm: number | null;
  /** Epoch ms; 0: unbounded. */
  validFrom: number;
  validTo: number;
  rationale: string;
}

const epoch = (iso: string | null | undefined) => (iso ? Date.parse(iso) : 0);

/** The form for changing `target` as it is now (nothing changed yet). */
export function spectrumFormFor(target: Assignment | undefined, kind: ProposalKind = 'CHANGE'): SpectrumProposalForm {
  return {
    kind,
    target: target ? assignmentKey(target) : null,
    action: 'MODIFY',
    lowMHz: target?.lowMHz ?? 0,
    highMHz: target?.highMHz ?? 0,
    eirpDbm: target?.eirpDbm ?? null,
    validFrom: epoch(target?.validFrom),
    validTo: epoch(target?.validTo),
    rationale: '',
  };
}

/** A counter-proposal starts from the proposal it counters: its kind and its change to `target`, if any. */
export function spectrumCounterForm(p: Proposal, target: Assignment | undefined): SpectrumProposalForm {
  const form = spectrumFormFor(target, p.kind);
  const c = p.assignmentChanges.find((x) => target && x.nation === target.nation && x.id === target.id);
  if (!c) return form;
  return {
    ...form,
    action: c.action,
    lowMHz: c.lowMHz ?? form.lowMHz,
    highMHz: c.highMHz ?? form.highMHz,
    eirpDbm: c.eirpDbm ?? form.eirpDbm,
    validFrom: c.validFrom ? Date.parse(c.validFrom) : form.validFrom,
    validTo: c.validTo ? Date.parse(c.validTo) : form.validTo,
  };
}

/** The change the form asks for: only what differs from the assignment now; null when nothing does. */
export function assignmentChangeFrom(target: Assignment, f: SpectrumProposalForm): AssignmentChangeInput | null {
  const ref = { nation: target.nation, id: target.id };
  if (f.action === 'END') return { ...ref, action: 'END' };
  const change: AssignmentChangeInput = { ...ref, action: 'MODIFY' };
  if (f.lowMHz !== target.lowMHz) change.lowMHz = f.lowMHz;
  if (f.highMHz !== target.highMHz) change.highMHz = f.highMHz;
  if (f.eirpDbm !== null && f.eirpDbm !== target.eirpDbm) change.eirpDbm = f.eirpDbm;
  // 0: unbounded, as spectrumFormFor reads it; a change can set a bound, not remove one.
  if (f.validFrom !== 0 && f.validFrom !== epoch(target.validFrom))
    change.validFrom = new Date(f.validFrom).toISOString();
  if (f.validTo !== 0 && f.validTo !== epoch(target.validTo)) change.validTo = new Date(f.validTo).toISOString();
  return Object.keys(change).length > 3 ? change : null;
}

/** What keeps the spectrum proposal from being sent, in words; empty when it can be. */
export function spectrumProposalProblems(f: SpectrumProposalForm, target: Assignment | undefined): string[] {
  const problems: string[] = [];
  if (f.rationale.trim() === '') problems.push('Say why: the other parties read the rationale.');
  if (f.kind === 'ACCEPT_RISK') return problems;
  if (!target) return [...problems, 'Choose the assignment to change.'];
  if (f.action === 'MODIFY') {
    if (!(Number.isFinite(f.lowMHz) && Number.isFinite(f.highMHz) && f.lowMHz < f.highMHz))
      problems.push('The low edge must be below the high edge.');
    const { tunableLowMHz: tlo, tunableHighMHz: thi } = target;
    if (tlo !== null && thi !== null && (f.lowMHz < tlo || f.highMHz > thi))
      problems.push(`The band must stay in its tunable range, ${formatBand(tlo, thi)}.`);
    if (f.validFrom !== 0 && f.validTo !== 0 && !(f.validFrom < f.validTo))
      problems.push('It must end after it starts.');
    if (assignmentChangeFrom(target, f) === null) problems.push('Nothing is changed yet.');
  }
  return problems;
}

/** The conflict's assignments this user may see: those a proposal can change. */
export const changeableAssignments = (conflict: Conflict, assignments: ReadonlyMap<string, Assignment>) =>
  conflict.sides.flatMap((s) => {
    const a = s.withheld || s.id === null ? undefined : assignments.get(assignmentKey({ nation: s.nation, id: s.id }));
    return a ? [a] : [];
  });
