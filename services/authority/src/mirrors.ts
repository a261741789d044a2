import { ALERT_BUCKET, AIRSPACE_BUCKET, Alert, RestrictedEntry, SpectrumAssignment } from '@tessera/schema';
import { mirrorKvBucket, type KvMirror, type Logger, type NatsLink, type Rejector } from '@tessera/service-kit';
import { SpectrumIndex } from '@tessera/service-kit/spectrum';
import type { SpectrumSource } from './core.ts';

/** What the authority reads from other services' buckets, read only, validated, kept live. */
type MirrorDeps = { link: NatsLink; rejector: Rejector; logger: Logger };

/**
 * The coalition's spectrum, read-only from the deconfliction service's bucket (TESSERA_AIRSPACE
 * `assignment.<nation>.<id>` and `restricted.<nation>.<id>`), for the jamming check. The assignments
 * are kept in the engine's index as they change, as stored: the check places a tied one where its
 * reservation is when it runs (`asFlown` over the reference feed's reservations: core.ts), so a
 * reservation that moved since is never judged where it was. An entry whose body names another
 * nation or id than its key is rejected (dead-lettered), never used.
 */
export function mirrorSpectrum(deps: MirrorDeps): SpectrumSource & {
  stop(): void;
} {
  const index = new SpectrumIndex();
  const keyed = <T extends { nation: string; id: string }>(prefix: string) => ({
    matches: (key: string, v: T) => key === `${prefix}.${v.nation}.${v.id}`,
    message: `the body names another nation or id than its key (${prefix}.<nation>.<id>)`,
  });
  const a = keyed<SpectrumAssignment>('assignment');
  const r = keyed<RestrictedEntry>('restricted');
  const assignments = mirrorKvBucket<SpectrumAssignment>({
    ...deps,
    bucket: AIRSPACE_BUCKET,
    key: 'assignment.>',
    schemaFor: (key) => SpectrumAssignment.refine((v) => a.matches(key, v), { message: a.message }),
    onChange: (key, value) => {
      if (value) index.upsert(value);
      else {
        const [, nation, id] = key.split('.');
        if (nation && id) index.remove(nation, id);
      }
    },
  });
  const restricted = mirrorKvBucket<RestrictedEntry>({
    ...deps,
    bucket: AIRSPACE_BUCKET,
    key: 'restricted.>',
    schemaFor: (key) => RestrictedEntry.refine((v) => r.matches(key, v), { message: r.message }),
  });
  return {
    assignments: () => index,
    restricted: () => restricted.values(),
    stop() {
      assignments.stop();
      restricted.stop();
    },
  };
}

/** The detector's alerts: the flags on a target are established from them, never taken from its agent. */
export const mirrorAlerts = (deps: MirrorDeps): KvMirror<Alert> =>
  mirrorKvBucket<Alert>({ ...deps, bucket: ALERT_BUCKET, key: 'alert.>', schemaFor: () => Alert });
