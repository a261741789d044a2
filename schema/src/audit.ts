import { z } from 'zod';
import { NationCode } from './label.ts';
import { Timestamp } from './provenance.ts';

/**
 * The audit log (DOMAIN.md, "Audit log"): append-only, in JetStream, every record chained to the one
 * before by its hash and signed by the authority service. Nothing is ever deleted.
 */

/** The JetStream stream of the audit chain (file storage; deleting and purging refused). */
export const AUDIT_STREAM = 'TESSERA_AUDIT';

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
