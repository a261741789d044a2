import { AirspaceVolume, OperationalArea, REFERENCE_BUCKET, referenceKeys } from '@tessera/schema';
import { mirrorKvBucket } from './kv-mirror.ts';
import type { Logger } from './logger.ts';
import type { NatsLink } from './nats.ts';
import type { Rejector } from './dead-letter.ts';

export interface ReferenceFeed {
  area(): OperationalArea | undefined;
  volumes(): IterableIterator<AirspaceVolume>;
  stop(): void;
}

/** Mirrors the reference bucket's operational area and airspace volumes from JetStream KV. */
export function startReferenceFeed(deps: { link: NatsLink; rejector: Rejector; logger: Logger }): ReferenceFeed {
  const area = mirrorKvBucket<OperationalArea>({ ...deps, bucket: REFERENCE_BUCKET, key: referenceKeys.area, schemaFor: () => OperationalArea });
  const volumes = mirrorKvBucket<AirspaceVolume>({ ...deps, bucket: REFERENCE_BUCKET, key: 'volume.>', schemaFor: () => AirspaceVolume });
  return {
    area: () => area.get(referenceKeys.area),
    volumes: () => volumes.values(),
    stop() {
      area.stop();
      volumes.stop();
    },
  };
}
