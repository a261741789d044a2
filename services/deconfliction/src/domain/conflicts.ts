import { derivedLabel, type AirspaceVolume, type Conflict, type ConflictSide } from '@tessera/schema';
import { reservationKey, type AirspaceConflict } from '@tessera/service-kit/airspace';

/**
 * Conflicts as objects that live: the engine (`@tessera/service-kit/airspace`) finds a pair of
 * reservations and their 4D overlap; this keeps one conflict per pair under the engine's id, updates
 * it when either side changes, resolves it when the pair no longer overlaps (an edit, an end, a window
 * that passed) and reopens it if the pair overlaps again. No geometry here.
 */

export type ConflictAction = 'CONFLICT_DETECTED' | 'CONFLICT_REOPENED' | 'CONFLICT_UPDATED' | 'CONFLICT_RESOLVED';
export interface ConflictChange {
  conflict: Conflict;
  action: ConflictAction;
}

/** The pair's reservation keys (the engine's `<nation>/<id>`); none for an engagement's conflict. */
export const conflictKeys = (c: Conflict): string[] => (c.kind === 'AIRSPACE' ? c.sides.map(reservationKey) : []);

/** A conflict as computed now from its sides (no state or history yet). */
export type ComputedConflict = Pick<Conflict, 'id' | 'kind' | 'parties' | 'sides' | 'region' | 'severity' | 'label'> &
  Pick<Partial<Conflict>, 'spectrum'>;

export const sideOf = (v: AirspaceVolume): ConflictSide => ({
  nation: v.nation,
  id: v.id,
  name: v.name,
  kind: v.kind,
  version: v.version,
  label: v.label,
});

/**
 * The full view reveals every side: only to those who may see them all. Null: nobody (parties get
 * sanitized views).
 */
export const fullViewLabel = (parties: readonly string[], sides: readonly ConflictSide[]) =>
  derivedLabel(
    parties[0]!,
    sides.map((s) => s.label),
  );

/** The conflict a pair of reservations the engine found amounts to. */
export function airspaceConflict(found: AirspaceConflict): ComputedConflict {
  const sides = found.sides.map(sideOf);
  return {
    id: found.id,
    kind: 'AIRSPACE',
    parties: [...found.parties],
    sides,
    region: found.region,
    severity: found.severity,
    label: fullViewLabel(found.parties, sides),
  };
}

const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
const sameVersions = (x: readonly ConflictSide[], y: readonly ConflictSide[]) =>
  x.every((s, i) => s.nation === y[i]?.nation && s.id === y[i].id && s.version === y[i].version);

export interface ReconcileInput {
  /** Every stored conflict by id. */
  existing: ReadonlyMap<string, Conflict>;
  /** Which stored conflicts were re-evaluated: their pair either is in `found` or no longer conflicts. */
  evaluated: (c: Conflict) => boolean;
  /** The conflicts found now among what was re-evaluated. */
  found: readonly ComputedConflict[];
  nowMs: number;
  /** The accepted proposal whose changes are being evaluated: it resolved what no longer conflicts. */
  resolvedBy?: string | null;
}

/**
 * The stored conflicts that change given what the engine found: new pairs are DETECTED, resolved
 * pairs that overlap again are REOPENED, open ones whose sides or overlap changed are UPDATED, and
 * re-evaluated ones no longer found are RESOLVED. A risk accepted for the sides' versions holds
 * while those versions do; a changed side reopens it. Each change bumps the conflict's version.
 */
export function reconcileConflicts(input: ReconcileInput): ConflictChange[] {
  const at = new Date(input.nowMs).toISOString();
  const changes = new Map<string, ConflictChange>();
  for (const found of input.found) {
    const { id, kind, ...now } = found;
    if (changes.has(id)) continue;
    const old = input.existing.get(id);
    if (!old) {
      changes.set(id, {
        action: 'CONFLICT_DETECTED',
        conflict: {
          id,
          kind,
          ...now,
          state: 'OPEN',
          detectedAt: at,
          updatedAt: at,
          resolvedBy: null,
          version: 1,
        },
      });
    } else if (old.state === 'RESOLVED' || (old.state === 'ACCEPTED_RISK' && !sameVersions(old.sides, now.sides))) {
      changes.set(id, {
        action: 'CONFLICT_REOPENED',
        conflict: {
          ...old,
          ...now,
          state: 'OPEN',
          detectedAt: at,
          updatedAt: at,
          resolvedBy: null,
          version: old.version + 1,
        },
      });
    } else if (
      !same(
        {
          parties: old.parties,
          sides: old.sides,
          region: old.region,
          ...(old.spectrum ? { spectrum: old.spectrum } : {}),
          severity: old.severity,
          label: old.label,
        },
        now,
      )
    ) {
      changes.set(id, {
        action: 'CONFLICT_UPDATED',
        conflict: { ...old, ...now, updatedAt: at, version: old.version + 1 },
      });
    } else {
      changes.set(id, { action: 'CONFLICT_UPDATED', conflict: old });
    }
  }
  for (const old of input.existing.values()) {
    if (old.state === 'RESOLVED' || changes.has(old.id) || !input.evaluated(old)) continue;
    changes.set(old.id, {
      action: 'CONFLICT_RESOLVED',
      conflict: {
        ...old,
        state: 'RESOLVED',
        updatedAt: at,
        resolvedBy: input.resolvedBy ?? null,
        version: old.version + 1,
      },
    });
  }
  return [...changes.values()].filter((c) => c.conflict !== input.existing.get(c.conflict.id));
}

/** The conflict once the parties accepted its risk, for the versions its sides are at. */
export const riskAccepted = (c: Conflict, proposalId: string, nowMs: number): Conflict => ({
  ...c,
  state: 'ACCEPTED_RISK',
  resolvedBy: proposalId,
  updatedAt: new Date(nowMs).toISOString(),
  version: c.version + 1,
});

/** Stored conflicts whose overlap lies wholly in the past at `nowMs`: time resolved them (re-evaluate them). */
export const pastConflicts = (conflicts: Iterable<Conflict>, nowMs: number): Conflict[] =>
  [...conflicts].filter((c) => {
    const to = c.region?.to ?? c.spectrum?.to ?? null;
    return c.state !== 'RESOLVED' && to !== null && Date.parse(to) <= nowMs;
  });
