import type { AirspaceVolume, AuthorizationRequest, Conflict } from '@tessera/schema';
import {
  conflictsWith,
  findConflicts,
  ReservationIndex,
  reservationKey,
  type AirspaceConflict,
} from '@tessera/service-kit/airspace';
import { airspaceConflict, conflictKeys, pastConflicts, reconcileConflicts, type ConflictChange } from './conflicts.ts';
import { engagementConflictsOf } from './engagements.ts';

/**
 * The engine's spatial index of every reservation, kept in step with the store, and what its
 * answers mean for the stored conflicts. A change re-evaluates only the changed reservations
 * against their neighbours (`conflictsWith`); a start evaluates everything once (`findConflicts`).
 * Engagements' conflicts are few (one per open engagement and reservation it meets) and are
 * evaluated whole whenever an engagement or a reservation changes.
 */
export function createConflictTracker(opts: { idKey?: string | undefined } = {}) {
  let index = new ReservationIndex();
  const options = (nowMs: number) => ({ at: nowMs, ...(opts.idKey !== undefined ? { idKey: opts.idKey } : {}) });

  return {
    /** Index exactly these reservations and reconcile every stored conflict with what the engine finds. */
    all(
      reservations: Iterable<AirspaceVolume>,
      existing: ReadonlyMap<string, Conflict>,
      nowMs: number,
    ): ConflictChange[] {
      index = new ReservationIndex(reservations);
      return reconcileConflicts({
        existing,
        evaluated: (c) => c.kind === 'AIRSPACE',
        found: findConflicts(index, options(nowMs)).map(airspaceConflict),
        nowMs,
      });
    },

    /**
     * Reservations changed (new versions, together): re-index them, then their conflicts replace every
     * stored one that involved them. `resolvedBy`: the accepted proposal that changed them.
     */
    changed(
      changed: readonly AirspaceVolume[],
      existing: ReadonlyMap<string, Conflict>,
      nowMs: number,
      resolvedBy?: string,
    ): ConflictChange[] {
      for (const v of changed) index.upsert(v);
      const found: AirspaceConflict[] = changed.flatMap((v) => conflictsWith(v, index, options(nowMs)));
      const keys = new Set(changed.map(reservationKey));
      return reconcileConflicts({
        existing,
        evaluated: (c) => conflictKeys(c).some((k) => keys.has(k)),
        found: found.map(airspaceConflict),
        nowMs,
        resolvedBy: resolvedBy ?? null,
      });
    },

    /**
     * The open engagements against every reservation: their conflicts replace the stored engagement
     * conflicts of the requests known. One whose request is not known (not read yet after a restart)
     * is left as it is, never resolved for want of its request.
     */
    engagements(
      requests: Iterable<AuthorizationRequest>,
      reservations: readonly AirspaceVolume[],
      existing: ReadonlyMap<string, Conflict>,
      nowMs: number,
    ): ConflictChange[] {
      const all = [...requests];
      const known = new Set(all.map((r) => r.id));
      return reconcileConflicts({
        existing,
        evaluated: (c) => c.kind === 'ENGAGEMENT' && known.has(c.sides[0]!.id),
        found: engagementConflictsOf(all, reservations, opts.idKey),
        nowMs,
      });
    },

    /**
     * Time passed: a conflict of reservations or assignments whose overlap lies wholly behind `nowMs`
     * is resolved (an engagement's lasts while its request is open).
     */
    past(existing: ReadonlyMap<string, Conflict>, nowMs: number): ConflictChange[] {
      const timed = [...existing.values()].filter((c) => c.kind !== 'ENGAGEMENT');
      const past = new Set(pastConflicts(timed, nowMs).map((c) => c.id));
      return past.size === 0
        ? []
        : reconcileConflicts({ existing, evaluated: (c) => past.has(c.id), found: [], nowMs });
    },
  };
}
export type ConflictTracker = ReturnType<typeof createConflictTracker>;
