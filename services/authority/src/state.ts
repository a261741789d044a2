import type { KV } from '@nats-io/kv';
import {
  AuthorizationRequest,
  authorityKeys,
  parseWith,
  StandingAuthority,
  type Actor,
  type AuditRecord,
} from '@tessera/schema';

/** Where audit records go: the signed chain (audit/audit-log.ts), or anything with the same shape in tests. */
export interface AuditSink {
  append(entry: {
    actor: Actor;
    action: string;
    subject: string;
    details: AuditRecord['details'];
  }): Promise<AuditRecord>;
  /** Records from `fromSeq` on, in order (the authority replays its own tail at start). */
  records(fromSeq?: number): AsyncIterable<AuditRecord>;
  /** The chain's head: the last record's seq (0 when empty). */
  last(): { seq: number };
}

const SERVICE: Actor = { kind: 'SERVICE', id: 'authority', nation: null };
/** KV key of the last audit seq whose effects are known to be in KV (replay starts after it). */
const APPLIED_KEY = 'applied.audit';

/**
 * The authority's state in JetStream KV, written audit-first: every change is appended to the signed
 * chain with the full new state (`details.snapshot`) before it is written to KV, and an approved WCS
 * or autonomy change is audited (WCS_CHANGED / AUTONOMY_CHANGED) before it is put. A kill at any
 * point leaves the chain ahead of KV, never behind: at start `replay()` re-applies every record after
 * the last checkpoint whose effect KV does not show yet (a state newer than the stored one, a change
 * approved but not applied). So a decision is never in state without its audit record, and an
 * approved HOLD always takes effect.
 */
export function createAuthorityState(kv: KV, audit: AuditSink) {
  let checkpointed = -1;
  async function load(id: string): Promise<{ request: AuthorizationRequest; revision: number } | undefined> {
    const e = await kv.get(authorityKeys.request(id));
    if (!e || e.operation !== 'PUT') return undefined;
    const parsed = parseWith(AuthorizationRequest, e.json());
    if (!parsed.ok) throw new Error(`stored request ${id} is invalid: ${parsed.error}`);
    return { request: parsed.value, revision: e.revision };
  }

  async function getValue(key: string): Promise<string | undefined> {
    const e = await kv.get(key);
    return e && e.operation === 'PUT' ? (JSON.parse(e.string()) as string) : undefined;
  }

  /** The WCS or autonomy value an approved request sets, and where. */
  function effectOf(
    request: AuthorizationRequest,
  ): { key: string; action: string; subject: string; from: string; to: string } | null {
    if (request.state !== 'APPROVED') return null;
    if (request.wcsChange) {
      const { sectorNation, sectorId, from, to } = request.wcsChange;
      return {
        key: authorityKeys.wcs(sectorNation, sectorId),
        action: 'WCS_CHANGED',
        subject: `${sectorNation}/${sectorId}`,
        from,
        to,
      };
    }
    if (request.autonomyChange) {
      const { effectorClass, from, to } = request.autonomyChange;
      return {
        key: authorityKeys.autonomy(request.nation, effectorClass),
        action: 'AUTONOMY_CHANGED',
        subject: `${request.nation}/${effectorClass}`,
        from,
        to,
      };
    }
    return null;
  }

  async function applyEffect(request: AuthorizationRequest) {
    const effect = effectOf(request);
    if (!effect) return;
    await audit.append({
      actor: SERVICE,
      action: effect.action,
      subject: effect.subject,
      details: { request: request.id, from: effect.from, to: effect.to, key: effect.key },
    });
    await kv.put(effect.key, JSON.stringify(effect.to));
  }

  return {
    load,
    getValue,

    /** Every stored request (start-up, tests). */
    async all(): Promise<AuthorizationRequest[]> {
      const out: AuthorizationRequest[] = [];
      for await (const key of await kv.keys('request.>')) {
        const r = await load(key.slice('request.'.length));
        if (r) out.push(r.request);
      }
      return out;
    },

    /**
     * A new state of a request: audited (with the state itself), then written only if nobody changed
     * it since `revision` (null: it must not exist yet), then its approved change applied.
     */
    async commit(
      request: AuthorizationRequest,
      revision: number | null,
      actor: Actor,
      action: string,
      details: AuditRecord['details'] = {},
    ) {
      await audit.append({
        actor,
        action,
        subject: request.id,
        details: {
          state: request.state,
          engagementState: request.engagementState,
          version: request.version,
          ...details,
          snapshot: request as never,
        },
      });
      const key = authorityKeys.request(request.id);
      if (revision === null) await kv.create(key, JSON.stringify(request));
      else await kv.update(key, JSON.stringify(request), revision);
      await applyEffect(request);
    },

    async putStanding(
      sa: StandingAuthority,
      actor: Actor,
      action: string,
      subject: string,
      details: AuditRecord['details'],
    ) {
      await audit.append({ actor, action, subject, details: { ...details, standing: sa as never } });
      await kv.put(authorityKeys.standing(sa.nation, sa.id), JSON.stringify(sa));
    },

    async standing(): Promise<StandingAuthority[]> {
      const out: StandingAuthority[] = [];
      for await (const key of await kv.keys('standing.>')) {
        const e = await kv.get(key);
        const parsed = e && e.operation === 'PUT' ? parseWith(StandingAuthority, e.json()) : undefined;
        if (parsed?.ok) out.push(parsed.value);
      }
      return out;
    },

    /** The stored reply to a command, if it was executed. */
    async reply(commandId: string): Promise<string | undefined> {
      const e = await kv.get(authorityKeys.command(commandId));
      return e && e.operation === 'PUT' ? e.string() : undefined;
    },
    async keepReply(commandId: string, reply: unknown) {
      await kv.put(authorityKeys.command(commandId), JSON.stringify(reply));
    },

    /**
     * Bring KV up to the chain: for every record after the checkpoint, a request state newer than the
     * stored one is written, a standing authority is put, and an approved change whose WCS_CHANGED /
     * AUTONOMY_CHANGED record is missing is applied (audited then put); one that was audited is put
     * again (idempotent). Returns how many things it had to repair.
     */
    async replay(): Promise<number> {
      const from = Number((await getValue(APPLIED_KEY)) ?? '0') + 1;
      let repaired = 0;
      const unapplied = new Map<string, AuthorizationRequest>();
      for await (const record of audit.records(from)) {
        // Records appended for other services (details.recordedFor) are theirs to replay.
        if (record.details.recordedFor !== undefined) continue;
        const snapshot = record.details.snapshot;
        if (snapshot !== undefined) {
          const parsed = parseWith(AuthorizationRequest, snapshot);
          if (!parsed.ok) continue;
          const r = parsed.value;
          const stored = await load(r.id);
          if (!stored || stored.request.version < r.version) {
            await kv.put(authorityKeys.request(r.id), JSON.stringify(r));
            repaired++;
          }
          if (effectOf(r)) unapplied.set(r.id, r);
        }
        const standing = record.details.standing;
        if (standing !== undefined) {
          const parsed = parseWith(StandingAuthority, standing);
          if (parsed.ok)
            await kv.put(authorityKeys.standing(parsed.value.nation, parsed.value.id), JSON.stringify(parsed.value));
        }
        if (
          (record.action === 'WCS_CHANGED' || record.action === 'AUTONOMY_CHANGED') &&
          typeof record.details.request === 'string' &&
          typeof record.details.key === 'string'
        ) {
          unapplied.delete(record.details.request);
          const current = await getValue(record.details.key);
          if (current !== record.details.to) {
            await kv.put(record.details.key, JSON.stringify(record.details.to));
            repaired++;
          }
        }
      }
      for (const r of unapplied.values()) {
        await applyEffect(r);
        repaired++;
      }
      await this.checkpoint();
      return repaired;
    },

    /** Everything audited so far is in KV (called between commands, never during one). */
    async checkpoint() {
      const head = audit.last().seq;
      if (head === checkpointed) return;
      await kv.put(APPLIED_KEY, JSON.stringify(String(head)));
      checkpointed = head;
    },
  };
}
export type AuthorityState = ReturnType<typeof createAuthorityState>;
