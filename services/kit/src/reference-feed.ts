import { AirspaceVolume, EffectorRef, OperationalArea, REFERENCE_BUCKET, referenceKeys } from '@tessera/schema';
import { mirrorKvBucket } from './kv-mirror.ts';
import type { Logger } from './logger.ts';
import type { NatsLink } from './nats.ts';
import type { Rejector } from './dead-letter.ts';

export interface ReferenceFeed {
  area(): OperationalArea | undefined;
  volumes(): IterableIterator<AirspaceVolume>;
  effectors(): IterableIterator<EffectorRef>;
  /** The scenario's random seed, when reference data has one. */
  seed(): number | undefined;
  stop(): void;
}

/** Mirrors the reference bucket (operational area, airspace volumes, effectors) from JetStream KV: one watch per kind of key. */
export function startReferenceFeed(deps: { link: NatsLink; rejector: Rejector; logger: Logger }): ReferenceFeed {
  const area = mirrorKvBucket<OperationalArea>({ ...deps, bucket: REFERENCE_BUCKET, key: referenceKeys.area, schemaFor: () => OperationalArea });
  const volumes = mirrorKvBucket<AirspaceVolume>({ ...deps, bucket: REFERENCE_BUCKET, key: 'volume.>', schemaFor: () => AirspaceVolume });
  const effectors = mirrorKvBucket<EffectorRef>({ ...deps, bucket: REFERENCE_BUCKET, key: 'effector.>', schemaFor: () => EffectorRef });
  return {
    area: () => area.get(referenceKeys.area),
    volumes: () => volumes.values(),
    effectors: () => effectors.values(),
    seed: () => area.get(referenceKeys.area)?.seed,
    stop() {
      area.stop();
      volumes.stop();
      effectors.stop();
    },
  };
}
