import type { AirspaceVolume, SpectrumAssignment } from '@tessera/schema';
import type { Clock } from '@tessera/service-kit';
import { asFlown, SpectrumIndex } from '@tessera/service-kit/spectrum';
import { createKeyedHub, type KeyedHub } from './keyed-hub.ts';
import type { Change } from './track-picture.ts';

/** The assignments hub, with the engine's index over the same assignments as the engine must judge them. */
export interface AssignmentHub extends KeyedHub<SpectrumAssignment> {
  /** Every assignment the hub holds, by frequency, tied ones where their reservation is (read only: the hub keeps it). */
  readonly index: SpectrumIndex;
  /** Reservations changed: the assignments tied to them are placed again in the index. */
  reservationsChanged(change: Change<AirspaceVolume>): void;
}

const keyOf = (a: { nation: string; id: string }) => `${a.nation}/${a.id}`;

/** NATION/id, as the hub keys an assignment. */
const parseKey = (key: string): [string, string] | null => {
  const slash = key.indexOf('/');
  return slash > 0 ? [key.slice(0, slash), key.slice(slash + 1)] : null;
};

/**
 * The deconfliction service's assignments as the gateway mirrors them (keyed NATION/id), with the
 * spectrum engine's index kept in step as each change is ingested (an upsert or a removal costs
 * what the index's does, O(n) at worst), never rebuilt per query: the suggestions read it at once.
 * The hub holds the assignments as the service stored them (what the API shows); the index holds
 * them as flown (what the engine judges).
 */
export function createAssignmentHub(opts: {
  clock: Clock;
  batchIntervalMs: number;
  reservationOf: (nation: string, id: string) => AirspaceVolume | undefined;
}): AssignmentHub {
  const hub = createKeyedHub<SpectrumAssignment>({ keyOf, clock: opts.clock, batchIntervalMs: opts.batchIntervalMs });
  const index = new SpectrumIndex();
  const place = (a: SpectrumAssignment) => index.upsert(asFlown(a, opts.reservationOf));
  return {
    ...hub,
    index,
    ingest(change) {
      for (const key of change.removals) {
        const ref = parseKey(key);
        if (ref) index.remove(...ref);
      }
      change.upserts.forEach(place);
      hub.ingest(change);
    },
    reservationsChanged(change) {
      const keys = new Set([...change.upserts.map(keyOf), ...change.removals]);
      for (const a of hub.all()) if (a.tiedReservation && keys.has(keyOf(a.tiedReservation))) place(a);
    },
  };
}
