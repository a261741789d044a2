import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { once } from 'node:events';
import { request } from 'node:http';
import { createClient } from 'graphql-ws';
import { print } from 'graphql';
import WebSocket from 'ws';
import { subjects, type AnomalyEvent, type TrackBatch } from '@tessera/schema';
import {
  AnomalyEventsDocument,
  LoginDocument,
  LogoutDocument,
  RefreshTokenDocument,
  RevokeSessionsDocument,
} from '@tessera/schema/operations';
import { MAX_SUBSCRIPTIONS_PER_CONNECTION } from '../src/server/websocket.ts';
import { makeTrack } from '../src/picture/test-tracks.ts';
import {
  gql,
  loginToken,
  PASSWORD,
  startTestGateway,
  startTestStack,
  TrackSubscriber,
  type GraphQLResponse,
  type TestGateway,
  type TestStack,
} from './helpers.ts';

let stack: TestStack;
let gw: TestGateway;

beforeAll(async () => {
  stack = await startTestStack();
  gw = stack.gw;
});

afterAll(async () => {
  await stack?.stop();
});

/** Open a raw WebSocket and report how it ended: the subprotocol agreed, or the refusal. */
function rawSocket(protocols: string[], headers: Record<string, string> = {}) {
  return new Promise<{ opened: boolean; protocol?: string; status?: number; closeCode?: number }>((resolve) => {
    const ws = new WebSocket(gw.wsUrl, protocols, { headers });
    ws.on('unexpected-response', (_req, res) => resolve({ opened: false, status: res.statusCode }));
    ws.on('error', () => resolve({ opened: false }));
    ws.on('open', () => {
      ws.on('close', (code) => resolve({ opened: true, protocol: ws.protocol, closeCode: code }));
      ws.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    });
  });
}

/** A GraphQL POST from a given local address (127.0.0.0/8 is all loopback), as if from another machine. */
function gqlFrom<T>(
  url: string,
  localAddress: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphQLResponse<T>> {
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        localAddress,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve(JSON.parse(text) as GraphQLResponse<T>));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const LOGIN = print(LoginDocument);

/** A POL anomaly event as large as the contract allows, so a stalled socket fills quickly. */
function bulkyAnomaly(n: number): AnomalyEvent {
  const at = new Date().toISOString();
  return {
    id: `POL-spoof-01:POSITION_JUMP:${n}`,
    trackId: 'POL-spoof-01',
    label: { policy: 'NATO', classification: 'UNCLASSIFIED', originator: 'POL', releasableTo: [] },
    fieldLabels: [],
    provenance: {
      nation: 'POL',
      system: 'tessera-detector',
      sourceId: 'kinematic-plausibility',
      observedAt: at,
      publishedAt: at,
      model: { name: 'kinematic-plausibility', version: '1' },
      inputs: { trackIds: ['POL-spoof-01'] },
    },
    kind: 'POSITION_JUMP',
    assessment: 'POSSIBLE_GNSS_SPOOFING',
    summary: `Position jumped ${n} times `.padEnd(300, '.'),
    evidence: Array.from({ length: 8 }, (_, i) => ({
      name: `evidence ${i}`,
      value: 5000 + i,
      threshold: 1075,
      unit: 'm/s',
    })),
    reports: Array.from({ length: 16 }, (_, i) => ({
      at,
      lat: 50 + i / 1000,
      lon: 23 + i / 1000,
      altM: 200 + i,
      speedMps: 50 + i,
    })),
    detectedAt: at,
  };
}

describe('API hardening', () => {
  it('refuses an over-deep query with the depth limit', async () => {
    const deep = '{ __schema { types { fields { type { ofType { ofType { ofType { ofType { name } } } } } } } } }';
    const res = await gql(gw.url, deep, {}, await loginToken(gw.url, 'pol-watch'));
    expect(res.data).toBeUndefined();
    expect(res.errors!.map((e) => e.message).join(' ')).toMatch(/depth/i);
    // Depth counts fields: the same nesting split over fragments is refused as well.
    const hidden =
      '{ __schema { ...T } } fragment T on __Schema { types { ...F } } fragment F on __Type { fields { type { ofType { ofType { ofType { ofType { name } } } } } } }';
    const split = await gql(gw.url, hidden, {}, await loginToken(gw.url, 'pol-watch'));
    expect(split.data).toBeUndefined();
    expect(split.errors!.map((e) => e.message).join(' ')).toMatch(/depth/i);
  });

  it('refuses introspection outside development mode', async () => {
    const res = await gql(gw.url, '{ __schema { types { name } } }', {}, await loginToken(gw.url, 'pol-watch'));
    expect(res.errors![0]!.message).toMatch(/introspection/i);
  });

  // maxDepth is 8; this schema nests at most 3 levels, so only the alias and token limits can bite.
  it('refuses an over-aliased query with a validation error and accepts the deepest real one', async () => {
    const token = await loginToken(gw.url, 'pol-watch');
    const aliases = Array.from({ length: 11 }, (_, i) => `a${i}: me { username }`).join(' ');
    const res = await gql(gw.url, `{ ${aliases} }`, {}, token);
    expect(res.errors![0]!.message).toMatch(/aliases/i);
    const deep = await gql(
      gw.url,
      '{ tracks { label { releasableTo } provenance { nation } position { lat } velocity { speedMps } } }',
      {},
      token,
    );
    expect(deep.errors).toBeUndefined();
  });

  it(`refuses the ${MAX_SUBSCRIPTIONS_PER_CONNECTION + 1}st subscription on one connection`, async () => {
    const token = await loginToken(gw.url, 'pol-watch');
    const client = createClient({
      url: gw.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    const outcomes: Promise<string>[] = [];
    const disposers: (() => void)[] = [];
    for (let i = 0; i <= MAX_SUBSCRIPTIONS_PER_CONNECTION; i++) {
      outcomes.push(
        new Promise((resolve) => {
          disposers.push(
            client.subscribe(
              { query: 'subscription { trackUpdates { seq } }' },
              {
                next: () => resolve('ok'),
                error: (e) => resolve(JSON.stringify(e)),
                complete: () => resolve('complete'),
              },
            ),
          );
        }),
      );
    }
    const results = await Promise.all(outcomes);
    expect(results.filter((r) => r === 'ok')).toHaveLength(MAX_SUBSCRIPTIONS_PER_CONNECTION);
    expect(results.at(-1)).toMatch(/TOO_MANY_SUBSCRIPTIONS/);
    disposers.forEach((d) => d());
    await client.dispose();
  });

  it('speaks only the graphql-transport-ws subprotocol', async () => {
    const legacy = await rawSocket(['graphql-ws']);
    expect(legacy.opened && legacy.protocol === 'graphql-ws').toBe(false);
    if (legacy.opened) expect(legacy.closeCode).toBe(4406);
    const current = await rawSocket(['graphql-transport-ws']);
    expect(current).toMatchObject({ opened: true, protocol: 'graphql-transport-ws' });
  });

  it('refuses a page from another origin, over WebSocket and HTTP', async () => {
    expect(await rawSocket(['graphql-transport-ws'], { origin: 'http://evil.example' })).toEqual({
      opened: false,
      status: 401,
    });
    const res = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      body: '{"query":"{ me { username } }"}',
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN_ORIGIN' } }] });
    const ok = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' },
      body: '{"query":"{ me { username } }"}',
    });
    expect(await ok.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] }); // past the origin check
  });

  it('ends a WebSocket session when its token expires (4401), so a refreshed token must be used', async () => {
    const short = await startTestGateway(stack.server.url, { tokenTtlS: 2 });
    try {
      const sub = new TrackSubscriber(short.wsUrl, await loginToken(short.url, 'pol-watch')).subscribe();
      await sub.waitFor('snapshot', () => sub.batches.length > 0);
      expect(sub.closed).toBeUndefined();
      await sub.waitFor('the socket to close at expiry', () => sub.closed !== undefined, 5000);
      expect(sub.closed!.code).toBe(4401);
      await sub.close();
    } finally {
      await short.stop();
    }
  });

  it('refreshes a valid token', async () => {
    const token = await loginToken(gw.url, 'pol-watch');
    gw.clock.advance(1000);
    const res = await gql<{ refreshToken: { token: string; user: { username: string } } }, unknown>(
      gw.url,
      'mutation { refreshToken { token user { username } } }',
      {},
      token,
    );
    expect(res.data!.refreshToken.user.username).toBe('pol-watch');
    expect(res.data!.refreshToken.token).not.toBe(token);
    const me = await gql(gw.url, '{ me { username } }', {}, res.data!.refreshToken.token);
    expect(me.errors).toBeUndefined();
  });

  it('locks out brute-force login per username with a typed error, even for the right password', async () => {
    const attempt = (password: string) =>
      gql(gw.url, 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
        u: 'ltu-watch',
        p: password,
      });
    for (let i = 0; i < 5; i++)
      expect((await attempt(`guess-${i}`)).errors![0]!.extensions!.code).toBe('BAD_CREDENTIALS');
    const locked = await attempt(PASSWORD);
    expect(locked.errors![0]).toMatchObject({
      message: expect.stringMatching(/Too many failed sign-in attempts\. Try again in \d+ s\./),
      extensions: { code: 'RATE_LIMITED' },
    });
    expect(
      (await gql(gw.url, 'mutation { login(username: "deu-watch", password: "correct horse") { token } }')).errors,
    ).toBeUndefined();
  });

  it('keeps every NATS feed going when an anomaly subscriber stops reading, and gives it the newest events', async () => {
    const token = await loginToken(gw.url, 'pol-watch');
    // A graphql-transport-ws client that subscribes and then stops reading its socket.
    const ws = new WebSocket(gw.wsUrl, 'graphql-transport-ws');
    await once(ws, 'open');
    const seen: string[] = [];
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { type: string; payload?: { data?: { anomalyEvents?: { id: string } } } };
      const id = msg.payload?.data?.anomalyEvents?.id;
      if (msg.type === 'next' && id) seen.push(id);
    });
    ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
    await once(ws, 'message'); // connection_ack
    ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: print(AnomalyEventsDocument) } }));
    // Publish until the subscription is live: the first event that arrives.
    let n = 0;
    await expect
      .poll(
        () => {
          if (seen.length === 0) gw.nats.nc.publish(subjects.anomalies('POL'), JSON.stringify(bulkyAnomaly(-1 - n++)));
          return seen.length;
        },
        { timeout: 5000, interval: 50 },
      )
      .toBeGreaterThan(0);
    ws.pause();

    // Far more than the socket buffers hold plus the 1024 pushes a subscription could once queue.
    const FLOOD = 6000;
    for (let n = 1; n <= FLOOD; n++) {
      gw.nats.nc.publish(subjects.anomalies('POL'), JSON.stringify(bulkyAnomaly(n)));
      if (n % 500 === 0) await gw.nats.nc.flush();
    }
    await gw.nats.nc.flush();

    // The gateway still reads NATS: a track published after the flood reaches a subscriber.
    const watcher = new TrackSubscriber(gw.wsUrl, token).subscribe();
    await watcher.waitFor('snapshot', () => watcher.batches.length > 0);
    const batch: TrackBatch = {
      source: { nation: 'POL', system: 'POL-FUSION' },
      seq: 1,
      publishedAt: new Date().toISOString(),
      upserts: [makeTrack('POL-after-flood')],
      removals: [],
    };
    gw.nats.nc.publish(subjects.trackBatch('POL'), JSON.stringify(batch));
    await watcher.waitFor('the track published after the flood', () => watcher.picture.has('POL-after-flood'));
    await watcher.close();

    // Reading again, the stalled subscriber gets what was in flight, then the newest events; the
    // oldest of the backlog were dropped.
    ws.resume();
    const last = bulkyAnomaly(FLOOD).id;
    await expect.poll(() => seen, { timeout: 15_000, interval: 50 }).toContain(last);
    expect(seen.length).toBeLessThan(FLOOD);
    ws.terminate();
  }, 60_000);
});

describe('sign-in and sessions', () => {
  // A gateway of its own: these tests fail logins on purpose and move its clock by hours.
  let auth: TestGateway;
  beforeAll(async () => {
    auth = await startTestGateway(stack.server.url);
  });
  afterAll(async () => {
    await auth?.stop();
  });
  const code = (res: GraphQLResponse<unknown>) => res.errors?.[0]?.extensions?.code;

  it('counts parallel attempts before the password check: only the free ones get a guess', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        gqlFrom(auth.url, '127.0.0.3', LOGIN, { username: 'ukr-watch', password: `guess-${i}` }),
      ),
    );
    const codes = attempts.map(code);
    expect(codes.filter((c) => c === 'BAD_CREDENTIALS')).toHaveLength(5);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(15);
  });

  it('backs off a username per address: guesses from elsewhere never make the real user wait', async () => {
    const guesses: unknown[] = [];
    for (let i = 0; i < 8; i++)
      guesses.push(code(await gqlFrom(auth.url, '127.0.0.2', LOGIN, { username: 'pol-cmdr', password: `guess-${i}` })));
    expect(guesses.slice(0, 5)).toEqual(Array(5).fill('BAD_CREDENTIALS'));
    expect(guesses.slice(5)).toEqual(Array(3).fill('RATE_LIMITED'));
    const real = await gqlFrom<{ login: { token: string } }>(auth.url, '127.0.0.1', LOGIN, {
      username: 'pol-cmdr',
      password: PASSWORD,
    });
    expect(real.errors).toBeUndefined();
    expect(real.data!.login.token).toBeTruthy();
  });

  it('lets an administrator end every session of a user: tokens refused, open sockets closed with 4403', async () => {
    const first = await loginToken(auth.url, 'pol-watch');
    const second = await loginToken(auth.url, 'pol-watch');
    const other = await loginToken(auth.url, 'ukr-watch');
    const sub = new TrackSubscriber(auth.wsUrl, first).subscribe();
    await sub.waitFor('snapshot', () => sub.batches.length > 0);

    expect(code(await gql(auth.url, RevokeSessionsDocument, { username: 'pol-watch' }, other))).toBe('FORBIDDEN');
    const admin = await loginToken(auth.url, 'admin');
    expect(code(await gql(auth.url, RevokeSessionsDocument, { username: 'nobody' }, admin))).toBe('NOT_FOUND');
    const revoked = await gql(auth.url, RevokeSessionsDocument, { username: 'pol-watch' }, admin);
    expect(revoked.errors).toBeUndefined();
    expect(Date.parse(revoked.data!.revokeSessions)).toBeLessThanOrEqual(auth.clock.now());

    for (const token of [first, second]) {
      const me = await gql(auth.url, '{ me { username } }', {}, token);
      expect(me.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'revoked' });
    }
    await sub.waitFor('the socket to close', () => sub.closed !== undefined, 5000);
    expect(sub.closed!.code).toBe(4403);
    await sub.close();
    const again = new TrackSubscriber(auth.wsUrl, first).subscribe();
    await again.waitFor('the old token to be refused', () => again.closed !== undefined, 5000);
    expect(again.closed!.code).toBe(4403);
    await again.close();

    // Other users go on; the user signs in again at once.
    expect((await gql(auth.url, '{ me { username } }', {}, other)).errors).toBeUndefined();
    const fresh = await loginToken(auth.url, 'pol-watch');
    expect((await gql(auth.url, '{ me { username } }', {}, fresh)).errors).toBeUndefined();
  });

  it("serves subscriptions over the WebSocket only, where a session's end closes them (not as an HTTP event stream)", async () => {
    const token = await loginToken(auth.url, 'ukr-cmdr');
    const ac = new AbortController();
    const res = await fetch(auth.url, {
      method: 'POST',
      signal: ac.signal,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'subscription { trackUpdates { seq reset } }' }),
    });
    const reader = res.body!.getReader();
    let text = '';
    for (const stop = Date.now() + 3000; !/"errors"|"data"/.test(text) && Date.now() < stop;) {
      const chunk = await Promise.race([reader.read(), new Promise<undefined>((r) => setTimeout(r, 500))]);
      if (chunk?.value) text += new TextDecoder().decode(chunk.value);
      if (chunk?.done) break;
    }
    ac.abort();
    expect(text).toContain('Subscriptions are served over WebSocket only');
    expect(text).not.toContain('trackUpdates');
  });

  it('signs a user out everywhere with logout', async () => {
    const phone = await loginToken(auth.url, 'ltu-watch');
    const desk = await loginToken(auth.url, 'ltu-watch');
    const res = await gql(auth.url, LogoutDocument, {}, desk);
    expect(res.data).toEqual({ logout: true });
    for (const token of [phone, desk])
      expect((await gql(auth.url, '{ me { username } }', {}, token)).errors![0]!.extensions!.reason).toBe('revoked');
    expect(code(await gql(auth.url, LogoutDocument, {}, desk))).toBe('UNAUTHENTICATED');
  });

  // Last: it moves this gateway's clock by half a day.
  it('never refreshes a session past its maximum age (12 h after sign-in)', async () => {
    const login = await gql(auth.url, LoginDocument, { username: 'deu-watch', password: PASSWORD });
    const signedInAt = auth.clock.now();
    const { sessionEndsAt } = login.data!.login;
    expect(Date.parse(sessionEndsAt) - signedInAt).toBeGreaterThan(12 * 3600_000 - 5000);
    expect(Date.parse(sessionEndsAt) - signedInAt).toBeLessThanOrEqual(12 * 3600_000);
    let token = login.data!.login.token;
    let expiresAt = login.data!.login.expiresAt;
    let refused: GraphQLResponse<unknown> | undefined;
    // Refresh every 50 minutes, as the web app does before a token expires.
    for (let i = 0; i < 20 && !refused; i++) {
      auth.clock.advance(50 * 60_000);
      const res = await gql(auth.url, RefreshTokenDocument, {}, token);
      if (res.errors) refused = res;
      else {
        token = res.data!.refreshToken.token;
        expiresAt = res.data!.refreshToken.expiresAt;
        expect(res.data!.refreshToken.sessionEndsAt).toBe(sessionEndsAt);
      }
    }
    expect(refused?.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'expired' });
    expect(Date.parse(expiresAt)).toBeLessThanOrEqual(Date.parse(sessionEndsAt));
    expect(auth.clock.now()).toBeLessThan(Date.parse(sessionEndsAt) + 50 * 60_000);
  });
});
