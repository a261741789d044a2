/**
 * Anchors of the audit chain, pure: a notary that is not the chain's writer (the gateway) signs
 * checkpoints of the chain head, `{ notary, seq, hash, at }`, into a stream the writer cannot touch
 * (TESSERA_AUDIT_ANCHORS). A chain that verifies on its own but is shorter than an anchor says
 * (a truncated tail), or holds another record where an anchor pins one (a tail rewritten and
 * re-signed by whoever has the authority's key), is then reported. No I/O; node:crypto only.
 */
import { sign, verify, type KeyObject } from 'node:crypto';
import { AuditAnchor, subjects, type AuditRecord } from '@tessera/schema';
import { canonicalJson, chainVerifier, recordHash, type ChainVerdict, type ChainVerifier } from './chain.ts';

/**
 * What the notary's signature covers, before the canonical anchor: another message than any the
 * authority signs (it signs 32 hash bytes), so a signature can never stand for the other kind.
 */
export const ANCHOR_SIGNING_CONTEXT = 'tessera audit anchor v1\n';

export type UnsignedAnchor = Omit<AuditAnchor, 'signature'>;

/** A position in the chain: a record's seq and hash (seq 0 with GENESIS_HASH before the first). */
export interface ChainPoint {
  seq: number;
  hash: string;
}

function assertEd25519(key: KeyObject, type: 'private' | 'public') {
  if (key.type !== type || key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`expected an Ed25519 ${type} key, got a ${key.asymmetricKeyType ?? key.type} ${key.type} key`);
  }
}

/** The bytes the notary signs: the context, then the canonical JSON of the anchor without its signature. */
export function anchorSigningBytes(anchor: UnsignedAnchor): Buffer {
  const { notary, seq, hash, at } = anchor;
  return Buffer.from(ANCHOR_SIGNING_CONTEXT + canonicalJson({ notary, seq, hash, at }), 'utf8');
}

/** Sign an anchor with the notary's key; refuses fields an anchor cannot have. */
export function signAnchor(anchor: UnsignedAnchor, privateKey: KeyObject): AuditAnchor {
  assertEd25519(privateKey, 'private');
  const unsigned = AuditAnchor.omit({ signature: true }).parse({
    notary: anchor.notary,
    seq: anchor.seq,
    hash: anchor.hash,
    at: anchor.at,
  });
  const signature = sign(null, anchorSigningBytes(unsigned), privateKey).toString('base64');
  return { ...unsigned, signature };
}

/** What is wrong with an anchor's signature; undefined when the notary's key verifies it. */
export function anchorProblem(anchor: AuditAnchor, publicKey: KeyObject): string | undefined {
  assertEd25519(publicKey, 'public');
  const sig = Buffer.from(anchor.signature, 'base64');
  if (sig.length !== 64 || sig.toString('base64') !== anchor.signature)
    return 'signature is not a base64 Ed25519 signature (64 bytes)';
  if (!verify(null, anchorSigningBytes(anchor), publicKey, sig))
    return "signature does not verify with the notary's public key";
  return undefined;
}

/** One message of the anchor stream, decoded and checked: an anchor, or why it is not a valid one. */
export type StoredAnchor = { streamSeq: number } & (
  { anchor: AuditAnchor; problem?: undefined } | { anchor?: undefined; problem: string }
);

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Decode a stored anchor and check it: JSON, the AuditAnchor shape, the notary the subject names
 * (who signed is the subject's, never only the body's) and the signature.
 */
export function checkStoredAnchor(
  streamSeq: number,
  subject: string,
  data: Uint8Array,
  publicKey: KeyObject,
): StoredAnchor {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(data));
  } catch (err) {
    return { streamSeq, problem: `not JSON (${(err as Error).message})` };
  }
  const parsed = AuditAnchor.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(anchor)'}: ${i.message}`);
    return { streamSeq, problem: `not an anchor (${issues.join('; ')})` };
  }
  const anchor = parsed.data;
  if (subject !== subjects.auditAnchor(anchor.notary))
    return { streamSeq, problem: `names notary ${anchor.notary} but was published on ${subject}` };
  const problem = anchorProblem(anchor, publicKey);
  return problem === undefined ? { streamSeq, anchor } : { streamSeq, problem };
}

/**
 * What is wrong with `record` as the record after `head` in an unbroken chain: its seq, its link
 * (prevHash) and its hash recomputed from its content. The signature is not checked (the notary
 * does not hold the authority's key and needs not: `./tessera audit verify` checks it).
 */
export function continuationProblem(head: ChainPoint, record: AuditRecord): string | undefined {
  if (record.seq !== head.seq + 1) return `expected seq ${head.seq + 1}, found ${record.seq}`;
  if (record.prevHash !== head.hash)
    return `record ${record.seq} does not chain to the hash ${head.hash} of record ${head.seq}`;
  const { hash, signature: _signature, ...unsigned } = record;
  if (recordHash(unsigned) !== hash) return `record ${record.seq}: hash does not match the record content`;
  return undefined;
}

/** When the notary anchors the chain head: the head moved and either enough records or enough time passed. */
export interface AnchorCadence {
  /** Anchor at the latest when this many records are not anchored yet. */
  everyRecords: number;
  /** Anchor at the latest this long (ms) after the first record not anchored yet was seen. */
  everyMs: number;
}

export function anchorDue(
  cadence: AnchorCadence,
  state: { head: number; anchored: number; pendingSinceMs: number | undefined; nowMs: number },
): boolean {
  if (state.head <= state.anchored) return false;
  if (state.head - state.anchored >= cadence.everyRecords) return true;
  return state.pendingSinceMs !== undefined && state.nowMs - state.pendingSinceMs >= cadence.everyMs;
}

/** The anchor with the highest seq (the first signed of those), or undefined when there is none. */
export function latestAnchor(anchors: readonly AuditAnchor[]): AuditAnchor | undefined {
  let latest: AuditAnchor | undefined;
  for (const a of anchors) {
    if (!latest || a.seq > latest.seq || (a.seq === latest.seq && a.at < latest.at)) latest = a;
  }
  return latest;
}

const says = (a: AuditAnchor) => `the anchor signed by ${a.notary} at ${a.at} says seq ${a.seq} has hash ${a.hash}`;

/**
 * The chain verifier (chainVerifier: seq, link, hash and signature of every record) that also holds
 * the chain to valid anchors (checked with checkStoredAnchor first): a record at an anchored seq
 * with another hash is reported there ("rewritten"), and a chain that ends before the latest
 * anchor is reported at the first missing seq ("truncated"). What it cannot see: records appended
 * after the latest anchor and then removed or rewritten.
 */
export function anchoredChainVerifier(publicKey: KeyObject, anchors: readonly AuditAnchor[]): ChainVerifier {
  const chain = chainVerifier(publicKey);
  const bySeq = new Map<number, AuditAnchor[]>();
  for (const a of anchors) bySeq.set(a.seq, [...(bySeq.get(a.seq) ?? []), a]);
  const latest = latestAnchor(anchors);
  let broken: ChainVerdict | undefined;

  const result = (): ChainVerdict => {
    if (broken) return broken;
    const verdict = chain.result();
    if (!verdict.ok || !latest || latest.seq <= verdict.count) return verdict;
    const end = verdict.count === 0 ? 'the chain is empty' : `the chain ends at seq ${verdict.count}`;
    return { ok: false, seq: verdict.count + 1, count: verdict.count, reason: `truncated: ${says(latest)}, ${end}` };
  };
  return {
    add(record) {
      if (broken) return broken;
      const verdict = chain.add(record);
      if (!verdict.ok) return verdict;
      const differ = (bySeq.get(verdict.count) ?? []).find((a) => a.hash !== record.hash);
      if (differ) {
        broken = {
          ok: false,
          seq: verdict.count,
          count: verdict.count - 1,
          reason: `rewritten: ${says(differ)}, the chain has ${record.hash}`,
        };
        return broken;
      }
      return verdict;
    },
    result,
  };
}

/** Verify a whole chain against anchors (anchoredChainVerifier). */
export function verifyAnchoredChain(
  records: Iterable<AuditRecord>,
  publicKey: KeyObject,
  anchors: readonly AuditAnchor[],
): ChainVerdict {
  const verifier = anchoredChainVerifier(publicKey, anchors);
  for (const record of records) {
    if (!verifier.add(record).ok) break;
  }
  return verifier.result();
}
