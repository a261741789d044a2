import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import {
  AUDIT_ANCHOR_STREAM,
  AUDIT_STREAM,
  OPERATOR_PERMISSIONS,
  SERVICE_PERMISSIONS,
  fusionCentrePermissions,
  fusionCentreUser,
  interceptorAgentPermissions,
  interceptorAgentUser,
  subjects,
  type ServiceName,
} from '@tessera/schema';
import {
  AUDIT_ANCHOR_STREAM_CONFIG,
  ensureAuditAnchorStream,
  ensureAuditStream,
  generateAuditKeys,
  GENESIS_HASH,
  privateKeyFromPem,
  signAnchor,
} from '../src/audit/index.ts';
import { createLogger } from '../src/logger.ts';
import { natsAuthConfig } from '../src/nats-auth.ts';
import { connectNats, type NatsLink } from '../src/nats.ts';
import { startNatsServer, type NatsServer } from '../src/nats-server.ts';

/**
 * The anchors of the audit chain are written by the notary (the gateway's NATS user) only, and
 * nobody but the operator may remove or change them: the authority, which writes the chain, can
 * neither publish an anchor nor delete, purge or reconfigure the anchor stream, so it cannot hide a
 * truncated or rewritten tail. On a real nats-server with the stack's generated users.
 */
const SERVICES = Object.keys(SERVICE_PERMISSIONS) as ServiceName[];
const OTHERS = [fusionCentreUser('POL'), interceptorAgentUser('POL')];
const NOT_NOTARY = [...SERVICES.filter((s) => s !== 'gateway'), ...OTHERS];
/** A refusal shows in the client's status within this (the server answers at once). */
const REFUSAL = { timeout: 5_000, interval: 20 };

const dir = mkdtempSync(join(tmpdir(), 'tessera-anchor-perm-'));
const logger = createLogger('anchor-permissions-test', 'silent');
const password = (u: string) => `${u}-pw-${u}`;
const notaryKey = privateKeyFromPem(generateAuditKeys().privateKeyPem);
let server: NatsServer;
let operator: NatsConnection;
const links = new Map<string, { link: NatsLink; errors: string[] }>();

const anchor = (seq: number) =>
  JSON.stringify(
    signAnchor(
      {
        notary: 'gateway',
        seq,
        hash: seq === 1 ? GENESIS_HASH.replace(/^0/, '1') : GENESIS_HASH,
        at: new Date().toISOString(),
      },
      notaryKey,
    ),
  );

beforeAll(async () => {
  const config = join(dir, 'nats.conf');
  writeFileSync(
    config,
    natsAuthConfig([
      ...SERVICES.map((user) => ({ user, password: password(user), permissions: SERVICE_PERMISSIONS[user] })),
      { user: OTHERS[0]!, password: password(OTHERS[0]!), permissions: fusionCentrePermissions('POL') },
      { user: OTHERS[1]!, password: password(OTHERS[1]!), permissions: interceptorAgentPermissions('POL') },
      { user: 'operator', password: password('operator'), permissions: OPERATOR_PERMISSIONS },
    ]),
  );
  server = await startNatsServer({ args: ['-c', config] });
  operator = await connect({ servers: server.url, user: 'operator', pass: password('operator') });
  const jsm = await jetstreamManager(operator);
  await ensureAuditStream(jsm);
  await ensureAuditAnchorStream(jsm);
  for (const user of [...SERVICES, ...OTHERS]) {
    const link = await connectNats({ url: server.url, name: `test-${user}`, user, pass: password(user), logger });
    const errors: string[] = [];
    void (async () => {
      for await (const s of link.nc.status()) if (s.type === 'error') errors.push(String(s.error));
    })();
    links.set(user, { link, errors });
  }
  // The notary's first anchor, so that there is something to delete.
  await jetstream(nc('gateway')).publish(subjects.auditAnchor('gateway'), anchor(1), { msgID: 'anchor-gateway-1' });
});

afterAll(async () => {
  for (const { link } of links.values()) await link.nc.close();
  await operator?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const nc = (user: string) => links.get(user)!.link.nc;

async function anchorStreamState() {
  const info = await (await jetstreamManager(operator)).streams.info(AUDIT_ANCHOR_STREAM);
  return { messages: info.state.messages, lastSeq: info.state.last_seq, config: info.config };
}

/**
 * The call failed because the server refused `subject` to this user (not a timeout, not a JetStream
 * error); with `orInbox`, a user without any inbox may already be refused its reply inbox.
 */
async function expectRefused(call: Promise<unknown>, subject: string, orInbox = false): Promise<void> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, 'the call succeeded').toBeDefined();
  const chain: string[] = [];
  for (let e = err; e && chain.length < 5; e = (e as { cause?: unknown }).cause) chain.push(String(e));
  const refusal = `Permissions Violation for Publish to "${subject}"`;
  if (orInbox && chain.join('\n').includes('Permissions Violation for Subscription to "_INBOX_')) return;
  expect(chain.join('\n')).toContain(refusal);
}

describe('who may publish anchors', () => {
  it('the gateway (the notary) publishes its anchors with an acknowledgement and reads its last one back', async () => {
    const before = await anchorStreamState();
    const ack = await jetstream(nc('gateway')).publish(subjects.auditAnchor('gateway'), anchor(2), {
      msgID: 'anchor-gateway-2',
    });
    expect(ack).toMatchObject({ stream: AUDIT_ANCHOR_STREAM, seq: before.lastSeq + 1, duplicate: false });
    const last = await (
      await jetstreamManager(nc('gateway'))
    ).streams.getMessage(AUDIT_ANCHOR_STREAM, { last_by_subj: subjects.auditAnchor('gateway') });
    expect(last?.json()).toMatchObject({ notary: 'gateway', seq: 2 });
    expect(links.get('gateway')!.errors).toEqual([]);
  });

  it('the gateway may not publish in the name of another notary', async () => {
    const subject = subjects.auditAnchor('authority');
    await expectRefused(jetstream(nc('gateway')).publish(subject, anchor(3)), subject);
  });

  it.each(NOT_NOTARY)('%s may not publish an anchor (acknowledged or plain)', async (user) => {
    const before = await anchorStreamState();
    for (const subject of [subjects.auditAnchor('gateway'), subjects.auditAnchor(user.replace(/[^\w-]/g, '_'))]) {
      await expectRefused(
        jetstream(nc(user)).publish(subject, anchor(9), { msgID: `anchor-x-${user}` }),
        subject,
        OTHERS.includes(user),
      );
      const from = links.get(user)!.errors.length;
      nc(user).publish(subject, anchor(9));
      await nc(user).flush();
      await expect
        .poll(() => links.get(user)!.errors.slice(from).join('\n'), REFUSAL)
        .toContain(`Permissions Violation for Publish to "${subject}"`);
    }
    expect((await anchorStreamState()).lastSeq).toBe(before.lastSeq);
  });

  it('the authority (the chain writer) may not publish an anchor on the audit subject either: the streams are apart', () => {
    expect(AUDIT_ANCHOR_STREAM_CONFIG.subjects).toEqual([subjects.allAuditAnchors]);
    expect(subjects.auditAnchor('gateway')).not.toBe(subjects.audit);
    expect(SERVICE_PERMISSIONS.authority.publish).not.toContain(subjects.allAuditAnchors);
  });
});

describe('nobody but the operator removes or changes anchors', () => {
  const destructive: [string, (config: object) => [string, string]][] = [
    ['purge', () => [`$JS.API.STREAM.PURGE.${AUDIT_ANCHOR_STREAM}`, '{}']],
    ['delete', () => [`$JS.API.STREAM.DELETE.${AUDIT_ANCHOR_STREAM}`, '']],
    ['update', (c) => [`$JS.API.STREAM.UPDATE.${AUDIT_ANCHOR_STREAM}`, JSON.stringify({ ...c, max_msgs: 1 })]],
    ['delete a message of', () => [`$JS.API.STREAM.MSG.DELETE.${AUDIT_ANCHOR_STREAM}`, '{"seq":1}']],
  ];
  const rows = SERVICES.flatMap((service) => destructive.map(([what, call]) => [service, what, call] as const));

  it.each(rows)('%s may not %s the anchor stream', async (service, _what, call) => {
    const before = await anchorStreamState();
    const [subject, body] = call(before.config);
    await expectRefused(nc(service).request(subject, body, { timeout: 2000 }), subject);
    expect(await anchorStreamState()).toEqual(before);
  });

  it.each(NOT_NOTARY.filter((u) => SERVICES.includes(u as ServiceName)))(
    '%s may not create the anchor stream',
    async (service) => {
      const subject = `$JS.API.STREAM.CREATE.${AUDIT_ANCHOR_STREAM}`;
      await expectRefused(
        nc(service).request(subject, JSON.stringify(AUDIT_ANCHOR_STREAM_CONFIG), { timeout: 2000 }),
        subject,
      );
    },
  );

  it('the stream itself refuses deleting and purging anchors, even to the operator, and both audit streams are append-only', async () => {
    const jsm = await jetstreamManager(operator);
    await expect(jsm.streams.deleteMessage(AUDIT_ANCHOR_STREAM, 1)).rejects.toThrow(/message delete not permitted/i);
    await expect(jsm.streams.purge(AUDIT_ANCHOR_STREAM)).rejects.toThrow(/purge not permitted/i);
    for (const stream of [AUDIT_STREAM, AUDIT_ANCHOR_STREAM]) {
      expect((await jsm.streams.info(stream)).config).toMatchObject({ deny_delete: true, deny_purge: true });
    }
  });
});
