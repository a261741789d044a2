import { guardBandMHz, restricts, type SpectrumAssignment } from '@tessera/schema';
import { msOf } from '../airspace/overlap.ts';
import {
  assignmentKey,
  couldConflict,
  entryOf,
  interference,
  pairConflict,
  spectrumConflictsWith,
  type AssignmentVersion,
  type SpectrumConflict,
  type SpectrumIndex,
  type SpectrumOptions,
} from './engine.ts';

/**
 * Suggested resolutions (DOMAIN.md "Spectrum", issue 13 item 5). Every suggestion is checked by
 * running the engine on the changed assignment; nothing is offered that the engine has not cleared.
 *
 * - Channel: the nearest band of the same width inside the assignment's tunable range where the
 *   engine finds NO conflict of that assignment at all (against every indexed assignment and the
 *   TABOO list), not just the one at hand. Candidates are the positions where its widened band
 *   just touches another's widened band (or a TABOO entry), or a tunable edge, snapped outwards to
 *   `rasterMHz` (default 1 kHz) and one raster step further; tried nearest first (ties: the lower).
 *   Not searched: a channel inside an occupied band that would be clear only because its higher
 *   frequency loses more in free space.
 * - Time split: one side's window cut to end when the other's starts, or to start when the other's
 *   ends; checked to clear this conflict (the pair), other conflicts of that side may remain.
 * - Power: for each direction of harm, the interferer's EIRP lowered by exactly the margin plus
 *   POWER_EPSILON_DB; checked to clear that direction (`clearsConflict` when it was the only one).
 */

/** Added to a margin when lowering power: received power then sits 0.01 dB under the threshold, clear of rounding. */
export const POWER_EPSILON_DB = 0.01;
export const DEFAULT_RASTER_MHZ = 0.001;

export interface ChannelSuggestion {
  kind: 'CHANNEL';
  assignment: AssignmentVersion;
  lowMHz: number;
  highMHz: number;
  /** New low − old low, MHz. */
  shiftMHz: number;
}

export interface TimeSplitSuggestion {
  kind: 'TIME_SPLIT';
  assignment: AssignmentVersion;
  validFrom?: string | undefined;
  validTo?: string | undefined;
}

export interface PowerSuggestion {
  kind: 'POWER';
  assignment: AssignmentVersion;
  fromDbm: number;
  toDbm: number;
  reductionDb: number;
  /** Whether this alone clears the conflict (false when the other side harms this one as well). */
  clearsConflict: boolean;
}

export type SpectrumSuggestion = ChannelSuggestion | TimeSplitSuggestion | PowerSuggestion;

const versionOf = (a: SpectrumAssignment): AssignmentVersion => ({ nation: a.nation, id: a.id, version: a.version });

/**
 * The nearest channel of the same width in the assignment's tunable range where it has no conflict
 * at all, or null (not tunable, or nothing free). The assignment is compared with the index minus
 * itself. With `opts.restricted`, TABOO bands are avoided as well.
 */
export function suggestChannel(
  assignment: SpectrumAssignment,
  index: SpectrumIndex,
  opts: SpectrumOptions & { rasterMHz?: number } = {},
): ChannelSuggestion | null {
  const t = assignment.tunable;
  if (!t) return null;
  const width = assignment.highMHz - assignment.lowMHz;
  const g = guardBandMHz(assignment);
  const raster = opts.rasterMHz ?? DEFAULT_RASTER_MHZ;
  const minLow = t.lowMHz;
  const maxLow = t.highMHz - width;
  if (maxLow < minLow) return null;
  const key = assignmentKey(assignment);
  const atMs = opts.at === undefined ? undefined : msOf(opts.at);

  // Positions of the low edge where the widened band touches something from below (down) or above (up).
  const down: number[] = [];
  const up: number[] = [];
  // Only what could conflict with it at some frequency (time, horizon, nations) can bound a free channel.
  const self = entryOf(assignment);
  for (const n of index.overlapping(minLow - g, maxLow + width + g)) {
    if (n.key === key || !couldConflict(self, n, atMs, opts)) continue;
    down.push(n.wLow - g - width);
    up.push(n.wHigh + g);
  }
  if (assignment.eirpDbm !== undefined)
    for (const e of opts.restricted ?? []) {
      if (e.kind !== 'TABOO' || !restricts(e, atMs)) continue;
      down.push(e.lowMHz - g - width);
      up.push(e.highMHz + g);
    }
  const snap = (x: number, dir: 1 | -1) =>
    dir === 1 ? Math.ceil(x / raster - 1e-9) * raster : Math.floor(x / raster + 1e-9) * raster;
  const candidates = new Set<number>([minLow, maxLow]);
  for (const x of down) for (const s of [0, 1]) candidates.add(snap(x, -1) - s * raster);
  for (const x of up) for (const s of [0, 1]) candidates.add(snap(x, 1) + s * raster);
  const ordered = [...candidates]
    .filter((c) => c >= minLow && c <= maxLow && c !== assignment.lowMHz)
    .sort((x, y) => Math.abs(x - assignment.lowMHz) - Math.abs(y - assignment.lowMHz) || x - y);
  for (const lowMHz of ordered) {
    const moved: SpectrumAssignment = { ...assignment, lowMHz, highMHz: lowMHz + width };
    if (spectrumConflictsWith(moved, index, opts).length === 0)
      return {
        kind: 'CHANNEL',
        assignment: versionOf(assignment),
        lowMHz,
        highMHz: lowMHz + width,
        shiftMHz: lowMHz - assignment.lowMHz,
      };
  }
  return null;
}

/** Time splits that clear an INTERFERENCE conflict: each side's window cut against the other's. */
export function suggestTimeSplits(conflict: SpectrumConflict, opts: SpectrumOptions = {}): TimeSplitSuggestion[] {
  if (conflict.kind !== 'INTERFERENCE') return [];
  const [a, b] = conflict.sides as [SpectrumAssignment, SpectrumAssignment];
  const out: TimeSplitSuggestion[] = [];
  const atMs = opts.at === undefined ? undefined : msOf(opts.at);
  const both = { ...opts, sameNation: true };
  for (const [s, o] of [
    [a, b],
    [b, a],
  ] as const) {
    const from = s.validFrom === undefined ? -Infinity : Date.parse(s.validFrom);
    const to = s.validTo === undefined ? Infinity : Date.parse(s.validTo);
    const tries: Pick<SpectrumAssignment, 'validFrom' | 'validTo'>[] = [];
    if (o.validFrom !== undefined && from < Date.parse(o.validFrom))
      tries.push({ validFrom: s.validFrom, validTo: o.validFrom });
    if (o.validTo !== undefined && to > Date.parse(o.validTo)) tries.push({ validFrom: o.validTo, validTo: s.validTo });
    for (const w of tries) {
      const moved = { ...s, ...w } as SpectrumAssignment;
      if (w.validFrom === undefined) delete moved.validFrom;
      if (w.validTo === undefined) delete moved.validTo;
      if (pairConflict(entryOf(moved), entryOf(o), atMs, both, false) === null)
        out.push({ kind: 'TIME_SPLIT', assignment: versionOf(s), validFrom: w.validFrom, validTo: w.validTo });
    }
  }
  return out;
}

/** For each direction of harm of an INTERFERENCE conflict: the interferer's EIRP lowered by the margin + POWER_EPSILON_DB, checked. */
export function suggestPowerReductions(conflict: SpectrumConflict, opts: SpectrumOptions = {}): PowerSuggestion[] {
  if (conflict.kind !== 'INTERFERENCE') return [];
  const out: PowerSuggestion[] = [];
  for (const p of conflict.paths) {
    const i = conflict.sides.find((s) => s.nation === p.interferer.nation && s.id === p.interferer.id)!;
    const v = conflict.sides.find((s) => s !== i)!;
    const fromDbm = i.eirpDbm!;
    const toDbm = fromDbm - p.marginDb - POWER_EPSILON_DB;
    const lowered = { ...i, eirpDbm: toDbm };
    if (interference(lowered, v, opts.at) !== null) continue; // never offered unchecked
    out.push({
      kind: 'POWER',
      assignment: versionOf(i),
      fromDbm,
      toDbm,
      reductionDb: fromDbm - toDbm,
      clearsConflict: interference(v, lowered, opts.at) === null,
    });
  }
  return out;
}

/** Every checked suggestion for a conflict: a channel for each side that can be retuned, time splits, power reductions. */
export function suggestResolutions(
  conflict: SpectrumConflict,
  index: SpectrumIndex,
  opts: SpectrumOptions & { rasterMHz?: number } = {},
): SpectrumSuggestion[] {
  const out: SpectrumSuggestion[] = [];
  for (const s of conflict.sides) {
    const c = suggestChannel(s, index, opts);
    if (c) out.push(c);
  }
  return [...out, ...suggestTimeSplits(conflict, opts), ...suggestPowerReductions(conflict, opts)];
}
