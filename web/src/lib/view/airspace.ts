import type { ReservationState } from '@tessera/schema/operations';
import type { Footprint, Volume } from '../globe/globe.ts';
import { humanize } from './humanize.ts';

/** How far ahead the time slider reaches. */
export const HORIZON_MS = 24 * 3_600_000;

/** How a reservation is keyed (ids are unique per nation), as the gateway's removals name it. */
export const reservationKey = (r: { nation: string; id: string }) => `${r.nation}/${r.id}`;

/** Whether a time window (null: unbounded on that side) covers instant t; a window ends at its end (exclusive). */
export function inForceAt(from: string | null, to: string | null, t: number): boolean {
  return (from === null || Date.parse(from) <= t) && (to === null || t < Date.parse(to));
}

/** The volumes in force at t: not ended, and within their validity. */
export function volumesAt(volumes: Iterable<Volume>, t: number): Volume[] {
  return [...volumes].filter((v) => v.state !== 'ENDED' && inForceAt(v.validFrom, v.validTo, t));
}

/** What the globe draws of a volume. */
export const footprintOf = (v: Pick<Volume, 'outline' | 'circle' | 'floorM' | 'ceilingM'>): Footprint => ({
  outline: v.outline ?? null,
  circle: v.circle ?? null,
  floorM: v.floorM,
  ceilingM: v.ceilingM,
});

/** Reservations (not sectors or defended assets, which nobody books) grouped by nation, the user's own first, then by state. */
export function reservationGroups(
  volumes: Iterable<Volume>,
  ownNation: string | null,
): { nation: string; reservations: Volume[] }[] {
  const ORDER: ReservationState[] = ['ACTIVE', 'PROPOSED', 'ENDED'];
  const byNation = new Map<string, Volume[]>();
  for (const v of volumes) {
    if (v.kind === 'SECTOR' || v.kind === 'DEFENDED_ASSET') continue;
    byNation.set(v.nation, [...(byNation.get(v.nation) ?? []), v]);
  }
  return [...byNation.entries()]
    .sort(([a], [b]) => Number(b === ownNation) - Number(a === ownNation) || a.localeCompare(b))
    .map(([nation, reservations]) => ({
      nation,
      reservations: reservations.sort(
        (a, b) => ORDER.indexOf(a.state) - ORDER.indexOf(b.state) || a.name.localeCompare(b.name),
      ),
    }));
}

/** "0–1,500 m". */
export const altitudeBand = (floorM: number, ceilingM: number) =>
  `${Math.round(floorM).toLocaleString('en-US')}–${Math.round(ceilingM).toLocaleString('en-US')} m`;

/** "21:38Z", with the day when it is not the day of `now`: "01 Dec 03:38Z". */
export function zulu(iso: string, now: number): string {
  const d = new Date(iso);
  const time = `${iso.slice(11, 16)}Z`;
  if (d.toISOString().slice(0, 10) === new Date(now).toISOString().slice(0, 10)) return time;
  return `${String(d.getUTCDate()).padStart(2, '0')} ${d.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' })} ${time}`;
}

/** "21:38Z – 01 Dec 01:38Z"; open ends as "…". */
export const timeWindow = (from: string | null, to: string | null, now: number) =>
  `${from ? zulu(from, now) : '…'} – ${to ? zulu(to, now) : '…'}`;

/** One line about a reservation: kind, altitude band, time window. */
export const reservationSummary = (v: Volume, now: number) =>
  `${humanize(v.kind)} · ${altitudeBand(v.floorM, v.ceilingM)} · ${timeWindow(v.validFrom, v.validTo, now)}`;

/** The slider's reading: "now", or "+2 h 30 min · 00:08Z". */
export function sliderLabel(t: number, now: number): string {
  const min = Math.round((t - now) / 60_000);
  if (min <= 0) return 'now';
  const h = Math.floor(min / 60);
  const rest = min % 60;
  return `+${h > 0 ? `${h} h` : ''}${h > 0 && rest > 0 ? ' ' : ''}${rest > 0 ? `${rest} min` : ''} · ${zulu(new Date(t).toISOString(), now)}`;
}
