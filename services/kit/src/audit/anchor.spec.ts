import { verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AuditAnchor, subjects, type AuditRecord, type AuditRecordBody } from '@tessera/schema';
import {
  ANCHOR_SIGNING_CONTEXT,
  anchorDue,
  anchoredChainVerifier,
  anchorProblem,
  anchorSigningBytes,
  checkStoredAnchor,
  continuationProblem,
  latestAnchor,
  signAnchor,
  verifyAnchoredChain,
} from './anchor.ts';
import {
  canonicalJson,
  GENESIS_HASH,
  generateAuditKeys,
  privateKeyFromPem,
  publicKeyFromPem,
  sealRecord,
} from './chain.ts';

const pair = () => {
  const { privateKeyPem, publicKeyPem } = generateAuditKeys();
  return { privateKey: privateKeyFromPem(privateKeyPem), publicKey: publicKeyFromPem(publicKeyPem) };
};
const authority = pair();
const notary = pair();
const T0 = Date.parse('2026-11-26T10:00:00.000Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

function body(seq: number, action = 'STATE_CHANGED'): AuditRecordBody {
  return {
    seq,
    at: at(seq),
    actor: { kind: 'SERVICE', id: 'authority', nation: null },
    action,
    subject: `req-${seq}`,
    details: { seq },
  };
}

/** A valid chain of `n` records; from `from` on, with another action (a rewritten, re-signed tail). */
function chain(n: number, rewriteFrom = Infinity): AuditRecord[] {
  const records: AuditRecord[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const r = sealRecord(body(seq, seq >= rewriteFrom ? 'DECISION_DENY' : 'STATE_CHANGED'), prev, authority.privateKey);
    records.push(r);
    prev = r.hash;
  }
  return records;
}

const anchorOf = (r: AuditRecord, s = r.seq + 0.5) =>
  signAnchor({ notary: 'gateway', seq: r.seq, hash: r.hash, at: at(s) }, notary.privateKey);
const stored = (anchor: unknown, subject = subjects.auditAnchor('gateway')) =>
  checkStoredAnchor(7, subject, new TextEncoder().encode(JSON.stringify(anchor)), notary.publicKey);

const records = chain(100);
const anchors = [10, 20, 30, 40, 50, 60].map((s) => anchorOf(records[s - 1]!));

describe('signAnchor / anchorProblem', () => {
  it("signs the context and the canonical anchor with the notary's key", () => {
    const a = anchorOf(records[9]!);
    expect(AuditAnchor.parse(a)).toEqual(a);
    const { signature, ...unsigned } = a;
    const bytes = Buffer.from(ANCHOR_SIGNING_CONTEXT + canonicalJson(unsigned));
    expect(anchorSigningBytes(a)).toEqual(bytes);
    expect(verify(null, bytes, notary.publicKey, Buffer.from(signature, 'base64'))).toBe(true);
    expect(anchorProblem(a, notary.publicKey)).toBeUndefined();
  });

  it('reports every field changed after signing, another key, and a malformed signature', () => {
    const a = anchorOf(records[9]!);
    for (const changed of [
      { ...a, seq: 11 },
      { ...a, hash: records[10]!.hash },
      { ...a, at: at(99) },
      { ...a, notary: 'other' },
      { ...a, signature: anchorOf(records[19]!).signature },
    ]) {
      expect(anchorProblem(changed, notary.publicKey)).toBe("signature does not verify with the notary's public key");
    }
    expect(anchorProblem(a, authority.publicKey)).toMatch(/does not verify/);
    expect(anchorProblem({ ...a, signature: a.signature.replace(/==$/, '=\n=') }, notary.publicKey)).toMatch(
      /not a base64 Ed25519 signature/,
    );
    // the authority's signature of a record hash never passes as an anchor signature
    expect(anchorProblem({ ...a, signature: records[9]!.signature }, authority.publicKey)).toMatch(/does not verify/);
  });

  it('refuses to sign what an anchor cannot hold, or with a public key', () => {
    const ok = { notary: 'gateway', seq: 1, hash: records[0]!.hash, at: at(1) };
    expect(() => signAnchor({ ...ok, seq: 0 }, notary.privateKey)).toThrow();
    expect(() => signAnchor({ ...ok, hash: 'abc' }, notary.privateKey)).toThrow();
    expect(() => signAnchor({ ...ok, notary: 'a.b' }, notary.privateKey)).toThrow();
    expect(() => signAnchor(ok, notary.publicKey)).toThrow(/expected an Ed25519 private key/);
  });
});

describe('checkStoredAnchor', () => {
  it('accepts a signed anchor on its notary subject', () => {
    expect(stored(anchors[0])).toEqual({ streamSeq: 7, anchor: anchors[0] });
  });

  it('reports what is not JSON, not an anchor, on another subject or badly signed', () => {
    expect(checkStoredAnchor(3, subjects.auditAnchor('gateway'), new Uint8Array([0xff]), notary.publicKey)).toEqual({
      streamSeq: 3,
      problem: expect.stringMatching(/^not JSON/),
    });
    expect(stored({ ...anchors[0], extra: 1 }).problem).toMatch(/^not an anchor/);
    expect(stored({ ...anchors[0], seq: -1 }).problem).toMatch(/^not an anchor \(seq:/);
    expect(stored(anchors[0], subjects.auditAnchor('authority')).problem).toBe(
      'names notary gateway but was published on tessera.v1.audit.anchor.authority',
    );
    expect(stored({ ...anchors[0], seq: 11 }).problem).toBe("signature does not verify with the notary's public key");
  });
});

describe('continuationProblem (the notary following the chain)', () => {
  it('accepts the next record of the chain, from the genesis too', () => {
    expect(continuationProblem({ seq: 0, hash: GENESIS_HASH }, records[0]!)).toBeUndefined();
    expect(continuationProblem({ seq: 41, hash: records[40]!.hash }, records[41]!)).toBeUndefined();
  });

  it('reports a gap, another link or altered content', () => {
    const head = { seq: 41, hash: records[40]!.hash };
    expect(continuationProblem(head, records[42]!)).toBe('expected seq 42, found 43');
    expect(continuationProblem(head, chain(42, 41)[41]!)).toMatch(/record 42 does not chain to the hash/);
    expect(continuationProblem(head, { ...records[41]!, subject: 'req-X' })).toBe(
      'record 42: hash does not match the record content',
    );
  });
});

describe('anchorDue', () => {
  const cadence = { everyRecords: 10, everyMs: 5000 };
  it('anchors only a head that moved, after enough records or enough time, whichever first', () => {
    const due = (head: number, anchored: number, pendingSinceMs: number | undefined, nowMs: number) =>
      anchorDue(cadence, { head, anchored, pendingSinceMs, nowMs });
    expect(due(40, 40, undefined, 1e9)).toBe(false);
    expect(due(40, 40, 0, 1e9)).toBe(false);
    expect(due(49, 40, 1000, 5999)).toBe(false);
    expect(due(50, 40, 1000, 1000)).toBe(true);
    expect(due(41, 40, 1000, 6000)).toBe(true);
    expect(due(1, 0, 0, 4999)).toBe(false);
  });
});

describe('anchoredChainVerifier', () => {
  it('passes a chain that holds every anchor, also when it grew after the latest', () => {
    expect(verifyAnchoredChain(records, authority.publicKey, anchors)).toEqual({
      ok: true,
      count: 100,
      lastHash: records[99]!.hash,
    });
    expect(verifyAnchoredChain(records.slice(0, 60), authority.publicKey, anchors)).toMatchObject({ ok: true });
    expect(verifyAnchoredChain(records, authority.publicKey, [])).toMatchObject({ ok: true, count: 100 });
  });

  it('reports a truncated tail at the first missing seq, naming the latest anchor', () => {
    const verdict = verifyAnchoredChain(records.slice(0, 37), authority.publicKey, anchors);
    expect(verdict).toEqual({
      ok: false,
      seq: 38,
      count: 37,
      reason: `truncated: the anchor signed by gateway at ${at(60.5)} says seq 60 has hash ${records[59]!.hash}, the chain ends at seq 37`,
    });
    expect(verifyAnchoredChain(records.slice(0, 59), authority.publicKey, anchors)).toMatchObject({ seq: 60 });
    expect(verifyAnchoredChain([], authority.publicKey, anchors)).toMatchObject({
      ok: false,
      seq: 1,
      reason: expect.stringMatching(/says seq 60 .*, the chain is empty$/),
    });
  });

  it('reports a tail rewritten and re-signed with the authority key at the first anchor it contradicts', () => {
    const rewritten = chain(100, 35);
    // The rewritten chain is valid on its own: only an anchor tells.
    expect(verifyAnchoredChain(rewritten, authority.publicKey, [])).toMatchObject({ ok: true, count: 100 });
    expect(verifyAnchoredChain(rewritten, authority.publicKey, anchors)).toEqual({
      ok: false,
      seq: 40,
      count: 39,
      reason: `rewritten: the anchor signed by gateway at ${at(40.5)} says seq 40 has hash ${records[39]!.hash}, the chain has ${rewritten[39]!.hash}`,
    });
    // rewritten and shorter: the first contradicted anchor comes before the end
    expect(verifyAnchoredChain(rewritten.slice(0, 45), authority.publicKey, anchors)).toMatchObject({
      seq: 40,
      reason: expect.stringMatching(/^rewritten:/),
    });
    // rewritten after the latest anchor: not detectable (the limit of the anchors' granularity)
    expect(verifyAnchoredChain(chain(100, 61), authority.publicKey, anchors)).toMatchObject({ ok: true });
  });

  it('reports a broken chain at its first broken record before any anchor', () => {
    const tampered = structuredClone(records);
    tampered[4]!.details = { seq: 0 };
    expect(verifyAnchoredChain(tampered.slice(0, 20), authority.publicKey, anchors)).toMatchObject({
      ok: false,
      seq: 5,
      reason: expect.stringMatching(/hash does not match/),
    });
  });

  it('keeps the first problem once broken, and checks every anchor of a seq', () => {
    const v = anchoredChainVerifier(authority.publicKey, [...anchors, anchorOf(chain(20, 20)[19]!)]);
    for (const r of records.slice(0, 30)) v.add(r);
    expect(v.result()).toMatchObject({ ok: false, seq: 20, reason: expect.stringMatching(/^rewritten:/) });
  });
});

describe('latestAnchor', () => {
  it('is the highest seq, the first signed among equals', () => {
    const again = anchorOf(records[59]!, 70);
    expect(latestAnchor([again, ...anchors])).toBe(anchors[5]);
    expect(latestAnchor([])).toBeUndefined();
  });
});
