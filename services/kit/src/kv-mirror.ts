import { Kvm, type KV } from '@nats-io/kv';
import type { z } from 'zod';
import type { Logger } from './logger.ts';
import type { NatsLink } from './nats.ts';
import type { Rejector } from './dead-letter.ts';
import { parseJson } from './subscribe.ts';

export interface KvMirror<T> {
  get(key: string): T | undefined;
  values(): IterableIterator<T>;
  stop(): void;
}

export interface KvMirrorOptions<T> {
  link: NatsLink;
  rejector: Rejector;
  logger: Logger;
  bucket: string;
  /** Keys to mirror (a NATS wildcard such as `request.>`); all by default. */
  key?: string;
  /** The schema of a value; `schemaFor` picks one per key when a bucket holds several kinds. */
  schemaFor: (key: string) => z.ZodType<T>;
  /** Called after every change (value, or undefined when deleted). */
  onChange?: (key: string, value: T | undefined) => void;
}

/**
 * A live, validated copy of a JetStream KV bucket: every current value first, then each change. The
 * watch restarts after a NATS reconnect (so a server restart never leaves a frozen copy) and while
 * the bucket does not exist yet (only its owner creates it). Invalid entries are rejected (counted,
 * dead-lettered), never kept.
 */
export function mirrorKvBucket<T>(opts: KvMirrorOptions<T>): KvMirror<T> {
  const entries = new Map<string, T>();
  let stopped = false;
  let generation = 0;
  let current: { stop(): void } | undefined;

  const remove = (key: string) => {
    if (entries.delete(key)) opts.onChange?.(key, undefined);
  };

  async function watch(gen: number) {
    let iter: Awaited<ReturnType<KV['watch']>>;
    try {
      // Open, never create: the bucket is its owner's (a reader's NATS user may not create it).
      const kv = await new Kvm(opts.link.nc).open(opts.bucket);
      iter = await kv.watch({ key: opts.key ?? '>' });
    } catch (err) {
      opts.logger.warn({ err, bucket: opts.bucket }, 'KV bucket not available yet; retrying');
      setTimeout(() => gen === generation && !stopped && void watch(gen), 2000);
      return;
    }
    if (gen !== generation) {
      iter.stop();
      return;
    }
    current = iter;
    for await (const e of iter) {
      if (gen !== generation) break;
      if (e.operation !== 'PUT') {
        remove(e.key);
        continue;
      }
      const parsed = parseJson(opts.schemaFor(e.key), e.value);
      if (!parsed.ok) {
        opts.rejector.reject(`$KV.${opts.bucket}.${e.key}`, e.value, parsed.error);
        continue;
      }
      entries.set(e.key, parsed.value);
      opts.onChange?.(e.key, parsed.value);
    }
  }

  const restart = () => {
    current?.stop();
    const gen = ++generation;
    void watch(gen).catch((err: unknown) => opts.logger.error({ err, bucket: opts.bucket }, 'KV watch failed'));
  };
  const unsubscribe = opts.link.onReconnect(restart);
  restart();

  return {
    get: (key) => entries.get(key),
    values: () => entries.values(),
    stop() {
      stopped = true;
      generation++;
      unsubscribe();
      current?.stop();
    },
  };
}
