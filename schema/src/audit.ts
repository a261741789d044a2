import { z } from 'zod';
import { NationCode } from './label.ts';
import { Timestamp } from './provenance.ts';

/**
 * The audit log (DOMAIN.md, "Audit log"): append-only, in JetStream, every record chained to the one
 * before by its hash and signed by the authority service. Nothing is ever deleted.
 */

/** The JetStream stream of the audit chain (file storage; deleting and purging refused). */
export const AUDIT_STREAM = 'TESSERA_AUDIT';

/**
 * The JetStream stream of the audit chain's anchors: checkpoints of the chain head signed by a
 * notary that is not the chain's writer (the gateway), so that a truncated or rewritten tail shows.
 * Same append-only settings as TESSERA_AUDIT; only the notary's NATS user may publish into it.
 */
export const AUDIT_ANCHOR_STREAM = 'TESSERA_AUDIT_ANCHORS';

/** Lowercase hex SHA-256. */
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256 (64 characters)');

/** Who did what the record says: a person (with nation) or a service (nation null). */
export const AuditActor = z.strictObject({
  kind: z.enum(['USER', 'SERVICE']),
  id: z.string().min(1).max(64),
  nation: NationCode.nullable(),
});
export type AuditActor = z.infer<typeof AuditActor>;

/** What the caller appends; the audit log adds seq, prevHash, hash and signature. */
export const AuditRecordBody = z.strictObject({
  /** 1 for the first record, then +1 each; equals the record's JetStream stream sequence. */
  seq: z.int().min(1),
  at: Timestamp,
  actor: AuditActor,
  /** What happened, e.g. REQUEST_CREATED, DECISION_APPROVE, REFUSED, STATE_CHANGED, WCS_CHANGED. */
  action: z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'must be an UPPER_SNAKE_CASE action name'),
  /** What it happened to, e.g. a request id or a sector id. */
  subject: z.string().min(1).max(256),
  /** Anything else worth keeping, as plain JSON. */
  details: z.record(z.string(), z.json()),
});
export type AuditRecordBody = z.infer<typeof AuditRecordBody>;

/**
 * One record of the chain. `hash` is the SHA-256 of the canonical JSON of every other field
 * (prevHash included); `signature` is the authority's Ed25519 signature of the hash's 32 bytes.
 * Strict: a field added to a stored record makes it invalid.
 */
export const AuditRecord = AuditRecordBody.extend({
  /** The previous record's hash; 64 zeros for seq 1. */
  prevHash: Sha256Hex,
  hash: Sha256Hex,
  /** Ed25519 signature, standard base64 (64 bytes). */
  signature: z.base64().length(88),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

/**
 * An anchor: a notary's signed statement that, at `at`, record `seq` of the audit chain had hash
 * `hash` (and so, by the chain, every record before it had the content it has). Published on
 * `subjects.auditAnchor(notary)`: who signed it is the subject's, and `notary` must match it.
 * `signature` is the notary's Ed25519 signature of ANCHOR_SIGNING_CONTEXT followed by the canonical
 * JSON of every other field (services/kit/src/audit/anchor.ts).
 */
export const AuditAnchor = z.strictObject({
  /** The notary's id (its NATS user, e.g. `gateway`). */
  notary: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a NATS subject token'),
  /** The audit record's seq. */
  seq: z.int().min(1),
  /** The audit record's hash. */
  hash: Sha256Hex,
  /** When the notary signed it. */
  at: Timestamp,
  /** Ed25519 signature, standard base64 (64 bytes). */
  signature: z.base64().length(88),
});
export type AuditAnchor = z.infer<typeof AuditAnchor>;
