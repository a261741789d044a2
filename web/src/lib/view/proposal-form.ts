import type { ProposalKind, ReservationChangeInput } from '@tessera/schema/operations';
import { outlineProblem } from '@tessera/schema';
import type { LatLon, PreviewOverlay, Volume } from '../globe/globe.ts';
import { deepEqual } from './equal.ts';
import { previewOverlays, type Proposal } from './negotiation.ts';

/** A proposal as the form holds it: accept the risk, or change one of the conflict's reservations. */
export interface ProposalForm {
  kind: ProposalKind;
  /** NATION/id of the reservation to change. */
  target: string | null;
  action: 'MODIFY' | 'END';
  shape: 'polygon' | 'circle';
  outline: LatLon[];
  center: LatLon | null;
  radiusM: number;
  floorM: number;
  ceilingM: number;
  validFrom: number;
  validTo: number;
  rationale: string;
}

const epoch = (iso: string | null | undefined) => (iso ? Date.parse(iso) : 0);

/** The form for changing `target` as it is now (nothing changed yet). */
export function formFor(target: Volume | undefined, kind: ProposalKind = 'CHANGE'): ProposalForm {
  return {
    kind,
    target: target ? `${target.nation}/${target.id}` : null,
    action: 'MODIFY',
    shape: target?.circle ? 'circle' : 'polygon',
    outline: [...(target?.outline ?? [])],
    center: target?.circle?.center ?? null,
    radiusM: target?.circle?.radiusM ?? 5000,
    floorM: target?.floorM ?? 0,
    ceilingM: target?.ceilingM ?? 0,
    validFrom: epoch(target?.validFrom),
    validTo: epoch(target?.validTo),
    rationale: '',
  };
}

/** A counter-proposal starts from the proposal it counters: its kind and its change to `target`, if any. */
export function counterForm(p: Proposal, target: Volume | undefined): ProposalForm {
  const form = formFor(target, p.kind);
  const c = p.changes.find((x) => target && x.nation === target.nation && x.id === target.id);
  if (!c) return form;
  return {
    ...form,
    action: c.action,
    ...(c.outline ? { shape: 'polygon' as const, outline: [...c.outline] } : {}),
    ...(c.circle ? { shape: 'circle' as const, center: c.circle.center, radiusM: c.circle.radiusM } : {}),
    floorM: c.floorM ?? form.floorM,
    ceilingM: c.ceilingM ?? form.ceilingM,
    validFrom: c.validFrom ? Date.parse(c.validFrom) : form.validFrom,
    validTo: c.validTo ? Date.parse(c.validTo) : form.validTo,
  };
}

/** The change the form asks for: only what differs from the reservation now; null when nothing does. */
export function changeFrom(target: Volume, f: ProposalForm): ReservationChangeInput | null {
  const ref = { nation: target.nation, id: target.id };
  if (f.action === 'END') return { ...ref, action: 'END' };
  const change: ReservationChangeInput = { ...ref, action: 'MODIFY' };
  if (f.shape === 'polygon' && !deepEqual(f.outline, target.outline ?? []))
    change.outline = f.outline.map(({ lat, lon }) => ({ lat, lon }));
  if (f.shape === 'circle' && f.center && !deepEqual({ center: f.center, radiusM: f.radiusM }, target.circle))
    change.circle = { lat: f.center.lat, lon: f.center.lon, radiusM: f.radiusM };
  if (f.floorM !== target.floorM) change.floorM = f.floorM;
  if (f.ceilingM !== target.ceilingM) change.ceilingM = f.ceilingM;
  // 0: unbounded (a scenario volume without a start or end), as formFor reads it.
  if (f.validFrom !== epoch(target.validFrom)) change.validFrom = new Date(f.validFrom).toISOString();
  if (f.validTo !== epoch(target.validTo)) change.validTo = new Date(f.validTo).toISOString();
  return Object.keys(change).length > 3 ? change : null;
}

/** What keeps the proposal from being sent, in words; empty when it can be. */
export function proposalProblems(f: ProposalForm, target: Volume | undefined): string[] {
  const problems: string[] = [];
  if (f.rationale.trim() === '') problems.push('Say why: the other parties read the rationale.');
  if (f.kind === 'ACCEPT_RISK') return problems;
  if (!target) return [...problems, 'Choose the reservation to change.'];
  if (f.action === 'MODIFY') {
    if (!(f.floorM < f.ceilingM)) problems.push('The floor must be below the ceiling.');
    if (f.validTo !== 0 && !(f.validFrom < f.validTo)) problems.push('It must end after it starts.');
    if (f.shape === 'polygon' && f.outline.length < 3) problems.push('An outline needs at least 3 points.');
    const crossing = f.shape === 'polygon' && f.outline.length >= 3 ? outlineProblem(f.outline) : null;
    if (crossing) problems.push(`${crossing[0]!.toUpperCase()}${crossing.slice(1)}.`);
    if (changeFrom(target, f) === null) problems.push('Nothing is changed yet.');
  }
  return problems;
}

/** The change the form asks for, before and after, for the globe while the proposal is written. */
export function formPreview(f: ProposalForm, reservations: ReadonlyMap<string, Volume>): PreviewOverlay[] {
  const target = f.target ? reservations.get(f.target) : undefined;
  const input = f.kind === 'CHANGE' && target ? changeFrom(target, f) : null;
  if (!input) return [];
  const change: Proposal['changes'][number] = {
    nation: input.nation,
    id: String(input.id),
    action: input.action,
    withheld: false,
    outline: input.outline ?? null,
    circle: input.circle
      ? { center: { lat: input.circle.lat, lon: input.circle.lon }, radiusM: input.circle.radiusM }
      : null,
    floorM: input.floorM ?? null,
    ceilingM: input.ceilingM ?? null,
    validFrom: input.validFrom ?? null,
    validTo: input.validTo ?? null,
  };
  return previewOverlays({ changes: [change] }, reservations);
}
