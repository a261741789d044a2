import { AirspaceVolume, EffectorRef, OperationalArea, REFERENCE_BUCKET, referenceKeys } from '@tessera/schema';
import { mirrorKvBucket, type Logger, type NatsLink, type Rejector } from '@tessera/service-kit';

/** What the agents need of reference data: effectors, airspace volumes (sectors, no-fire areas), the scenario's seed. */
export interface ReferenceView {
  effectors(): Iterable<EffectorRef>;
  volumes(): Iterable<AirspaceVolume>;
  /** The scenario's random seed, when reference data has one. */
  seed(): number | undefined;
}

/** Reference data from JetStream KV, kept live: one watch per kind of key (`area`, `volume.>`, `effector.>`). */
export function watchReference(deps: { link: NatsLink; rejector: Rejector; logger: Logger }): ReferenceView & { stop(): void } {
  const common = { ...deps, bucket: REFERENCE_BUCKET };
  const area = mirrorKvBucket<OperationalArea>({ ...common, key: referenceKeys.area, schemaFor: () => OperationalArea });
  const volumes = mirrorKvBucket<AirspaceVolume>({ ...common, key: 'volume.>', schemaFor: () => AirspaceVolume });
  const effectors = mirrorKvBucket<EffectorRef>({ ...common, key: 'effector.>', schemaFor: () => EffectorRef });
  return {
    effectors: () => effectors.values(),
    volumes: () => volumes.values(),
    seed: () => area.get(referenceKeys.area)?.seed,
    stop() {
      area.stop();
      volumes.stop();
      effectors.stop();
    },
  };
}
