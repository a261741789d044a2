import type { KV } from '@nats-io/kv';
import { z } from 'zod';
import {
  AirspaceVolume,
  airspaceKeys,
  Conflict,
  DeconflictionReply,
  parseWith,
  Proposal,
  RestrictedEntry,
  SpectrumAssignment,
  type AuditActor,
  type AuditAppendRequest,
} from '@tessera/schema';
import { reservationKey } from '@tessera/service-kit/airspace';
import type { AuditTrail } from './audit-client.ts';

/** What one audit record brings about: the new state of every object it changes. */
export const Snapshot = z.object({
  reservations: z.array(AirspaceVolume).default([]),
  conflicts: z.array(Conflict).default([]),
  proposals: z.array(Proposal).default([]),
  assignments: z.array(SpectrumAssignment).default([]),
  restricted: z.array(RestrictedEntry).default([]),
});
export type Snapshot = z.input<typeof Snapshot>;

/** A command's answer, kept with the record so a replay can store it too. */
const KeptReply = z.object({ commandId: z.string(), reply: DeconflictionReply });

export interface Change {
  actor: AuditActor;
  action: string;
  subject: string;
  details?: AuditAppendRequest['details'];
  snapshot: Snapshot;
  /** The reply to the command that made this change (stored under `command.<id>`). */
  reply?: z.infer<typeof KeptReply>;
}

/** KV key of the last audit seq whose effects are known to be in KV (replay starts after it). */
const APPLIED_KEY = 'applied.audit';

interface Stored<T> {
  value: T;
  revision: number;
}

/**
 * The airspace in JetStream KV (TESSERA_AIRSPACE), written audit-first as the authority writes its
 * own (docs/authority.md, "Durability"): every change is appended to the signed chain with the full
 * new state of everything it touches (`details.snapshot`) before any of it is written, and each
 * write names the revision it was computed from. A kill at any point leaves the chain ahead of KV,
 * never behind: `replay()` writes every snapshot after the checkpoint that KV does not show yet, so
 * an agreed change touching two reservations is after a restart either wholly applied or not at all.
 * The service is the bucket's only writer and keeps a copy in memory for the engine and the rules.
 */
export function createAirspaceStore(kv: KV, audit: AuditTrail) {
  const reservations = new Map<string, Stored<AirspaceVolume>>();
  const conflicts = new Map<string, Stored<Conflict>>();
  const proposals = new Map<string, Stored<Proposal>>();
  const assignments = new Map<string, Stored<SpectrumAssignment>>();
  const restricted = new Map<string, Stored<RestrictedEntry>>();
  let applied = 0;
  let checkpointed = -1;

  async function read<T>(key: string, schema: z.ZodType<T>): Promise<Stored<T> | undefined> {
    const e = await kv.get(key);
    if (!e || e.operation !== 'PUT') return undefined;
    const parsed = parseWith(schema, e.json());
    if (!parsed.ok) throw new Error(`stored ${key} is invalid: ${parsed.error}`);
    return { value: parsed.value, revision: e.revision };
  }

  /** Write a value over the revision it was computed from (none: the key must not exist). */
  async function write<T>(key: string, value: T, known: Stored<T> | undefined): Promise<Stored<T>> {
    const json = JSON.stringify(value);
    const revision = known ? await kv.update(key, json, known.revision) : await kv.create(key, json);
    return { value, revision };
  }

  interface Kind<T extends { version: number }> {
    prefix: string;
    map: Map<string, Stored<T>>;
    schema: z.ZodType<T>;
    /** Its KV key, and its key in memory. */
    key(v: T): string;
    memo(v: T): string;
  }
  const reservationKind: Kind<AirspaceVolume> = {
    prefix: 'reservation.',
    map: reservations,
    schema: AirspaceVolume,
    key: (v) => airspaceKeys.reservation(v.nation, v.id),
    memo: reservationKey,
  };
  const conflictKind: Kind<Conflict> = {
    prefix: 'conflict.',
    map: conflicts,
    schema: Conflict,
    key: (c) => airspaceKeys.conflict(c.id),
    memo: (c) => c.id,
  };
  const proposalKind: Kind<Proposal> = {
    prefix: 'proposal.',
    map: proposals,
    schema: Proposal,
    key: (p) => airspaceKeys.proposal(p.id),
    memo: (p) => p.id,
  };

  const assignmentKind: Kind<SpectrumAssignment> = {
    prefix: 'assignment.',
    map: assignments,
    schema: SpectrumAssignment,
    key: (a) => airspaceKeys.assignment(a.nation, a.id),
    memo: reservationKey,
  };
  const restrictedKind: Kind<RestrictedEntry> = {
    prefix: 'restricted.',
    map: restricted,
    schema: RestrictedEntry as z.ZodType<RestrictedEntry>,
    key: (e) => airspaceKeys.restricted(e.nation, e.id),
    memo: reservationKey,
  };
  const kinds = [reservationKind, conflictKind, proposalKind, assignmentKind, restrictedKind] as const;

  /** Write values where the store (KV itself, when replaying) holds an older version or none. Returns how many it wrote. */
  async function writeNewer<T extends { version: number }>(
    kind: Kind<T>,
    values: readonly T[],
    fromKv: boolean,
  ): Promise<number> {
    let written = 0;
    for (const value of values) {
      const known = fromKv ? await read(kind.key(value), kind.schema) : kind.map.get(kind.memo(value));
      if (known && known.value.version >= value.version) continue;
      kind.map.set(kind.memo(value), await write(kind.key(value), value, known));
      written++;
    }
    return written;
  }

  const writeSnapshot = async (s: z.infer<typeof Snapshot>, fromKv: boolean) =>
    (await writeNewer(reservationKind, s.reservations, fromKv)) +
    (await writeNewer(assignmentKind, s.assignments, fromKv)) +
    (await writeNewer(restrictedKind, s.restricted, fromKv)) +
    (await writeNewer(conflictKind, s.conflicts, fromKv)) +
    (await writeNewer(proposalKind, s.proposals, fromKv));

  async function loadAll<T extends { version: number }>(kind: Kind<T>) {
    kind.map.clear();
    for await (const key of await kv.keys(`${kind.prefix}>`)) {
      const stored = await read(key, kind.schema);
      if (stored) kind.map.set(kind.memo(stored.value), stored);
    }
  }

  async function keepReply(commandId: string, reply: unknown) {
    await kv.put(airspaceKeys.command(commandId), JSON.stringify(reply));
  }

  return {
    reservation: (nation: string, id: string): AirspaceVolume | undefined =>
      reservations.get(reservationKey({ nation, id }))?.value,
    reservations: () => [...reservations.values()].map((s) => s.value),
    conflict: (id: string): Conflict | undefined => conflicts.get(id)?.value,
    conflictMap: () => new Map([...conflicts].map(([id, s]) => [id, s.value])),
    conflicts: () => [...conflicts.values()].map((s) => s.value),
    proposal: (id: string): Proposal | undefined => proposals.get(id)?.value,
    proposals: () => [...proposals.values()].map((s) => s.value),
    assignment: (nation: string, id: string): SpectrumAssignment | undefined =>
      assignments.get(reservationKey({ nation, id }))?.value,
    assignments: () => [...assignments.values()].map((s) => s.value),
    restrictedEntry: (nation: string, id: string): RestrictedEntry | undefined =>
      restricted.get(reservationKey({ nation, id }))?.value,
    restricted: () => [...restricted.values()].map((s) => s.value),

    /** Everything stored, into memory (at start and after a repair). */
    async load() {
      for (const kind of kinds) await loadAll(kind as Kind<{ version: number }>);
    },

    /** Audit first (with the snapshot and the reply), then write every value over its known revision, then keep the reply. */
    async commit(change: Change): Promise<void> {
      const snapshot = Snapshot.parse(change.snapshot);
      const seq = await audit.append({
        actor: change.actor,
        action: change.action,
        subject: change.subject,
        details: change.reply
          ? { ...change.details, snapshot: snapshot as never, reply: change.reply as never }
          : { ...change.details, snapshot: snapshot as never },
      });
      await writeSnapshot(snapshot, false);
      if (change.reply) await keepReply(change.reply.commandId, change.reply.reply);
      applied = Math.max(applied, seq);
    },

    /** The stored reply to a command, if it was executed. */
    async reply(commandId: string): Promise<DeconflictionReply | undefined> {
      return (await read(airspaceKeys.command(commandId), DeconflictionReply))?.value;
    },

    /**
     * Bring KV up to the chain: every snapshot of this service's records after the checkpoint is
     * written where KV holds an older version, every kept reply stored; then memory is reloaded.
     * Returns how many values it had to write.
     */
    async replay(): Promise<number> {
      const from = Number((await read(APPLIED_KEY, z.string()))?.value ?? '0') + 1;
      let repaired = 0;
      for await (const record of audit.records(from)) {
        const snapshot = Snapshot.safeParse(record.details.snapshot ?? {});
        if (snapshot.success) repaired += await writeSnapshot(snapshot.data, true);
        const kept = KeptReply.safeParse(record.details.reply);
        if (kept.success && !(await kv.get(airspaceKeys.command(kept.data.commandId))))
          await keepReply(kept.data.commandId, kept.data.reply);
        applied = Math.max(applied, record.seq);
      }
      await this.load();
      await this.checkpoint();
      return repaired;
    },

    /** Everything this service audited so far is in KV (called between commands, never during one). */
    async checkpoint() {
      if (applied === checkpointed) return;
      await kv.put(APPLIED_KEY, JSON.stringify(String(applied)));
      checkpointed = applied;
    },
  };
}
export type AirspaceStore = ReturnType<typeof createAirspaceStore>;
