import {
  AIRSPACE_BUCKET,
  AirspaceVolume,
  Conflict,
  Proposal,
  RestrictedEntry,
  SpectrumAssignment,
  airspaceKeys,
} from '@tessera/schema';
import type { Logger, NatsLink, Rejector } from '@tessera/service-kit';
import type { z } from 'zod';
import type { KeyedHub } from '../picture/keyed-hub.ts';
import { mirrorKvIntoHub } from './kv-into-hub.ts';

/** How the gateway keys a reservation (ids are unique per nation): `NATION/id`, as audit subjects name them. */
export const reservationKey = (r: { nation: string; id: string }) => `${r.nation}/${r.id}`;

export interface AirspaceHubs {
  reservations: KeyedHub<AirspaceVolume>;
  conflicts: KeyedHub<Conflict>;
  proposals: KeyedHub<Proposal>;
  /** Spectrum assignments, keyed NATION/id like reservations. */
  assignments: KeyedHub<SpectrumAssignment>;
  /** The restricted frequency list, keyed NATION/id (removed entries stay, marked, for the record). */
  restricted: KeyedHub<RestrictedEntry>;
}

/** A value is accepted only under the key its owner must have put it at (a mismatch is rejected, never kept). */
function atItsKey<T>(schema: z.ZodType<T>, keyOf: (value: T) => string) {
  return (key: string) =>
    schema.refine((value) => keyOf(value) === key, { message: `not the value of ${key} (its own key differs)` });
}

/**
 * The deconfliction service's state, mirrored from its JetStream KV bucket into the gateway's hubs:
 * reservations (`reservation.<nation>.<id>`), conflicts, proposals, spectrum assignments
 * (`assignment.<nation>.<id>`) and the restricted list (`restricted.<nation>.<id>`), one watch per
 * kind (nats-server 2.9 watches one key filter at a time). The service owns them; the gateway only
 * reads, and releases each item through access.ts.
 */
export function startAirspaceFeed(deps: { link: NatsLink; hubs: AirspaceHubs; rejector: Rejector; logger: Logger }) {
  const common = { link: deps.link, rejector: deps.rejector, logger: deps.logger, bucket: AIRSPACE_BUCKET };
  const mirrors = [
    mirrorKvIntoHub(deps.hubs.reservations, {
      ...common,
      key: 'reservation.>',
      schemaFor: atItsKey(AirspaceVolume, (v) => airspaceKeys.reservation(v.nation, v.id)),
      hubKeyOf: reservationKey,
    }),
    mirrorKvIntoHub(deps.hubs.conflicts, {
      ...common,
      key: 'conflict.>',
      schemaFor: atItsKey(Conflict, (c) => airspaceKeys.conflict(c.id)),
    }),
    mirrorKvIntoHub(deps.hubs.proposals, {
      ...common,
      key: 'proposal.>',
      schemaFor: atItsKey(Proposal, (p) => airspaceKeys.proposal(p.id)),
    }),
    mirrorKvIntoHub(deps.hubs.assignments, {
      ...common,
      key: 'assignment.>',
      schemaFor: atItsKey(SpectrumAssignment, (a) => airspaceKeys.assignment(a.nation, a.id)),
      hubKeyOf: reservationKey,
    }),
    mirrorKvIntoHub(deps.hubs.restricted, {
      ...common,
      key: 'restricted.>',
      schemaFor: atItsKey(RestrictedEntry, (e) => airspaceKeys.restricted(e.nation, e.id)),
      hubKeyOf: reservationKey,
    }),
  ];
  return {
    stop() {
      for (const m of mirrors) m.stop();
    },
  };
}
