import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_STREAM, subjects, type AuditActor, type AuditRecord } from '@tessera/schema';
import { connectNats, createLogger, type NatsLink } from '@tessera/service-kit';
import { startNatsServer, type NatsServer } from '@tessera/service-kit/nats-server';
import {
  AUDIT_STREAM_CONFIG,
  CorruptAuditRecordError,
  ensureAuditStream,
  GENESIS_HASH,
  readAuditStream,
  sealRecord,
  verifyChain,
} from '@tessera/service-kit/audit';
import { AuditConflictError, openAuditLog, type AuditLog } from '../src/audit/audit-log.ts';
import { testAuditKeys } from './support.ts';

/**
 * The audit log on a real nats-server with a JetStream file store: the chain continues across
 * reopening and server restarts, the stream refuses deleting and purging, a repeated publish is
 * stored once, a second writer is refused rather than forking the chain, and tampering with what is
 * stored, in memory or on disk, is reported at its seq by the verifier and by `./tessera audit verify`.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const logger = createLogger('audit-test', 'silent');
const { pems, keys } = testAuditKeys();
const tmp = mkdtempSync(join(tmpdir(), 'tessera-audit-test-'));
const publicKeyFile = join(tmp, 'audit.pub');
writeFileSync(publicKeyFile, pems.publicKeyPem);

const authority: AuditActor = { kind: 'SERVICE', id: 'authority', nation: null };
const users: AuditActor[] = [
  { kind: 'USER', id: 'pol-cmdr', nation: 'POL' },
  { kind: 'USER', id: 'ukr-cmdr', nation: 'UKR' },
  { kind: 'USER', id: 'pol-watch', nation: 'POL' },
];
const ACTIONS = ['REQUEST_CREATED', 'DECISION_APPROVE', 'REFUSED', 'STATE_CHANGED', 'WCS_CHANGED'];
const entry = (i: number) => ({
  actor: users[i % users.length]!,
  action: ACTIONS[i % ACTIONS.length]!,
  subject: i % 10 === 0 ? `sector-${i}` : `req-${Math.floor(i / 3)}`,
  details: { i, state: 'PENDING', reasons: [`rule ${i}`], nested: { ok: i % 2 === 0, by: null } },
});

async function collect(records: AsyncIterable<AuditRecord>): Promise<AuditRecord[]> {
  const out: AuditRecord[] = [];
  for await (const r of records) out.push(r);
  return out;
}

/** The second line of an OK verdict here: these tests run no notary (gateway/test/audit-anchor.test.ts does). */
const NO_ANCHORS = 'anchors: none, so a truncated tail cannot be detected\n';

/** Run `./tessera audit verify` (scripts/audit.ts) against a server with the test key. */
function verifyCommand(
  url: string,
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['scripts/audit.ts', 'verify'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          NATS_URL: url,
          NATS_USER: 'test',
          NATS_PASS: 'test',
          AUDIT_PUBLIC_KEY_FILE: publicKeyFile,
          ...env,
        },
      },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr }),
    );
  });
}

const streamFile = (server: NatsServer) =>
  join(server.storeDir, 'jetstream', '$G', 'streams', AUDIT_STREAM, 'msgs', '1.blk');

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('audit log on JetStream', () => {
  let server: NatsServer;
  let link: NatsLink;
  let jsm: JetStreamManager;
  /** Every record appended so far, as append() returned them. */
  const appended: AuditRecord[] = [];

  beforeAll(async () => {
    server = await startNatsServer();
    link = await connectNats({ url: server.url, name: 'audit-test-admin', logger });
    jsm = await jetstreamManager(link.nc);
  });
  afterAll(async () => {
    await link?.nc.close();
    await server?.stop();
  });

  it('appends 50 records in call order; a new audit log on the same stream continues at 51 from the stored head', async () => {
    const first = await connectNats({ url: server.url, name: 'authority-1', logger });
    const log = await openAuditLog({ nc: first.nc, keys, logger, actorDefaults: authority });
    expect(log.last()).toEqual({ seq: 0, hash: GENESIS_HASH });
    // all 50 at once: the log appends them one at a time, in the order they were asked for
    const records = await Promise.all(Array.from({ length: 50 }, (_, i) => log.append(entry(i + 1))));
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(records.map((r) => r.details.i)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    records.forEach((r, i) => expect(r.prevHash).toBe(i === 0 ? GENESIS_HASH : records[i - 1]!.hash));
    expect(log.last()).toEqual({ seq: 50, hash: records[49]!.hash });
    appended.push(...records);
    await first.nc.close();

    const second = await connectNats({ url: server.url, name: 'authority-2', logger });
    try {
      const reopened = await openAuditLog({ nc: second.nc, keys, logger, actorDefaults: authority });
      expect(reopened.last()).toEqual({ seq: 50, hash: records[49]!.hash });
      const r51 = await reopened.append({ action: 'STATE_CHANGED', subject: 'req-51', details: { after: 'reopen' } });
      expect(r51).toMatchObject({ seq: 51, prevHash: records[49]!.hash, actor: authority });
      appended.push(r51);
      const stored = await collect(reopened.records());
      expect(stored).toEqual(appended);
      expect(verifyChain(stored, keys.publicKey)).toEqual({ ok: true, count: 51, lastHash: r51.hash });
      expect((await collect(reopened.records(48))).map((r) => r.seq)).toEqual([48, 49, 50, 51]);
      expect(await collect(reopened.records(52))).toEqual([]);
    } finally {
      await second.nc.close();
    }
    const { state } = await jsm.streams.info(AUDIT_STREAM);
    expect(state).toMatchObject({ messages: 51, first_seq: 1, last_seq: 51 });
  });

  it('keeps the stream append-only: file storage, no limits, deleting, purging and weakening refused', async () => {
    // the settings themselves are specified in the service kit (stream.spec.ts): the server holds them
    const { config } = await jsm.streams.info(AUDIT_STREAM);
    expect(config).toMatchObject(AUDIT_STREAM_CONFIG);
    await expect(jsm.streams.deleteMessage(AUDIT_STREAM, 7)).rejects.toThrow(/message delete not permitted/);
    await expect(jsm.streams.deleteMessage(AUDIT_STREAM, 7, false)).rejects.toThrow(/message delete not permitted/);
    await expect(jsm.streams.purge(AUDIT_STREAM)).rejects.toThrow(/purge not permitted/);
    await expect(jsm.streams.purge(AUDIT_STREAM, { keep: 1 })).rejects.toThrow(/purge not permitted/);
    await expect(jsm.streams.update(AUDIT_STREAM, { ...config, deny_delete: false })).rejects.toThrow(
      /can not cancel deny message deletes/,
    );
    await expect(jsm.streams.update(AUDIT_STREAM, { ...config, deny_purge: false })).rejects.toThrow(
      /can not cancel deny purge/,
    );
    // a roll-up would purge everything before it
    await expect(jsm.streams.update(AUDIT_STREAM, { ...config, allow_rollup_hdrs: true })).rejects.toThrow(
      /roll-ups require the purge permission/,
    );
    const { state } = await jsm.streams.info(AUDIT_STREAM);
    expect(state).toMatchObject({ messages: 51, first_seq: 1, last_seq: 51 });
    expect(verifyChain(await collect(readAuditStream(link.nc)), keys.publicKey)).toMatchObject({ ok: true, count: 51 });
    // ensuring the stream again (every ./tessera up does) changes nothing
    await ensureAuditStream(jsm);
    expect((await jsm.streams.info(AUDIT_STREAM)).config).toMatchObject({
      deny_delete: true,
      deny_purge: true,
      max_age: 0,
    });
  });

  it('stores a repeated publish once, and refuses a second writer at the same seq instead of forking the chain', async () => {
    const js = jetstream(link.nc);
    // the same record again under its msgID (a retry after a lost acknowledgement): acknowledged, not stored
    const again = await js.publish(subjects.audit, JSON.stringify(appended[9]), { msgID: 'audit-10' });
    expect(again).toMatchObject({ seq: 10, duplicate: true });
    expect((await jsm.streams.info(AUDIT_STREAM)).state.messages).toBe(51);

    // two audit logs on the same stream: the one whose head is stale must not fork the chain
    const a = await connectNats({ url: server.url, name: 'writer-a', logger });
    const b = await connectNats({ url: server.url, name: 'writer-b', logger });
    try {
      const logA = await openAuditLog({ nc: a.nc, keys, logger, actorDefaults: authority });
      const logB = await openAuditLog({ nc: b.nc, keys, logger, actorDefaults: authority });
      const r52 = await logA.append({ action: 'STATE_CHANGED', subject: 'req-52', details: { by: 'A' } });
      // B still believes the head is 51: its seq 52 collides with A's (same msgID, other content)
      const refused = logB.append({ action: 'STATE_CHANGED', subject: 'req-52', details: { by: 'B' } });
      await expect(refused).rejects.toBeInstanceOf(AuditConflictError);
      await expect(refused).rejects.toThrow(
        /audit chain conflict at seq 52: another record with this seq is already stored/,
      );
      expect((await jsm.streams.info(AUDIT_STREAM)).state.messages).toBe(52);
      const r53 = await logA.append({ action: 'STATE_CHANGED', subject: 'req-53', details: { by: 'A' } });
      // after a refusal B re-reads the stored head (now A's 53) and continues the one chain
      const r54 = await logB.append({ action: 'STATE_CHANGED', subject: 'req-54', details: { by: 'B' } });
      expect(r54).toMatchObject({ seq: 54, prevHash: r53.hash });
      appended.push(r52, r53, r54);
      const stored = await collect(readAuditStream(link.nc));
      expect(stored).toEqual(appended);
      expect(verifyChain(stored, keys.publicKey)).toEqual({ ok: true, count: 54, lastHash: r54.hash });
    } finally {
      await a.nc.close();
      await b.nc.close();
    }
  });

  it('refuses an invalid entry without using up a seq', async () => {
    const log = await openAuditLog({ nc: link.nc, keys, logger });
    await expect(log.append({ action: 'STATE_CHANGED', subject: 'req-1' })).rejects.toThrow(/without an actor/);
    await expect(log.append({ actor: authority, action: 'not an action', subject: 'req-1' })).rejects.toThrow(
      /UPPER_SNAKE_CASE/,
    );
    await expect(
      log.append({ actor: authority, action: 'STATE_CHANGED', subject: 'req-1', details: { nope: undefined } }),
    ).rejects.toThrow();
    await expect(
      log.append({ actor: authority, action: 'STATE_CHANGED', subject: 'req-1', details: { n: NaN } }),
    ).rejects.toThrow();
    await expect(
      log.append({ actor: { ...authority, nation: 'Poland' }, action: 'STATE_CHANGED', subject: 'req-1' }),
    ).rejects.toThrow(/nation code/);
    await expect(
      log.append({ actor: authority, action: 'STATE_CHANGED', subject: 'req-1', at: 'yesterday' }),
    ).rejects.toThrow();
    const r = await log.append({
      actor: users[0]!,
      action: 'DECISION_APPROVE',
      subject: 'req-55',
      at: '2026-11-26T10:00:00.000Z',
    });
    expect(r).toMatchObject({ seq: 55, prevHash: appended[53]!.hash, at: '2026-11-26T10:00:00.000Z', details: {} });
    appended.push(r);
  });

  it('reads back a chain that verifies; a record altered after reading is reported at its seq', async () => {
    const stored = await collect(readAuditStream(link.nc));
    expect(stored).toHaveLength(55);
    expect(verifyChain(stored, keys.publicKey)).toEqual({ ok: true, count: 55, lastHash: appended[54]!.hash });
    expect(await verifyCommand(server.url)).toEqual({
      code: 0,
      stdout: `OK: 55 records, chain head ${appended[54]!.hash}\n` + NO_ANCHORS,
      stderr: '',
    });

    const tampered = structuredClone(stored);
    tampered[16]!.details.state = 'APPROVED';
    expect(verifyChain(tampered, keys.publicKey)).toMatchObject({
      ok: false,
      seq: 17,
      count: 16,
      reason: expect.stringMatching(/hash does not match the record content/),
    });
    const otherKey = testAuditKeys().keys.publicKey;
    expect(verifyChain(stored, otherKey)).toMatchObject({
      ok: false,
      seq: 1,
      reason: expect.stringMatching(/signature does not verify/),
    });
  });

  it('continues the chain unbroken through nats-server restarts, clean and killed, with appends waiting for the server', async () => {
    const writer = await connectNats({ url: server.url, name: 'authority-restarts', logger });
    try {
      const log = await openAuditLog({
        nc: writer.nc,
        keys,
        logger,
        actorDefaults: authority,
        publishTimeoutMs: 1_000,
      });
      expect(log.last()).toEqual({ seq: 55, hash: appended[54]!.hash });
      for (let i = 0; i < 5; i++) appended.push(await log.append(entry(100 + i)));

      await server.restart();
      for (let i = 0; i < 5; i++) appended.push(await log.append(entry(200 + i)));

      // killed (no clean shutdown), with appends asked for while it is down
      process.kill(server.pid, 'SIGKILL');
      let up = false;
      let settledWhileDown = 0;
      const whileDown = [log.append(entry(300)), log.append(entry(301)), log.append(entry(302))];
      for (const p of whileDown) p.finally(() => !up && settledWhileDown++).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 1_500)); // longer than publishTimeoutMs: the first attempt times out
      await server.restart();
      up = true;
      appended.push(...(await Promise.all(whileDown)));
      expect(settledWhileDown).toBe(0);
      for (let i = 0; i < 5; i++) appended.push(await log.append(entry(400 + i)));
      expect(log.last()).toEqual({ seq: 73, hash: appended[72]!.hash });

      const stored = await collect(readAuditStream(writer.nc));
      expect(stored.map((r) => r.seq)).toEqual(Array.from({ length: 73 }, (_, i) => i + 1));
      expect(stored).toEqual(appended);
      expect(verifyChain(stored, keys.publicKey)).toEqual({ ok: true, count: 73, lastHash: appended[72]!.hash });
      const admin = await jetstreamManager(writer.nc);
      expect((await admin.streams.info(AUDIT_STREAM)).state).toMatchObject({
        messages: 73,
        first_seq: 1,
        last_seq: 73,
      });
      // the duplicate window survived the kill: a repeated publish is still recognised
      const again = await jetstream(writer.nc).publish(subjects.audit, JSON.stringify(appended[72]), {
        msgID: 'audit-73',
      });
      expect(again).toMatchObject({ seq: 73, duplicate: true });
      expect(await verifyCommand(server.url)).toMatchObject({
        code: 0,
        stdout: `OK: 73 records, chain head ${appended[72]!.hash}\n` + NO_ANCHORS,
      });
    } finally {
      await writer.nc.close();
    }
  });
});

describe('audit log: tampering with the stored chain', () => {
  let server: NatsServer;
  let link: NatsLink;

  /** A server (on `storeDir` when given) with a chain of `n` records, each carrying a marker to find it on disk by. */
  async function freshChain(
    n: number,
    opts: { storeDir?: string } = {},
  ): Promise<{ log: AuditLog; records: AuditRecord[] }> {
    server = await startNatsServer(opts);
    link = await connectNats({ url: server.url, name: 'audit-tamper', logger });
    const log = await openAuditLog({ nc: link.nc, keys, logger, actorDefaults: authority });
    const records: AuditRecord[] = [];
    for (let i = 1; i <= n; i++)
      records.push(
        await log.append({
          action: 'STATE_CHANGED',
          subject: `req-${i}`,
          details: { marker: `MARK${String(i).padStart(4, '0')}` },
        }),
      );
    return { log, records };
  }
  async function stop() {
    await link?.nc.close();
    await server?.stop();
  }
  /** Run with a store directory of our own (the kit removes the one it makes when the server stops), then stop and remove it. */
  async function withOwnStore(run: (storeDir: string) => Promise<void>) {
    const storeDir = mkdtempSync(join(tmp, 'store-'));
    try {
      await run(storeDir);
    } finally {
      await stop();
      rmSync(storeDir, { recursive: true, force: true });
    }
  }

  /** Overwrite bytes of one record inside the stream's block file (same length), as an intruder with disk access would. */
  function editOnDisk(from: string, to: string) {
    const file = streamFile(server);
    const bytes = readFileSync(file);
    const at = bytes.indexOf(from);
    expect(at).toBeGreaterThan(0);
    bytes.write(to, at);
    writeFileSync(file, bytes);
  }

  it('reports a record altered on disk at its seq, in the middle and at the end of the chain', () =>
    withOwnStore(async (storeDir) => {
      await freshChain(20, { storeDir });
      await link.nc.close();
      await server.stop();
      editOnDisk('MARK0007', 'MARK9999');
      editOnDisk('MARK0020', 'MARK9998');
      await server.restart();
      link = await connectNats({ url: server.url, name: 'audit-tamper', logger });
      // the reader yields 1..6 and stops at 7, which the store can no longer read as it was written
      const read: AuditRecord[] = [];
      const failure = await (async () => {
        for await (const r of readAuditStream(link.nc)) read.push(r);
      })().catch((err: unknown) => err);
      expect(read.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(failure).toBeInstanceOf(CorruptAuditRecordError);
      expect(failure).toMatchObject({ seq: 7 });
      expect(await verifyCommand(server.url)).toMatchObject({
        code: 1,
        stdout: expect.stringMatching(/^BROKEN at seq 7: the stored message is missing or unreadable/),
      });
      // the last record is checked too (it is the chain head a restarted authority would continue from)
      await expect(collect(readAuditStream(link.nc, { fromSeq: 8 }))).rejects.toMatchObject({ seq: 20 });
      await expect(openAuditLog({ nc: link.nc, keys, logger })).rejects.toThrow(
        /audit record 20 as stored: the chain head is missing or unreadable/,
      );
    }));

  it('refuses to continue after a crash lost records, and reports where', () =>
    withOwnStore(async (storeDir) => {
      await freshChain(10, { storeDir });
      await link.nc.close();
      process.kill(server.pid, 'SIGKILL');
      await new Promise((r) => setTimeout(r, 300));
      // without a clean shutdown the store re-reads the block and drops everything from the bad record on
      editOnDisk('MARK0005', 'MARK9999');
      await server.restart();
      link = await connectNats({ url: server.url, name: 'audit-tamper', logger });
      const { state } = await (await jetstreamManager(link.nc)).streams.info(AUDIT_STREAM);
      expect(state.last_seq).toBeGreaterThan(state.messages);
      await expect(openAuditLog({ nc: link.nc, keys, logger })).rejects.toThrow(
        /records were lost; refusing to continue the chain/,
      );
      expect(await verifyCommand(server.url)).toMatchObject({
        code: 1,
        stdout: expect.stringMatching(/^BROKEN at seq 5: /),
      });
    }));

  it('a message that is not an audit record, or a record signed with another key, breaks the chain at its seq and stops the log', async () => {
    try {
      const { log, records } = await freshChain(3);
      const js = jetstream(link.nc);
      await js.publish(subjects.audit, JSON.stringify({ seq: 4, note: 'not an audit record' }));
      expect(await verifyCommand(server.url)).toMatchObject({
        code: 1,
        stdout: expect.stringMatching(/^BROKEN at seq 4: not an audit record/),
      });
      // the log that wrote 1..3 must not append after it: refused, and refused again after re-reading the head
      await expect(log.append({ action: 'STATE_CHANGED', subject: 'req-4' })).rejects.toThrow(
        /audit chain conflict at seq 4/,
      );
      expect((await (await jetstreamManager(link.nc)).streams.info(AUDIT_STREAM)).state.messages).toBe(4);
      await expect(log.append({ action: 'STATE_CHANGED', subject: 'req-4' })).rejects.toThrow(
        /audit record 4 as stored: not an audit record/,
      );
      await expect(openAuditLog({ nc: link.nc, keys, logger })).rejects.toBeInstanceOf(CorruptAuditRecordError);
      expect(records).toHaveLength(3);
    } finally {
      await stop();
    }
    try {
      const { records } = await freshChain(3);
      const forger = testAuditKeys().keys.privateKey;
      const forged = sealRecord(
        {
          seq: 4,
          at: new Date().toISOString(),
          actor: authority,
          action: 'DECISION_APPROVE',
          subject: 'req-4',
          details: {},
        },
        records[2]!.hash,
        forger,
      );
      await jetstream(link.nc).publish(subjects.audit, JSON.stringify(forged), {
        msgID: 'audit-4',
        expect: { lastSequence: 3 },
      });
      expect(await verifyCommand(server.url)).toMatchObject({
        code: 1,
        stdout: "BROKEN at seq 4: signature does not verify with the authority's public key\n",
      });
      await expect(openAuditLog({ nc: link.nc, keys, logger })).rejects.toThrow(
        /the chain head does not verify \(signature does not verify/,
      );
    } finally {
      await stop();
    }
  });

  it('./tessera audit verify: an empty chain is OK; without a stream, a key or a server it cannot check (exit 2)', async () => {
    try {
      server = await startNatsServer();
      link = await connectNats({ url: server.url, name: 'audit-empty', logger });
      expect(await verifyCommand(server.url)).toMatchObject({
        code: 2,
        stderr: expect.stringMatching(/no audit stream TESSERA_AUDIT/),
      });
      await ensureAuditStream(await jetstreamManager(link.nc));
      expect(await verifyCommand(server.url)).toEqual({
        code: 0,
        stdout: `OK: 0 records, chain head ${GENESIS_HASH}\n` + NO_ANCHORS,
        stderr: '',
      });
      expect(await verifyCommand(server.url, { AUDIT_PUBLIC_KEY_FILE: join(tmp, 'missing.pub') })).toMatchObject({
        code: 2,
        stdout: '',
        stderr: expect.stringMatching(/no audit public key at/),
      });
      expect(await verifyCommand('nats://127.0.0.1:1')).toMatchObject({
        code: 2,
        stdout: '',
        stderr: expect.stringMatching(/cannot connect to NATS/),
      });
    } finally {
      await stop();
    }
  });
});
