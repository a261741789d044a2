import type { AuditRecord } from '@tessera/schema';
import type { Logger, NatsLink } from '@tessera/service-kit';
import { readAuditStream } from '@tessera/service-kit/audit';

export interface AuditFeed {
  /** The most recent records, oldest first. */
  recent(): readonly AuditRecord[];
  stop(): void;
}

/**
 * Follows the audit chain (read-only) for the commanders' audit timeline: every second, whatever
 * was appended since. Keeps the last `keep` records; `./tessera audit verify` checks the whole chain.
 */
export function startAuditFeed(deps: { link: NatsLink; logger: Logger; keep?: number; pollMs?: number }): AuditFeed {
  const keep = deps.keep ?? 5000;
  let records: AuditRecord[] = [];
  let nextSeq = 1;
  let busy = false;
  let warned = false;
  const poll = async () => {
    if (busy || !deps.link.connected()) return;
    busy = true;
    try {
      for await (const r of readAuditStream(deps.link.nc, { fromSeq: nextSeq })) {
        records.push(r);
        nextSeq = r.seq + 1;
      }
      if (records.length > keep) records = records.slice(-keep);
      warned = false;
    } catch (err) {
      if (!warned) deps.logger.warn({ err }, 'cannot read the audit stream yet');
      warned = true;
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void poll(), deps.pollMs ?? 1000);
  void poll();
  return {
    recent: () => records,
    stop: () => clearInterval(timer),
  };
}
