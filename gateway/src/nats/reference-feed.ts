import { AirspaceVolume, OperationalArea, REFERENCE_BUCKET, referenceKeys } from '@tessera/schema';
import { mirrorKvBucket, type Logger, type NatsLink, type Rejector } from '@tessera/service-kit';

export interface ReferenceFeed {
  area(): OperationalArea | undefined;
  volumes(): IterableIterator<AirspaceVolume>;
  stop(): void;
}

/** Mirrors the reference bucket (operational area, airspace volumes) from JetStream KV. */
export function startReferenceFeed(deps: { link: NatsLink; rejector: Rejector; logger: Logger }): ReferenceFeed {
  const mirror = mirrorKvBucket<OperationalArea | AirspaceVolume>({
    ...deps,
    bucket: REFERENCE_BUCKET,
    schemaFor: (key) => (key === referenceKeys.area ? OperationalArea : AirspaceVolume),
  });
  return {
    area: () => mirror.get(referenceKeys.area) as OperationalArea | undefined,
    *volumes() {
      for (const v of mirror.values()) if ('kind' in v) yield v;
    },
    stop: () => mirror.stop(),
  };
}
