/**
 * `./tessera audit verify`: read the anchors (TESSERA_AUDIT_ANCHORS, checkpoints of the chain head
 * signed by the gateway's notary) and then the whole audit stream (TESSERA_AUDIT), and check the
 * chain with the authority's public key and against every anchor. Prints
 * `OK: N records, chain head <hash>` and a line about the anchors (exit 0), or
 * `BROKEN at seq S: <reason>` for the first broken record (exit 1): a record altered, missing or
 * badly signed, a tail cut off before the latest anchor (`truncated: ...`) or different at an
 * anchored seq (`rewritten: ...`). An anchor that is not valid is reported on its own line,
 * `BROKEN anchor <n>: <reason>` (exit 1). Exit 2 when it cannot check.
 *
 * NATS: NATS_URL (else the running stack's, from .data/stack.json), NATS_USER/NATS_PASS (else the
 * operator's generated credentials). Keys: AUDIT_PUBLIC_KEY_FILE (else .data/secrets/audit-ed25519.pub);
 * AUDIT_ANCHOR_PUBLIC_KEY_FILE (else audit-anchor-ed25519.pub next to the audit public key).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { AUDIT_ANCHOR_STREAM, type AuditAnchor } from '@tessera/schema';
import {
  AUDIT_ANCHOR_PUBLIC_KEY_NAME,
  AUDIT_PUBLIC_KEY_NAME,
  anchoredChainVerifier,
  CorruptAuditRecordError,
  latestAnchor,
  loadAuditPublicKey,
  readAuditAnchors,
  readAuditStream,
} from '@tessera/service-kit/audit';
import { ROOT, STACK_FILE } from './stack.ts';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const [command] = process.argv.slice(2);
if (command !== 'verify') fail('usage: ./tessera audit verify');

const natsUrl =
  process.env.NATS_URL ??
  (existsSync(STACK_FILE) ? (JSON.parse(readFileSync(STACK_FILE, 'utf8')) as { natsUrl: string }).natsUrl : undefined);
if (!natsUrl) fail('no running stack found; start one with ./tessera up or set NATS_URL');
const operatorSecret = join(ROOT, '.data', 'secrets', 'nats-operator');
const creds = process.env.NATS_USER
  ? { user: process.env.NATS_USER, pass: process.env.NATS_PASS ?? '' }
  : existsSync(operatorSecret)
    ? { user: 'operator', pass: readFileSync(operatorSecret, 'utf8').trim() }
    : {};
const keyFile = process.env.AUDIT_PUBLIC_KEY_FILE ?? join(ROOT, '.data', 'secrets', AUDIT_PUBLIC_KEY_NAME);
if (!existsSync(keyFile))
  fail(`no audit public key at ${keyFile}; ./tessera up generates it, or set AUDIT_PUBLIC_KEY_FILE`);
const publicKey = loadAuditPublicKey(keyFile);
const anchorKeyFile = process.env.AUDIT_ANCHOR_PUBLIC_KEY_FILE ?? join(dirname(keyFile), AUDIT_ANCHOR_PUBLIC_KEY_NAME);
const anchorKey = existsSync(anchorKeyFile) ? loadAuditPublicKey(anchorKeyFile) : undefined;

const nc = await connect({ servers: natsUrl, ...creds }).catch((err: unknown) =>
  fail(`cannot connect to NATS at ${natsUrl}: ${(err as Error).message}`),
);
try {
  // The anchors first: the chain read after them can only be longer than what they anchored, never shorter.
  const stored = anchorKey ? await readAuditAnchors(nc, anchorKey) : undefined;
  if (!anchorKey && (await hasAnchors())) {
    throw new Error(
      `no notary public key at ${anchorKeyFile} to check the anchors with; ./tessera up generates it, or set AUDIT_ANCHOR_PUBLIC_KEY_FILE`,
    );
  }
  const anchors = (stored ?? []).flatMap((s) => (s.anchor ? [s.anchor] : []));
  const badAnchors = (stored ?? []).flatMap((s) => (s.problem !== undefined ? [s] : []));

  const verifier = anchoredChainVerifier(publicKey, anchors);
  let corrupt: CorruptAuditRecordError | undefined;
  try {
    for await (const record of readAuditStream(nc)) {
      if (!verifier.add(record).ok) break;
    }
  } catch (err) {
    if (!(err instanceof CorruptAuditRecordError)) throw err;
    corrupt = err;
  }
  const verdict = verifier.result();
  const lines: string[] = [];
  // A chain cut off where it is unreadable is reported as unreadable, not as truncated by the anchors.
  if (!verdict.ok && !(corrupt && verdict.seq >= corrupt.seq))
    lines.push(`BROKEN at seq ${verdict.seq}: ${verdict.reason}`);
  else if (corrupt) lines.push(`BROKEN at seq ${corrupt.seq}: ${corrupt.reason}`);
  for (const bad of badAnchors.slice(0, 20)) lines.push(`BROKEN anchor ${bad.streamSeq}: ${bad.problem}`);
  if (badAnchors.length > 20) lines.push(`BROKEN anchors: ${badAnchors.length - 20} more`);
  const broken = lines.length > 0;
  if (verdict.ok && !corrupt) {
    const head = `${verdict.count} records, chain head ${verdict.lastHash}`;
    lines.push(broken ? `chain: ${head}` : `OK: ${head}`);
    lines.push(anchorLine(stored, anchors, verdict.count));
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  process.exitCode = broken ? 1 : 0;
} catch (err) {
  process.stderr.write(`cannot verify the audit chain: ${(err as Error).message}\n`);
  process.exitCode = 2;
} finally {
  await nc.close();
}

/** Whether the anchor stream holds anything (to refuse checking without the notary's key). */
async function hasAnchors(): Promise<boolean> {
  const info = await (await jetstreamManager(nc)).streams.info(AUDIT_ANCHOR_STREAM).catch(() => undefined);
  return (info?.state.messages ?? 0) > 0;
}

function anchorLine(stored: unknown[] | undefined, anchors: AuditAnchor[], count: number): string {
  if (stored === undefined)
    return anchorKey
      ? `anchors: no anchor stream ${AUDIT_ANCHOR_STREAM}, so a truncated tail cannot be detected`
      : 'anchors: none, so a truncated tail cannot be detected';
  const latest = latestAnchor(anchors);
  if (!latest)
    return stored.length === 0
      ? 'anchors: none yet, so a truncated tail cannot be detected'
      : 'anchors: none valid, so a truncated tail cannot be detected';
  const unanchored = count - latest.seq;
  return (
    `anchors: ${anchors.length}, latest for seq ${latest.seq} (signed by ${latest.notary} at ${latest.at})` +
    (unanchored > 0 ? `; records ${latest.seq + 1}-${count} are not anchored yet` : '')
  );
}
