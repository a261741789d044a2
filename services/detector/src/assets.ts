import { AirspaceVolume, OperationalArea, REFERENCE_BUCKET, referenceKeys } from '@tessera/schema';
import { mirrorKvBucket, type Logger, type NatsLink, type Rejector } from '@tessera/service-kit';
import type { LabelledAsset } from './service.ts';

/** The defended assets, from the reference data in JetStream KV (kept live). */
export function watchDefendedAssets(deps: { link: NatsLink; rejector: Rejector; logger: Logger }) {
  const mirror = mirrorKvBucket<OperationalArea | AirspaceVolume>({
    ...deps,
    bucket: REFERENCE_BUCKET,
    schemaFor: (key) => (key === referenceKeys.area ? OperationalArea : AirspaceVolume),
  });
  return {
    *assets(): Iterable<LabelledAsset> {
      for (const v of mirror.values()) {
        if (!('kind' in v) || v.kind !== 'DEFENDED_ASSET' || !v.circle) continue;
        yield { asset: { id: v.id, name: v.name, lat: v.circle.center.lat, lon: v.circle.center.lon, radiusM: v.circle.radiusM }, label: v.label };
      }
    },
    stop: () => mirror.stop(),
  };
}
