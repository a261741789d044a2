import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type StreamConfig } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import { z } from 'zod';
import {
  AIRSPACE_BUCKET,
  ALERT_BUCKET,
  AUDIT_STREAM,
  AUTHORITY_BUCKET,
  DEAD_LETTER_STREAM,
  OPERATOR_PERMISSIONS,
  REFERENCE_BUCKET,
  SERVICE_PERMISSIONS,
  fusionCentrePermissions,
  fusionCentreUser,
  inboxPrefix,
  interceptorAgentPermissions,
  interceptorAgentUser,
  kvStream,
  subjects,
  type ServiceName,
} from '@tessera/schema';
import { createRejector } from '../src/dead-letter.ts';
import { mirrorKvBucket } from '../src/kv-mirror.ts';
import { createLogger } from '../src/logger.ts';
import { natsAuthConfig } from '../src/nats-auth.ts';
import { connectNats, type NatsLink } from '../src/nats.ts';
import { startNatsServer, type NatsServer } from '../src/nats-server.ts';

/**
 * The NATS users of the stack against a real nats-server with the generated configuration: what
 * each may do on JetStream and on inboxes, and what it is refused. Who owns what is written down
 * here from the code (grep Kvm, consumers, streams in services/*, gateway), not derived from
 * permissions.ts, so a permission that drifts from the code fails here.
 */

const SERVICES = Object.keys(SERVICE_PERMISSIONS) as ServiceName[];
const NATIONS = ['POL', 'UKR'];
const AGENTS = NATIONS.map(interceptorAgentUser);
const FUSION = NATIONS.map(fusionCentreUser);

/** The bucket each service creates and writes (Kvm.create in its service.ts). */
const OWNS: Partial<Record<ServiceName, string>> = {
  twin: REFERENCE_BUCKET,
  detector: ALERT_BUCKET,
  authority: AUTHORITY_BUCKET,
  deconfliction: AIRSPACE_BUCKET,
};
/** The buckets each service mirrors (mirrorKvBucket, startReferenceFeed). */
const READS: Record<ServiceName, string[]> = {
  twin: [],
  gateway: [ALERT_BUCKET, AUTHORITY_BUCKET, AIRSPACE_BUCKET, REFERENCE_BUCKET],
  detector: [AIRSPACE_BUCKET, REFERENCE_BUCKET],
  authority: [AIRSPACE_BUCKET, REFERENCE_BUCKET],
  interceptor: [ALERT_BUCKET, AUTHORITY_BUCKET, AIRSPACE_BUCKET, REFERENCE_BUCKET],
  deconfliction: [AUTHORITY_BUCKET, REFERENCE_BUCKET],
};
/** The authority appends to the audit chain and reads it back; the gateway follows it (readAuditStream). */
const AUDIT_READERS: ServiceName[] = ['authority', 'gateway', 'deconfliction'];
const BUCKETS = [AUTHORITY_BUCKET, REFERENCE_BUCKET, ALERT_BUCKET, AIRSPACE_BUCKET];
const STREAMS = [...BUCKETS.map(kvStream), DEAD_LETTER_STREAM, AUDIT_STREAM];

const dir = mkdtempSync(join(tmpdir(), 'tessera-auth-'));
const logger = createLogger('nats-permissions-test', 'silent');
let server: NatsServer;
let operator: NatsConnection;
const password = (u: string) => `${u}-secret-${u}`;
/** One connection per user through the kit's connectNats (so with its inbox prefix), and the permission errors it got. */
const links = new Map<string, { link: NatsLink; errors: string[] }>();

beforeAll(async () => {
  const config = join(dir, 'nats.conf');
  writeFileSync(
    config,
    natsAuthConfig([
      ...Object.entries(SERVICE_PERMISSIONS).map(([user, permissions]) => ({
        user,
        password: password(user),
        permissions,
      })),
      ...NATIONS.map((n) => ({
        user: fusionCentreUser(n),
        password: password(fusionCentreUser(n)),
        permissions: fusionCentrePermissions(n),
      })),
      ...NATIONS.map((n) => ({
        user: interceptorAgentUser(n),
        password: password(interceptorAgentUser(n)),
        permissions: interceptorAgentPermissions(n),
      })),
      { user: 'operator', password: password('operator'), permissions: OPERATOR_PERMISSIONS },
    ]),
  );
  server = await startNatsServer({ args: ['-c', config] });
  operator = await connect({ servers: server.url, user: 'operator', pass: password('operator') });
  // The stack launcher (operator) makes the dead-letter and audit streams; plain settings, so only permissions protect them here.
  const jsm = await jetstreamManager(operator);
  await jsm.streams.add({ name: DEAD_LETTER_STREAM, subjects: [subjects.allDeadLetters] });
  await jsm.streams.add({ name: AUDIT_STREAM, subjects: [subjects.audit] });
  await jetstream(operator).publish(subjects.deadLetter('twin'), '{"letter":1}');
  for (const user of [...SERVICES, ...AGENTS, ...FUSION]) {
    const link = await connectNats({ url: server.url, name: `test-${user}`, user, pass: password(user), logger });
    const errors: string[] = [];
    void (async () => {
      for await (const s of link.nc.status()) if (s.type === 'error') errors.push(String(s.error));
    })();
    links.set(user, { link, errors });
  }
  // Each owner makes its own bucket with its own user, as the services do, and the authority appends the first audit record.
  for (const [service, bucket] of Object.entries(OWNS)) {
    const kv = await new Kvm(nc(service)).create(bucket, { history: 1, storage: 'file' });
    await kv.put('seed', '{"v":1}');
  }
  await jetstream(nc('authority')).publish(subjects.audit, '{"record":1}', { msgID: 'audit-1' });
});

afterAll(async () => {
  for (const { link } of links.values()) await link.nc.close();
  await operator?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function nc(user: string): NatsConnection {
  const l = links.get(user);
  if (!l) throw new Error(`no connection for ${user}`);
  return l.link.nc;
}
const errorsOf = (user: string) => links.get(user)!.errors;

const as = (user: string) =>
  connect({ servers: server.url, user, pass: password(user), inboxPrefix: inboxPrefix(user) });

function causes(err: unknown): unknown[] {
  const out: unknown[] = [];
  for (let e = err; e && out.length < 5; e = (e as { cause?: unknown }).cause) out.push(e);
  return out;
}
/** The call failed because the server refused to let `user` publish to `subject` (not a timeout, not a JetStream error). */
async function expectRefused(user: string, call: Promise<unknown>, subject: string): Promise<void> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, 'the call succeeded').toBeDefined();
  expect(causes(err).map(String).join('\n')).toContain(`Permissions Violation for Publish to "${subject}"`);
}

/** A plain publish (no reply expected) that the server refuses: the connection reports it. */
async function expectPublishRefused(user: string, subject: string, data: string): Promise<void> {
  const from = errorsOf(user).length;
  nc(user).publish(subject, data);
  await nc(user).flush();
  const refusal = `Permissions Violation for Publish to "${subject}"`;
  await expect.poll(() => errorsOf(user).slice(from).join('\n'), { timeout: 2000, interval: 10 }).toContain(refusal);
}

async function delivered(subject: string, publisher: NatsConnection): Promise<boolean> {
  let got = false;
  const sub = operator.subscribe(subject, { callback: () => void (got = true) });
  await operator.flush();
  publisher.publish(subject, 'x');
  await publisher.flush().catch(() => undefined);
  await new Promise((r) => setTimeout(r, 200));
  sub.unsubscribe();
  return got;
}

/** What the operator sees of a stream: enough to tell that nothing was purged, deleted or reconfigured. */
async function streamState(stream: string) {
  const info = await (await jetstreamManager(operator)).streams.info(stream);
  return {
    messages: info.state.messages,
    firstSeq: info.state.first_seq,
    lastSeq: info.state.last_seq,
    maxMsgs: info.config.max_msgs,
  };
}

async function firstValue<T>(iter: AsyncIterable<T>, timeoutMs = 3000): Promise<T> {
  const timer = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('nothing arrived')), timeoutMs));
  const first = (async () => {
    for await (const v of iter) return v;
    throw new Error('ended without a value');
  })();
  return Promise.race([first, timer]);
}

describe('NATS permissions per service', () => {
  it('refuses a connection without a valid user', async () => {
    await expect(connect({ servers: server.url })).rejects.toThrow(/Authorization/i);
    await expect(connect({ servers: server.url, user: 'twin', pass: 'wrong' })).rejects.toThrow(/Authorization/i);
  });

  it("lets a nation's fusion centre publish its own tracks only", async () => {
    const pol = nc(fusionCentreUser('POL'));
    expect(await delivered(subjects.trackBatch('POL'), pol)).toBe(true);
    expect(await delivered(subjects.trackBatch('UKR'), pol)).toBe(false);
    expect(errorsOf(fusionCentreUser('POL')).join()).toMatch(
      /Permissions Violation for Publish to "tessera\.v1\.tracks\.UKR"/,
    );
  });

  it("lets the twin run the simulation but refuses it tracks and the gateway's subjects", async () => {
    const twin = nc('twin');
    expect(await delivered(subjects.twinStatus, twin)).toBe(true);
    expect(await delivered(subjects.trackBatch('POL'), twin)).toBe(false);
    expect(await delivered(subjects.deadLetter('gateway'), twin)).toBe(false);
    expect(errorsOf('twin').join()).toMatch(/Permissions Violation for Publish to "tessera\.v1\.deadletter\.gateway"/);
  });

  it('lets the gateway read tracks but never publish them', async () => {
    const gateway = await as('gateway');
    const errors: string[] = [];
    void (async () => {
      for await (const s of gateway.status()) if (s.type === 'error') errors.push(String(s.error));
    })();
    expect(await delivered(subjects.trackBatch('UKR'), gateway)).toBe(false);
    expect(errors.join()).toMatch(/Permissions Violation for Publish to "tessera\.v1\.tracks\.UKR"/);
    const sub = gateway.subscribe(subjects.twinControl);
    expect(String(await sub.closed)).toMatch(/Permissions Violation for Subscription to "tessera\.v1\.twin\.control"/);
    await gateway.close();
  });
});

describe('inboxes: every user reads its replies under its own prefix only', () => {
  it.each([...SERVICES, ...AGENTS, ...FUSION])('%s connects with the inbox prefix _INBOX_<user>', (user) => {
    expect((nc(user) as unknown as { options: { inboxPrefix?: string } }).options.inboxPrefix).toBe(`_INBOX_${user}`);
    const subscribe = [...SERVICES].includes(user as ServiceName)
      ? SERVICE_PERMISSIONS[user as ServiceName].subscribe
      : AGENTS.includes(user)
        ? interceptorAgentPermissions(NATIONS[AGENTS.indexOf(user)]!).subscribe
        : fusionCentrePermissions(NATIONS[FUSION.indexOf(user)]!).subscribe;
    expect(subscribe.filter((s) => s.startsWith('_INBOX'))).toEqual(FUSION.includes(user) ? [] : [`_INBOX_${user}.>`]);
  });

  it('gets replies under the narrowed inboxes: gateway and agents ask the authority, the gateway acks an alert, the operator controls the twin', async () => {
    const answer = (responder: string, subject: string) =>
      nc(responder).subscribe(subject, { callback: (_e, m) => void m.respond(JSON.stringify({ reply: m.reply })) });
    const subs = [
      answer('authority', subjects.authorityFromGateway),
      answer('authority', subjects.allAuthorityAgentSubjects),
      answer('detector', subjects.alertAck),
      answer('twin', subjects.twinControl),
    ];
    await Promise.all(['authority', 'detector', 'twin'].map((u) => nc(u).flush()));
    const ask = async (user: NatsConnection, subject: string) =>
      z.object({ reply: z.string() }).parse((await user.request(subject, '{}', { timeout: 2000 })).json()).reply;
    expect(await ask(nc('gateway'), subjects.authorityFromGateway)).toMatch(/^_INBOX_gateway\./);
    expect(await ask(nc('gateway'), subjects.alertAck)).toMatch(/^_INBOX_gateway\./);
    expect(await ask(nc(interceptorAgentUser('POL')), subjects.authorityFromAgents('POL'))).toMatch(
      /^_INBOX_interceptor-pol\./,
    );
    expect(await ask(operator, subjects.twinControl)).toMatch(/^_INBOX\./);
    const pol = interceptorAgentUser('POL');
    await expectRefused(
      pol,
      nc(pol).request(subjects.authorityFromAgents('UKR'), '{}', { timeout: 2000 }),
      subjects.authorityFromAgents('UKR'),
    );
    await expectRefused(
      pol,
      nc(pol).request(subjects.authorityFromGateway, '{}', { timeout: 2000 }),
      subjects.authorityFromGateway,
    );
    for (const s of subs) s.unsubscribe();
  });

  it('lets no service publish into an inbox it was not asked on', async () => {
    expect(await delivered('_INBOX.somebody-else', nc('twin'))).toBe(false);
    expect(await delivered('_INBOX_gateway.somebody-else', nc('authority'))).toBe(false);
    expect(errorsOf('twin').join()).toMatch(/Permissions Violation for Publish to "_INBOX\.somebody-else"/);
    expect(errorsOf('authority').join()).toMatch(
      /Permissions Violation for Publish to "_INBOX_gateway\.somebody-else"/,
    );
  });

  const everybody = [...SERVICES, ...AGENTS, ...FUSION, 'operator'];
  const inboxRows = [...SERVICES, ...AGENTS, ...FUSION].flatMap((user) =>
    ['_INBOX.>', ...everybody.filter((o) => o !== user && o !== 'operator').map((o) => `${inboxPrefix(o)}.>`)].map(
      (inbox) => [user, inbox] as const,
    ),
  );
  it.each(inboxRows)('%s may not subscribe to %s', async (user, inbox) => {
    const sub = nc(user).subscribe(inbox);
    const closed = await Promise.race([
      sub.closed,
      new Promise<string>((r) => setTimeout(() => r('still subscribed'), 2000)),
    ]);
    expect(String(closed)).toContain(`Permissions Violation for Subscription to "${inbox}"`);
  });
});

describe('JetStream: what each service needs works', () => {
  const owners = Object.entries(OWNS) as [ServiceName, string][];
  it.each(owners)('%s creates, writes, reads, lists and watches its own bucket %s', async (service, bucket) => {
    const before = errorsOf(service).length;
    const kv = await new Kvm(nc(service)).create(bucket, { history: 1, storage: 'file' });
    const rev = await kv.put('owned.a', '{"v":1}');
    await kv.update('owned.a', '{"v":2}', rev);
    await kv.create('owned.b', '{"v":3}');
    expect((await kv.get('owned.a'))?.json()).toEqual({ v: 2 });
    const keys: string[] = [];
    for await (const k of await kv.keys('owned.>')) keys.push(k);
    expect(keys.sort()).toEqual(['owned.a', 'owned.b']);
    const watch = await kv.watch({ key: 'owned.a' });
    expect((await firstValue(watch)).json()).toEqual({ v: 2 });
    watch.stop();
    await kv.delete('owned.b');
    expect((await kv.get('owned.b'))?.operation).toBe('DEL');
    expect(errorsOf(service).slice(before)).toEqual([]);
  });

  const readerRows = SERVICES.flatMap((service) => READS[service].map((bucket) => [service, bucket] as const));
  it.each(readerRows)('%s gets, lists and watches %s (direct get and API get)', async (service, bucket) => {
    const before = errorsOf(service).length;
    const viaApi = await new Kvm(nc(service)).open(bucket);
    expect((await viaApi.get('seed'))?.json()).toEqual({ v: 1 });
    const direct: KV = await new Kvm(nc(service)).open(bucket, { allow_direct: true });
    expect((await direct.get('seed'))?.json()).toEqual({ v: 1 });
    const keys: string[] = [];
    for await (const k of await viaApi.keys()) keys.push(k);
    expect(keys).toContain('seed');
    const watch = await viaApi.watch({ key: 'seed' });
    expect((await firstValue(watch)).json()).toEqual({ v: 1 });
    watch.stop();
    expect(errorsOf(service).slice(before)).toEqual([]);
  });

  it.each(readerRows)(
    "%s mirrors %s with the kit's mirrorKvBucket, without a permission error",
    async (service, bucket) => {
      const before = errorsOf(service).length;
      const link = links.get(service)!.link;
      const mirror = mirrorKvBucket({
        link,
        logger,
        rejector: createRejector({ nc: link.nc, service, logger }),
        bucket,
        key: 'seed',
        schemaFor: () => z.object({ v: z.number() }),
      });
      await expect.poll(() => mirror.get('seed'), { timeout: 5000, interval: 20 }).toEqual({ v: 1 });
      mirror.stop();
      await link.nc.flush();
      expect(errorsOf(service).slice(before)).toEqual([]);
    },
  );

  it('the authority appends to the audit chain with an acknowledgement', async () => {
    const before = await streamState(AUDIT_STREAM);
    const ack = await jetstream(nc('authority')).publish(subjects.audit, '{"record":2}', {
      msgID: `audit-${before.lastSeq + 1}`,
      expect: { lastSequence: before.lastSeq },
    });
    expect(ack.seq).toBe(before.lastSeq + 1);
    expect(errorsOf('authority').filter((e) => e.includes(AUDIT_STREAM))).toEqual([]);
  });

  it.each(AUDIT_READERS)('%s reads the audit chain (stream info, message get, ordered consumer)', async (service) => {
    const before = errorsOf(service).length;
    const jsm = await jetstreamManager(nc(service));
    const info = await jsm.streams.info(AUDIT_STREAM);
    expect(info.state.last_seq).toBeGreaterThanOrEqual(1);
    expect((await jsm.streams.getMessage(AUDIT_STREAM, { seq: 1 }))?.json()).toEqual({ record: 1 });
    const consumer = await jetstream(nc(service)).consumers.get(AUDIT_STREAM, {
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: 1,
    });
    const batch = await consumer.fetch({ max_messages: info.state.last_seq, expires: 2000 });
    const seqs: number[] = [];
    for await (const m of batch) seqs.push(m.seq);
    expect(seqs[0]).toBe(1);
    await consumer.delete();
    expect(errorsOf(service).slice(before)).toEqual([]);
  });

  it.each(SERVICES)(
    "%s dead-letters into the operator's TESSERA_DEADLETTER stream with a plain publish",
    async (service) => {
      const before = await streamState(DEAD_LETTER_STREAM);
      nc(service).publish(subjects.deadLetter(service), '{"letter":true}');
      await nc(service).flush();
      await expect
        .poll(async () => (await streamState(DEAD_LETTER_STREAM)).messages, { timeout: 2000, interval: 20 })
        .toBe(before.messages + 1);
    },
  );
});

describe('JetStream: what no service may do', () => {
  /** Raw API calls, exactly the subjects nats.js sends (jsmstream_api.js, jsmconsumer_api.js). */
  const destructive: [string, (stream: string, config: StreamConfig) => [string, unknown]][] = [
    ['purge', (s) => [`$JS.API.STREAM.PURGE.${s}`, {}]],
    ['delete', (s) => [`$JS.API.STREAM.DELETE.${s}`, undefined]],
    ['update', (s, config) => [`$JS.API.STREAM.UPDATE.${s}`, { ...config, max_msgs: 1 }]],
    ['delete a message of', (s) => [`$JS.API.STREAM.MSG.DELETE.${s}`, { seq: 1 }]],
    [
      'add a durable consumer to',
      (s) => [
        `$JS.API.CONSUMER.DURABLE.CREATE.${s}.intruder`,
        { stream_name: s, config: { durable_name: 'intruder', ack_policy: AckPolicy.Explicit } },
      ],
    ],
  ];
  const ownStream = (service: ServiceName) =>
    [OWNS[service] && kvStream(OWNS[service]), service === 'authority' ? AUDIT_STREAM : undefined].filter(Boolean);
  const streamRows = SERVICES.flatMap((service) =>
    STREAMS.flatMap((stream) =>
      destructive.map(
        ([what, call]) =>
          [service, what, ownStream(service).includes(stream) ? `${stream} (its own)` : stream, stream, call] as const,
      ),
    ),
  );
  it.each(streamRows)('%s may not %s %s', async (service, _what, _label, stream, call) => {
    const before = await streamState(stream);
    const config = (await (await jetstreamManager(operator)).streams.info(stream)).config;
    const [subject, body] = call(stream, config);
    await expectRefused(
      service,
      nc(service).request(subject, body === undefined ? '' : JSON.stringify(body), { timeout: 2000 }),
      subject,
    );
    expect(await streamState(stream)).toEqual(before);
    const intruder = await (await jetstreamManager(operator)).consumers.info(stream, 'intruder').catch(() => undefined);
    expect(intruder).toBeUndefined();
  });

  const createRows = SERVICES.flatMap((service) =>
    STREAMS.filter((s) => !ownStream(service).includes(s)).map((stream) => [service, stream] as const),
  );
  it.each(createRows)('%s may not create %s (only its owner or the operator does)', async (service, stream) => {
    const config = (await (await jetstreamManager(operator)).streams.info(stream)).config;
    const subject = `$JS.API.STREAM.CREATE.${stream}`;
    await expectRefused(service, nc(service).request(subject, JSON.stringify(config), { timeout: 2000 }), subject);
  });

  /** KV writes; each is a JetStream publish to `$KV.<bucket>.<key>` expecting an acknowledgement. */
  const writes: [string, (kv: KV) => Promise<unknown>, string][] = [
    ['put a key into', (kv) => kv.put('intruder', '{"v":666}'), 'intruder'],
    ['delete a key of', (kv) => kv.delete('seed'), 'seed'],
    ['purge a key of', (kv) => kv.purge('seed'), 'seed'],
  ];
  const writeRows = [...SERVICES, ...AGENTS, ...FUSION].flatMap((user) =>
    BUCKETS.filter((b) => OWNS[user as ServiceName] !== b).flatMap((bucket) =>
      writes.map(([what, write, key]) => [user, what, bucket, write, key] as const),
    ),
  );
  it.each(writeRows)('%s may not %s the bucket %s', async (user, _what, bucket, write, key) => {
    const before = await streamState(kvStream(bucket));
    const kv = await new Kvm(nc(user)).open(bucket);
    // Refused as a publish, or (a user with no inbox at all) already for its reply inbox.
    await expect(write(kv)).rejects.toThrow(/Permissions Violation for (Publish to "\$KV\.|Subscription to "_INBOX_)/);
    // Without waiting for an acknowledgement, the subject itself is refused too.
    await expectPublishRefused(user, `$KV.${bucket}.${key}`, '{"v":666}');
    expect(await streamState(kvStream(bucket))).toEqual(before);
    const seed = await (await new Kvm(operator).open(bucket)).get('seed');
    expect(seed?.json()).toEqual({ v: 1 });
  });

  it("a reader's push consumer cannot deliver into a bucket it may not write", async () => {
    const jsm = await jetstreamManager(nc('gateway'));
    const before = await streamState(kvStream(AUTHORITY_BUCKET));
    const ci = await jsm.consumers.add(kvStream(REFERENCE_BUCKET), {
      name: 'redirect',
      deliver_subject: `$KV.${AUTHORITY_BUCKET}.seed`,
      ack_policy: AckPolicy.None,
      deliver_policy: DeliverPolicy.All,
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(await streamState(kvStream(AUTHORITY_BUCKET))).toEqual(before);
    await jsm.consumers.delete(kvStream(REFERENCE_BUCKET), ci.name);
  });
});
