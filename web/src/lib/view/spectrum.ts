import type {
  AssignmentFieldsFragment,
  RestrictedFieldsFragment,
  SuggestionFieldsFragment,
} from '@tessera/schema/operations';
import { scaleLog } from 'd3-scale';
import type { Footprint, LatLon, RangeOverlay } from '../globe/globe.ts';
import { inForceAt, reservationKey, timeWindow } from './airspace.ts';
import type { Conflict } from './conflicts.ts';
import { centroid, destination } from './geo.ts';
import { humanize } from './humanize.ts';

/**
 * The spectrum view's pure parts: which assignments are in force at the chosen time, rows of the
 * chart (one per nation and system), the log-scale frequency axis (30 MHz-6 GHz) with its zoom,
 * pan and ticks, how bands and margins read, and each assignment's radio range on the ground.
 */

export type Assignment = AssignmentFieldsFragment;
export type Restricted = RestrictedFieldsFragment;
export type Suggestion = SuggestionFieldsFragment;

/** What the chart shows when zoomed out: VHF low band to the 5.8 GHz drone links (MHz). */
export const MIN_MHZ = 30;
export const MAX_MHZ = 6000;
/** A frequency window in MHz, low first. */
export type Domain = readonly [number, number];
export const FULL_DOMAIN: Domain = [MIN_MHZ, MAX_MHZ];
/**
 * The narrowest window, in decades: 0.0005 is ×1.00115, 2.8 MHz wide at 2.4 GHz and 35 kHz at
 * 30 MHz, wide enough to see a 25 kHz channel beside its guard bands.
 */
export const MIN_SPAN_DECADES = 0.0005;
const FULL_SPAN = Math.log10(MAX_MHZ / MIN_MHZ);

/** Assignments are keyed by nation and id, as the gateway's removals name them. */
export const assignmentKey = reservationKey;

/** The assignments in force at t: not ended, and within their window (open ends unbounded). */
export const assignmentsAt = (assignments: Iterable<Assignment>, t: number) =>
  [...assignments].filter((a) => a.state !== 'ENDED' && inForceAt(a.validFrom, a.validTo, t));

/** Open SPECTRUM conflicts whose time overlap holds at t. */
export const spectrumConflictsAt = (conflicts: Iterable<Conflict>, t: number) =>
  [...conflicts].filter(
    (c) => c.kind === 'SPECTRUM' && c.state === 'OPEN' && c.spectrum && inForceAt(c.spectrum.from, c.spectrum.to, t),
  );

/** A band of a conflict drawn over the rows of the assignments it concerns. */
export interface ConflictHit {
  conflictId: string;
  lowMHz: number;
  highMHz: number;
  marginDb: number | null;
}

export interface SpectrumBar {
  key: string;
  assignment: Assignment;
  /** The band widened by its guard band on each side. */
  guardLowMHz: number;
  guardHighMHz: number;
  /** In an open conflict in force at t. */
  conflicted: boolean;
}

export interface SpectrumRow {
  /** NATION/system. */
  key: string;
  nation: string;
  system: string;
  /** What the system does (of its first assignment). */
  use: Assignment['use'];
  /** Its assignments in force at t, lowest first (none: the row is dimmed, not removed). */
  bars: SpectrumBar[];
  /** Conflicts' bands over this row. */
  hits: ConflictHit[];
}

/**
 * The chart's rows: one per nation and system with an assignment not ended, the user's nation
 * first, then nations and systems alphabetically. Rows stay while the time moves (only their bars
 * come and go) so the chart does not jump under the user's eyes.
 */
export function spectrumRows(
  assignments: Iterable<Assignment>,
  conflicts: readonly Conflict[],
  ownNation: string | null,
  t: number,
): SpectrumRow[] {
  const hitsOf = new Map<string, ConflictHit[]>();
  for (const c of spectrumConflictsAt(conflicts, t)) {
    const s = c.spectrum!;
    for (const side of c.sides) {
      if (side.withheld || side.id === null) continue;
      const key = assignmentKey({ nation: side.nation, id: side.id });
      const hit = { conflictId: c.id, lowMHz: s.lowMHz, highMHz: s.highMHz, marginDb: s.marginDb };
      hitsOf.set(key, [...(hitsOf.get(key) ?? []), hit]);
    }
  }
  const rows = new Map<string, SpectrumRow>();
  const live = [...assignments].filter((a) => a.state !== 'ENDED');
  for (const a of live) {
    const key = `${a.nation}/${a.system}`;
    if (!rows.has(key)) rows.set(key, { key, nation: a.nation, system: a.system, use: a.use, bars: [], hits: [] });
  }
  for (const a of assignmentsAt(live, t)) {
    const row = rows.get(`${a.nation}/${a.system}`)!;
    const key = assignmentKey(a);
    const hits = hitsOf.get(key) ?? [];
    const guard = guardedBand(a);
    row.bars.push({
      key,
      assignment: a,
      guardLowMHz: guard.lowMHz,
      guardHighMHz: guard.highMHz,
      conflicted: hits.length > 0,
    });
    row.hits.push(...hits);
  }
  const own = (n: string) => Number(n === ownNation);
  return [...rows.values()]
    .sort(
      (a, b) => own(b.nation) - own(a.nation) || a.nation.localeCompare(b.nation) || a.system.localeCompare(b.system),
    )
    .map((r) => ({ ...r, bars: r.bars.sort((a, b) => a.assignment.lowMHz - b.assignment.lowMHz) }));
}

// ---- The frequency axis: log scale, zoom and pan in decades, clamped to 30 MHz-6 GHz.

const decades = ([lo, hi]: Domain) => [Math.log10(lo), Math.log10(hi)] as const;
const fromDecades = (a: number, b: number): Domain => [10 ** a, 10 ** b];

/** A window moved and narrowed until it fits: at least MIN_SPAN_DECADES wide, inside 30 MHz-6 GHz. */
export function clampDomain(domain: Domain): Domain {
  const [a, b] = decades(domain);
  const [min, max] = decades(FULL_DOMAIN);
  const span = Math.min(FULL_SPAN, Math.max(MIN_SPAN_DECADES, b - a));
  if (span >= FULL_SPAN - 1e-12) return FULL_DOMAIN;
  const centre = (a + b) / 2;
  const low = Math.min(max - span, Math.max(min, centre - span / 2));
  if (low <= min) return [MIN_MHZ, 10 ** (min + span)];
  if (low + span >= max) return [10 ** (max - span), MAX_MHZ];
  return fromDecades(low, low + span);
}

/**
 * Zoomed in by `factor` (below 1: out) about the point at `anchor` (0 left edge, 1 right edge),
 * which stays where it is on screen (the wheel zooms about the pointer).
 */
export function zoomDomain(domain: Domain, factor: number, anchor = 0.5): Domain {
  const [a, b] = decades(domain);
  const at = a + (b - a) * anchor;
  const span = Math.min(FULL_SPAN, Math.max(MIN_SPAN_DECADES, (b - a) / factor));
  return clampDomain(fromDecades(at - anchor * span, at + (1 - anchor) * span));
}

/** Moved by `fraction` of its width (positive: towards higher frequencies), stopping at the ends. */
export function panDomain(domain: Domain, fraction: number): Domain {
  const [a, b] = decades(domain);
  const shift = (b - a) * fraction;
  return clampDomain(fromDecades(a + shift, b + shift));
}

/** Whether the window is the whole axis (nothing to zoom out to) or as narrow as it goes. */
export const isFullDomain = (d: Domain) => decades(d)[1] - decades(d)[0] >= FULL_SPAN - 1e-9;
export const isNarrowest = (d: Domain) => decades(d)[1] - decades(d)[0] <= MIN_SPAN_DECADES + 1e-12;

/** Where a frequency is across the window, in percent (outside: below 0 or above 100). */
export const xScale = (domain: Domain) => scaleLog().domain(domain).range([0, 100]);

/**
 * Left and width of a band across the window, in percent, cut at a little beyond the edges; and
 * whether any of it is in the window (a band outside it is not drawn, however narrow its box).
 */
export function bandBox(
  domain: Domain,
  lowMHz: number,
  highMHz: number,
): { left: number; width: number; inView: boolean } {
  const x = xScale(domain);
  const left = Math.max(-1, x(lowMHz));
  const right = Math.min(101, x(highMHz));
  return { left, width: Math.max(0, right - left), inView: x(highMHz) >= 0 && x(lowMHz) <= 100 };
}

/**
 * A band's box as `bandBox` gives it, but at least `minPx` wide on a window `widthPx` wide: a
 * narrower band is widened about its centre and kept inside the window (so that a 20 MHz link at
 * 5.7 GHz on the full axis, 0.7 px, is still a bar to see and to click, and one at 6 GHz is not cut
 * by the edge). A band outside the window stays outside.
 */
export function visibleBox(
  domain: Domain,
  lowMHz: number,
  highMHz: number,
  widthPx: number,
  minPx: number,
): { left: number; width: number; inView: boolean } {
  const box = bandBox(domain, lowMHz, highMHz);
  if (!box.inView || widthPx <= 0) return box;
  const min = Math.min(100, (minPx / widthPx) * 100);
  if (box.width >= min) return box;
  const x = xScale(domain);
  const centre = (Math.max(0, x(lowMHz)) + Math.min(100, x(highMHz))) / 2;
  return { left: Math.min(100 - min, Math.max(0, centre - min / 2)), width: min, inView: true };
}

/** A conflict marker's box in px: as wide as its band and its label, starting at the band, wholly inside the window. */
export function markerBox(
  domain: Domain,
  lowMHz: number,
  highMHz: number,
  widthPx: number,
  labelPx: number,
): { leftPx: number; widthPx: number; inView: boolean } {
  const box = bandBox(domain, lowMHz, highMHz);
  const w = Math.min(widthPx, Math.max((box.width / 100) * widthPx, labelPx));
  const left = Math.min(widthPx - w, Math.max(0, (box.left / 100) * widthPx));
  return { leftPx: left, widthPx: w, inView: box.inView };
}

/** The frequency at a fraction of the window's width. */
export const frequencyAt = (domain: Domain, fraction: number) => xScale(domain).invert(fraction * 100);

/** A frequency for an axis: "30 MHz", "121.5 MHz", "2.4 GHz", "2.4015 GHz" (no trailing zeros). */
export function formatFrequency(mhz: number): string {
  const trim = (v: number) => String(Number(v.toPrecision(7)));
  return mhz >= 1000 ? `${trim(mhz / 1000)} GHz` : `${trim(mhz)} MHz`;
}

export interface Tick {
  mhz: number;
  /** Percent across the window. */
  x: number;
  /** null: a minor tick, drawn without a label. */
  label: string | null;
  /** How the label sits on its tick: centred, or inside the window at its edges. */
  align: 'start' | 'middle' | 'end';
}

/** About how wide a tick label is (10 px DejaVu Sans Mono: 6 px a character). */
const labelPx = (label: string) => label.length * 6;

/**
 * The axis' ticks for a window `widthPx` wide. Over decades the log scale gives 1-2-5 steps and
 * leaves the minor ticks unlabelled; zoomed in, linear steps. The first and last ticks are always
 * labelled (the full axis reads "30 MHz … 6 GHz") and lean inwards at the window's edges; a label
 * between them that would run into its neighbour is dropped (its tick stays).
 */
export function spectrumTicks(domain: Domain, widthPx: number): Tick[] {
  const x = xScale(domain);
  const count = Math.max(2, Math.floor(widthPx / 100));
  // d3's log format leaves the ticks it would not label empty: those are the minor ones.
  const labelled = x.tickFormat(count);
  const ticks: Tick[] = x.ticks(count).map((mhz) => ({ mhz, x: x(mhz), label: null, align: 'middle' }));
  /** Where a tick's label would sit, in px, leaning inwards at the edges. */
  const place = (t: Tick) => {
    const text = formatFrequency(t.mhz);
    const centre = (t.x / 100) * widthPx;
    const w = labelPx(text);
    const align: Tick['align'] = centre < w / 2 ? 'start' : centre > widthPx - w / 2 ? 'end' : 'middle';
    const left = align === 'start' ? centre : align === 'end' ? centre - w : centre - w / 2;
    return { text, align, left, right: left + w };
  };
  const GAP = 8;
  const last = ticks.length - 1;
  const ends = last >= 0 ? [...new Set([0, last])].map((i) => ({ i, ...place(ticks[i]!) })) : [];
  // Two end labels that would touch: the lower one only.
  const end = ends[1] && ends[1].left < ends[0]!.right + GAP ? ends.slice(0, 1) : ends;
  const lastEnd = end.length > 1 ? end[1]! : null;
  let lastRight = end.length > 0 ? end[0]!.right : -Infinity;
  for (const [i, t] of ticks.entries()) {
    const e = end.find((p) => p.i === i);
    if (e) {
      ticks[i] = { ...t, label: e.text, align: e.align };
      continue;
    }
    if (i === 0 || i === last || labelled(t.mhz) === '') continue;
    const p = place(t);
    if (p.left < lastRight + GAP || (lastEnd && p.right + GAP > lastEnd.left)) continue;
    lastRight = p.right;
    ticks[i] = { ...t, label: p.text, align: p.align };
  }
  return ticks;
}

// ---- Bringing a selection into view.

/** A frequency band (MHz). */
export interface Band {
  lowMHz: number;
  highMHz: number;
}

/** How much wider than the bands a window brought onto them is (a band's width of margin each side), */
export const FOCUS_FACTOR = 3;
/** and how narrow it may be at least, in decades: 0.05 is ×1.122, 650 MHz wide at 5.7 GHz. */
export const FOCUS_MIN_DECADES = 0.05;

/**
 * A window onto some bands: their union, `factor` times as wide in decades about its centre (a
 * margin on both sides), at least `minDecades` wide, moved inside 30 MHz-6 GHz. Null: no bands.
 */
export function focusDomain(
  bands: readonly Band[],
  factor = FOCUS_FACTOR,
  minDecades = FOCUS_MIN_DECADES,
): Domain | null {
  const valid = bands.filter((b) => b.lowMHz > 0 && b.highMHz >= b.lowMHz);
  if (valid.length === 0) return null;
  const a = Math.log10(Math.min(...valid.map((b) => b.lowMHz)));
  const b = Math.log10(Math.max(...valid.map((b) => b.highMHz)));
  const span = Math.max(minDecades, (b - a) * factor);
  const centre = (a + b) / 2;
  return clampDomain(fromDecades(centre - span / 2, centre + span / 2));
}

/** An assignment's band widened by its guard band on each side. */
export const guardedBand = (a: Assignment): Band => ({
  lowMHz: a.lowMHz - a.guardBandMHz,
  highMHz: a.highMHz + a.guardBandMHz,
});

/**
 * The bands to bring into view for a selection: a SPECTRUM conflict's band and its sides'
 * assignments with their guard bands (a withheld side: only the conflict's band says where it
 * is), else the selected assignment with its guard bands.
 */
export function selectionBands(
  assignments: ReadonlyMap<string, Assignment>,
  selectedAssignment: string | null,
  conflict: Conflict | undefined,
): Band[] {
  if (conflict?.spectrum) {
    const sides = conflict.sides.flatMap((s) => {
      const a =
        s.withheld || s.id === null ? undefined : assignments.get(assignmentKey({ nation: s.nation, id: s.id }));
      return a ? [guardedBand(a)] : [];
    });
    return [{ lowMHz: conflict.spectrum.lowMHz, highMHz: conflict.spectrum.highMHz }, ...sides];
  }
  const a = selectedAssignment ? assignments.get(selectedAssignment) : undefined;
  return a ? [guardedBand(a)] : [];
}

// ---- Words.

/**
 * The window's edges for people, rounded to a thousandth of its width: "30 MHz – 6 GHz",
 * "1.475 GHz – 3.542 GHz", "2403.61 MHz"-wide windows to the kHz.
 */
export function formatWindow([lo, hi]: Domain): string {
  const step = 10 ** Math.floor(Math.log10((hi - lo) / 1000));
  const round = (v: number) => Math.round(v / step) * step;
  return `${formatFrequency(round(lo))} – ${formatFrequency(round(hi))}`;
}

/** As few decimals as the edges need, at least one and at most four: "2400.0–2412.5 MHz", "121.45–121.55 MHz". */
export function formatBand(lowMHz: number, highMHz: number): string {
  const exact = (v: number, d: number) => Math.abs(Number(v.toFixed(d)) - v) < 1e-9;
  let d = 1;
  while (d < 4 && !(exact(lowMHz, d) && exact(highMHz, d))) d++;
  return `${lowMHz.toFixed(d)}–${highMHz.toFixed(d)} MHz`;
}

export const formatDb = (db: number) => `${db.toFixed(1)} dB`;

/**
 * A conflict's margin as the caller receives it: exact, or, when a side is withheld (sanitized), only
 * the floor of its severity band (the gateway sends 0, 6 or 20 dB): "≥ 6 dB", "< 6 dB".
 */
export function marginLabel(c: Pick<Conflict, 'sanitized' | 'spectrum'>): string {
  const s = c.spectrum;
  if (!s) return '';
  if (s.kind === 'RESTRICTED_BAND') return 'TABOO';
  const m = s.marginDb ?? 0;
  if (!c.sanitized) return formatDb(m);
  return m > 0 ? `≥ ${m} dB` : '< 6 dB';
}

/** A SPECTRUM conflict in one line: "2400.0–2412.5 MHz · margin 23.4 dB · 21:00Z – …". */
export function spectrumSummary(c: Conflict, now: number): string {
  const s = c.spectrum;
  if (!s) return '';
  const severity = s.kind === 'RESTRICTED_BAND' ? 'transmits in a TABOO band' : `margin ${marginLabel(c)}`;
  const when = s.from || s.to ? ` · ${timeWindow(s.from, s.to, now)}` : '';
  return `${formatBand(s.lowMHz, s.highMHz)} · ${severity}${when}`;
}

/** What an assignment is, for a screen reader and a tooltip. */
export function assignmentSummary(a: Assignment, now: number): string {
  const power = [
    a.eirpDbm !== null ? `EIRP ${a.eirpDbm} dBm` : null,
    a.thresholdDbm !== null ? `threshold ${a.thresholdDbm} dBm` : null,
  ].filter((x) => x !== null);
  const when = a.validFrom || a.validTo ? timeWindow(a.validFrom, a.validTo, now) : 'always';
  return [`${humanize(a.use)}`, formatBand(a.lowMHz, a.highMHz), ...power, when].join(' · ');
}

/** A restricted band in words; a withheld one says only that it is restricted, and where. */
export function restrictedSummary(r: Restricted): string {
  const band = formatBand(r.lowMHz, r.highMHz);
  if (r.withheld) return `Restricted band ${band}`;
  return `${r.kind} ${band}${r.reason ? `: ${r.reason}` : ''}${r.nation ? ` (${r.nation})` : ''}${r.waived ? ', waived' : ''}`;
}

/**
 * Conflict markers in lanes, so that markers overlapping on screen (closer than `minFraction` of the
 * window) are stacked rather than hidden under each other. Returns each conflict's lane, from 0.
 */
export function conflictLanes(conflicts: readonly Conflict[], domain: Domain, minFraction = 0.06): Map<string, number> {
  const x = xScale(domain);
  const items = conflicts
    .filter((c) => c.spectrum)
    .map((c) => ({ id: c.id, from: x(c.spectrum!.lowMHz) / 100, to: x(c.spectrum!.highMHz) / 100 }))
    .sort((a, b) => a.from - b.from || a.id.localeCompare(b.id));
  const ends: number[] = [];
  const lanes = new Map<string, number>();
  for (const it of items) {
    let lane = ends.findIndex((end) => end <= it.from);
    if (lane < 0) lane = ends.length;
    ends[lane] = Math.max(it.to, it.from + minFraction);
    lanes.set(it.id, lane);
  }
  return lanes;
}

// ---- On the globe: how far an assignment reaches.

const STEPS = 72;

/** A circle as a polygon (to widen an area by a distance). */
const ring = (center: LatLon, radiusM: number, steps = STEPS) =>
  Array.from({ length: steps }, (_, i) => destination(center, (360 * i) / steps, radiusM));

/**
 * An outline widened by `distM` on every side: the outline's convex hull grown by a circle, i.e. for
 * each of 72 directions the farthest corner that way, moved `distM` further. Exact for convex
 * outlines, larger than needed for concave ones (a range drawn too large errs on the safe side).
 * Flat-earth about the centroid: fine for areas of tens of km.
 */
export function widenOutline(outline: readonly LatLon[], distM: number, steps = STEPS): LatLon[] {
  const c = centroid(outline);
  const kx = 111_320 * Math.cos((c.lat * Math.PI) / 180);
  const ky = 110_574;
  const local = outline.map((p) => ({ x: (p.lon - c.lon) * kx, y: (p.lat - c.lat) * ky }));
  return Array.from({ length: steps }, (_, i) => {
    const th = (2 * Math.PI * i) / steps;
    const u = { x: Math.sin(th), y: Math.cos(th) };
    const far = local.reduce((best, p) => (p.x * u.x + p.y * u.y > best.x * u.x + best.y * u.y ? p : best));
    return { lat: c.lat + (far.y + distM * u.y) / ky, lon: c.lon + (far.x + distM * u.x) / kx };
  });
}

/**
 * What the globe draws of an assignment: where it is (its site, or its area) and its radio range, a
 * circle of `horizonKm` about its site or the area widened by it.
 */
export function rangeOverlay(a: Assignment, role: RangeOverlay['role']): RangeOverlay {
  const { point, outline, circle } = a.location;
  const reach = a.horizonKm * 1000;
  const base = { id: assignmentKey(a), label: `${a.system} (${a.nation})`, role };
  if (circle)
    return {
      ...base,
      point: null,
      area: { outline: null, circle },
      range: { outline: null, circle: { center: circle.center, radiusM: circle.radiusM + reach } },
    };
  if (outline && outline.length >= 3)
    return {
      ...base,
      point: null,
      area: { outline, circle: null },
      range: { outline: widenOutline(outline, reach), circle: null },
    };
  const site = point ?? centroid(outline ?? []);
  return { ...base, point: site, area: null, range: { outline: null, circle: { center: site, radiusM: reach } } };
}

/**
 * The ground some ranges cover, as one outline for the camera to fly over (null: nothing to show).
 * Circles are taken at 16 points: enough to frame them.
 */
export function rangeFootprint(overlays: readonly RangeOverlay[]): Footprint | null {
  const points = overlays.flatMap((o) =>
    o.range.circle ? ring(o.range.circle.center, o.range.circle.radiusM, 16) : [...(o.range.outline ?? [])],
  );
  return points.length > 0 ? { outline: points, circle: null, floorM: 0, ceilingM: 0 } : null;
}

/**
 * The ranges the globe draws in the spectrum view: the selected assignment's, or a selected
 * conflict's ends (each side's role from the conflict's harmful directions: an interferer, else a
 * victim). Withheld sides are not drawn: their place is not releasable.
 */
export function rangeOverlays(
  assignments: ReadonlyMap<string, Assignment>,
  selectedAssignment: string | null,
  conflict: Conflict | undefined,
): RangeOverlay[] {
  if (conflict?.kind === 'SPECTRUM') {
    // Over a TABOO band the assignment is the transmitter; otherwise the paths say who harms whom.
    const taboo = conflict.spectrum?.kind === 'RESTRICTED_BAND';
    const interferers = new Set((conflict.spectrum?.paths ?? []).map((p) => p.interferer));
    return conflict.sides.flatMap((s, i) => {
      const a =
        s.withheld || s.id === null ? undefined : assignments.get(assignmentKey({ nation: s.nation, id: s.id }));
      return a ? [rangeOverlay(a, taboo || interferers.has(i) ? 'interferer' : 'victim')] : [];
    });
  }
  const a = selectedAssignment ? assignments.get(selectedAssignment) : undefined;
  return a ? [rangeOverlay(a, 'selected')] : [];
}
