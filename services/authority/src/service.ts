import { Kvm, type KV } from '@nats-io/kv';
import type { Subscription } from '@nats-io/transport-node';
import {
  AUTHORITY_BUCKET,
  AuthorityCommand,
  AuthorityReply,
  AuthorizationRequest,
  StandingAuthority,
  canSee,
  StandingReply,
  authorityKeys,
  parseWith,
  subjects,
  TrackBatch,
  type Actor,
  type AuditRecord,
  type AirspaceVolume,
  type AutonomyMode,
  type Track,
  type WeaponsControlStatus,
} from '@tessera/schema';
import { decodeJson, type Clock, type Logger, type NatsLink, type Rejector } from '@tessera/service-kit';
import { distanceM } from '@tessera/service-kit/geo';
import { abort, abortReason, advance, complete, decide, engagementChecks, grantStanding, launch, openRequest, revokeStanding, withdraw, type AuthorityPolicy, type Outcome, type Situation } from './domain/rules.ts';

/** Where audit records go: the signed chain (audit/audit-log.ts), or anything with the same shape in tests. */
export interface AuditSink {
  append(entry: { actor: Actor; action: string; subject: string; details: AuditRecord['details'] }): Promise<unknown>;
}

export interface AuthorityDeps {
  link: NatsLink;
  clock: Clock;
  logger: Logger;
  rejector: Rejector;
  audit: AuditSink;
  policy: AuthorityPolicy;
  /** Airspace volumes (sectors with their initial WCS, no-fire areas) from reference data. */
  volumes: () => Iterable<AirspaceVolume>;
  /** How often deadlines, veto windows and situations are checked, ms; null: only when tick() is called (tests). */
  tickMs?: number | null;
  /**
   * After a (re)start the track picture is empty until the fusion centres report again: a target not
   * seen yet is not taken as gone (no abort) for this long, ms. Launches are still refused meanwhile.
   */
  pictureWarmupMs?: number;
}

const SERVICE: Actor = { kind: 'SERVICE', id: 'authority', nation: null };

/**
 * The single owner of authorization requests. All state lives in JetStream KV (file storage), each
 * write checked against the revision it was computed from, so two writers (or a restarted service
 * and a late message) can never both apply a decision; a command's reply is stored under its id, so
 * a repeated command is answered and not applied twice. Every request, decision, state change and
 * refusal goes to the audit chain.
 */
export function createAuthorityService(deps: AuthorityDeps) {
  const { link, logger, clock, policy } = deps;
  const nc = link.nc;
  let kv: KV | undefined;
  const subs: Subscription[] = [];
  let timer: NodeJS.Timeout | undefined;
  const tracks = new Map<string, Track>();
  /** Standing authorities by nation (the service is their only writer; loaded at start). */
  const standing = new Map<string, StandingAuthority>();
  let startedAtMs = 0;
  /** Requests the tick must look at: waiting, or an engagement authorized or running. Decided-and-done ones are left alone. */
  const live = new Set<string>();
  const needsWatching = (r: AuthorizationRequest) => r.state === 'PENDING' || r.state === 'PENDING_VETO' || r.engagementState === 'AUTHORIZED' || r.engagementState === 'EXECUTING';
  /** One command or tick at a time: decisions are applied in the order they arrive. */
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };

  async function load(id: string): Promise<{ request: AuthorizationRequest; revision: number } | undefined> {
    const e = await kv!.get(authorityKeys.request(id));
    if (!e || e.operation !== 'PUT') return undefined;
    const parsed = parseWith(AuthorizationRequest, e.json());
    if (!parsed.ok) throw new Error(`stored request ${id} is invalid: ${parsed.error}`);
    return { request: parsed.value, revision: e.revision };
  }

  /** Write a new state of a request, only if nobody changed it since `revision`; audit the change. */
  async function store(request: AuthorizationRequest, revision: number | null, actor: Actor, action: string, details: AuditRecord['details'] = {}) {
    const key = authorityKeys.request(request.id);
    const body = JSON.stringify(request);
    if (revision === null) await kv!.create(key, body);
    else await kv!.update(key, body, revision);
    if (needsWatching(request)) live.add(request.id);
    else live.delete(request.id);
    await deps.audit.append({ actor, action, subject: request.id, details: { state: request.state, engagementState: request.engagementState, version: request.version, ...details } });
    await applyApproved(request);
  }

  /** An approved WCS or autonomy change takes effect: the authority owns the current value. */
  async function applyApproved(request: AuthorizationRequest) {
    if (request.state !== 'APPROVED') return;
    if (request.wcsChange) {
      const { sectorNation, sectorId, to } = request.wcsChange;
      await kv!.put(authorityKeys.wcs(sectorNation, sectorId), JSON.stringify(to));
      await deps.audit.append({ actor: SERVICE, action: 'WCS_CHANGED', subject: `${sectorNation}/${sectorId}`, details: { request: request.id, from: request.wcsChange.from, to } });
    }
    if (request.autonomyChange) {
      const { effectorClass, to } = request.autonomyChange;
      await kv!.put(authorityKeys.autonomy(request.nation, effectorClass), JSON.stringify(to));
      await deps.audit.append({ actor: SERVICE, action: 'AUTONOMY_CHANGED', subject: `${request.nation}/${effectorClass}`, details: { request: request.id, from: request.autonomyChange.from, to } });
    }
  }

  function wcsOf(nation: string, sectorId: string, stored: WeaponsControlStatus | undefined): WeaponsControlStatus | undefined {
    if (stored) return stored;
    for (const v of deps.volumes()) if (v.kind === 'SECTOR' && v.nation === nation && v.id === sectorId) return v.wcs;
    return undefined;
  }

  async function getString(key: string): Promise<string | undefined> {
    const e = await kv!.get(key);
    return e && e.operation === 'PUT' ? e.string() : undefined;
  }

  /** WCS and autonomy values are stored as JSON strings ("FREE"). */
  async function getValue(key: string): Promise<string | undefined> {
    const s = await getString(key);
    return s === undefined ? undefined : (JSON.parse(s) as string);
  }

  function situationOf(req: AuthorizationRequest): Situation {
    const e = req.engagement;
    // A JAMMING request has no target track, intercept point or danger radius to check (abortReason: null).
    if (!e) return { targetIdentity: null, friendlies: [], noFireAreas: [] };
    const target = tracks.get(e.targetTrackId);
    const identityFor = (t: Track) => t.assessments.find((a) => a.nation === req.nation)?.identity ?? t.identity;
    // Whether every party of the request may see an object: only then may the request name it.
    const parties = [req.label.originator, ...req.label.releasableTo];
    const shareable = (label: Track['label']) => parties.every((nation) => canSee({ nation, clearance: req.label.classification }, label));
    const friendlies = [...tracks.values()]
      .filter((t) => t.id !== e.targetTrackId && (identityFor(t) === 'FRIEND' || identityFor(t) === 'ASSUMED_FRIEND'))
      .map((t) => ({ id: t.id, lat: t.position.lat, lon: t.position.lon, shareable: shareable(t.label) }));
    const noFireAreas = [...deps.volumes()]
      .filter((v) => v.kind === 'NO_FIRE_AREA')
      .map((v) => {
        if (v.circle) return { id: v.id, center: v.circle.center, radiusM: v.circle.radiusM, shareable: shareable(v.label) };
        const pts = v.outline!;
        const center = { lat: pts.reduce((s, p) => s + p.lat, 0) / pts.length, lon: pts.reduce((s, p) => s + p.lon, 0) / pts.length };
        return { id: v.id, center, radiusM: Math.max(...pts.map((p) => distanceM(center, p))), shareable: shareable(v.label) };
      });
    return { targetIdentity: target ? identityFor(target) : null, friendlies, noFireAreas };
  }

  async function refuseAndAudit(cmd: Exclude<AuthorityCommand, { type: 'SET_STANDING' | 'REVOKE_STANDING' }>, actor: Actor, refusal: Extract<Outcome<unknown>, { ok: false }>): Promise<AuthorityReply> {
    await deps.audit.append({ actor, action: 'REFUSED', subject: 'requestId' in cmd ? cmd.requestId : cmd.request.id, details: { command: cmd.type, rule: refusal.rule, message: refusal.message } });
    return { ok: false, rule: refusal.rule, message: refusal.message };
  }

  /** Grant or revoke standing authority (pre-delegation); audited like every decision. */
  async function executeStanding(cmd: Extract<AuthorityCommand, { type: 'SET_STANDING' | 'REVOKE_STANDING' }>): Promise<StandingReply> {
    const now = clock.now();
    const actor: Actor = { kind: 'USER', id: cmd.by.username, nation: cmd.by.nation };
    const subject = cmd.type === 'SET_STANDING' ? `${cmd.authority.nation}/standing/${cmd.authority.id}` : `${cmd.nation}/standing/${cmd.standingId}`;
    let out: Outcome<StandingAuthority>;
    if (cmd.type === 'SET_STANDING') {
      out = standing.has(`${cmd.authority.nation}.${cmd.authority.id}`) ? { ok: false, rule: 'INVALID', message: `Standing authority ${cmd.authority.id} already exists.` } : grantStanding(cmd.authority, cmd.by, now);
    } else {
      const current = standing.get(`${cmd.nation}.${cmd.standingId}`);
      out = current ? revokeStanding(current, cmd.by, now) : { ok: false, rule: 'INVALID', message: `No standing authority ${cmd.standingId}.` };
    }
    if (!out.ok) {
      await deps.audit.append({ actor, action: 'REFUSED', subject, details: { command: cmd.type, rule: out.rule, message: out.message } });
      return { ok: false, rule: out.rule, message: out.message };
    }
    const sa = out.value;
    await kv!.put(authorityKeys.standing(sa.nation, sa.id), JSON.stringify(sa));
    standing.set(`${sa.nation}.${sa.id}`, sa);
    await deps.audit.append({
      actor,
      action: cmd.type === 'SET_STANDING' ? 'STANDING_AUTHORITY_SET' : 'STANDING_AUTHORITY_REVOKED',
      subject,
      details: { zone: sa.zone, effectorClasses: sa.effectorClasses, targetKinds: sa.targetKinds, identities: sa.identities, minConfidence: sa.minConfidence, validFrom: sa.validFrom, expiresAt: sa.expiresAt, revokedAt: sa.revokedAt },
    });
    return { ok: true, standing: sa };
  }

  async function execute(cmd: Exclude<AuthorityCommand, { type: 'SET_STANDING' | 'REVOKE_STANDING' }>): Promise<AuthorityReply> {
    const now = clock.now();
    const actor: Actor = cmd.type === 'OPEN' ? cmd.request.requestedBy : cmd.type === 'DECIDE' ? { kind: 'USER', id: cmd.by.username, nation: cmd.by.nation } : cmd.by;
    if (cmd.type === 'OPEN') {
      if (await load(cmd.request.id)) return refuseAndAudit(cmd, actor, { ok: false, rule: 'INVALID', message: `Request ${cmd.request.id} already exists.` });
      const e = cmd.request.engagement;
      const sectorWcs = e ? wcsOf(e.sectorNation, e.sectorId, (await getValue(authorityKeys.wcs(e.sectorNation, e.sectorId))) as WeaponsControlStatus | undefined) : undefined;
      const autonomy = e ? (((await getValue(authorityKeys.autonomy(cmd.request.nation, e.effectorClass))) as AutonomyMode | undefined) ?? 'IN_THE_LOOP') : undefined;
      const standingOfNation = [...standing.values()].filter((sa) => sa.nation === cmd.request.nation);
      const opened = openRequest(cmd.request, { nowMs: now, policy, standing: standingOfNation, ...(sectorWcs ? { sectorWcs } : {}), ...(autonomy ? { autonomy } : {}) });
      if (!opened.ok) return refuseAndAudit(cmd, actor, opened);
      if (opened.value.engagement) opened.value.checks = engagementChecks(opened.value, sectorWcs, situationOf(opened.value));
      await store(opened.value, null, actor, 'REQUEST_OPENED', { kind: opened.value.kind, nation: opened.value.nation, deadline: opened.value.deadline, requiredApprovals: opened.value.requiredApprovals });
      return { ok: true, request: opened.value };
    }
    const current = await load(cmd.requestId);
    if (!current) return refuseAndAudit(cmd, actor, { ok: false, rule: 'INVALID', message: `No request ${cmd.requestId}.` });
    // Deadlines first: a decision at or after the deadline meets an expired request.
    const due = advance(current.request, now);
    if (due) {
      await store(due, current.revision, SERVICE, due.state === 'EXPIRED' ? 'REQUEST_EXPIRED' : 'REQUEST_AUTO_APPROVED');
      return execute(cmd);
    }
    let next: Outcome<AuthorizationRequest>;
    let action: string;
    switch (cmd.type) {
      case 'DECIDE':
        next = decide(current.request, { decision: cmd.decision, reason: cmd.reason }, cmd.by, now);
        action = `DECISION_${cmd.decision}`;
        break;
      case 'WITHDRAW':
        next = withdraw(current.request, now);
        action = 'REQUEST_WITHDRAWN';
        break;
      case 'LAUNCH': {
        const situation = situationOf(current.request);
        next = launch(current.request, situation, now);
        // What the authority found at launch is kept with the request (and audited with it).
        if (next.ok && current.request.engagement) {
          const e = current.request.engagement;
          const wcs = wcsOf(e.sectorNation, e.sectorId, (await getValue(authorityKeys.wcs(e.sectorNation, e.sectorId))) as WeaponsControlStatus | undefined);
          next = { ok: true, value: { ...next.value, checks: engagementChecks(next.value, wcs, situation) } };
        }
        action = 'ENGAGEMENT_EXECUTING';
        break;
      }
      case 'COMPLETE':
        next = complete(current.request, cmd.outcome);
        action = 'ENGAGEMENT_COMPLETED';
        break;
    }
    if (!next.ok) return refuseAndAudit(cmd, actor, next);
    await store(next.value, current.revision, actor, action, cmd.type === 'DECIDE' ? { reason: cmd.reason } : cmd.type === 'COMPLETE' ? { outcome: cmd.outcome } : {});
    return { ok: true, request: next.value };
  }

  /** A command once: a repeat (same commandId) gets the stored reply. */
  async function handle(cmd: AuthorityCommand): Promise<AuthorityReply | StandingReply> {
    const key = authorityKeys.command(cmd.commandId);
    const done = await getString(key);
    const standingCommand = cmd.type === 'SET_STANDING' || cmd.type === 'REVOKE_STANDING';
    if (done) return standingCommand ? StandingReply.parse(JSON.parse(done)) : AuthorityReply.parse(JSON.parse(done));
    const reply = standingCommand ? await executeStanding(cmd) : await execute(cmd);
    await kv!.put(key, JSON.stringify(reply));
    return reply;
  }

  /** Deadlines, veto windows and situations, checked on every tick. */
  async function tick() {
    const now = clock.now();
    for (const id of [...live]) {
      const current = await load(id);
      if (!current) {
        live.delete(id);
        continue;
      }
      const due = advance(current.request, now);
      if (due) {
        await store(due, current.revision, SERVICE, due.state === 'EXPIRED' ? 'REQUEST_EXPIRED' : 'REQUEST_AUTO_APPROVED');
        continue;
      }
      const r = current.request;
      // Fail-safe: an approval not used by its deadline lapses; nothing expired ever executes.
      if (r.engagementState === 'AUTHORIZED' && now >= Date.parse(r.deadline)) {
        const lapsed = abort(r, 'authorization expired before launch');
        if (lapsed.ok) await store(lapsed.value, current.revision, SERVICE, 'ENGAGEMENT_ABORTED', { reason: 'authorization expired before launch' });
        continue;
      }
      if (r.engagement && (r.engagementState === 'AUTHORIZED' || r.engagementState === 'EXECUTING')) {
        const situation = situationOf(r);
        const warm = now - startedAtMs >= (deps.pictureWarmupMs ?? 10_000);
        const why = situation.targetIdentity === null && !warm ? null : abortReason(r, situation);
        if (why) {
          const aborted = abort(r, why);
          if (aborted.ok) await store(aborted.value, current.revision, SERVICE, 'ENGAGEMENT_ABORTED', { reason: why });
        }
      }
    }
  }

  function onTracks(subject: string, data: Uint8Array) {
    const decoded = decodeJson(data);
    const parsed = decoded.ok ? parseWith(TrackBatch, decoded.value) : decoded;
    if (!parsed.ok) return deps.rejector.reject(subject, data, parsed.error);
    for (const t of parsed.value.upserts) tracks.set(t.id, t);
    for (const r of parsed.value.removals) tracks.delete(r.id);
  }

  return {
    async start() {
      kv = await new Kvm(nc).create(AUTHORITY_BUCKET, { history: 1, storage: 'file' });
      startedAtMs = clock.now();
      // What the tick must watch, from the stored state (a restart picks up where it left off).
      for await (const key of await kv.keys('request.>')) {
        const stored = await load(key.slice('request.'.length));
        if (stored && needsWatching(stored.request)) live.add(stored.request.id);
      }
      for await (const key of await kv.keys('standing.>')) {
        const e = await kv.get(key);
        const parsed = e && e.operation === 'PUT' ? parseWith(StandingAuthority, e.json()) : undefined;
        if (parsed?.ok) standing.set(`${parsed.value.nation}.${parsed.value.id}`, parsed.value);
      }
      subs.push(
        nc.subscribe(subjects.allTrackBatches, { callback: (err, msg) => (err ? logger.error({ err }, 'track subscription error') : onTracks(msg.subject, msg.data)) }),
        nc.subscribe(subjects.authorityCommand, {
          callback: (err, msg) => {
            if (err) return logger.error({ err }, 'command subscription error');
            const decoded = decodeJson(msg.data);
            const parsed = decoded.ok ? parseWith(AuthorityCommand, decoded.value) : decoded;
            if (!parsed.ok) {
              deps.rejector.reject(msg.subject, msg.data, parsed.error);
              if (msg.reply) msg.respond(JSON.stringify({ ok: false, rule: 'INVALID', message: parsed.error } satisfies AuthorityReply));
              return;
            }
            void serially(() => handle(parsed.value)).then(
              (reply) => msg.reply && msg.respond(JSON.stringify(reply)),
              (err: unknown) => {
                logger.error({ err, command: parsed.value.type }, 'command failed');
                if (msg.reply) msg.respond(JSON.stringify({ ok: false, rule: 'UNAVAILABLE', message: 'The authority could not record this; nothing was applied. Try again.' } satisfies AuthorityReply));
              },
            );
          },
        }),
      );
      await nc.flush();
      if (deps.tickMs !== null) timer = setInterval(() => void serially(tick).catch((err: unknown) => logger.error({ err }, 'authority tick failed')), deps.tickMs ?? 250);
      logger.info({ bucket: AUTHORITY_BUCKET }, 'authority started');
    },
    async stop() {
      clearInterval(timer);
      for (const s of subs) s.unsubscribe();
      await queue;
    },
    /** Check deadlines, veto windows and situations now (the timer does this every tickMs). */
    tick: () => serially(tick),
    /** Current requests (for tests and health). */
    async requests(): Promise<AuthorizationRequest[]> {
      const out: AuthorizationRequest[] = [];
      for await (const key of await kv!.keys('request.>')) {
        const r = await load(key.slice('request.'.length));
        if (r) out.push(r.request);
      }
      return out;
    },
  };
}
export type AuthorityService = ReturnType<typeof createAuthorityService>;
