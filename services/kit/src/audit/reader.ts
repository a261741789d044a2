/**
 * Reading the audit chain as stored: decode and validate one stored message, and read the stream in
 * order. The authority's audit log continues from what it reads here; the gateway's audit timeline
 * and `./tessera audit verify` read the chain through it.
 */
import { DeliverPolicy, JetStreamApiCodes, JetStreamApiError, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { KeyObject } from 'node:crypto';
import { AUDIT_ANCHOR_STREAM, AUDIT_STREAM, AuditRecord } from '@tessera/schema';
import { checkStoredAnchor, type StoredAnchor } from './anchor.ts';

/** A stored message that is not a valid audit record (tampered storage, or not written by the audit log). */
export class CorruptAuditRecordError extends Error {
  override name = 'CorruptAuditRecordError';
  readonly seq: number;
  readonly reason: string;
  constructor(seq: number, reason: string) {
    super(`audit record ${seq} as stored: ${reason}`);
    this.seq = seq;
    this.reason = reason;
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decode and validate one stored message as an audit record. */
export function decodeAuditRecord(streamSeq: number, data: Uint8Array): AuditRecord {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(data));
  } catch (err) {
    throw new CorruptAuditRecordError(streamSeq, `not JSON (${(err as Error).message})`);
  }
  const parsed = AuditRecord.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`);
    throw new CorruptAuditRecordError(streamSeq, `not an audit record (${issues.join('; ')})`);
  }
  return parsed.data;
}

const isStreamNotFound = (err: unknown) =>
  err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound;

/** Records a fetch asks for at once. */
const READ_BATCH = 512;
/** How long a fetch waits for a message that should be there before asking for it directly. */
const READ_STALL_MS = 2_000;

/**
 * Every record of the audit stream from `fromSeq` up to its last message at the time of the call,
 * in order (an ordered consumer). Throws CorruptAuditRecordError, after yielding every record
 * before it, at the first stream sequence that is not a valid audit record, including one the
 * store cannot read any more: JetStream skips a message that fails its checksum, which would
 * otherwise look like a shorter stream.
 */
export async function* readAuditStream(
  nc: NatsConnection,
  opts: { fromSeq?: number } = {},
): AsyncGenerator<AuditRecord> {
  for await (const m of readStreamInOrder(nc, AUDIT_STREAM, 'audit stream', opts.fromSeq ?? 1)) {
    yield decodeAuditRecord(m.seq, m.data);
  }
}

/** One stored message of a stream read in order. */
export interface StoredMessage {
  seq: number;
  subject: string;
  data: Uint8Array;
}

/**
 * Every message of `stream` from `fromSeq` up to its last message at the time of the call, in
 * order, through an ordered consumer; a missing or unreadable message is a CorruptAuditRecordError
 * at its stream sequence, after every message before it. The audit chain and its anchors are read
 * through it.
 */
export async function* readStreamInOrder(
  nc: NatsConnection,
  stream: string,
  what: string,
  fromSeq: number,
): AsyncGenerator<StoredMessage> {
  if (!Number.isSafeInteger(fromSeq) || fromSeq < 1) throw new Error(`fromSeq must be an integer >= 1, got ${fromSeq}`);
  const jsm = await jetstreamManager(nc);
  const info = await jsm.streams.info(stream).catch((err: unknown) => {
    throw isStreamNotFound(err) ? new NoSuchStreamError(stream, what) : err;
  });
  const lastSeq = info.state.last_seq;
  let next = fromSeq;
  if (next > lastSeq) return;
  const consumer = await jetstream(nc).consumers.get(stream, {
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: fromSeq,
  });
  const unreadable = (seq: number) =>
    new CorruptAuditRecordError(
      seq,
      "the stored message is missing or unreadable (deleted, or it fails the store's checksum)",
    );
  while (next <= lastSeq) {
    const wanted = Math.min(READ_BATCH, lastSeq - next + 1);
    const batch = await consumer.fetch({ max_messages: wanted, expires: READ_STALL_MS });
    let delivered = 0;
    try {
      for await (const m of batch) {
        delivered++;
        if (m.seq !== next) throw unreadable(next);
        yield { seq: m.seq, subject: m.subject, data: m.data };
        next++;
      }
    } finally {
      batch.stop();
    }
    // A batch ends short only when nothing more came within READ_STALL_MS: is the next message there at all?
    if (delivered < wanted && next <= lastSeq && !(await jsm.streams.getMessage(stream, { seq: next })))
      throw unreadable(next);
  }
}

/** The stream to read is not on this NATS server. */
export class NoSuchStreamError extends Error {
  override name = 'NoSuchStreamError';
  readonly stream: string;
  constructor(stream: string, what: string) {
    super(`no ${what} ${stream} on this NATS server`);
    this.stream = stream;
  }
}

/**
 * Every message of the anchor stream (TESSERA_AUDIT_ANCHORS), decoded and checked with the notary's
 * public key (checkStoredAnchor); a missing or unreadable message is reported as a problem at its
 * stream sequence, and reading stops there. Undefined when there is no anchor stream at all.
 */
export async function readAuditAnchors(
  nc: NatsConnection,
  notaryPublicKey: KeyObject,
): Promise<StoredAnchor[] | undefined> {
  const out: StoredAnchor[] = [];
  try {
    for await (const m of readStreamInOrder(nc, AUDIT_ANCHOR_STREAM, 'anchor stream', 1)) {
      out.push(checkStoredAnchor(m.seq, m.subject, m.data, notaryPublicKey));
    }
  } catch (err) {
    if (err instanceof NoSuchStreamError) return undefined;
    if (!(err instanceof CorruptAuditRecordError)) throw err;
    out.push({ streamSeq: err.seq, problem: err.reason });
  }
  return out;
}
