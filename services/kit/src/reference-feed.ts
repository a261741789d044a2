import {
  AIRSPACE_BUCKET,
  AirspaceVolume,
  EffectorRef,
  OperationalArea,
  REFERENCE_BUCKET,
  referenceKeys,
} from '@tessera/schema';
import { isLive } from './airspace/index.ts';
import { mirrorKvBucket } from './kv-mirror.ts';
import type { Logger } from './logger.ts';
import type { NatsLink } from './nats.ts';
import type { Rejector } from './dead-letter.ts';

export interface ReferenceFeed {
  area(): OperationalArea | undefined;
  /**
   * The airspace as its owner, the deconfliction service, keeps it (TESSERA_AIRSPACE `reservation.>`):
   * sectors, defended assets and every reservation not ENDED, whether or not its time window is on
   * (that is the reader's check, e.g. `inForceAt`). Until that bucket holds any reservation (a stack
   * whose deconfliction service has not seeded it yet), the scenario's volumes as the twin wrote them.
   */
  volumes(): IterableIterator<AirspaceVolume>;
  effectors(): IterableIterator<EffectorRef>;
  /** The scenario's random seed, when reference data has one. */
  seed(): number | undefined;
  stop(): void;
}

/**
 * Mirrors the reference bucket (operational area, effectors; the scenario's volumes) and the airspace
 * bucket (reservations) from JetStream KV: one watch per kind of key.
 */
export function startReferenceFeed(deps: { link: NatsLink; rejector: Rejector; logger: Logger }): ReferenceFeed {
  const area = mirrorKvBucket<OperationalArea>({
    ...deps,
    bucket: REFERENCE_BUCKET,
    key: referenceKeys.area,
    schemaFor: () => OperationalArea,
  });
  const scenario = mirrorKvBucket<AirspaceVolume>({
    ...deps,
    bucket: REFERENCE_BUCKET,
    key: 'volume.>',
    schemaFor: () => AirspaceVolume,
  });
  const reservations = mirrorKvBucket<AirspaceVolume>({
    ...deps,
    bucket: AIRSPACE_BUCKET,
    key: 'reservation.>',
    schemaFor: () => AirspaceVolume,
  });
  const effectors = mirrorKvBucket<EffectorRef>({
    ...deps,
    bucket: REFERENCE_BUCKET,
    key: 'effector.>',
    schemaFor: () => EffectorRef,
  });
  function* volumes(): IterableIterator<AirspaceVolume> {
    let owned = false;
    for (const r of reservations.values()) {
      owned = true;
      // An ENDED reservation is kept for the record only: no sector, no-fire area or asset check uses it.
      if (isLive(r)) yield r;
    }
    if (!owned) yield* scenario.values();
  }
  return {
    area: () => area.get(referenceKeys.area),
    volumes,
    effectors: () => effectors.values(),
    seed: () => area.get(referenceKeys.area)?.seed,
    stop() {
      area.stop();
      scenario.stop();
      reservations.stop();
      effectors.stop();
    },
  };
}
