/**
 * `./tessera audit verify`: read the whole audit stream (TESSERA_AUDIT) and check the chain with the
 * authority's public key. Prints `OK: N records, chain head <hash>` (exit 0) or
 * `BROKEN at seq S: <reason>` for the first broken record (exit 1); exit 2 when it cannot check.
 *
 * NATS: NATS_URL (else the running stack's, from .data/stack.json), NATS_USER/NATS_PASS (else the
 * operator's generated credentials). Key: AUDIT_PUBLIC_KEY_FILE (else .data/secrets/audit-ed25519.pub).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import {
  AUDIT_PUBLIC_KEY_NAME,
  chainVerifier,
  CorruptAuditRecordError,
  loadAuditPublicKey,
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

const nc = await connect({ servers: natsUrl, ...creds }).catch((err: unknown) =>
  fail(`cannot connect to NATS at ${natsUrl}: ${(err as Error).message}`),
);
try {
  const verifier = chainVerifier(publicKey);
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
  if (!verdict.ok) {
    process.stdout.write(`BROKEN at seq ${verdict.seq}: ${verdict.reason}\n`);
    process.exitCode = 1;
  } else if (corrupt) {
    process.stdout.write(`BROKEN at seq ${corrupt.seq}: ${corrupt.reason}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(`OK: ${verdict.count} records, chain head ${verdict.lastHash}\n`);
  }
} catch (err) {
  process.stderr.write(`cannot verify the audit chain: ${(err as Error).message}\n`);
  process.exitCode = 2;
} finally {
  await nc.close();
}
