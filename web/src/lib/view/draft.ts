import type { Classification, ReservationInput, VolumeKind } from '@tessera/schema/operations';
import { outlineProblem } from '@tessera/schema';
import type { DraftEdit, DraftOverlay, LatLon, Volume } from '../globe/globe.ts';
import { distanceM } from './geo.ts';

/** Kinds a liaison may reserve (sectors are the authority's, not reservations). */
export const RESERVABLE_KINDS = [
  'ROZ',
  'TRANSIT_CORRIDOR',
  'ENGAGEMENT_ZONE',
  'NO_FIRE_AREA',
  'DEFENDED_ASSET',
] as const satisfies readonly VolumeKind[];

/** A reservation as the editor holds it while it is drawn or edited. Times are epoch ms. */
export interface Draft extends DraftOverlay {
  name: string;
  kind: (typeof RESERVABLE_KINDS)[number];
  validFrom: number;
  validTo: number;
  classification: Classification;
  releasableTo: string[];
}

const DEFAULT_RADIUS_M = 5000;

/** A new reservation: a polygon to click, 0–1,500 m, from this minute for six hours, the nation's eyes only. */
export function newDraft(now: number, shape: Draft['shape'] = 'polygon'): Draft {
  const start = Math.floor(now / 60_000) * 60_000;
  return {
    name: '',
    kind: 'ROZ',
    shape,
    outline: [],
    center: null,
    radiusM: DEFAULT_RADIUS_M,
    floorM: 0,
    ceilingM: 1500,
    validFrom: start,
    validTo: start + 6 * 3_600_000,
    classification: 'CONFIDENTIAL',
    releasableTo: [],
  };
}

/** An existing reservation, to edit. */
export function draftFromVolume(v: Volume, now: number): Draft {
  return {
    name: v.name,
    kind: (RESERVABLE_KINDS as readonly string[]).includes(v.kind) ? (v.kind as Draft['kind']) : 'ROZ',
    shape: v.circle ? 'circle' : 'polygon',
    outline: v.outline ?? [],
    center: v.circle?.center ?? null,
    radiusM: v.circle?.radiusM ?? DEFAULT_RADIUS_M,
    floorM: v.floorM,
    ceilingM: v.ceilingM,
    validFrom: v.validFrom ? Date.parse(v.validFrom) : now,
    validTo: v.validTo ? Date.parse(v.validTo) : now + 24 * 3_600_000,
    classification: v.label.classification,
    releasableTo: [...v.label.releasableTo],
  };
}

/** A click or a drag on the globe, applied to the draft. */
export function applyEdit<D extends DraftOverlay>(d: D, edit: DraftEdit): D {
  switch (edit.type) {
    case 'add':
      return d.shape === 'polygon' ? { ...d, outline: [...d.outline, edit.point] } : { ...d, center: edit.point };
    case 'move':
      return { ...d, outline: d.outline.map((p, i) => (i === edit.index ? edit.point : p)) };
    case 'center':
      return { ...d, center: edit.point };
    case 'radius':
      return { ...d, radiusM: Math.max(100, Math.round(edit.radiusM)) };
  }
}

/** The radius a drag of the radius handle to `point` means. */
export const radiusTo = (center: LatLon, point: LatLon) => distanceM(center, point);

/** What keeps the draft from being sent, in words; empty when it can be. */
export function draftProblems(d: Draft): string[] {
  const problems: string[] = [];
  if (d.name.trim() === '') problems.push('Give it a name.');
  if (d.shape === 'polygon' && d.outline.length < 3)
    problems.push(`Click at least 3 points on the globe (${d.outline.length} so far), or type coordinates.`);
  const crossing = d.shape === 'polygon' && d.outline.length >= 3 ? outlineProblem(d.outline) : null;
  if (crossing) problems.push(`${crossing[0]!.toUpperCase()}${crossing.slice(1)}.`);
  if (d.shape === 'circle' && !d.center) problems.push('Click the centre on the globe, or type it.');
  if (!(d.floorM < d.ceilingM)) problems.push('The floor must be below the ceiling.');
  if (!(d.validFrom < d.validTo)) problems.push('The reservation must end after it starts.');
  return problems;
}

/** The draft as the gateway takes it. */
export function draftToInput(d: Draft): ReservationInput {
  return {
    name: d.name.trim(),
    kind: d.kind,
    ...(d.shape === 'polygon'
      ? { outline: d.outline.map(({ lat, lon }) => ({ lat, lon })) }
      : { circle: { lat: d.center!.lat, lon: d.center!.lon, radiusM: d.radiusM } }),
    floorM: d.floorM,
    ceilingM: d.ceilingM,
    validFrom: new Date(d.validFrom).toISOString(),
    validTo: new Date(d.validTo).toISOString(),
    classification: d.classification,
    releasableTo: d.releasableTo,
  };
}

/**
 * Coordinates typed by a person, one point a line: "50.1, 22.7", "50.1 22.7", or with hemispheres
 * "50.1N 22.7E" / "50.1000N 022.7000E" (as the COP shows them). Latitude first.
 */
export function parseCoordinates(text: string): { points: LatLon[]; error: string | null } {
  const points: LatLon[] = [];
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  for (const [i, line] of lines.entries()) {
    const m = /^(-?\d+(?:\.\d+)?)\s*([NS])?\s*[,;\s]\s*(-?\d+(?:\.\d+)?)\s*([EW])?$/i.exec(line);
    if (!m) return { points, error: `Line ${i + 1}: "${line}" is not "lat, lon".` };
    const lat = Number(m[1]) * (m[2]?.toUpperCase() === 'S' ? -1 : 1);
    const lon = Number(m[3]) * (m[4]?.toUpperCase() === 'W' ? -1 : 1);
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180)
      return { points, error: `Line ${i + 1}: latitude within ±90, longitude within ±180.` };
    points.push({ lat, lon });
  }
  return { points, error: null };
}

/** Points as the coordinates box shows them, one a line. */
export const formatCoordinates = (points: readonly LatLon[]) =>
  points.map((p) => `${p.lat.toFixed(4)}, ${p.lon.toFixed(4)}`).join('\n');

/** Epoch ms as a datetime-local input value, read as UTC ("2026-11-30T21:38"). */
export const toUtcInput = (ms: number) => new Date(ms).toISOString().slice(0, 16);

/** A datetime-local input value, read as UTC; NaN when incomplete. */
export const fromUtcInput = (value: string) =>
  /^\d{4}-\d\d-\d\dT\d\d:\d\d$/.test(value) ? Date.parse(`${value}:00Z`) : Number.NaN;
