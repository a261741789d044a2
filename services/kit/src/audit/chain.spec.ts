import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AuditRecord, type AuditRecordBody } from '@tessera/schema';
import {
  canonicalJson,
  chainVerifier,
  GENESIS_HASH,
  generateAuditKeys,
  privateKeyFromPem,
  publicKeyFromPem,
  publicKeyOf,
  samePublicKey,
  sealRecord,
  verifyChain,
} from './chain.ts';

const { privateKeyPem, publicKeyPem } = generateAuditKeys();
const privateKey = privateKeyFromPem(privateKeyPem);
const publicKey = publicKeyFromPem(publicKeyPem);
const T0 = Date.parse('2026-11-26T10:00:00.000Z');

function body(seq: number): AuditRecordBody {
  return {
    seq,
    at: new Date(T0 + seq * 1000).toISOString(),
    actor:
      seq % 3 === 0
        ? { kind: 'SERVICE', id: 'authority', nation: null }
        : { kind: 'USER', id: `pol-cmdr-${seq % 7}`, nation: 'POL' },
    action: ['REQUEST_CREATED', 'DECISION_APPROVE', 'REFUSED', 'STATE_CHANGED', 'WCS_CHANGED'][seq % 5]!,
    subject: `req-${Math.floor(seq / 4)}`,
    details: { state: 'PENDING', version: seq, reasons: ['two-nation rule', { rule: 'TWO_PERSON', seq }], note: null },
  };
}

function chain(n: number, key = privateKey): AuditRecord[] {
  const records: AuditRecord[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const r = sealRecord(body(seq), prev, key);
    records.push(r);
    prev = r.hash;
  }
  return records;
}

const copy = (records: AuditRecord[]): AuditRecord[] => structuredClone(records);

describe('canonicalJson', () => {
  it('sorts object keys at every depth, keeps array order, writes no whitespace', () => {
    const a = { b: 1, a: { z: [3, { y: 2, x: 1 }], c: 'x' }, é: true, A: null };
    const b = { A: null, é: true, a: { c: 'x', z: [3, { x: 1, y: 2 }] }, b: 1 };
    expect(canonicalJson(a)).toBe('{"A":null,"a":{"c":"x","z":[3,{"x":1,"y":2}]},"b":1,"é":true}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson([])).toBe('[]');
  });

  it('writes strings and numbers as JSON.stringify does', () => {
    for (const v of [
      'a"b\\c\n\u0000é😀',
      0,
      -0,
      1.5,
      1e21,
      1e-7,
      -123456789.125,
      Number.MAX_SAFE_INTEGER,
      true,
      false,
      null,
    ]) {
      expect(canonicalJson(v)).toBe(JSON.stringify(v));
    }
    expect(canonicalJson({ k: 'line\u2028sep' })).toBe(`{"k":${JSON.stringify('line\u2028sep')}}`);
  });

  it('sorts keys by UTF-16 code units, not by locale', () => {
    expect(canonicalJson({ b: 0, B: 0, a: 0, _: 0, '10': 0, '9': 0 })).toBe('{"10":0,"9":0,"B":0,"_":0,"a":0,"b":0}');
  });

  it('refuses what JSON cannot carry, naming where it is', () => {
    expect(() => canonicalJson({ a: { b: undefined } })).toThrow('canonicalJson: undefined at $.a.b is not JSON');
    expect(() => canonicalJson(undefined)).toThrow('undefined at $ is not JSON');
    expect(() => canonicalJson({ f: () => 1 })).toThrow('a function at $.f');
    expect(() => canonicalJson({ n: [1, NaN] })).toThrow('NaN at $.n[1]');
    expect(() => canonicalJson({ n: Infinity })).toThrow('Infinity at $.n');
    expect(() => canonicalJson({ n: -Infinity })).toThrow('-Infinity at $.n');
    expect(() => canonicalJson({ 'a b': 1n })).toThrow('a bigint at $["a b"]');
    expect(() => canonicalJson({ s: Symbol('x') })).toThrow('a symbol at $.s');
    expect(() => canonicalJson({ d: new Date(0) })).toThrow('a Date object at $.d');
    expect(() => canonicalJson({ m: new Map() })).toThrow('a Map object at $.m');
    // eslint-disable-next-line no-sparse-arrays
    expect(() => canonicalJson([1, , 3])).toThrow('an array hole at $[1]');
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow('a circular reference at $.self');
  });

  it('accepts the same object twice when it is not a cycle', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
    expect(canonicalJson(Object.assign(Object.create(null) as object, { z: 1, y: 2 }))).toBe('{"y":2,"z":1}');
  });
});

describe('sealRecord', () => {
  it('hashes the canonical record without hash and signature (prevHash included) and signs the hash bytes', () => {
    const r = sealRecord(body(1), GENESIS_HASH, privateKey);
    const { hash, signature, ...rest } = r;
    expect(rest).toEqual({ ...body(1), prevHash: GENESIS_HASH });
    expect(hash).toBe(createHash('sha256').update(canonicalJson(rest)).digest('hex'));
    expect(verify(null, Buffer.from(hash, 'hex'), publicKey, Buffer.from(signature, 'base64'))).toBe(true);
    expect(AuditRecord.parse(r)).toEqual(r);
    // the key order of the body does not matter; every field does
    const reordered = Object.fromEntries(Object.entries(body(1)).reverse()) as AuditRecordBody;
    expect(sealRecord(reordered, GENESIS_HASH, privateKey).hash).toBe(hash);
    expect(sealRecord({ ...body(1), subject: 'req-X' }, GENESIS_HASH, privateKey).hash).not.toBe(hash);
  });

  it('chains: the same body after another prevHash has another hash', () => {
    const [r1] = chain(1);
    const a = sealRecord(body(2), r1!.hash, privateKey);
    const b = sealRecord(body(2), 'f'.repeat(64), privateKey);
    expect(a.prevHash).toBe(r1!.hash);
    expect(a.hash).not.toBe(b.hash);
  });

  it('refuses a bad seq, prevHash, key or content', () => {
    expect(() => sealRecord({ ...body(1), seq: 0 }, GENESIS_HASH, privateKey)).toThrow(/seq must be an integer >= 1/);
    expect(() => sealRecord(body(2), 'abc', privateKey)).toThrow(/prevHash must be 64 lowercase hex/);
    expect(() => sealRecord(body(1), 'a'.repeat(64), privateKey)).toThrow(/record 1 must chain to GENESIS_HASH/);
    expect(() => sealRecord(body(1), GENESIS_HASH, publicKey as never)).toThrow(/expected an Ed25519 private key/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    expect(() => sealRecord(body(1), GENESIS_HASH, rsa)).toThrow(/expected an Ed25519 private key, got a rsa/);
    expect(() => sealRecord({ ...body(1), details: { x: undefined } as never }, GENESIS_HASH, privateKey)).toThrow(
      'undefined at $.details.x',
    );
  });
});

describe('keys', () => {
  it('round-trips PEM and refuses a private key where a public one belongs', () => {
    expect(samePublicKey(publicKeyOf(privateKey), publicKey)).toBe(true);
    expect(samePublicKey(publicKeyOf(privateKeyFromPem(generateAuditKeys().privateKeyPem)), publicKey)).toBe(false);
    expect(() => publicKeyFromPem(privateKeyPem)).toThrow(/expected a PEM public key/);
    expect(() => privateKeyFromPem(publicKeyPem)).toThrow();
  });
});

describe('verifyChain', () => {
  const records = chain(1000);

  it('verifies a 1,000-record chain and an empty one', () => {
    expect(verifyChain(records, publicKey)).toEqual({ ok: true, count: 1000, lastHash: records[999]!.hash });
    expect(verifyChain([], publicKey)).toEqual({ ok: true, count: 0, lastHash: GENESIS_HASH });
  });

  // Each tampering of record k is reported at seq k, with a reason naming what failed, and k-1 records counted good.
  const K = 437;
  const tamperings: [string, (r: AuditRecord) => void, RegExp][] = [
    ['details', (r) => void (r.details.version = 1), /hash does not match the record content/],
    ['a nested detail', (r) => void ((r.details.reasons as { seq: number }[])[1]!.seq = 0), /hash does not match/],
    ['an added detail', (r) => void (r.details.extra = 'x'), /hash does not match/],
    ['action', (r) => void (r.action = 'DECISION_DENY'), /hash does not match/],
    ['at', (r) => void (r.at = '2026-11-26T10:00:00.001Z'), /hash does not match/],
    ['actor', (r) => void (r.actor = { kind: 'USER', id: 'ukr-cmdr', nation: 'UKR' }), /hash does not match/],
    ['subject', (r) => void (r.subject = 'req-other'), /hash does not match/],
    [
      'prevHash',
      (r) => void (r.prevHash = 'a'.repeat(64)),
      new RegExp(`prevHash does not match the hash of record ${K - 1}`),
    ],
    ['hash', (r) => void (r.hash = 'b'.repeat(64)), /hash does not match the record content/],
    ['seq', (r) => void (r.seq = 9999), new RegExp(`expected seq ${K}, found 9999`)],
    [
      'signature (one byte)',
      (r) => {
        const sig = Buffer.from(r.signature, 'base64');
        sig[10]! ^= 1;
        r.signature = sig.toString('base64');
      },
      /signature does not verify with the authority's public key/,
    ],
    [
      'signature (non-canonical base64)',
      (r) => void (r.signature = r.signature.replace(/==$/, '=\n=')),
      /signature is not a base64 Ed25519 signature/,
    ],
    ["signature (another record's)", (r) => void (r.signature = records[0]!.signature), /signature does not verify/],
    [
      'an added field',
      (r) => void ((r as unknown as Record<string, unknown>).approvedBy = 'someone'),
      /hash does not match/,
    ],
    ['a removed field', (r) => void delete (r as Partial<AuditRecord>).subject, /hash does not match/],
  ];

  for (const [what, tamper, reason] of tamperings) {
    it(`reports tampering with ${what} of record k at seq k`, () => {
      const tampered = copy(records);
      tamper(tampered[K - 1]!);
      const verdict = verifyChain(tampered, publicKey);
      expect(verdict).toMatchObject({ ok: false, seq: K, count: K - 1 });
      if (!verdict.ok) expect(verdict.reason).toMatch(reason);
    });
  }

  it('reports a hash recomputed after tampering at seq k by its signature (the attacker has no key)', () => {
    const tampered = copy(records);
    const r = tampered[K - 1]!;
    r.details.version = 1;
    const { hash: _h, signature: _s, ...unsigned } = r;
    r.hash = createHash('sha256').update(canonicalJson(unsigned)).digest('hex');
    const verdict = verifyChain(tampered, publicKey);
    expect(verdict).toEqual({
      ok: false,
      seq: K,
      count: K - 1,
      reason: "signature does not verify with the authority's public key",
    });
  });

  it('reports a re-sealed record at the next seq when re-chaining stops there', () => {
    // An attacker with the key could re-seal k; without re-sealing k+1, record k+1 no longer chains.
    const tampered = copy(records);
    tampered[K - 1] = sealRecord({ ...body(K), action: 'DECISION_DENY' }, tampered[K - 2]!.hash, privateKey);
    expect(verifyChain(tampered, publicKey)).toMatchObject({
      ok: false,
      seq: K + 1,
      reason: `prevHash does not match the hash of record ${K}`,
    });
  });

  it('reports a removed record at its seq', () => {
    const removed = records.filter((r) => r.seq !== K);
    expect(verifyChain(removed, publicKey)).toMatchObject({
      ok: false,
      seq: K,
      count: K - 1,
      reason: expect.stringMatching(`expected seq ${K}, found ${K + 1}`),
    });
    expect(verifyChain(records.slice(1), publicKey)).toMatchObject({ ok: false, seq: 1, count: 0 });
  });

  it('reports a reordered record at the first seq out of place', () => {
    const reordered = copy(records);
    [reordered[K - 1], reordered[K]] = [reordered[K]!, reordered[K - 1]!];
    expect(verifyChain(reordered, publicKey)).toMatchObject({
      ok: false,
      seq: K,
      count: K - 1,
      reason: expect.stringMatching(`expected seq ${K}, found ${K + 1}`),
    });
  });

  it('reports a renumbered pair swapped into place by their prevHash', () => {
    const swapped = copy(records);
    [swapped[K - 1], swapped[K]] = [swapped[K]!, swapped[K - 1]!];
    swapped[K - 1]!.seq = K;
    swapped[K]!.seq = K + 1;
    expect(verifyChain(swapped, publicKey)).toMatchObject({
      ok: false,
      seq: K,
      reason: `prevHash does not match the hash of record ${K - 1}`,
    });
  });

  it('reports a duplicated record', () => {
    const duplicated = [...records.slice(0, K), records[K - 1]!, ...records.slice(K)];
    expect(verifyChain(duplicated, publicKey)).toMatchObject({
      ok: false,
      seq: K + 1,
      reason: expect.stringMatching(`expected seq ${K + 1}, found ${K}`),
    });
  });

  it('reports record 1 not chained to the genesis hash', () => {
    const tampered = copy(records);
    tampered[0]!.prevHash = 'c'.repeat(64);
    expect(verifyChain(tampered, publicKey)).toMatchObject({
      ok: false,
      seq: 1,
      count: 0,
      reason: 'prevHash is not the genesis hash',
    });
  });

  it('fails every record signed with another key at seq 1, and with another public key', () => {
    const other = privateKeyFromPem(generateAuditKeys().privateKeyPem);
    expect(verifyChain(chain(20, other), publicKey)).toMatchObject({
      ok: false,
      seq: 1,
      count: 0,
      reason: "signature does not verify with the authority's public key",
    });
    expect(verifyChain(records, publicKeyOf(other))).toMatchObject({
      ok: false,
      seq: 1,
      reason: expect.stringMatching(/signature does not verify/),
    });
    // one record re-sealed with another key in the middle of a good chain
    const mixed = copy(records);
    mixed[K - 1] = sealRecord(body(K), mixed[K - 2]!.hash, other);
    mixed[K] = { ...mixed[K]! };
    expect(verifyChain(mixed, publicKey)).toMatchObject({
      ok: false,
      seq: K,
      reason: expect.stringMatching(/signature does not verify/),
    });
  });

  it('keeps the first broken record once broken (streaming verifier)', () => {
    const v = chainVerifier(publicKey);
    const tampered = copy(records.slice(0, 10));
    tampered[3]!.action = 'X';
    tampered[6]!.action = 'Y';
    for (const r of tampered) v.add(r);
    expect(v.result()).toMatchObject({ ok: false, seq: 4, count: 3 });
  });

  it('refuses to verify with anything but an Ed25519 public key', () => {
    expect(() => verifyChain(records, privateKey)).toThrow(/expected an Ed25519 public key/);
  });

  it('verifies 100,000 records', { timeout: 300_000 }, () => {
    const big = chain(100_000);
    expect(verifyChain(big, publicKey)).toEqual({ ok: true, count: 100_000, lastHash: big[99_999]!.hash });
  });
});
