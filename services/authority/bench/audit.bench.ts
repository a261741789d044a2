// Audit chain cost: sealing (canonical JSON, SHA-256, Ed25519 signature) and verifying (links,
// recomputed hashes, signatures) 100,000 records on one core; then the JetStream audit log on a
// real nats-server: appends one at a time (each waits for its acknowledgement), and reading the
// stream back and verifying it.
import { createHash } from 'node:crypto';
import type { AuditRecord, AuditRecordBody } from '@tessera/schema';
import { connectNats, createLogger } from '@tessera/service-kit';
import { startNatsServer } from '@tessera/service-kit/nats-server';
import { canonicalJson, GENESIS_HASH, readAuditStream, sealRecord, verifyChain } from '@tessera/service-kit/audit';
import { openAuditLog } from '../src/audit/audit-log.ts';
import { testAuditKeys } from '../test/support.ts';

const N = 100_000;
const { keys } = testAuditKeys();
const T0 = Date.parse('2026-11-26T10:00:00.000Z');

// A typical record: a decision on an engagement request with a few details.
const body = (seq: number): AuditRecordBody => ({
  seq,
  at: new Date(T0 + seq * 100).toISOString(),
  actor: { kind: 'USER', id: `pol-cmdr-${seq % 5}`, nation: 'POL' },
  action: 'DECISION_APPROVE',
  subject: `req-${seq >> 2}`,
  details: {
    state: 'APPROVED',
    version: (seq % 4) + 1,
    reason: 'hostile UAS inbound to depot, friendlies clear',
    effectorId: 'pol-gun-2',
    situation: { trackId: `pol-t${seq}`, identity: 'HOSTILE' },
  },
});
const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString('en-US')} records/s`;
const time = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
};

const bodies = Array.from({ length: N }, (_, i) => body(i + 1));
const [, hashMs] = time(() => {
  let prev = GENESIS_HASH;
  for (const b of bodies)
    prev = createHash('sha256')
      .update(canonicalJson({ ...b, prevHash: prev }))
      .digest('hex');
});
const [records, sealMs] = time(() => {
  const out: AuditRecord[] = [];
  let prev = GENESIS_HASH;
  for (const b of bodies) {
    const r = sealRecord(b, prev, keys.privateKey);
    out.push(r);
    prev = r.hash;
  }
  return out;
});
const [verdict, verifyMs] = time(() => verifyChain(records, keys.publicKey));
if (!verdict.ok || verdict.count !== N) throw new Error(`chain did not verify: ${JSON.stringify(verdict)}`);
const bytes = records.reduce((sum, r) => sum + JSON.stringify(r).length, 0);
console.log(
  `audit chain, ${N.toLocaleString('en-US')} records (${Math.round(bytes / N)} bytes each as JSON), one core:`,
);
console.log(`  canonical JSON + SHA-256 only: ${(hashMs / 1000).toFixed(2)} s (${rate(N, hashMs)})`);
console.log(`  seal (hash + Ed25519 sign):    ${(sealMs / 1000).toFixed(2)} s (${rate(N, sealMs)})`);
console.log(`  verify (links, hash, Ed25519): ${(verifyMs / 1000).toFixed(2)} s (${rate(N, verifyMs)})`);

// The audit log on JetStream (file storage): sequential appends, then read back and verify.
const M = 5_000;
const logger = createLogger('audit-bench', 'silent');
const server = await startNatsServer();
const link = await connectNats({ url: server.url, name: 'audit-bench', logger });
try {
  const log = await openAuditLog({
    nc: link.nc,
    keys,
    logger,
    actorDefaults: { kind: 'SERVICE', id: 'authority', nation: null },
  });
  const latencies: number[] = [];
  const t0 = performance.now();
  for (let i = 1; i <= M; i++) {
    const t = performance.now();
    const b = body(i);
    await log.append({ actor: b.actor, action: b.action, subject: b.subject, details: b.details });
    latencies.push(performance.now() - t);
  }
  const appendMs = performance.now() - t0;
  // the queue: all at once, still one publish at a time
  const t1 = performance.now();
  await Promise.all(
    Array.from({ length: M }, (_, i) => log.append({ action: 'STATE_CHANGED', subject: `req-${i}`, details: { i } })),
  );
  const queuedMs = performance.now() - t1;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.floor((latencies.length - 1) * p)]!.toFixed(2);
  const t2 = performance.now();
  const stored: AuditRecord[] = [];
  for await (const r of readAuditStream(link.nc)) stored.push(r);
  const readMs = performance.now() - t2;
  const [v, vMs] = time(() => verifyChain(stored, keys.publicKey));
  if (!v.ok || v.count !== 2 * M) throw new Error(`stored chain did not verify: ${JSON.stringify(v)}`);
  console.log(`audit log on JetStream (file storage, local nats-server):`);
  console.log(
    `  ${M.toLocaleString('en-US')} appends one after another: ${rate(M, appendMs)}, per append p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms`,
  );
  console.log(`  ${M.toLocaleString('en-US')} appends asked for at once (queued): ${rate(M, queuedMs)}`);
  console.log(
    `  read back ${(2 * M).toLocaleString('en-US')} records: ${rate(2 * M, readMs)}; verify: ${rate(2 * M, vMs)}`,
  );
} finally {
  await link.nc.close();
  await server.stop();
}
