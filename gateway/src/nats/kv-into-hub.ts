import { mirrorKvBucket, type KvMirror, type KvMirrorOptions } from '@tessera/service-kit';
import type { KeyedHub } from '../picture/keyed-hub.ts';

/**
 * A JetStream KV bucket mirrored into a hub: each value put is an upsert, and a deleted key removes
 * the object it last held (by the hub's key of that object, its id unless told otherwise, which is
 * not the KV key).
 */
export function mirrorKvIntoHub<T extends { id: string }>(
  hub: KeyedHub<T>,
  opts: Omit<KvMirrorOptions<T>, 'onChange'> & { hubKeyOf?: (item: T) => string },
): KvMirror<T> {
  const { hubKeyOf = (item: T) => item.id, ...mirror } = opts;
  const hubKeyOfKvKey = new Map<string, string>();
  return mirrorKvBucket<T>({
    ...mirror,
    onChange: (key, value) => {
      if (value) {
        hubKeyOfKvKey.set(key, hubKeyOf(value));
        return hub.ingest({ upserts: [value], removals: [] });
      }
      const id = hubKeyOfKvKey.get(key);
      hubKeyOfKvKey.delete(key);
      if (id !== undefined) hub.ingest({ upserts: [], removals: [id] });
    },
  });
}
