import type { ConflictFieldsFragment, ConflictSeverity } from '@tessera/schema/operations';
import type { ConflictOverlay, Footprint } from '../globe/globe.ts';
import { altitudeBand, inForceAt, timeWindow } from './airspace.ts';
import { humanize } from './humanize.ts';
import { spectrumSummary } from './spectrum.ts';

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

/**
 * Whether a conflict belongs to the airspace or the spectrum picture of the console: SPECTRUM
 * conflicts to the spectrum, the others to the airspace; a joint one (a jammer hitting the receivers
 * of drones flying a reservation) to both.
 */
export const concerns = (c: Conflict, picture: 'airspace' | 'spectrum') =>
  picture === 'spectrum' ? c.kind === 'SPECTRUM' : c.kind !== 'SPECTRUM' || c.spectrum?.tiedReservation != null;

/** An open conflict the user's nation is a party to: it gets an audible cue (once). */
export const endangers = (nation: string | null) => (c: Conflict) =>
  c.state === 'OPEN' && nation !== null && c.parties.includes(nation);

/** Open conflicts in the airspace (those with a region: not SPECTRUM) whose overlap is in force at t. */
export const conflictsAt = (conflicts: Iterable<Conflict>, t: number) =>
  [...conflicts].filter((c) => c.state === 'OPEN' && c.region !== null && inForceAt(c.region.from, c.region.to, t));

/** A side as people read it; one withheld from the user shows only its nation and kind. */
export const sideName = (s: Side) =>
  s.withheld || !s.name ? `${s.nation} ${humanize(s.kind)} (withheld)` : `${s.name} (${s.nation} ${humanize(s.kind)})`;

/** "ROZ Alpha (POL roz) × Corridor K (UKR transit corridor)". */
export const conflictTitle = (c: Conflict) => c.sides.map(sideName).join(' × ');

/**
 * Where, how high and when the overlap is: "500–1,500 m · 21:38Z – 01:38Z · 39.7 km²"; for a
 * SPECTRUM conflict the band, margin and time: "2400.0–2412.5 MHz · margin 23.4 dB".
 */
export function regionSummary(c: Conflict, now: number): string {
  if (!c.region) return spectrumSummary(c, now);
  const r = c.region;
  return `${altitudeBand(r.floorM, r.ceilingM)} · ${timeWindow(r.from, r.to, now)} · ${r.areaKm2.toFixed(1)} km²`;
}

/** How a conflict stands, for people. */
export const conflictStatus = (c: Conflict) => (c.state === 'ACCEPTED_RISK' ? 'RISK ACCEPTED' : c.state);

/** The airspace a conflict concerns, to fly to; null for a SPECTRUM conflict (no region). */
export const regionFootprint = (c: Conflict): Footprint | null =>
  c.region ? { outline: c.region.outline, circle: null, floorM: c.region.floorM, ceilingM: c.region.ceilingM } : null;

/** The overlap volumes the globe highlights (a SPECTRUM conflict has none: its ends' ranges are drawn when selected). */
export const conflictOverlays = (conflicts: readonly Conflict[], selectedId: string | null): ConflictOverlay[] =>
  conflicts.flatMap((c) => {
    const f = regionFootprint(c);
    return f ? [{ id: c.id, ...f, selected: c.id === selectedId }] : [];
  });
