import { canSee, type Conflict, type RestrictedEntry, type SpectrumAssignment, type User } from '@tessera/schema';
import {
  findSpectrumConflicts,
  suggestResolutions,
  type SpectrumConflict,
  type SpectrumIndex,
  type SpectrumSuggestion,
} from '@tessera/service-kit/spectrum';
import { viewerOf } from './access.ts';
import type { ReleasedReservationRef } from './access-airspace.ts';
import { isAssignmentSide, isRestrictedSide, type ReleasedAssignmentChange } from './access-spectrum.ts';

/**
 * The engine's suggestions for a SPECTRUM conflict (Query.spectrumSuggestions), computed on the
 * gateway's mirror: the conflict is found again between the current versions of its sides (none
 * when they no longer conflict), then suggestResolutions of the kit, each suggestion verified by the
 * engine against every assignment the gateway knows and the restricted list. The caller gets only
 * those that change an assignment releasable to them, each with its change ready to propose.
 *
 * What a suggestion can tell about what the caller may not see is no more than the sanitized
 * conflict shows: a time split cuts at the overlap's edges (SpectrumConflictInfo.from/to), a power
 * reduction is the margin; a channel is one where their system would have no conflict, which is
 * what proposing it would show them anyway (the conflicts it would make appear, sanitized).
 */

export interface ReleasedSuggestion {
  kind: SpectrumSuggestion['kind'];
  summary: string;
  clearsConflict: boolean;
  assignment: ReleasedReservationRef;
  change: ReleasedAssignmentChange;
}

export interface SuggestionSources {
  /** Every assignment the gateway knows, by frequency. */
  index: SpectrumIndex;
  /** The restricted list the engine checks (the service's and the protected bands). */
  restricted: readonly RestrictedEntry[];
  /** The present, epoch ms. */
  atMs: number;
}

/** The conflict as the engine sees it now between the current versions of its sides, or null. */
function engineConflict(conflict: Conflict, src: SuggestionSources): SpectrumConflict | null {
  const assignments = conflict.sides.filter((s) => isAssignmentSide(s.kind)).map((s) => src.index.get(s.nation, s.id));
  if (assignments.length === 0 || assignments.some((a) => a === undefined)) return null;
  const found = (all: SpectrumAssignment[], restricted: readonly RestrictedEntry[]) =>
    findSpectrumConflicts(all, { at: src.atMs, sameNation: true, restricted });
  const entrySide = conflict.sides.find((s) => isRestrictedSide(s.kind));
  if (entrySide) {
    const entry = src.restricted.find((e) => e.nation === entrySide.nation && e.id === entrySide.id);
    if (!entry) return null;
    return found(assignments as SpectrumAssignment[], [entry]).find((c) => c.kind === 'RESTRICTED_BAND') ?? null;
  }
  if (assignments.length !== 2) return null;
  return found(assignments as SpectrumAssignment[], []).find((c) => c.kind === 'INTERFERENCE') ?? null;
}

/** A number of MHz or dB as a liaison reads it: three decimals at most, no trailing zeros. */
const num = (x: number) => String(Math.round(x * 1000) / 1000);
const signed = (x: number) => (x >= 0 ? `+${num(x)}` : `−${num(-x)}`);

function released(s: SpectrumSuggestion, a: SpectrumAssignment): ReleasedSuggestion {
  const who = `${a.nation} ${a.system}`;
  const change: ReleasedAssignmentChange = {
    nation: a.nation,
    id: a.id,
    action: 'MODIFY',
    withheld: false,
    lowMHz: null,
    highMHz: null,
    eirpDbm: null,
    validFrom: null,
    validTo: null,
  };
  const assignment = { nation: a.nation, id: a.id, version: a.version, withheld: false };
  switch (s.kind) {
    case 'CHANNEL':
      return {
        kind: 'CHANNEL',
        summary: `Retune ${who} to ${s.lowMHz.toFixed(3)}-${s.highMHz.toFixed(3)} MHz (${signed(s.shiftMHz)} MHz)`,
        clearsConflict: true,
        assignment,
        change: { ...change, lowMHz: s.lowMHz, highMHz: s.highMHz },
      };
    case 'TIME_SPLIT': {
      // Only the bound that moves: what a change leaves null stays as it is.
      const validFrom = s.validFrom !== undefined && s.validFrom !== a.validFrom ? s.validFrom : null;
      const validTo = s.validTo !== undefined && s.validTo !== a.validTo ? s.validTo : null;
      const what = [validFrom && `start at ${validFrom}`, validTo && `end at ${validTo}`].filter(Boolean).join(' and ');
      return {
        kind: 'TIME_SPLIT',
        summary: `Let ${who} ${what}`,
        clearsConflict: true,
        assignment,
        change: { ...change, validFrom, validTo },
      };
    }
    case 'POWER':
      return {
        kind: 'POWER',
        summary: `Lower ${who} from ${num(s.fromDbm)} to ${num(s.toDbm)} dBm EIRP (${signed(-s.reductionDb)} dB)`,
        clearsConflict: s.clearsConflict,
        assignment,
        change: { ...change, eirpDbm: s.toDbm },
      };
  }
}

/**
 * The suggestions for a conflict the caller may see (the caller checks that first): none for
 * another kind, one no longer open, or one the engine no longer finds; only those changing an
 * assignment releasable to the caller now.
 */
export function spectrumSuggestions(user: User, conflict: Conflict, src: SuggestionSources): ReleasedSuggestion[] {
  if (conflict.kind !== 'SPECTRUM' || conflict.state !== 'OPEN') return [];
  const found = engineConflict(conflict, src);
  if (!found) return [];
  const viewer = viewerOf(user);
  // A power cut is the exact margin (EIRP − margin − 0.01 dB): offered only to who may see every side,
  // as the exact margin is (a sanitized view gets its severity band's floor).
  const seesAll = conflict.sides.every((side) => canSee(viewer, side.label));
  const out: ReleasedSuggestion[] = [];
  for (const s of suggestResolutions(found, src.index, { at: src.atMs, restricted: src.restricted })) {
    if (s.kind === 'POWER' && !seesAll) continue;
    const a = src.index.get(s.assignment.nation, s.assignment.id);
    if (a && canSee(viewer, a.label)) out.push(released(s, a));
  }
  return out;
}
