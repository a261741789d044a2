import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { Api, backoffMs, type LinkStatus } from './client.ts';

/**
 * The page's one socket against a scripted graphql-transport-ws server on loopback: subscriptions
 * share it, and after the gateway closes it with 4401 (token expired) it is made again with the
 * refreshed token and every subscription re-made (graphql-ws itself gives up on 4401).
 */
const WAIT = { timeout: 15_000, interval: 20 };
const doc = (field: string) =>
  parse(`subscription { ${field} }`) as unknown as TypedDocumentNode<Record<string, string>, Record<string, never>>;

interface Server {
  url: string;
  /** The token each connection presented, in order. */
  tokens: string[];
  /** Open sockets now. */
  open(): number;
  close(): Promise<void>;
}

/** Refuses a connection presenting `expired` with 4401; answers every subscription with `{<field>: <token>}`. */
async function startServer(expired: string): Promise<Server> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', handleProtocols: () => 'graphql-transport-ws' });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const tokens: string[] = [];
  const sockets = new Set<WebSocket>();
  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    let token = '';
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { type: string; id?: string; payload?: Record<string, unknown> };
      if (msg.type === 'connection_init') {
        token = String(msg.payload?.authorization ?? '').replace('Bearer ', '');
        tokens.push(token);
        if (token === expired) ws.close(4401, 'Unauthorized');
        else ws.send(JSON.stringify({ type: 'connection_ack' }));
      } else if (msg.type === 'subscribe') {
        const field = /\{\s*(\w+)\s*\}/.exec(String(msg.payload?.query))![1]!;
        ws.send(JSON.stringify({ type: 'next', id: msg.id, payload: { data: { [field]: token } } }));
      }
    });
  });
  const { port } = wss.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    tokens,
    open: () => sockets.size,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.terminate();
        wss.close(() => resolve());
      }),
  };
}

let server: Server | undefined;
afterEach(async () => server?.close());

describe('the signed-in page’s socket', () => {
  it('carries every subscription on one socket and closes it with the last', async () => {
    server = await startServer('none');
    const api = new Api(server.url).signedIn(() => 't1');
    const seen: Record<string, string>[] = [];
    const stopA = api.subscribe(doc('tracks'), { next: (d) => void seen.push(d) });
    const stopB = api.subscribe(doc('alerts'), { next: (d) => void seen.push(d) });
    await vi.waitFor(() => expect(seen).toEqual(expect.arrayContaining([{ tracks: 't1' }, { alerts: 't1' }])), WAIT);
    expect(server.open()).toBe(1);
    stopA();
    expect(server.open()).toBe(1);
    stopB();
    await vi.waitFor(() => expect(server!.open()).toBe(0), WAIT);
  });

  it('after 4401 (token expired) connects again with the refreshed token and re-subscribes everything', async () => {
    server = await startServer('expired');
    let token = 'expired';
    const api = new Api(server.url).signedIn(() => token);
    const seen: Record<string, string>[] = [];
    const states: LinkStatus['state'][] = [];
    const stops = [
      api.subscribe(doc('tracks'), { next: (d) => void seen.push(d), status: (s) => void states.push(s.state) }),
      api.subscribe(doc('alerts'), { next: (d) => void seen.push(d) }),
    ];
    await vi.waitFor(() => expect(server!.tokens).toContain('expired'), WAIT);
    await vi.waitFor(() => expect(states).toContain('reconnecting'), WAIT);
    token = 'refreshed';
    await vi.waitFor(
      () => expect(seen).toEqual(expect.arrayContaining([{ tracks: 'refreshed' }, { alerts: 'refreshed' }])),
      WAIT,
    );
    expect(states.at(-1)).toBe('live');
    expect(server.open()).toBe(1);
    for (const stop of stops) stop();
  });
});

describe('reconnection backoff', () => {
  it('doubles from 250 ms and never waits more than 2 s, so a page is back soon after its gateway', () => {
    expect([0, 1, 2, 3, 10].map((n) => backoffMs(n, () => 0))).toEqual([250, 500, 1000, 2000, 2000]);
  });

  it('spreads a room of screens over the last quarter of the wait', () => {
    expect(backoffMs(3, () => 0.999)).toBeGreaterThan(1500);
    expect(backoffMs(3, () => 0.999)).toBeLessThan(2000);
  });
});
