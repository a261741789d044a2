/**
 * The audit log on JetStream: appends sealed records to the TESSERA_AUDIT stream one at a time,
 * continues the chain after a restart, and never forks it.
 *
 * Record seq N is stored as stream sequence N: every publish carries `expect.lastSequence = N - 1`
 * (another writer in between makes it fail instead of forking) and `msgID = audit-N` (a retried
 * publish whose first attempt was stored after all is not stored twice).
 */
import {
  JetStreamApiCodes,
  JetStreamApiError,
  jetstream,
  jetstreamManager,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { errors, type NatsConnection } from '@nats-io/transport-node';
import { AUDIT_STREAM, AuditActor, AuditRecord, AuditRecordBody, subjects } from '@tessera/schema';
import { systemClock, type Clock, type Logger } from '@tessera/service-kit';
import {
  CorruptAuditRecordError,
  decodeAuditRecord,
  ensureAuditStream,
  GENESIS_HASH,
  readAuditStream,
  sealProblem,
  sealRecord,
  type AuditKeys,
} from '@tessera/service-kit/audit';

export interface AuditEntry {
  /** Who acted; the log's `actorDefaults` when omitted. */
  actor?: AuditActor;
  action: string;
  subject: string;
  details?: Record<string, unknown>;
  /** ISO timestamp; now when omitted. */
  at?: string;
}

export interface AuditHead {
  /** Seq of the last record (0 for an empty log). */
  seq: number;
  /** Its hash (GENESIS_HASH for an empty log). */
  hash: string;
}

export interface AuditLog {
  /** Seal and store one record after every earlier append; resolves once JetStream has stored it. */
  append(entry: AuditEntry): Promise<AuditRecord>;
  /** The chain head as this log last wrote or read it. */
  last(): AuditHead;
  /** The stored records from `fromSeq` (default 1) to the end of the stream as it is when called. */
  records(fromSeq?: number): AsyncIterable<AuditRecord>;
}

export interface AuditLogOptions {
  nc: NatsConnection;
  keys: AuditKeys;
  logger: Logger;
  /** The actor of entries that name none (e.g. the authority service itself). */
  actorDefaults?: AuditActor;
  clock?: Clock;
  /** How long one publish waits for JetStream's acknowledgement (default 5 s). */
  publishTimeoutMs?: number;
  /** How long an append keeps retrying through a NATS outage before it fails (default 30 s). */
  retryForMs?: number;
}

/** Someone else appended to the audit stream: this append was refused rather than forking the chain. */
export class AuditConflictError extends Error {
  override name = 'AuditConflictError';
  readonly seq: number;
  constructor(seq: number, detail: string) {
    super(`audit chain conflict at seq ${seq}: ${detail}; the record was not appended (the chain is not forked)`);
    this.seq = seq;
  }
}

/** The hash of the record stored as stream message `seq`: undefined when there is none, null when it is no audit record. */
async function storedHash(jsm: JetStreamManager, seq: number): Promise<string | null | undefined> {
  const m = await jsm.streams.getMessage(AUDIT_STREAM, { seq });
  if (!m) return undefined;
  try {
    return decodeAuditRecord(m.seq, m.data).hash;
  } catch {
    return null;
  }
}

/**
 * The chain head as stored: the last message of the stream, whose seq must be its stream sequence
 * and whose seal must verify with our key, in a stream that has every message from 1 on. Continuing
 * from anything else would extend a chain the verifier rejects, so that refuses loudly.
 */
async function readHead(jsm: JetStreamManager, keys: AuditKeys): Promise<AuditHead> {
  const { state } = await jsm.streams.info(AUDIT_STREAM);
  if (state.last_seq === 0) return { seq: 0, hash: GENESIS_HASH };
  if (state.first_seq !== 1 || state.messages !== state.last_seq) {
    throw new CorruptAuditRecordError(
      state.last_seq,
      `the stream holds ${state.messages} messages from ${state.first_seq} to ${state.last_seq}: records were lost; refusing to continue the chain`,
    );
  }
  const m = await jsm.streams.getMessage(AUDIT_STREAM, { seq: state.last_seq });
  if (!m)
    throw new CorruptAuditRecordError(
      state.last_seq,
      'the chain head is missing or unreadable; refusing to continue the chain',
    );
  const record = decodeAuditRecord(m.seq, m.data);
  if (record.seq !== m.seq)
    throw new CorruptAuditRecordError(m.seq, `its seq is ${record.seq} but it is stream message ${m.seq}`);
  const problem = sealProblem(record, keys.publicKey);
  if (problem)
    throw new CorruptAuditRecordError(
      m.seq,
      `the chain head does not verify (${problem}); refusing to continue the chain`,
    );
  return { seq: record.seq, hash: record.hash };
}

/** Failures that a reconnect can cure: retry. Anything the server answered, or a closed connection: do not. */
function isTransient(nc: NatsConnection, err: unknown): boolean {
  if (nc.isClosed() || nc.isDraining()) return false;
  if (err instanceof errors.ClosedConnectionError || err instanceof errors.DrainingConnectionError) return false;
  if (err instanceof JetStreamApiError) return err.status === 503;
  return true;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Open the audit log: ensure the stream, read the chain head so a restarted service continues
 * the same chain, and append from there.
 */
export async function openAuditLog(opts: AuditLogOptions): Promise<AuditLog> {
  const { nc, keys, logger } = opts;
  const clock = opts.clock ?? systemClock;
  const publishTimeoutMs = opts.publishTimeoutMs ?? 5_000;
  const retryForMs = opts.retryForMs ?? 30_000;
  const actorDefaults = opts.actorDefaults === undefined ? undefined : AuditActor.parse(opts.actorDefaults);
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  await ensureAuditStream(jsm);
  let head = await readHead(jsm, keys);
  /** After a failed append the stored head may differ from ours (a timed-out publish stored after all, another writer): re-read it. */
  let stale = false;
  logger.info({ stream: AUDIT_STREAM, seq: head.seq }, 'audit log opened');

  /** Store `record` as stream message record.seq, through reconnects; never as any other sequence. */
  async function store(record: AuditRecord): Promise<void> {
    const { seq } = record;
    const payload = JSON.stringify(record);
    const until = clock.now() + retryForMs;
    for (let attempt = 1; ; attempt++) {
      try {
        const ack = await js.publish(subjects.audit, payload, {
          msgID: `audit-${seq}`,
          expect: { lastSequence: seq - 1 },
          timeout: publishTimeoutMs,
        });
        if (ack.seq !== seq) throw new AuditConflictError(seq, `JetStream stored it as stream message ${ack.seq}`);
        if (ack.duplicate) {
          // audit-<seq> was stored before: by an earlier attempt of this append, or by another writer.
          if ((await storedHash(jsm, seq)) !== record.hash)
            throw new AuditConflictError(seq, 'another record with this seq is already stored');
        }
        return;
      } catch (err) {
        if (err instanceof AuditConflictError || err instanceof CorruptAuditRecordError) throw err;
        if (err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamWrongLastSequence) {
          // Our earlier attempt may have been stored after its acknowledgement was lost (and out of the duplicate window).
          if ((await storedHash(jsm, seq)) === record.hash) return;
          throw new AuditConflictError(
            seq,
            `the stream no longer ends at ${seq - 1} (${err.message}): another writer appended`,
          );
        }
        if (!isTransient(nc, err) || clock.now() >= until) throw err;
        logger.warn({ err, seq, attempt }, 'audit append failed; retrying');
        await sleep(Math.min(100 * 2 ** (attempt - 1), 2_000));
      }
    }
  }

  async function appendNow(entry: AuditEntry): Promise<AuditRecord> {
    const actor = entry.actor ?? actorDefaults;
    if (!actor) throw new Error('audit entry without an actor (and no actorDefaults)');
    if (stale) {
      const stored = await readHead(jsm, keys);
      if (stored.seq !== head.seq)
        logger.warn(
          { was: head.seq, now: stored.seq },
          'audit chain head moved while an append failed; continuing from the stored head',
        );
      head = stored;
      stale = false;
    }
    const body = AuditRecordBody.parse({
      seq: head.seq + 1,
      at: entry.at ?? new Date(clock.now()).toISOString(),
      actor,
      action: entry.action,
      subject: entry.subject,
      details: entry.details ?? {},
    });
    const record = sealRecord(body, head.hash, keys.privateKey);
    try {
      await store(record);
    } catch (err) {
      stale = true;
      logger.error({ err, seq: record.seq, action: record.action, subject: record.subject }, 'audit append failed');
      throw err;
    }
    head = { seq: record.seq, hash: record.hash };
    return record;
  }

  // One append at a time, in call order; a failed append does not stop the ones after it.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    append(entry) {
      const result = queue.then(() => appendNow(entry));
      queue = result.catch(() => undefined);
      return result;
    },
    last: () => ({ ...head }),
    records: (fromSeq) => readAuditStream(nc, fromSeq === undefined ? {} : { fromSeq }),
  };
}
