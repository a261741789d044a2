/**
 * What a chaos run must leave true, as pure checks over what the run observed (no I/O): the
 * decisions people were told succeeded, the audit chain, the requests as they stand at the end, the
 * live streams' batch numbers, and how long each killed process took to come back.
 *
 * Each check returns violations in words an operator can act on; an empty list is a pass.
 */

/** The processes a chaos run kills. */
export const PROCESS_KINDS = [
  'nats-server',
  'gateway',
  'authority',
  'interceptor',
  'detector',
  'twin',
  'deconfliction',
] as const;
export type ProcessKind = (typeof PROCESS_KINDS)[number];

/** A commander's decision as the commander experienced it. */
export interface DecisionAttempt {
  requestId: string;
  username: string;
  decision: 'APPROVE' | 'DENY' | 'VETO';
  /** ok: the mutation returned the request; refused: a typed refusal; unknown: OUTCOME_UNKNOWN or no answer. */
  outcome: 'ok' | 'refused' | 'unknown';
}

/** What the checks read of an audit record. */
export interface AuditEntry {
  seq: number;
  at: string;
  actor: { kind: string; id: string };
  action: string;
  subject: string;
  details: Record<string, unknown>;
}

/** A request as the authority holds it at the end of the run. */
export interface FinalRequest {
  id: string;
  state: string;
  engagementState: string | null;
  deadline: string;
  decisions: { decision: string; by: { username: string } | null }[];
}

/** One kill and what followed it. Times are epoch milliseconds. */
export interface Kill {
  kind: ProcessKind;
  pid: number;
  at: number;
  /** When the process was back and ready (health /readyz, or for nats-server: everyone reconnected). */
  backAt?: number;
  /** Gateway kills: when every watcher's stream had a fresh snapshot after the gateway was back. */
  streamsBackAt?: number;
  /** Gateway kills with a browser: when the page was live again with its picture. */
  pageBackAt?: number;
}

export interface Limits {
  /** A killed process must be back within this (a bound for a hang, not a target). */
  backWithinMs: number;
  /** Live streams resume with a snapshot within this of the gateway being back. */
  streamsWithinMs: number;
  /** A browser page recovers within this of the gateway being back. */
  pageWithinMs: number;
}

export const LIMITS: Limits = { backWithinMs: 60_000, streamsWithinMs: 3_000, pageWithinMs: 5_000 };

const key = (requestId: string, username: string) => `${requestId} by ${username}`;

/**
 * Every decision the commander was told succeeded is in the audit chain exactly once and in the
 * request's state; no decision of anyone is in the chain twice (a retried or replayed command
 * applied once), whatever the commander was told.
 */
export function checkDecisions(attempts: DecisionAttempt[], audit: AuditEntry[], finals: FinalRequest[]): string[] {
  const out: string[] = [];
  const inChain = new Map<string, number>();
  for (const r of audit) {
    if (!r.action.startsWith('DECISION_') || r.actor.kind !== 'USER') continue;
    const k = key(r.subject, r.actor.id);
    inChain.set(k, (inChain.get(k) ?? 0) + 1);
  }
  for (const [k, n] of inChain) if (n > 1) out.push(`decision on ${k} is in the audit chain ${n} times`);
  const byId = new Map(finals.map((f) => [f.id, f]));
  const confirmed = new Map<string, DecisionAttempt>();
  for (const a of attempts) if (a.outcome === 'ok') confirmed.set(key(a.requestId, a.username), a);
  for (const [k, a] of confirmed) {
    const records = audit.filter(
      (r) => r.subject === a.requestId && r.actor.id === a.username && r.action === `DECISION_${a.decision}`,
    );
    if (records.length !== 1)
      out.push(`${a.decision} on ${k} succeeded but is in the audit chain ${records.length} times`);
    const final = byId.get(a.requestId);
    if (!final) out.push(`${a.decision} on ${k} succeeded but the request is not in the authority's state`);
    else {
      const held = final.decisions.filter((d) => d.by?.username === a.username && d.decision === a.decision);
      if (held.length !== 1)
        out.push(`${a.decision} on ${k} succeeded but the request's state holds it ${held.length} times`);
    }
  }
  return out;
}

const APPROVED_STATES = new Set(['APPROVED', 'AUTO_APPROVED']);
const snapshotOf = (r: AuditEntry) => r.details.snapshot as { state?: string; deadline?: string } | undefined;

/**
 * Nothing executed unapproved or after its deadline: every ENGAGEMENT_EXECUTING record follows a
 * record of the same request that made it APPROVED or AUTO_APPROVED, and was written before the
 * request's deadline.
 */
export function checkExecutions(audit: AuditEntry[]): string[] {
  const out: string[] = [];
  const approved = new Set<string>();
  for (const r of [...audit].sort((a, b) => a.seq - b.seq)) {
    const snap = snapshotOf(r);
    if (r.action === 'ENGAGEMENT_EXECUTING') {
      if (!approved.has(r.subject)) out.push(`${r.subject} executed (seq ${r.seq}) without an approval before it`);
      if (!snap?.deadline) out.push(`${r.subject} executed (seq ${r.seq}) with no deadline in its record`);
      else if (Date.parse(r.at) >= Date.parse(snap.deadline))
        out.push(`${r.subject} executed at ${r.at}, at or after its deadline ${snap.deadline} (seq ${r.seq})`);
    } else if (snap?.state && APPROVED_STATES.has(snap.state)) {
      approved.add(r.subject);
    }
  }
  return out;
}

const OPEN_STATES = new Set(['PENDING', 'PENDING_VETO']);

/**
 * No request stuck past its deadline: waiting for a decision, or authorized and never launched,
 * more than `graceMs` after the deadline (the authority's watch applies expiry on its own tick).
 */
export function checkStuck(finals: FinalRequest[], nowMs: number, graceMs: number): string[] {
  const out: string[] = [];
  for (const f of finals) {
    const late = nowMs - Date.parse(f.deadline);
    if (late <= graceMs) continue;
    if (OPEN_STATES.has(f.state))
      out.push(`${f.id} is still ${f.state} ${Math.round(late / 1000)} s after its deadline`);
    else if (f.engagementState === 'AUTHORIZED')
      out.push(
        `${f.id} is still AUTHORIZED (never launched, never lapsed) ${Math.round(late / 1000)} s after its deadline`,
      );
  }
  return out;
}

/**
 * A live stream's batches on one connection, in order: the first is a snapshot (reset), and every
 * batch after it that is not a reset is numbered one more than the one before (no gap).
 */
export function checkBatchSequence(name: string, batches: { seq: number; reset: boolean }[]): string[] {
  const out: string[] = [];
  batches.forEach((b, i) => {
    if (i === 0) {
      if (!b.reset) out.push(`${name}: the stream began at seq ${b.seq} without a snapshot`);
      return;
    }
    const prev = batches[i - 1]!;
    if (!b.reset && b.seq !== prev.seq + 1) out.push(`${name}: seq ${prev.seq} was followed by ${b.seq} (a gap)`);
  });
  return out;
}

/** Every killed process came back; streams and the page recovered in time after a gateway kill. */
export function checkRecovery(kills: Kill[], limits: Limits = LIMITS, withPage = false): string[] {
  const out: string[] = [];
  for (const k of kills) {
    const when = new Date(k.at).toISOString().slice(11, 23);
    if (k.backAt === undefined) {
      out.push(`${k.kind} killed at ${when} did not come back`);
      continue;
    }
    if (k.backAt - k.at > limits.backWithinMs)
      out.push(`${k.kind} killed at ${when} took ${k.backAt - k.at} ms to come back`);
    if (k.kind !== 'gateway') continue;
    if (k.streamsBackAt === undefined) out.push(`after the gateway kill at ${when} the live streams never resumed`);
    else if (k.streamsBackAt - k.backAt > limits.streamsWithinMs)
      out.push(
        `after the gateway kill at ${when} the live streams resumed ${k.streamsBackAt - k.backAt} ms after the gateway was back (limit ${limits.streamsWithinMs})`,
      );
    if (!withPage) continue;
    if (k.pageBackAt === undefined) out.push(`after the gateway kill at ${when} the browser page never recovered`);
    else if (k.pageBackAt - k.backAt > limits.pageWithinMs)
      out.push(
        `after the gateway kill at ${when} the browser page recovered ${k.pageBackAt - k.backAt} ms after the gateway was back (limit ${limits.pageWithinMs})`,
      );
  }
  return out;
}

/** Time to come back per process kind: kills, p50 and max in milliseconds. */
export function resumeTimes(kills: Kill[]): { kind: ProcessKind; kills: number; p50Ms: number; maxMs: number }[] {
  return PROCESS_KINDS.flatMap((kind) => {
    const ms = kills
      .filter((k) => k.kind === kind && k.backAt !== undefined)
      .map((k) => k.backAt! - k.at)
      .sort((a, b) => a - b);
    if (ms.length === 0) return [];
    return [{ kind, kills: ms.length, p50Ms: ms[Math.floor((ms.length - 1) / 2)]!, maxMs: ms[ms.length - 1]! }];
  });
}

/**
 * The kill order: every kind once per round, each round shuffled by the seeded random source, so
 * every kind is killed as often as the others and in no fixed order.
 */
export function killOrder(count: number, random: () => number): ProcessKind[] {
  const out: ProcessKind[] = [];
  while (out.length < count) {
    const round = [...PROCESS_KINDS];
    for (let i = round.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [round[i], round[j]] = [round[j]!, round[i]!];
    }
    out.push(...round);
  }
  return out.slice(0, count);
}

/** A small seeded random source (mulberry32): a run is repeatable from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
