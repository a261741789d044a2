import { Kvm, type KV } from '@nats-io/kv';
import { AirspaceVolume, OperationalArea, REFERENCE_BUCKET, parseWith, referenceKeys } from '@tessera/schema';
import type { Logger, NatsLink, Rejector } from '@tessera/service-kit';

export interface ReferenceFeed {
  area(): OperationalArea | undefined;
  volumes(): IterableIterator<AirspaceVolume>;
  stop(): void;
}

/**
 * Mirrors the reference bucket (operational area, airspace volumes) from JetStream KV: all current
 * values first, then every change. The watch is restarted after a NATS reconnect, so a server
 * restart never leaves the gateway with a frozen copy. Invalid entries are rejected like messages.
 */
export function startReferenceFeed(deps: { link: NatsLink; rejector: Rejector; logger: Logger }): ReferenceFeed {
  let area: OperationalArea | undefined;
  const volumes = new Map<string, AirspaceVolume>();
  let stopped = false;
  let generation = 0;
  let current: { stop(): void } | undefined;

  async function watch(gen: number) {
    let kv: KV;
    try {
      kv = await new Kvm(deps.link.nc).create(REFERENCE_BUCKET, { history: 1 });
    } catch (err) {
      deps.logger.warn({ err }, 'reference bucket not available yet; retrying');
      setTimeout(() => gen === generation && !stopped && void watch(gen), 2000);
      return;
    }
    const iter = await kv.watch({ key: '>' });
    current = iter;
    for await (const e of iter) {
      if (gen !== generation) break;
      if (e.operation !== 'PUT') {
        if (e.key === referenceKeys.area) area = undefined;
        else volumes.delete(e.key);
        continue;
      }
      const subject = `$KV.${REFERENCE_BUCKET}.${e.key}`;
      let value: unknown;
      try {
        value = e.json();
      } catch (err) {
        deps.rejector.reject(subject, e.value, `not JSON: ${(err as Error).message}`);
        continue;
      }
      const parsed = e.key === referenceKeys.area ? parseWith(OperationalArea, value) : parseWith(AirspaceVolume, value);
      if (!parsed.ok) {
        deps.rejector.reject(subject, e.value, parsed.error);
        continue;
      }
      if (e.key === referenceKeys.area) area = parsed.value as OperationalArea;
      else volumes.set(e.key, parsed.value as AirspaceVolume);
    }
  }

  const restart = () => {
    current?.stop();
    const gen = ++generation;
    void watch(gen).catch((err: unknown) => deps.logger.error({ err }, 'reference watch failed'));
  };
  const unsubscribe = deps.link.onReconnect(restart);
  restart();

  return {
    area: () => area,
    volumes: () => volumes.values(),
    stop() {
      stopped = true;
      generation++;
      unsubscribe();
      current?.stop();
    },
  };
}
