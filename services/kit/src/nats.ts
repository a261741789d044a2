import { connect, type NatsConnection } from '@nats-io/transport-node';
import { inboxPrefix } from '@tessera/schema';
import type { Logger } from './logger.ts';

export type { NatsConnection };

export interface NatsOptions {
  url: string;
  /** Connection name, shown by the server (e.g. "tessera-twin"). */
  name: string;
  user?: string | undefined;
  pass?: string | undefined;
  logger: Logger;
}

export interface NatsLink {
  nc: NatsConnection;
  /** True while connected (false between a disconnect and the reconnect). */
  connected(): boolean;
  /** Called after every reconnect (e.g. to restart a KV watch); returns an unsubscribe function. */
  onReconnect(listener: () => void): () => void;
}

/**
 * Connect and keep reconnecting forever: a service outlives nats-server restarts and its
 * subscriptions resume by themselves. Waits for the first connection too, so start order does not matter.
 * With a user, every reply (request/reply, JetStream API, KV watch, consumer deliveries) comes back
 * under that user's own inbox prefix (`_INBOX_<user>`), the only inboxes its permissions let it read.
 */
export async function connectNats(opts: NatsOptions): Promise<NatsLink> {
  const nc = await connect({
    servers: opts.url,
    name: opts.name,
    ...(opts.user ? { user: opts.user, pass: opts.pass ?? '', inboxPrefix: inboxPrefix(opts.user) } : {}),
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    reconnectJitter: 100,
    waitOnFirstConnect: true,
    pingInterval: 10_000,
  });
  let connected = true;
  const reconnectListeners = new Set<() => void>();
  opts.logger.info({ server: nc.getServer() }, 'connected to NATS');
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect') {
        connected = false;
        opts.logger.warn({ server: s.server }, 'NATS disconnected');
      } else if (s.type === 'reconnect') {
        connected = true;
        opts.logger.info({ server: s.server }, 'NATS reconnected');
        for (const listener of reconnectListeners) listener();
      } else if (s.type === 'error') {
        opts.logger.error({ err: s.error }, 'NATS error');
      }
    }
  })();
  void nc.closed().then(() => {
    connected = false;
  });
  return {
    nc,
    connected: () => connected,
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
  };
}
