import { randomUUID } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  AuditAppendReply,
  subjects,
  type AuditActor,
  type AuditAppendRequest,
  type AuditRecord,
} from '@tessera/schema';
import { requestParsed, type Logger, type Rejector } from '@tessera/service-kit';
import { readAuditStream } from '@tessera/service-kit/audit';

const SERVICE = 'deconfliction';

export interface AuditEntry {
  actor: AuditActor;
  action: string;
  subject: string;
  details: AuditAppendRequest['details'];
}

/** The signed chain as this service uses it: the authority appends for it, and it reads its own records back. */
export interface AuditTrail {
  /** The record's seq once the chain's writer stored it; throws when that is not known. */
  append(entry: AuditEntry): Promise<number>;
  /** This service's records from `fromSeq` on (the authority marks them `recordedFor`), in order. */
  records(fromSeq: number): AsyncIterable<AuditRecord>;
}

/**
 * The audit chain through its one writer: `subjects.auditAppend('deconfliction')`, where only this
 * service's NATS user may publish, so the authority appends in this service's name (or a person's
 * it vouches for) and nobody else's. An append that got no answer is asked again with the same
 * request id, which the authority appends at most once. Short waits (2 x 3 s by default): commands
 * run one at a time, so a chain writer that is down must not hold the queue for long.
 */
export function createAuditTrail(deps: {
  nc: NatsConnection;
  rejector: Rejector;
  logger: Logger;
  timeoutMs?: number;
  attempts?: number;
}): AuditTrail {
  return {
    async append(entry) {
      const body: AuditAppendRequest = { ...entry, requestId: randomUUID().replaceAll('-', '') };
      for (let attempt = 1; attempt <= (deps.attempts ?? 2); attempt++) {
        const reply = await requestParsed({
          nc: deps.nc,
          subject: subjects.auditAppend(SERVICE),
          body,
          reply: AuditAppendReply,
          timeoutMs: deps.timeoutMs ?? 3000,
          rejector: deps.rejector,
          logger: deps.logger,
          what: 'audit append',
          context: { action: entry.action, subject: entry.subject, attempt },
        });
        if (reply?.ok) return reply.seq;
        if (reply)
          throw new Error(
            `the audit chain refused ${entry.action} on ${entry.subject}: ${reply.rule}: ${reply.message}`,
          );
      }
      throw new Error(`the audit chain did not answer for ${entry.action} on ${entry.subject}`);
    },
    async *records(fromSeq) {
      for await (const record of readAuditStream(deps.nc, { fromSeq }))
        if (record.details.recordedFor === SERVICE) yield record;
    },
  };
}
