import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { print } from 'graphql';
import { afterAll, beforeAll, expect, vi } from 'vitest';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { TrackUpdatesDocument, type TrackUpdatesSubscription } from '@tessera/schema/operations';
import type { Classification, User } from '@tessera/schema';
import { connectNats, createLogger, type Clock, type NatsLink } from '@tessera/service-kit';
import { startNatsServer, type NatsServer } from '@tessera/service-kit/nats-server';
import { buildGateway, type Gateway } from '../src/app.ts';
import { hashPassword } from '../src/auth/password.ts';
import { createUserDirectory } from '../src/auth/users.ts';

export const PASSWORD = 'correct horse';

/** How long a test waits (polling every 50 ms) for something sent over NATS to show through the gateway. */
export const WAIT = { timeout: 5_000, interval: 50 };

const userSpecs: [string, string | null, Classification][] = [
  ['pol-watch', 'POL', 'SECRET'],
  ['ukr-watch', 'UKR', 'SECRET'],
  ['ukr-restricted', 'UKR', 'RESTRICTED'],
  ['ltu-watch', 'LTU', 'SECRET'],
  ['deu-watch', 'DEU', 'SECRET'],
  ['admin', null, 'SECRET'],
  ['pol-cmdr', 'POL', 'SECRET'],
  ['pol-deputy-cmdr', 'POL', 'SECRET'],
  ['ukr-cmdr', 'UKR', 'SECRET'],
  ['ltu-cmdr', 'LTU', 'SECRET'],
  ['pol-liaison', 'POL', 'CONFIDENTIAL'],
  ['ukr-liaison', 'UKR', 'CONFIDENTIAL'],
  ['ltu-liaison', 'LTU', 'SECRET'],
];

const roleOf = (username: string, nation: string | null) =>
  !nation
    ? 'ADMIN'
    : username.endsWith('cmdr')
      ? 'COMMANDER'
      : username.endsWith('liaison')
        ? 'LIAISON'
        : 'WATCH_OFFICER';

export async function testUsers() {
  const passwordHash = await hashPassword(PASSWORD);
  return createUserDirectory({
    users: userSpecs.map(([username, nation, clearance]) => ({
      username,
      displayName: username,
      nation,
      roles: [roleOf(username, nation)],
      clearance,
      passwordHash,
    })) as (User & { passwordHash: string })[],
  });
}

/** A clock tests can move forward. */
export function testClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms) => void (offset += ms) };
}

export interface TestGateway {
  url: string;
  wsUrl: string;
  gateway: Gateway;
  nats: NatsLink;
  clock: ReturnType<typeof testClock>;
  stop(): Promise<void>;
}

export async function startTestGateway(
  natsUrl: string,
  opts: { batchIntervalMs?: number; tokenTtlS?: number; natsUser?: { user: string; pass: string } } = {},
): Promise<TestGateway> {
  const logger = createLogger('gateway-test', 'silent');
  const nats = await connectNats({ url: natsUrl, name: 'gateway-test', logger, ...opts.natsUser });
  const clock = testClock();
  const gateway = buildGateway({
    config: {
      port: 0,
      host: '127.0.0.1',
      jwtSecret: 'test-secret-test-secret-test-secret!',
      tokenTtlS: opts.tokenTtlS ?? 3600,
      batchIntervalMs: opts.batchIntervalMs ?? 50,
      trackTimeoutS: 120,
      webOrigins: ['http://localhost:3000'],
      devMode: false,
    },
    nats,
    users: await testUsers(),
    clock,
    logger,
  });
  const port = await gateway.start();
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    gateway,
    nats,
    clock,
    async stop() {
      await gateway.stop();
      await nats.nc.close();
    },
  };
}

/** The first item `list` gives once it gives any (polled; after WAIT the test fails naming `what`). */
export function firstOf<T>(what: string, list: () => Promise<readonly T[]>): Promise<T> {
  return vi.waitFor(async () => {
    const [item] = await list();
    expect(item, what).toBeDefined();
    return item!;
  }, WAIT);
}

export interface TestStack {
  server: NatsServer;
  gw: TestGateway;
  /** Stop the gateway, then nats-server. */
  stop(): Promise<void>;
}

/** A nats-server and a test gateway on free ports, for one test file. */
export async function startTestStack(opts: Parameters<typeof startTestGateway>[1] = {}): Promise<TestStack> {
  const server = await startNatsServer();
  try {
    const gw = await startTestGateway(server.url, opts);
    return {
      server,
      gw,
      async stop() {
        await gw.stop();
        await server.stop();
      },
    };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

/**
 * A test stack for the whole file: started before its tests (`started` receives it), stopped after
 * them.
 */
export function useTestStack(started: (stack: TestStack) => void, opts: Parameters<typeof startTestGateway>[1] = {}) {
  let stack: TestStack | undefined;
  beforeAll(async () => {
    stack = await startTestStack(opts);
    started(stack);
  });
  afterAll(async () => {
    await stack?.stop();
  });
}

/** How many messages on `subject` the gateway refused, as its health endpoint (answered to anyone) reports. */
export async function rejectedOn(
  gw: TestGateway,
  subject: string,
  path: '/healthz' | '/readyz' = '/healthz',
): Promise<number> {
  const url = gw.url.replace('/graphql', path);
  // A kept-alive connection the server closed while this process (its event loop shared with the
  // gateway) was busy is reset when reused: ask again on a new one, as any HTTP client would.
  const res = await fetch(url).catch((err: unknown) => {
    if ((err as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw err;
    return fetch(url);
  });
  const health = (await res.json()) as { rejected: Record<string, number> };
  return health.rejected[subject] ?? 0;
}

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; reason?: string } }[];
}

export async function gql<T, V>(
  url: string,
  doc: TypedDocumentNode<T, V> | string,
  variables?: V,
  token?: string,
): Promise<GraphQLResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: typeof doc === 'string' ? doc : print(doc), variables }),
  });
  return (await res.json()) as GraphQLResponse<T>;
}

/** The data of a reply that must carry no errors (the test fails showing them otherwise). */
export function dataOf<T>(res: GraphQLResponse<T>): T {
  expect(res.errors).toBeUndefined();
  return res.data!;
}

export async function loginToken(url: string, username: string, password = PASSWORD): Promise<string> {
  const res = await gql<{ login: { token: string } }, unknown>(
    url,
    `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`,
    { u: username, p: password },
  );
  if (!res.data?.login) throw new Error(`login failed: ${JSON.stringify(res.errors)}`);
  return res.data.login.token;
}

/** A real graphql-ws client subscribed to `document` as the holder of `token`, keeping every result's data. */
export function subscription<T>(
  wsUrl: string,
  token: string,
  document: TypedDocumentNode<T, Record<string, never>>,
): { results: T[]; dispose(): Promise<void> } {
  const results: T[] = [];
  const client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
  });
  client.subscribe<T>(
    { query: print(document) },
    { next: (r) => void (r.data && results.push(r.data)), error: () => undefined, complete: () => undefined },
  );
  return {
    results,
    async dispose() {
      await client.dispose();
    },
  };
}

/** Sign each user in (in parallel): their tokens, in the same order. */
export function loginTokens<const U extends readonly string[]>(
  url: string,
  usernames: U,
): Promise<{ -readonly [K in keyof U]: string }> {
  return Promise.all(usernames.map((u) => loginToken(url, u))) as Promise<{ -readonly [K in keyof U]: string }>;
}

type Batch = TrackUpdatesSubscription['trackUpdates'];
type TrackView = Batch['upserts'][number];

/** A real graphql-ws client subscribed to trackUpdates, keeping the picture as a UI would. */
export class TrackSubscriber {
  readonly batches: Batch[] = [];
  /** Date.now() when each batch arrived, parallel to `batches`. */
  readonly arrivals: number[] = [];
  readonly picture = new Map<string, TrackView>();
  /** Every track id ever delivered, for leak checks. */
  readonly everSeen = new Set<string>();
  errors: unknown[] = [];
  closed?: { code: number; reason: string };
  readonly client: Client;
  private dispose?: () => void;

  constructor(wsUrl: string, token: string | undefined, opts: { retry?: boolean } = {}) {
    this.client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: token === undefined ? {} : { authorization: `Bearer ${token}` },
      lazy: false,
      onNonLazyError: () => undefined, // the close is recorded in `closed`
      retryAttempts: opts.retry ? 100 : 0,
      retryWait: async () => new Promise((r) => setTimeout(r, 200)),
      shouldRetry: () => opts.retry === true,
      on: {
        closed: (event) => {
          const e = event as { code: number; reason: string };
          this.closed = { code: e.code, reason: e.reason };
        },
      },
    });
  }

  subscribe(): this {
    this.dispose = this.client.subscribe<TrackUpdatesSubscription>(
      { query: print(TrackUpdatesDocument) },
      {
        next: (result) => {
          if (result.errors) this.errors.push(...result.errors);
          const batch = result.data?.trackUpdates;
          if (batch) {
            if (batch.reset) this.picture.clear();
            for (const t of batch.upserts) {
              this.picture.set(t.id, t);
              this.everSeen.add(t.id);
            }
            for (const id of batch.removals) this.picture.delete(id);
            this.batches.push(batch);
            this.arrivals.push(Date.now());
          }
        },
        error: (err) => void this.errors.push(err),
        complete: () => undefined,
      },
    );
    return this;
  }

  /** Resolve when `predicate` holds; fail after `timeoutMs`, saying what was awaited and what had arrived. */
  async waitFor(what: string, predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
    await vi.waitFor(
      () => {
        if (!predicate())
          throw new Error(
            `timed out waiting for ${what}; ${this.batches.length} batches, picture: ${[...this.picture.keys()].join(',')}`,
          );
      },
      { timeout: timeoutMs, interval: 20 },
    );
  }

  async close() {
    this.dispose?.();
    await this.client.dispose();
  }
}
