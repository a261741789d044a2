import { startReferenceFeed, type Logger, type NatsLink, type Rejector } from '@tessera/service-kit';
import type { LabelledAsset } from './service.ts';

/** The defended assets, from the reference data in JetStream KV (kept live). */
export function watchDefendedAssets(deps: { link: NatsLink; rejector: Rejector; logger: Logger }) {
  const reference = startReferenceFeed(deps);
  return {
    *assets(): Iterable<LabelledAsset> {
      for (const v of reference.volumes()) {
        if (v.kind !== 'DEFENDED_ASSET' || !v.circle) continue;
        yield {
          asset: {
            id: v.id,
            name: v.name,
            lat: v.circle.center.lat,
            lon: v.circle.center.lon,
            radiusM: v.circle.radiusM,
          },
          label: v.label,
        };
      }
    },
    stop: () => reference.stop(),
  };
}
