import type { ConflictFieldsFragment, ConflictSeverity } from '@tessera/schema/operations';
import type { ConflictOverlay } from '../globe/globe.ts';
import { altitudeBand, inForceAt, timeWindow } from './airspace.ts';
import { humanize } from './humanize.ts';

export type Conflict = ConflictFieldsFragment;
type Side = Conflict['sides'][number];

const SEVERITY: ConflictSeverity[] = ['HIGH', 'MEDIUM', 'LOW'];

/** The console's order: open conflicts first, most severe first, then the oldest; then settled ones, newest first. */
export function conflictRows(conflicts: Iterable<Conflict>): Conflict[] {
  const open = (c: Conflict) => (c.state === 'OPEN' ? 0 : 1);
  return [...conflicts].sort(
    (a, b) =>
      open(a) - open(b) ||
      (open(a) === 0
        ? SEVERITY.indexOf(a.severity) - SEVERITY.indexOf(b.severity) ||
          Date.parse(a.detectedAt) - Date.parse(b.detectedAt)
        : Date.parse(b.updatedAt) - Date.parse(a.updatedAt)),
  );
}

/** An open conflict the user's nation is a party to: it gets an audible cue (once). */
export const endangers = (nation: string | null) => (c: Conflict) =>
  c.state === 'OPEN' && nation !== null && c.parties.includes(nation);

/** Open conflicts whose overlap is in force at t. */
export const conflictsAt = (conflicts: Iterable<Conflict>, t: number) =>
  [...conflicts].filter((c) => c.state === 'OPEN' && inForceAt(c.region.from, c.region.to, t));

/** A side as people read it; one withheld from the user shows only its nation and kind. */
export const sideName = (s: Side) =>
  s.withheld || !s.name ? `${s.nation} ${humanize(s.kind)} (withheld)` : `${s.name} (${s.nation} ${humanize(s.kind)})`;

/** "ROZ Alpha (POL roz) × Corridor K (UKR transit corridor)". */
export const conflictTitle = (c: Conflict) => c.sides.map(sideName).join(' × ');

/** Where, how high and when the overlap is: "500–1,500 m · 21:38Z – 01:38Z · 39.7 km²". */
export const regionSummary = (c: Conflict, now: number) =>
  `${altitudeBand(c.region.floorM, c.region.ceilingM)} · ${timeWindow(c.region.from, c.region.to, now)} · ${c.region.areaKm2.toFixed(1)} km²`;

/** How a conflict stands, for people. */
export const conflictStatus = (c: Conflict) => (c.state === 'ACCEPTED_RISK' ? 'RISK ACCEPTED' : c.state);

/** The overlap volumes the globe highlights. */
export const conflictOverlays = (conflicts: readonly Conflict[], selectedId: string | null): ConflictOverlay[] =>
  conflicts.map((c) => ({
    id: c.id,
    outline: c.region.outline,
    circle: null,
    floorM: c.region.floorM,
    ceilingM: c.region.ceilingM,
    selected: c.id === selectedId,
  }));
