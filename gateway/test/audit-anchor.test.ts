import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import {
  AUDIT_ANCHOR_STREAM,
  AUDIT_STREAM,
  OPERATOR_PERMISSIONS,
  SERVICE_PERMISSIONS,
  subjects,
  type AuditRecord,
} from '@tessera/schema';
import { connectNats, createLogger, natsAuthConfig, type NatsLink } from '@tessera/service-kit';
import { startNatsServer, type NatsServer } from '@tessera/service-kit/nats-server';
import {
  ensureAuditAnchorStream,
  ensureAuditStream,
  generateAuditKeys,
  GENESIS_HASH,
  privateKeyFromPem,
  publicKeyFromPem,
  sealRecord,
  signAnchor,
} from '@tessera/service-kit/audit';
import { startAuditNotary, type AuditNotary } from '../src/audit-notary.ts';

/**
 * Issue #15: a truncated tail of the audit chain must be detectable. The authority writes the chain
 * (its NATS user), the gateway's notary anchors it (its own user and key), and then the operator,
 * who alone may, cuts the tail off, or a compromised writer rewrites it and signs it again with the
 * authority's key: the real `./tessera audit verify` (scripts/audit.ts) passes before and reports
 * the tampering after, on a real nats-server with the stack's permissions.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** State reached over NATS (an anchor published, the notary noticing); generous for a loaded 2-core machine. */
const WAIT = { timeout: 30_000, interval: 50 };
/** Each test spawns `./tessera audit verify` several times (a node process each). */
const SLOW = { timeout: 120_000 };
const logger = createLogger('audit-anchor-test', 'silent');
const dir = mkdtempSync(join(tmpdir(), 'tessera-audit-anchor-'));
const password = (u: string) => `${u}-secret-${u}`;

const authorityPems = generateAuditKeys();
const notaryPems = generateAuditKeys();
const authorityKey = privateKeyFromPem(authorityPems.privateKeyPem);
const notaryKeys = {
  privateKey: privateKeyFromPem(notaryPems.privateKeyPem),
  publicKey: publicKeyFromPem(notaryPems.publicKeyPem),
};
const auditPublicKeyFile = join(dir, 'audit-ed25519.pub');
const anchorPublicKeyFile = join(dir, 'audit-anchor-ed25519.pub');
writeFileSync(auditPublicKeyFile, authorityPems.publicKeyPem);
writeFileSync(anchorPublicKeyFile, notaryPems.publicKeyPem);

let server: NatsServer;
let operator: NatsLink;
let authority: NatsLink;
let gateway: NatsLink;
const notaries: AuditNotary[] = [];

beforeAll(async () => {
  const config = join(dir, 'nats.conf');
  writeFileSync(
    config,
    natsAuthConfig([
      ...(['authority', 'gateway'] as const).map((user) => ({
        user,
        password: password(user),
        permissions: SERVICE_PERMISSIONS[user],
      })),
      { user: 'operator', password: password('operator'), permissions: OPERATOR_PERMISSIONS },
    ]),
  );
  server = await startNatsServer({ args: ['-c', config] });
  const as = (user: string) =>
    connectNats({ url: server.url, name: `test-${user}`, user, pass: password(user), logger });
  [operator, authority, gateway] = await Promise.all([as('operator'), as('authority'), as('gateway')]);
});

afterEach(async () => {
  for (const n of notaries.splice(0)) await n.stop();
  // A fresh pair of streams for the next test (the operator may delete them; no service may).
  const jsm = await jetstreamManager(operator.nc);
  for (const stream of [AUDIT_STREAM, AUDIT_ANCHOR_STREAM]) await jsm.streams.delete(stream).catch(() => undefined);
});

afterAll(async () => {
  for (const link of [operator, authority, gateway]) await link?.nc.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** What the launcher does: both streams, made by the operator. */
async function ensureStreams() {
  const jsm = await jetstreamManager(operator.nc);
  await ensureAuditStream(jsm);
  await ensureAuditAnchorStream(jsm);
}

/** Records `from`..`to` of a chain; `variant` changes their content (a rewritten chain is another variant). */
function seal(records: AuditRecord[], to: number, variant = 'original'): AuditRecord[] {
  const out = [...records];
  for (let seq = out.length + 1; seq <= to; seq++) {
    out.push(
      sealRecord(
        {
          seq,
          at: new Date(Date.UTC(2026, 10, 26, 10, 0, seq)).toISOString(),
          actor: { kind: 'USER', id: 'pol-cmdr', nation: 'POL' },
          action: variant === 'original' ? 'DECISION_APPROVE' : 'DECISION_DENY',
          subject: `req-${seq}`,
          details: { variant },
        },
        out[seq - 2]?.hash ?? GENESIS_HASH,
        authorityKey,
      ),
    );
  }
  return out;
}

/** Append records to the audit stream as `link` (the authority, or the operator re-publishing), as the audit log does. */
async function append(link: NatsLink, records: AuditRecord[]) {
  const js = jetstream(link.nc);
  for (const r of records) {
    await js.publish(subjects.audit, JSON.stringify(r), {
      msgID: `audit-${r.seq}`,
      expect: { lastSequence: r.seq - 1 },
    });
  }
}

/** The operator removes the chain and puts back `records` in its place (deleting the stream is the only way). */
async function replaceChain(records: AuditRecord[]) {
  const jsm = await jetstreamManager(operator.nc);
  await jsm.streams.delete(AUDIT_STREAM);
  await ensureAuditStream(jsm);
  await append(operator, records);
}

function notary(): AuditNotary {
  const n = startAuditNotary({
    link: gateway,
    logger,
    ...notaryKeys,
    cadence: { everyRecords: 10, everyMs: 100 },
    pollMs: 50,
  });
  notaries.push(n);
  return n;
}

async function anchoredBy(n: AuditNotary, seq: number) {
  await vi.waitFor(() => expect(n.status().anchored.seq).toBe(seq), WAIT);
}

/** The anchors in the stream, by the audit seq they anchor. */
async function anchoredSeqs(): Promise<number[]> {
  const jsm = await jetstreamManager(operator.nc);
  const last = (await jsm.streams.info(AUDIT_ANCHOR_STREAM)).state.last_seq;
  const seqs: number[] = [];
  for (let s = 1; s <= last; s++)
    seqs.push(((await jsm.streams.getMessage(AUDIT_ANCHOR_STREAM, { seq: s }))!.json() as { seq: number }).seq);
  return seqs;
}

/** Run `./tessera audit verify` (scripts/audit.ts) as the operator, with both public keys. */
function verifyCommand(env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['scripts/audit.ts', 'verify'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          NATS_URL: server.url,
          NATS_USER: 'operator',
          NATS_PASS: password('operator'),
          AUDIT_PUBLIC_KEY_FILE: auditPublicKeyFile,
          AUDIT_ANCHOR_PUBLIC_KEY_FILE: anchorPublicKeyFile,
          ...env,
        },
      },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr }),
    );
  });
}

describe('./tessera audit verify against the notary anchors', () => {
  it('detects a tail removed by the operator (truncated), which the chain alone cannot show', SLOW, async () => {
    await ensureStreams();
    const chain = seal([], 25);
    await append(authority, chain);
    const n = notary();
    await anchoredBy(n, 25);

    const before = await verifyCommand();
    expect(before).toMatchObject({ code: 0, stderr: '' });
    expect(before.stdout).toMatch(
      new RegExp(
        `^OK: 25 records, chain head ${chain[24]!.hash}\nanchors: 1, latest for seq 25 \\(signed by gateway at \\S+\\)\n$`,
      ),
    );

    // The operator cuts the last 8 records off: the remaining 17 are a perfectly valid chain.
    await replaceChain(chain.slice(0, 17));
    const after = await verifyCommand();
    expect(after.code, after.stderr).toBe(1);
    expect(after.stdout).toMatch(
      new RegExp(
        `^BROKEN at seq 18: truncated: the anchor signed by gateway at \\S+ says seq 25 has hash ${chain[24]!.hash}, the chain ends at seq 17\n$`,
      ),
    );
    // The running notary noticed too, and anchors nothing of the shorter chain.
    await vi.waitFor(
      () => expect(n.status().diverged).toMatch(/the audit chain ends at seq \d+, the notary saw seq 25/),
      WAIT,
    );
    await append(authority, seal(chain.slice(0, 17), 40, 'after').slice(17));
    expect(await anchoredSeqs()).toEqual([25]);
  });

  it(
    'detects a tail rewritten and re-signed with the authority key (a compromised writer) at the first anchor it contradicts',
    SLOW,
    async () => {
      await ensureStreams();
      const chain = seal([], 25);
      await append(authority, chain.slice(0, 12));
      expect(await verifyCommand()).toEqual({
        code: 0,
        stdout: `OK: 12 records, chain head ${chain[11]!.hash}\nanchors: none yet, so a truncated tail cannot be detected\n`,
        stderr: '',
      });
      const first = notary();
      await anchoredBy(first, 12);
      await first.stop();
      await append(authority, chain.slice(12));
      // A restarted notary continues after its last anchor.
      const n = notary();
      await anchoredBy(n, 25);
      expect(await anchoredSeqs()).toEqual([12, 25]);
      const before = await verifyCommand();
      expect(before).toMatchObject({ code: 0, stderr: '' });
      expect(before.stdout).toMatch(/^OK: 25 records, chain head [0-9a-f]{64}\nanchors: 2, latest for seq 25 /);

      // From seq 8 on, another history, longer than the original, every record validly sealed with the authority's key.
      const rewritten = seal(chain.slice(0, 7), 30, 'rewritten');
      await replaceChain(rewritten);
      const after = await verifyCommand();
      expect(after.code, after.stderr).toBe(1);
      expect(after.stdout).toBe(
        `BROKEN at seq 12: rewritten: ${await says(12, chain[11]!.hash)}, the chain has ${rewritten[11]!.hash}\n`,
      );
      await vi.waitFor(() => expect(n.status().diverged).toBeDefined(), WAIT);
      expect(await anchoredSeqs()).toEqual([12, 25]);
    },
  );

  it(
    'reports a forged anchor (not signed by the notary) on its own line, and cannot check anchors without the key',
    SLOW,
    async () => {
      await ensureStreams();
      const chain = seal([], 5);
      await append(authority, chain);
      const forger = privateKeyFromPem(generateAuditKeys().privateKeyPem);
      const forged = signAnchor(
        { notary: 'gateway', seq: 5, hash: chain[4]!.hash, at: new Date().toISOString() },
        forger,
      );
      await jetstream(operator.nc).publish(subjects.auditAnchor('gateway'), JSON.stringify(forged));
      expect(await verifyCommand()).toEqual({
        code: 1,
        stdout:
          "BROKEN anchor 1: signature does not verify with the notary's public key\n" +
          `chain: 5 records, chain head ${chain[4]!.hash}\nanchors: none valid, so a truncated tail cannot be detected\n`,
        stderr: '',
      });
      expect(await verifyCommand({ AUDIT_ANCHOR_PUBLIC_KEY_FILE: join(dir, 'missing.pub') })).toMatchObject({
        code: 2,
        stdout: '',
        stderr: expect.stringMatching(/no notary public key at .*missing\.pub/),
      });
    },
  );
});

/** How verify names an anchor: who signed it, when, and what it says (the `at` read from the stream). */
async function says(seq: number, hash: string): Promise<string> {
  const jsm = await jetstreamManager(operator.nc);
  const last = (await jsm.streams.info(AUDIT_ANCHOR_STREAM)).state.last_seq;
  for (let s = 1; s <= last; s++) {
    const a = (await jsm.streams.getMessage(AUDIT_ANCHOR_STREAM, { seq: s }))!.json() as { seq: number; at: string };
    if (a.seq === seq) return `the anchor signed by gateway at ${a.at} says seq ${seq} has hash ${hash}`;
  }
  throw new Error(`no anchor for seq ${seq}`);
}
