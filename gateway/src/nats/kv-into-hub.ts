import { mirrorKvBucket, type KvMirror, type KvMirrorOptions } from '@tessera/service-kit';
import type { KeyedHub } from '../picture/keyed-hub.ts';

/**
 * A JetStream KV bucket mirrored into a hub: each value put is an upsert, and a deleted key removes
 * the object it last held (by that object's id, which is not the key).
 */
export function mirrorKvIntoHub<T extends { id: string }>(hub: KeyedHub<T>, opts: Omit<KvMirrorOptions<T>, 'onChange'>): KvMirror<T> {
  const idOfKey = new Map<string, string>();
  return mirrorKvBucket<T>({
    ...opts,
    onChange: (key, value) => {
      if (value) {
        idOfKey.set(key, value.id);
        return hub.ingest({ upserts: [value], removals: [] });
      }
      const id = idOfKey.get(key);
      idOfKey.delete(key);
      if (id !== undefined) hub.ingest({ upserts: [], removals: [id] });
    },
  });
}
