/**
 * The audit chain, pure: canonical JSON, sealing a record (hash chained to the previous record,
 * Ed25519 signature over the hash) and verifying a chain. No I/O; node:crypto only.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import type { AuditRecord, AuditRecordBody } from '@tessera/schema';

/** The prevHash of record 1. */
export const GENESIS_HASH = '0'.repeat(64);

export class CanonicalJsonError extends Error {
  override name = 'CanonicalJsonError';
}

/**
 * Deterministic JSON: object keys sorted (by UTF-16 code units, as RFC 8785 does) at every depth, no
 * whitespace, arrays in order, strings and numbers as JSON.stringify writes them. Refuses what JSON
 * cannot carry faithfully instead of silently dropping or changing it: undefined, functions,
 * symbols, bigints, NaN/Infinity, Dates and other non-plain objects, sparse arrays, cycles.
 */
export function canonicalJson(value: unknown): string {
  const path: (string | number)[] = [];
  const ancestors = new Set<object>();
  const where = () =>
    '$' +
    path
      .map((p) =>
        typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`,
      )
      .join('');
  const refuse = (what: string): never => {
    throw new CanonicalJsonError(`canonicalJson: ${what} at ${where()} is not JSON`);
  };

  const write = (v: unknown): string => {
    switch (typeof v) {
      case 'string':
        return JSON.stringify(v);
      case 'boolean':
        return v ? 'true' : 'false';
      case 'number':
        return Number.isFinite(v) ? JSON.stringify(v) : refuse(String(v));
      case 'undefined':
        return refuse('undefined');
      case 'function':
        return refuse('a function');
      case 'symbol':
        return refuse('a symbol');
      case 'bigint':
        return refuse('a bigint');
    }
    if (v === null) return 'null';
    const obj = v as object;
    if (ancestors.has(obj)) refuse('a circular reference');
    ancestors.add(obj);
    let out: string;
    if (Array.isArray(obj)) {
      const parts: string[] = [];
      for (let i = 0; i < obj.length; i++) {
        path.push(i);
        if (!(i in obj)) refuse('an array hole');
        parts.push(write(obj[i]));
        path.pop();
      }
      out = `[${parts.join(',')}]`;
    } else {
      const proto = Object.getPrototypeOf(obj) as unknown;
      if (proto !== Object.prototype && proto !== null)
        refuse(`a ${(obj.constructor as { name?: string } | undefined)?.name ?? 'non-plain'} object`);
      if (Object.getOwnPropertySymbols(obj).length > 0) refuse('a symbol-keyed property');
      const keys = Object.keys(obj).sort();
      const parts: string[] = [];
      for (const key of keys) {
        path.push(key);
        parts.push(`${JSON.stringify(key)}:${write((obj as Record<string, unknown>)[key])}`);
        path.pop();
      }
      out = `{${parts.join(',')}}`;
    }
    ancestors.delete(obj);
    return out;
  };
  return write(value);
}

const HEX64 = /^[0-9a-f]{64}$/;

function assertEd25519(key: KeyObject, type: 'private' | 'public') {
  if (key.type !== type || key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`expected an Ed25519 ${type} key, got a ${key.asymmetricKeyType ?? key.type} ${key.type} key`);
  }
}

/** SHA-256 (hex) of the canonical JSON of a record without its hash and signature. */
export function recordHash(record: Omit<AuditRecord, 'hash' | 'signature'>): string {
  return createHash('sha256').update(canonicalJson(record), 'utf8').digest('hex');
}

/**
 * Seal a record: chain it to `prevHash`, hash it and sign the hash with the authority's key.
 * The body is taken field by field, so nothing else slips into the hash.
 */
export function sealRecord(body: AuditRecordBody, prevHash: string, privateKey: KeyObject): AuditRecord {
  assertEd25519(privateKey, 'private');
  if (!Number.isSafeInteger(body.seq) || body.seq < 1) throw new Error(`seq must be an integer >= 1, got ${body.seq}`);
  if (!HEX64.test(prevHash))
    throw new Error(`prevHash must be 64 lowercase hex characters, got ${JSON.stringify(prevHash)}`);
  if (body.seq === 1 && prevHash !== GENESIS_HASH) throw new Error('record 1 must chain to GENESIS_HASH');
  const unsigned = {
    seq: body.seq,
    at: body.at,
    actor: body.actor,
    action: body.action,
    subject: body.subject,
    details: body.details,
    prevHash,
  };
  const hash = recordHash(unsigned);
  const signature = sign(null, Buffer.from(hash, 'hex'), privateKey).toString('base64');
  return { ...unsigned, hash, signature };
}

export type ChainVerdict =
  { ok: true; count: number; lastHash: string } | { ok: false; seq: number; reason: string; count: number };

export interface ChainVerifier {
  /** Check the next record; once a record is broken, the verdict stays on that first one. */
  add(record: AuditRecord): ChainVerdict;
  /** The verdict so far: OK with the records checked, or the first broken record. */
  result(): ChainVerdict;
}

/**
 * Verify a chain record by record, in order, without holding it in memory. For each record:
 * its seq is the previous one + 1 (1 first), its prevHash is the previous hash (GENESIS_HASH for
 * seq 1), its hash recomputes from its content, its signature verifies with the authority's key.
 * The first record failing any of these is reported with its position in the chain (the seq it
 * should have), so a missing or reordered record is reported where the chain breaks.
 */
export function chainVerifier(publicKey: KeyObject): ChainVerifier {
  assertEd25519(publicKey, 'public');
  let count = 0;
  let lastHash = GENESIS_HASH;
  let broken: ChainVerdict | undefined;

  const check = (record: AuditRecord, seq: number): string | undefined => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) return 'not a record object';
    if (record.seq !== seq) {
      return `expected seq ${seq}, found ${JSON.stringify(record.seq)} (a record is missing, out of order or renumbered)`;
    }
    if (record.prevHash !== lastHash) {
      return seq === 1 ? 'prevHash is not the genesis hash' : `prevHash does not match the hash of record ${seq - 1}`;
    }
    return sealProblem(record, publicKey);
  };

  const result = (): ChainVerdict => broken ?? { ok: true, count, lastHash };
  return {
    add(record) {
      if (broken) return broken;
      const seq = count + 1;
      const reason = check(record, seq);
      if (reason !== undefined) {
        broken = { ok: false, seq, reason, count };
        return broken;
      }
      count = seq;
      lastHash = record.hash;
      return result();
    },
    result,
  };
}

/** Verify a whole chain: OK with the count and the chain head, or the first broken record. */
export function verifyChain(records: Iterable<AuditRecord>, publicKey: KeyObject): ChainVerdict {
  const verifier = chainVerifier(publicKey);
  for (const record of records) {
    if (!verifier.add(record).ok) break;
  }
  return verifier.result();
}

/**
 * What is wrong with one record's own seal (hash recomputed from its content, signature over the
 * hash), regardless of its place in the chain; undefined when it is intact. Used for every record
 * of a chain and for the chain head a restarted audit log continues from.
 */
export function sealProblem(record: AuditRecord, publicKey: KeyObject): string | undefined {
  assertEd25519(publicKey, 'public');
  const { hash, signature, ...unsigned } = record;
  let recomputed: string;
  try {
    recomputed = recordHash(unsigned);
  } catch (err) {
    return `content cannot be hashed (${(err as Error).message})`;
  }
  if (hash !== recomputed) return 'hash does not match the record content (content or hash altered)';
  if (typeof signature !== 'string') return 'signature missing';
  const sig = Buffer.from(signature, 'base64');
  if (sig.length !== 64 || sig.toString('base64') !== signature)
    return 'signature is not a base64 Ed25519 signature (64 bytes)';
  if (!verify(null, Buffer.from(hash, 'hex'), publicKey, sig))
    return "signature does not verify with the authority's public key";
  return undefined;
}

/** A new Ed25519 key pair for the authority, as PEM (PKCS#8 private, SPKI public). */
export function generateAuditKeys(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519', {
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

/** The authority's signing key from PEM; refuses anything but an Ed25519 private key. */
export function privateKeyFromPem(pem: string): KeyObject {
  const key = createPrivateKey(pem);
  assertEd25519(key, 'private');
  return key;
}

/** The authority's verification key from PEM; refuses anything but an Ed25519 public key. */
export function publicKeyFromPem(pem: string): KeyObject {
  // createPublicKey would also derive a public key from a private one: a misplaced secret, refused.
  if (!/-----BEGIN PUBLIC KEY-----/.test(pem))
    throw new Error('expected a PEM public key (-----BEGIN PUBLIC KEY-----)');
  const key = createPublicKey(pem);
  assertEd25519(key, 'public');
  return key;
}

/** The public key that belongs to a private key (to check a configured pair belongs together). */
export function publicKeyOf(privateKey: KeyObject): KeyObject {
  assertEd25519(privateKey, 'private');
  return createPublicKey(privateKey);
}

/** True when both keys are the same Ed25519 public key. */
export function samePublicKey(a: KeyObject, b: KeyObject): boolean {
  return a.export({ format: 'der', type: 'spki' }).equals(b.export({ format: 'der', type: 'spki' }));
}
