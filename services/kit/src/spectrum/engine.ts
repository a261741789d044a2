import { createHash, createHmac } from 'node:crypto';
import { guardBandMHz, restricts, type RestrictedEntry, type SpectrumAssignment } from '@tessera/schema';
import { msOf, type Instant } from '../airspace/overlap.ts';
import { boxGapKm, locationDistanceKm, prepareLocation, type PreparedLocation } from './location.ts';
import { fsplDb, radioHorizonKm } from './propagation.ts';

/**
 * The interference rule of DOMAIN.md "Spectrum", in one place, and conflicts between assignments
 * over an index by frequency. An interferer (an assignment with an EIRP) harms a victim (one with
 * an interference threshold) when ALL hold:
 *
 * 1. their bands overlap after widening each by its own guard band (schema `guardBandMHz`), by a
 *    positive width: bands that only touch after widening do not overlap;
 * 2. their time windows [validFrom, validTo) overlap by a positive duration (absent bound:
 *    unbounded), and with `at`, the overlap has not ended by then; neither is ENDED;
 * 3. the shortest ground distance between them is within the radio horizon of their antenna
 *    heights, d ≤ 4.12·(√h_tx + √h_rx) km (inclusive, as DOMAIN.md);
 * 4. EIRP − FSPL(d, f) exceeds the victim's threshold (strictly): margin = received − threshold > 0.
 *    f is the WORST CASE, the lowest frequency of the overlap of the widened bands (FSPL grows with
 *    f), but never below the lower of the two real bands' low edges (a guard band wider than the
 *    band below it would otherwise reach towards 0 MHz, where free space loses nothing).
 *
 * A conflict is a pair of assignments of DIFFERENT nations where either harms the other; severity
 * is the larger margin in dB. The same nation's pairs are left to that nation's own spectrum
 * manager (there is nobody to negotiate with) unless `sameNation` is set, e.g. for a nation's own
 * planning view. A transmission (anything with an EIRP, jammers included) whose widened band
 * overlaps a TABOO entry of the restricted list that is not waived is a RESTRICTED_BAND conflict.
 */

export interface SpectrumOptions {
  /** The present: what has ended by then (a window overlap, a waiver) is past. Absent: any time. */
  at?: Instant;
  /** Secret for conflict ids (HMAC-SHA-256), as the airspace engine. */
  idKey?: string;
  /** Report conflicts between one nation's own assignments too (parties: that nation alone). Default false. */
  sameNation?: boolean;
  /** The restricted frequency list: TABOO entries make RESTRICTED_BAND conflicts. Default: none. */
  restricted?: readonly RestrictedEntry[];
}

/** One direction of harm, as the rule computes it. */
export interface Interference {
  /** Width of the overlap of the two widened bands, MHz. */
  overlapMHz: number;
  /** The frequency FSPL was taken at (the worst case), MHz. */
  worstMHz: number;
  /** Shortest ground distance, km. */
  distanceKm: number;
  horizonKm: number;
  /** EIRP − FSPL at the victim, dBm. */
  receivedDbm: number;
  /** receivedDbm − victim's threshold, dB (> 0). */
  marginDb: number;
}

export interface AssignmentVersion {
  nation: string;
  id: string;
  version: number;
}

export interface InterferencePath extends Interference {
  interferer: AssignmentVersion;
  victim: AssignmentVersion;
}

export interface SpectrumConflict {
  /** Deterministic for the pair (or the assignment and the entry), whatever the versions. */
  id: string;
  kind: 'INTERFERENCE' | 'RESTRICTED_BAND';
  /** The nations concerned, sorted, each once. */
  parties: string[];
  /** INTERFERENCE: the two assignments, ordered by nation then id; RESTRICTED_BAND: the transmitter. */
  sides: SpectrumAssignment[];
  /** RESTRICTED_BAND: the TABOO entry hit. */
  entry?: RestrictedEntry;
  basedOn: AssignmentVersion[];
  /** INTERFERENCE: each direction that harms (one or two); RESTRICTED_BAND: none. */
  paths: InterferencePath[];
  /** INTERFERENCE: the largest margin, dB. RESTRICTED_BAND: null (no margin makes it acceptable; only a waiver). */
  severityDb: number | null;
  /** Overlap of the widened bands (INTERFERENCE: the larger of the paths'), or of the transmitter's widened band with the entry, MHz. */
  overlapMHz: number;
}

/** An assignment's key in the index and in conflict ids. */
export const assignmentKey = (a: Pick<SpectrumAssignment, 'nation' | 'id'>): string => `${a.nation}/${a.id}`;

function hashId(text: string, idKey?: string): string {
  const hash = idKey === undefined ? createHash('sha256') : createHmac('sha256', idKey);
  return `s-${hash.update(text).digest('hex').slice(0, 32)}`;
}

/**
 * The id of the conflict between two assignments: `s-` and 32 hex digits of a SHA-256 (HMAC with
 * `idKey`) of "spectrum" and the sorted pair of `<nation>/<id>` (the prefix keeps it apart from an
 * airspace conflict of reservations with the same keys). Same pair, same id, in any order.
 */
export function spectrumConflictId(
  a: Pick<SpectrumAssignment, 'nation' | 'id'>,
  b: Pick<SpectrumAssignment, 'nation' | 'id'>,
  idKey?: string,
): string {
  return hashId(['spectrum', ...[assignmentKey(a), assignmentKey(b)].sort()].join('\n'), idKey);
}

/** The id of an assignment's conflict with a restricted entry. */
export function restrictedConflictId(
  a: Pick<SpectrumAssignment, 'nation' | 'id'>,
  entry: Pick<RestrictedEntry, 'nation' | 'id'>,
  idKey?: string,
): string {
  return hashId(['jrfl', `${entry.nation}/${entry.id}`, assignmentKey(a)].join('\n'), idKey);
}

/** @internal An assignment made ready for repeated comparisons. */
export interface SpectrumEntry {
  key: string;
  a: SpectrumAssignment;
  guardMHz: number;
  /** The band widened by the guard band on each side. */
  wLow: number;
  wHigh: number;
  fromMs: number;
  toMs: number;
  live: boolean;
  loc: PreparedLocation;
}

const locations = new WeakMap<object, PreparedLocation>();

/** @internal */
export function entryOf(a: SpectrumAssignment): SpectrumEntry {
  let loc = locations.get(a.location);
  if (!loc) {
    loc = prepareLocation(a.location);
    locations.set(a.location, loc);
  }
  const guardMHz = guardBandMHz(a);
  return {
    key: assignmentKey(a),
    a,
    guardMHz,
    wLow: a.lowMHz - guardMHz,
    wHigh: a.highMHz + guardMHz,
    fromMs: a.validFrom === undefined ? -Infinity : Date.parse(a.validFrom),
    toMs: a.validTo === undefined ? Infinity : Date.parse(a.validTo),
    live: a.state !== 'ENDED',
    loc,
  };
}

/** Distance between two entries, always computed in the order of their keys: the same to the last bit whichever is asked first. */
const distanceOf = (x: SpectrumEntry, y: SpectrumEntry): number =>
  x.key <= y.key ? locationDistanceKm(x.loc, y.loc) : locationDistanceKm(y.loc, x.loc);

const atOf = (opts: { at?: Instant }) => (opts.at === undefined ? undefined : msOf(opts.at));

/** Whether two entries' windows overlap by a positive duration not over by `atMs`. */
function timesMeet(x: SpectrumEntry, y: SpectrumEntry, atMs: number | undefined): boolean {
  const to = Math.min(x.toMs, y.toMs);
  return Math.max(x.fromMs, y.fromMs) < to && (atMs === undefined || to > atMs);
}

/** The rule's steps 1, 4 for two entries at a known distance and horizon. */
function harm(i: SpectrumEntry, v: SpectrumEntry, distanceKm: number, horizonKm: number): Interference | null {
  const eirp = i.a.eirpDbm;
  const threshold = v.a.thresholdDbm;
  if (eirp === undefined || threshold === undefined) return null;
  const low = Math.max(i.wLow, v.wLow);
  const overlapMHz = Math.min(i.wHigh, v.wHigh) - low;
  if (!(overlapMHz > 0)) return null;
  const worstMHz = Math.max(low, Math.min(i.a.lowMHz, v.a.lowMHz));
  const receivedDbm = eirp - fsplDb(distanceKm, worstMHz);
  const marginDb = receivedDbm - threshold;
  if (!(marginDb > 0)) return null;
  return { overlapMHz, worstMHz, distanceKm, horizonKm, receivedDbm, marginDb };
}

/**
 * Whether and how much `interferer` harms `victim` (the whole rule above), or null. Not symmetric:
 * a jammer harms a GNSS receiver, not the other way round. ENDED assignments harm nothing, and an
 * assignment (a radar, say) does not harm itself.
 */
export function interference(
  interferer: SpectrumAssignment,
  victim: SpectrumAssignment,
  at?: Instant,
): Interference | null {
  const i = entryOf(interferer);
  const v = entryOf(victim);
  if (i.key === v.key) return null; // a radar's own receiver is its own design's business
  if (!i.live || !v.live || !timesMeet(i, v, at === undefined ? undefined : msOf(at))) return null;
  const horizonKm = radioHorizonKm(i.loc.antennaHeightM, v.loc.antennaHeightM);
  const distanceKm = distanceOf(i, v);
  if (!(distanceKm <= horizonKm)) return null;
  return harm(i, v, distanceKm, horizonKm);
}

const versionOf = (a: SpectrumAssignment): AssignmentVersion => ({ nation: a.nation, id: a.id, version: a.version });

/** @internal The conflict between two entries, or null (both directions; `prune`: skip by bounding boxes first). */
export function pairConflict(
  x: SpectrumEntry,
  y: SpectrumEntry,
  atMs: number | undefined,
  opts: SpectrumOptions,
  prune: boolean,
): SpectrumConflict | null {
  if (x.key === y.key || !x.live || !y.live) return null;
  if (x.a.nation === y.a.nation && !opts.sameNation) return null;
  const xy = x.a.eirpDbm !== undefined && y.a.thresholdDbm !== undefined;
  const yx = y.a.eirpDbm !== undefined && x.a.thresholdDbm !== undefined;
  if (!xy && !yx) return null;
  if (!(Math.min(x.wHigh, y.wHigh) > Math.max(x.wLow, y.wLow))) return null;
  if (!timesMeet(x, y, atMs)) return null;
  const horizonKm = radioHorizonKm(x.loc.antennaHeightM, y.loc.antennaHeightM);
  if (prune && boxGapKm(x.loc, y.loc) > horizonKm) return null;
  const [first, second] = x.key < y.key ? [x, y] : [y, x];
  const distanceKm = distanceOf(first, second);
  if (!(distanceKm <= horizonKm)) return null;
  const paths: InterferencePath[] = [];
  for (const [i, v] of [
    [first, second],
    [second, first],
  ] as const) {
    const h = harm(i, v, distanceKm, horizonKm);
    if (h) paths.push({ ...h, interferer: versionOf(i.a), victim: versionOf(v.a) });
  }
  if (paths.length === 0) return null;
  return {
    id: spectrumConflictId(x.a, y.a, opts.idKey),
    kind: 'INTERFERENCE',
    parties: [...new Set([first.a.nation, second.a.nation])].sort(),
    sides: [first.a, second.a],
    basedOn: [versionOf(first.a), versionOf(second.a)],
    paths,
    severityDb: Math.max(...paths.map((p) => p.marginDb)),
    overlapMHz: Math.max(...paths.map((p) => p.overlapMHz)),
  };
}

/**
 * @internal Whether two entries could conflict at SOME frequency: every test of the rule but the
 * frequency ones (live, nations, a direction with EIRP and threshold, time, horizon).
 */
export function couldConflict(
  x: SpectrumEntry,
  y: SpectrumEntry,
  atMs: number | undefined,
  opts: SpectrumOptions,
): boolean {
  if (x.key === y.key || !x.live || !y.live) return false;
  if (x.a.nation === y.a.nation && !opts.sameNation) return false;
  const xy = x.a.eirpDbm !== undefined && y.a.thresholdDbm !== undefined;
  const yx = y.a.eirpDbm !== undefined && x.a.thresholdDbm !== undefined;
  if ((!xy && !yx) || !timesMeet(x, y, atMs)) return false;
  const horizonKm = radioHorizonKm(x.loc.antennaHeightM, y.loc.antennaHeightM);
  return boxGapKm(x.loc, y.loc) <= horizonKm && distanceOf(x, y) <= horizonKm;
}

/**
 * The restricted entries of `list` of the given kinds, not waived (at `atMs`), that a transmitter's
 * band widened by its guard band overlaps by a positive width; with each, the width.
 */
export function restrictedHits(
  band: Pick<SpectrumAssignment, 'use' | 'lowMHz' | 'highMHz'>,
  list: readonly RestrictedEntry[],
  kinds: readonly RestrictedEntry['kind'][],
  atMs?: number,
): { entry: RestrictedEntry; overlapMHz: number }[] {
  const g = guardBandMHz(band);
  const out: { entry: RestrictedEntry; overlapMHz: number }[] = [];
  for (const entry of list) {
    if (!kinds.includes(entry.kind) || !restricts(entry, atMs)) continue;
    const overlapMHz = Math.min(band.highMHz + g, entry.highMHz) - Math.max(band.lowMHz - g, entry.lowMHz);
    if (overlapMHz > 0) out.push({ entry, overlapMHz });
  }
  return out;
}

/**
 * @internal The RESTRICTED_BAND conflicts of one entry: a live jammer over a TABOO band, or any live
 * transmission over a TABOO band where nothing may transmit (noTransmission), not waived.
 */
export function tabooConflicts(e: SpectrumEntry, atMs: number | undefined, opts: SpectrumOptions): SpectrumConflict[] {
  if (!opts.restricted || !e.live || e.a.eirpDbm === undefined) return [];
  if (atMs !== undefined && !(e.toMs > atMs)) return [];
  const forbidden = e.a.use === 'JAMMER' ? opts.restricted : opts.restricted.filter((r) => r.noTransmission === true);
  return restrictedHits(e.a, forbidden, ['TABOO'], atMs).map(({ entry, overlapMHz }) => ({
    id: restrictedConflictId(e.a, entry, opts.idKey),
    kind: 'RESTRICTED_BAND' as const,
    parties: [...new Set([e.a.nation, entry.nation])].sort(),
    sides: [e.a],
    entry,
    basedOn: [versionOf(e.a)],
    paths: [],
    severityDb: null,
    overlapMHz,
  }));
}

/**
 * The assignments indexed by frequency: an interval tree laid out in an array sorted by the
 * widened low edge, each node (the middle of its range) holding the highest widened high edge of its
 * subtree. A query for the bands overlapping [lo, hi] costs O(log n + hits); an upsert O(n) (an
 * array insertion and the maxima again, microseconds at 5,000). Only live assignments are in the
 * tree; ENDED ones stay known. Keyed by nation and id, like the airspace's ReservationIndex.
 */
export class SpectrumIndex {
  readonly #entries = new Map<string, SpectrumEntry>();
  #sorted: SpectrumEntry[] = [];
  #maxHigh: number[] = [];
  #dirty = false;

  constructor(assignments: Iterable<SpectrumAssignment> = []) {
    for (const a of assignments) this.#entries.set(assignmentKey(a), entryOf(a));
    this.#sorted = [...this.#entries.values()].filter((e) => e.live).sort(byLow);
    this.#dirty = true;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(nation: string, id: string): SpectrumAssignment | undefined {
    return this.#entries.get(assignmentKey({ nation, id }))?.a;
  }

  *values(): IterableIterator<SpectrumAssignment> {
    for (const e of this.#entries.values()) yield e.a;
  }

  /** Add an assignment or replace the one with its nation and id. */
  upsert(a: SpectrumAssignment): void {
    this.#drop(assignmentKey(a));
    const e = entryOf(a);
    this.#entries.set(e.key, e);
    if (e.live) {
      this.#sorted.splice(this.#lowerBound(e), 0, e);
      this.#dirty = true;
    }
  }

  remove(nation: string, id: string): boolean {
    return this.#drop(assignmentKey({ nation, id }));
  }

  #drop(key: string): boolean {
    const old = this.#entries.get(key);
    if (!old) return false;
    this.#entries.delete(key);
    if (old.live) {
      let i = this.#lowerBound(old);
      while (i < this.#sorted.length && this.#sorted[i] !== old) i++;
      if (i < this.#sorted.length) this.#sorted.splice(i, 1);
      this.#dirty = true;
    }
    return true;
  }

  /** First position whose entry sorts at or after `e`. */
  #lowerBound(e: SpectrumEntry): number {
    let lo = 0;
    let hi = this.#sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byLow(this.#sorted[mid]!, e) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  #build(): void {
    const n = this.#sorted.length;
    this.#maxHigh = new Array<number>(n);
    const fill = (lo: number, hi: number): number => {
      if (lo > hi) return -Infinity;
      const mid = (lo + hi) >> 1;
      const m = Math.max(this.#sorted[mid]!.wHigh, fill(lo, mid - 1), fill(mid + 1, hi));
      this.#maxHigh[mid] = m;
      return m;
    };
    fill(0, n - 1);
    this.#dirty = false;
  }

  /** @internal Live entries whose widened band overlaps (lo, hi) by a positive width. */
  overlapping(lo: number, hi: number): SpectrumEntry[] {
    if (this.#dirty) this.#build();
    const out: SpectrumEntry[] = [];
    const s = this.#sorted;
    const m = this.#maxHigh;
    const walk = (a: number, b: number): void => {
      if (a > b) return;
      const mid = (a + b) >> 1;
      if (!(m[mid]! > lo)) return;
      walk(a, mid - 1);
      const e = s[mid]!;
      if (!(e.wLow < hi)) return;
      if (e.wHigh > lo) out.push(e);
      walk(mid + 1, b);
    };
    walk(0, s.length - 1);
    return out;
  }

  /** @internal Every live entry, by widened low edge. */
  live(): readonly SpectrumEntry[] {
    return this.#sorted;
  }
}

function byLow(x: SpectrumEntry, y: SpectrumEntry): number {
  return x.wLow - y.wLow || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0);
}
const byId = (x: SpectrumConflict, y: SpectrumConflict) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

/** Every conflict among the assignments (or an index of them), sorted by id. */
export function findSpectrumConflicts(
  assignments: Iterable<SpectrumAssignment> | SpectrumIndex,
  opts: SpectrumOptions = {},
): SpectrumConflict[] {
  const index = assignments instanceof SpectrumIndex ? assignments : new SpectrumIndex(assignments);
  const atMs = atOf(opts);
  const out: SpectrumConflict[] = [];
  for (const e of index.live()) {
    out.push(...tabooConflicts(e, atMs, opts));
    if (atMs !== undefined && !(e.toMs > atMs)) continue;
    for (const n of index.overlapping(e.wLow, e.wHigh)) {
      if (n.key <= e.key) continue; // each pair once
      const c = pairConflict(e, n, atMs, opts, true);
      if (c) out.push(c);
    }
  }
  return out.sort(byId);
}

/**
 * The conflicts of one assignment against the indexed others (not against its own older version in
 * the index), its RESTRICTED_BAND conflicts included, sorted by id: after an edit these replace
 * every conflict that involved it. ENDED: none. Does not change the index (`upsert` it as well).
 */
export function spectrumConflictsWith(
  changed: SpectrumAssignment,
  index: SpectrumIndex,
  opts: SpectrumOptions = {},
): SpectrumConflict[] {
  const e = entryOf(changed);
  if (!e.live) return [];
  const atMs = atOf(opts);
  const out = tabooConflicts(e, atMs, opts);
  for (const n of index.overlapping(e.wLow, e.wHigh)) {
    const c = pairConflict(e, n, atMs, opts, true);
    if (c) out.push(c);
  }
  return out.sort(byId);
}

/** The same answer as `findSpectrumConflicts` by comparing every pair (n²/2), no index, no pruning: for tests and the benchmark. */
export function findSpectrumConflictsPairwise(
  assignments: Iterable<SpectrumAssignment>,
  opts: SpectrumOptions = {},
): SpectrumConflict[] {
  const byKey = new Map<string, SpectrumEntry>();
  for (const a of assignments) byKey.set(assignmentKey(a), entryOf(a));
  const entries = [...byKey.values()];
  const atMs = atOf(opts);
  const out: SpectrumConflict[] = [];
  for (let i = 0; i < entries.length; i++) {
    out.push(...tabooConflicts(entries[i]!, atMs, opts));
    for (let j = i + 1; j < entries.length; j++) {
      const c = pairConflict(entries[i]!, entries[j]!, atMs, opts, false);
      if (c) out.push(c);
    }
  }
  return out.sort(byId);
}
