import {
  guardBandMHz,
  severityOfMargin,
  type Conflict,
  type ConflictSide,
  type RestrictedEntry,
  type SpectrumAssignment,
  type SpectrumConflictDetail,
} from '@tessera/schema';
import {
  assignmentKey,
  findSpectrumConflicts,
  SpectrumIndex,
  spectrumConflictsWith,
  type SpectrumConflict,
  type SpectrumOptions,
} from '@tessera/service-kit/spectrum';
import { fullViewLabel, reconcileConflicts, type ComputedConflict, type ConflictChange } from './conflicts.ts';

/**
 * Spectrum conflicts as objects, like airspace ones (conflicts.ts keeps their life: detected,
 * updated, resolved, reopened): the engine (`@tessera/service-kit/spectrum`) finds two assignments
 * of different nations that interfere, or a transmission over a TABOO band; this turns what it found
 * into a SPECTRUM conflict with the band, margins and time, and keeps the engine's index in step.
 */

export { severityOfMargin };

export const assignmentSide = (a: SpectrumAssignment): ConflictSide => ({
  nation: a.nation,
  id: a.id,
  name: a.system,
  kind: a.use,
  version: a.version,
  label: a.label,
});

const entrySide = (e: RestrictedEntry): ConflictSide => ({
  nation: e.nation,
  id: e.id,
  name: `${e.kind} ${e.lowMHz}–${e.highMHz} MHz`,
  kind: e.kind,
  version: e.version,
  label: e.label,
});

const widened = (a: SpectrumAssignment) => {
  const g = guardBandMHz(a);
  return { low: a.lowMHz - g, high: a.highMHz + g };
};

/** When both are in force: the later start and the earlier end (null: unbounded). */
function together(windows: { validFrom?: string | undefined; validTo?: string | undefined }[]) {
  const starts = windows.map((w) => w.validFrom).filter((t): t is string => t !== undefined);
  const ends = windows.map((w) => w.validTo).filter((t): t is string => t !== undefined);
  const latest = (ts: string[], pick: (a: number, b: number) => boolean) =>
    ts.length === 0 ? null : ts.reduce((x, y) => (pick(Date.parse(y), Date.parse(x)) ? y : x));
  return { from: latest(starts, (y, x) => y > x), to: latest(ends, (y, x) => y < x) };
}

/** The conflict what the engine found amounts to. */
export function spectrumConflict(found: SpectrumConflict): ComputedConflict {
  const first = found.sides[0]!;
  let spectrum: SpectrumConflictDetail;
  let sides: ConflictSide[];
  if (found.kind === 'RESTRICTED_BAND') {
    const entry = found.entry!;
    const w = widened(first);
    sides = [assignmentSide(first), entrySide(entry)];
    spectrum = {
      kind: 'RESTRICTED_BAND',
      lowMHz: Math.max(w.low, entry.lowMHz),
      highMHz: Math.min(w.high, entry.highMHz),
      marginDb: null,
      paths: [],
      ...together([first]),
      tiedReservation: null,
    };
  } else {
    const second = found.sides[1]!;
    const [w0, w1] = [widened(first), widened(second)];
    const indexOf = (v: { nation: string; id: string }) => (assignmentKey(v) === assignmentKey(first) ? 0 : 1);
    const tiedVictim = found.paths.map((p) => found.sides[indexOf(p.victim)]!).find((a) => a.tiedReservation);
    sides = [assignmentSide(first), assignmentSide(second)];
    spectrum = {
      kind: 'INTERFERENCE',
      lowMHz: Math.max(w0.low, w1.low),
      highMHz: Math.min(w0.high, w1.high),
      marginDb: found.severityDb,
      paths: found.paths.map((p) => ({
        interferer: indexOf(p.interferer),
        victim: indexOf(p.victim),
        worstMHz: p.worstMHz,
        distanceKm: p.distanceKm,
        receivedDbm: p.receivedDbm,
        marginDb: p.marginDb,
      })),
      ...together([first, second]),
      tiedReservation: tiedVictim?.tiedReservation ?? null,
    };
  }
  return {
    id: found.id,
    kind: 'SPECTRUM',
    parties: [...found.parties],
    sides,
    region: null,
    spectrum,
    severity: severityOfMargin(found.severityDb),
    label: fullViewLabel(found.parties, sides),
  };
}

/** The assignment keys of a spectrum conflict's assignment sides (not a restricted entry's). */
const assignmentKeysOf = (c: Conflict): string[] =>
  c.kind !== 'SPECTRUM'
    ? []
    : c.sides.filter((s) => !['TABOO', 'PROTECTED', 'GUARDED'].includes(s.kind)).map(assignmentKey);

/**
 * The engine's index of every assignment as flown (tied ones where their reservation is), kept in
 * step with the store. An assignment change re-evaluates that assignment against its neighbours;
 * a change of the restricted list, a start or a repair evaluates everything (the list is short).
 */
export function createSpectrumTracker(opts: { idKey?: string | undefined } = {}) {
  let index = new SpectrumIndex();
  const options = (nowMs: number, restricted: readonly RestrictedEntry[]): SpectrumOptions => ({
    at: nowMs,
    restricted,
    ...(opts.idKey !== undefined ? { idKey: opts.idKey } : {}),
  });

  return {
    /** Index exactly these assignments and reconcile every stored SPECTRUM conflict with what the engine finds. */
    all(
      assignments: Iterable<SpectrumAssignment>,
      restricted: readonly RestrictedEntry[],
      existing: ReadonlyMap<string, Conflict>,
      nowMs: number,
    ): ConflictChange[] {
      index = new SpectrumIndex(assignments);
      return reconcileConflicts({
        existing,
        evaluated: (c) => c.kind === 'SPECTRUM',
        found: findSpectrumConflicts(index, options(nowMs, restricted)).map(spectrumConflict),
        nowMs,
      });
    },

    /** Assignments changed (new versions, or moved with their reservation): their conflicts replace every stored one that involved them. */
    changed(
      changed: readonly SpectrumAssignment[],
      restricted: readonly RestrictedEntry[],
      existing: ReadonlyMap<string, Conflict>,
      nowMs: number,
      resolvedBy?: string,
    ): ConflictChange[] {
      if (changed.length === 0) return [];
      for (const a of changed) index.upsert(a);
      const found = changed.flatMap((a) => spectrumConflictsWith(a, index, options(nowMs, restricted)));
      const keys = new Set(changed.map(assignmentKey));
      return reconcileConflicts({
        existing,
        evaluated: (c) => assignmentKeysOf(c).some((k) => keys.has(k)),
        found: found.map(spectrumConflict),
        nowMs,
        resolvedBy: resolvedBy ?? null,
      });
    },
  };
}
export type SpectrumTracker = ReturnType<typeof createSpectrumTracker>;
