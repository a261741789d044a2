import type { NatsConnection } from '@nats-io/transport-node';
import { subjects } from '@tessera/schema';
import type { Rejector } from '../dead-letter.ts';
import type { HostileCase, HostileKind } from './hostile-messages.ts';

/**
 * Sending hostile messages over a real connection (a compromised peer's credential) and seeing
 * what the consumer did with them: test-only, for the services' nats-fuzz tests.
 */

export interface FuzzTally {
  total: number;
  /** Cases per subject prefix (`tally` groups them: all the keys of a KV bucket are one). */
  bySubject: Map<string, number>;
  byKind: Map<HostileKind, number>;
}

export const newTally = (): FuzzTally => ({ total: 0, bySubject: new Map(), byKind: new Map() });

function count(tally: FuzzTally, key: string, kind: HostileKind) {
  tally.total++;
  tally.bySubject.set(key, (tally.bySubject.get(key) ?? 0) + 1);
  tally.byKind.set(kind, (tally.byKind.get(kind) ?? 0) + 1);
}

/** How a request case is sent: as a request (answered to an inbox), without a reply subject, or with someone else's subject as reply. */
export type ReplyMode = 'inbox' | 'none' | 'foreign';

export interface SendOptions {
  /** The subject a case is counted under (default its subject): e.g. its target's subject for a KV key per case. */
  groupOf?: (c: HostileCase) => string;
  /** For request/reply subjects: how each case is sent (default 'none', a plain publish). */
  replyMode?: (c: HostileCase) => ReplyMode;
  /** The reply subject of a 'foreign' case: a subject the responder could write to (a KV key, the audit stream). */
  foreignReply?: string;
  /** Request timeout (ms): a hostile request must be answered, not left to time out. */
  timeoutMs?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Called with every reply to an 'inbox' case. */
  onReply?: (c: HostileCase, reply: Uint8Array) => void;
}

/**
 * Publish every case, each over its own publisher's connection (`via`: one, or one per case),
 * flushing now and then so a slow consumer is not flooded past its pending limits; requests wait
 * for their answer (at most `concurrency` at once). Returns how many went where.
 */
export async function sendHostile(
  via: NatsConnection | ((c: HostileCase) => NatsConnection),
  cases: Iterable<HostileCase>,
  opts: SendOptions = {},
): Promise<FuzzTally> {
  const connectionOf = typeof via === 'function' ? via : () => via;
  const used = new Set<NatsConnection>();
  const flushAll = () => Promise.all([...used].map((nc) => nc.flush()));
  const tally = newTally();
  const inFlight = new Set<Promise<void>>();
  let sinceFlush = 0;
  for (const c of cases) {
    const nc = connectionOf(c);
    used.add(nc);
    count(tally, opts.groupOf?.(c) ?? c.subject, c.kind);
    const mode = opts.replyMode?.(c) ?? 'none';
    if (mode === 'inbox') {
      // A request without an answer fails the run (its promise rejects): a hostile request must be answered.
      const p = nc.request(c.subject, c.body, { timeout: opts.timeoutMs ?? 10_000 }).then((m) => {
        opts.onReply?.(c, m.data);
      });
      const tracked = p.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      if (inFlight.size >= (opts.concurrency ?? 64)) await Promise.race(inFlight);
    } else {
      nc.publish(c.subject, c.body, mode === 'foreign' ? { reply: opts.foreignReply ?? subjects.audit } : {});
      // Bytes, not messages: a few oversized cases are as much as thousands of small ones.
      sinceFlush += c.body.length + 200;
      if (sinceFlush > 4 * 1024 * 1024 || tally.total % 500 === 0) {
        sinceFlush = 0;
        await flushAll();
      }
    }
  }
  await Promise.all(inFlight);
  await flushAll();
  return tally;
}

/** Rejections the rejector counted on subjects for which `where` holds (e.g. every key of a bucket). */
export function rejectedWhere(rejector: Rejector, where: (subject: string) => boolean): number {
  return Object.entries(rejector.counts())
    .filter(([subject]) => where(subject))
    .reduce((n, [, c]) => n + c, 0);
}

/** Counts the dead letters of `service` as they arrive (its `tessera.v1.deadletter.<service>` subject). */
export async function countDeadLetters(nc: NatsConnection, service: string) {
  let n = 0;
  const sub = nc.subscribe(subjects.deadLetter(service), { callback: () => void n++ });
  await nc.flush();
  return { count: () => n, stop: () => sub.unsubscribe() };
}

/** Cases per kind, for the report: `bytes 1500, truncated 1400, …`. */
export const describeTally = (t: FuzzTally) =>
  [...t.byKind].map(([k, n]) => `${k} ${n}`).join(', ') + ` (${t.total} in all)`;
