import { Kvm } from '@nats-io/kv';
import type { z } from 'zod';
import type { Msg, Subscription } from '@nats-io/transport-node';
import {
  AgentCommand,
  agentActor,
  AUTHORITY_BUCKET,
  authorityKeys,
  AuthorityReply,
  GatewayCommand,
  isOpenRequest,
  NationCode,
  parseWith,
  StandingReply,
  subjects,
  TRANSIENT_REFUSAL_RULES,
  type Actor,
  type AirspaceVolume,
  type AuthorizationRequest,
  type AutonomyMode,
  type EffectOutcome,
  type EffectorRef,
  type StandingAuthority,
  type WeaponsControlStatus,
} from '@tessera/schema';
import { decodeJson, parseDetectionBatch, parseTrackBatch, type Clock, type Logger, type NatsLink, type Rejector } from '@tessera/service-kit';
import { establishEngagement, establishJamming, visibleToApprovers, type FactSources } from './domain/facts.ts';
import { createAuthorityPicture } from './domain/picture.ts';
import {
  abort,
  abortReason,
  advance,
  complete,
  decide,
  engagementChecks,
  grantStanding,
  launch,
  openRequest,
  revokeStanding,
  withdraw,
  type AuthorityPolicy,
  type Outcome,
  type Refusal,
} from './domain/rules.ts';
import { situationOf } from './domain/situation.ts';
import { createAuthorityState, type AuditSink, type AuthorityState } from './state.ts';

export type { AuditSink } from './state.ts';

export interface AuthorityDeps {
  link: NatsLink;
  clock: Clock;
  logger: Logger;
  rejector: Rejector;
  audit: AuditSink;
  policy: AuthorityPolicy;
  /** Reference data: airspace volumes (sectors with their initial WCS, no-fire areas) and effectors. */
  reference: { volumes(): Iterable<AirspaceVolume>; effectors(): Iterable<EffectorRef> };
  /** How often deadlines, veto windows and situations are checked, ms; null: only when tick() is called (tests). */
  tickMs?: number | null;
  /**
   * After a (re)start the track picture is empty until the fusion centres report again: for this
   * long (ms) a target not seen yet is not taken as gone (no abort), and nothing launches.
   */
  pictureWarmupMs?: number;
  /** A track not heard from for this long (ms) is gone from the authority's picture. */
  trackTimeoutMs?: number;
}

const SERVICE: Actor = { kind: 'SERVICE', id: 'authority', nation: null };
const refusal = (r: Refusal): AuthorityReply => ({ ok: false, rule: r.rule, message: r.message });

/**
 * The single owner of authorization requests. Who gives a command is known from the subject it
 * arrived on, never from its body: a person's decision only from the gateway, an agent's commands
 * only on its nation's subject and only about its own requests. The facts of an engagement are
 * established from the authority's own picture and reference data. State lives in JetStream KV
 * (revision-checked writes, one command at a time), written audit-first (state.ts); a command's reply
 * is kept under its id, so a repeated command is answered, never applied twice.
 */
export function createAuthorityService(deps: AuthorityDeps) {
  const { link, logger, clock, policy } = deps;
  const nc = link.nc;
  let state: AuthorityState | undefined;
  const subs: Subscription[] = [];
  let timer: NodeJS.Timeout | undefined;
  const picture = createAuthorityPicture({ trackTimeoutMs: deps.trackTimeoutMs ?? 30_000 });
  /** Standing authorities by `<nation>.<id>` (the service is their only writer; loaded at start). */
  const standing = new Map<string, StandingAuthority>();
  let startedAtMs = 0;
  /** A command failed half-way: KV may lag the chain until the next replay. */
  let needsRepair = false;
  const warm = () => clock.now() - startedAtMs >= (deps.pictureWarmupMs ?? 10_000);
  /** Requests the tick must look at: waiting, or an engagement authorized or running. */
  const live = new Set<string>();
  const needsWatching = isOpenRequest;
  /** One command or tick at a time: decisions are applied in the order they arrive. */
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };

  const facts: FactSources = {
    track: (id) => picture.track(id, clock.now()),
    detection: (id) => picture.detection(id),
    effector: (nation, id) => [...deps.reference.effectors()].find((e) => e.nation === nation && e.id === id),
    volumes: () => deps.reference.volumes(),
  };

  async function commit(request: AuthorizationRequest, revision: number | null, actor: Actor, action: string, details: Record<string, never> | Record<string, string | number> = {}) {
    await state!.commit(request, revision, actor, action, details);
    if (needsWatching(request)) live.add(request.id);
    else live.delete(request.id);
  }

  async function wcsNow(nation: string, sectorId: string): Promise<WeaponsControlStatus | null> {
    const stored = (await state!.getValue(authorityKeys.wcs(nation, sectorId))) as WeaponsControlStatus | undefined;
    if (stored) return stored;
    for (const v of deps.reference.volumes()) if (v.kind === 'SECTOR' && v.nation === nation && v.id === sectorId) return v.wcs ?? 'HOLD';
    return null;
  }

  async function situation(r: AuthorizationRequest) {
    const e = r.engagement;
    return situationOf(r, picture.tracks(clock.now()), deps.reference.volumes(), e ? await wcsNow(e.sectorNation, e.sectorId) : null);
  }

  async function refuseAndAudit(actor: Actor, subject: string, command: string, r: Refusal): Promise<AuthorityReply> {
    await deps.audit.append({ actor, action: 'REFUSED', subject, details: { command, rule: r.rule, message: r.message } });
    return refusal(r);
  }

  /** Deadlines first: a command at or after the deadline meets an expired request. */
  async function current(id: string) {
    let stored = await state!.load(id);
    const due = stored && advance(stored.request, clock.now());
    if (stored && due) {
      await commit(due, stored.revision, SERVICE, due.state === 'EXPIRED' ? 'REQUEST_EXPIRED' : 'REQUEST_AUTO_APPROVED');
      stored = await state!.load(id);
    }
    return stored;
  }

  /** Open a request (the caller's part is checked by its subject's handler). */
  async function open(input: Parameters<typeof openRequest>[0], actor: Actor): Promise<AuthorityReply> {
    if (await state!.load(input.id)) return refuseAndAudit(actor, input.id, 'OPEN', { ok: false, rule: 'INVALID', message: `Request ${input.id} already exists.` });
    const e = input.engagement;
    const sectorWcs = e ? await wcsNow(e.sectorNation, e.sectorId) : null;
    const autonomy = e ? (((await state!.getValue(authorityKeys.autonomy(input.nation, e.effectorClass))) as AutonomyMode | undefined) ?? 'IN_THE_LOOP') : undefined;
    const standingOfNation = [...standing.values()].filter((sa) => sa.nation === input.nation);
    const opened = openRequest(input, { nowMs: clock.now(), policy, standing: standingOfNation, ...(sectorWcs ? { sectorWcs } : {}), ...(autonomy ? { autonomy } : {}) });
    if (!opened.ok) return refuseAndAudit(actor, input.id, 'OPEN', opened);
    const seen = visibleToApprovers(opened.value);
    if (!seen.ok) return refuseAndAudit(actor, input.id, 'OPEN', seen);
    const request = opened.value.engagement ? { ...opened.value, checks: engagementChecks(opened.value, await situation(opened.value)) } : opened.value;
    await commit(request, null, actor, 'REQUEST_OPENED', { kind: request.kind, nation: request.nation, deadline: request.deadline });
    return { ok: true, request };
  }

  /** A person's command, vouched for by the gateway. */
  async function fromGateway(cmd: GatewayCommand): Promise<AuthorityReply | StandingReply> {
    const now = clock.now();
    const person: Actor = { kind: 'USER', id: cmd.type === 'OPEN' ? cmd.request.requestedBy.username : cmd.by.username, nation: cmd.type === 'OPEN' ? cmd.request.requestedBy.nation : cmd.by.nation };
    switch (cmd.type) {
      case 'OPEN': {
        const by = cmd.request.requestedBy;
        if (!by.roles.includes('COMMANDER') || by.nation !== cmd.request.nation) {
          return refuseAndAudit(person, cmd.request.id, 'OPEN', { ok: false, rule: 'NOT_A_COMMANDER', message: `Only a commander of ${cmd.request.nation} asks for this change.` });
        }
        return open({ ...cmd.request, requestedBy: person, engagement: null, jamming: null }, person);
      }
      case 'DECIDE': {
        const stored = await current(cmd.requestId);
        if (!stored) return refuseAndAudit(person, cmd.requestId, 'DECIDE', { ok: false, rule: 'INVALID', message: `No request ${cmd.requestId}.` });
        const next = decide(stored.request, { decision: cmd.decision, reason: cmd.reason }, cmd.by, now);
        if (!next.ok) return refuseAndAudit(person, cmd.requestId, 'DECIDE', next);
        await commit(next.value, stored.revision, person, `DECISION_${cmd.decision}`, { reason: cmd.reason });
        return { ok: true, request: next.value };
      }
      case 'SET_STANDING':
      case 'REVOKE_STANDING':
        return executeStanding(cmd, person, now);
    }
  }

  /** Grant or revoke standing authority (pre-delegation); audited like every decision. */
  async function executeStanding(cmd: Extract<GatewayCommand, { type: 'SET_STANDING' | 'REVOKE_STANDING' }>, actor: Actor, now: number): Promise<StandingReply> {
    const subject = cmd.type === 'SET_STANDING' ? `${cmd.authority.nation}/standing/${cmd.authority.id}` : `${cmd.nation}/standing/${cmd.standingId}`;
    let out: Outcome<StandingAuthority>;
    if (cmd.type === 'SET_STANDING') {
      out = standing.has(`${cmd.authority.nation}.${cmd.authority.id}`) ? { ok: false, rule: 'INVALID', message: `Standing authority ${cmd.authority.id} already exists.` } : grantStanding(cmd.authority, cmd.by, now);
    } else {
      const existing = standing.get(`${cmd.nation}.${cmd.standingId}`);
      out = existing ? revokeStanding(existing, cmd.by, now) : { ok: false, rule: 'INVALID', message: `No standing authority ${cmd.standingId}.` };
    }
    if (!out.ok) {
      await deps.audit.append({ actor, action: 'REFUSED', subject, details: { command: cmd.type, rule: out.rule, message: out.message } });
      return { ok: false, rule: out.rule, message: out.message };
    }
    const sa = out.value;
    await state!.putStanding(sa, actor, cmd.type === 'SET_STANDING' ? 'STANDING_AUTHORITY_SET' : 'STANDING_AUTHORITY_REVOKED', subject, {
      effectorClasses: sa.effectorClasses.join(','),
      expiresAt: sa.expiresAt,
      ...(sa.revokedAt ? { revokedAt: sa.revokedAt } : {}),
    });
    standing.set(`${sa.nation}.${sa.id}`, sa);
    return { ok: true, standing: sa };
  }

  /** An agent's command; `nation` is its subject's. */
  async function fromAgent(nation: string, cmd: AgentCommand): Promise<AuthorityReply> {
    const now = clock.now();
    const actor = agentActor(nation);
    if (cmd.type === 'OPEN') {
      const r = cmd.request;
      const established =
        r.kind === 'ENGAGEMENT'
          ? r.engagement && !r.jamming
            ? establishEngagement(nation, r.engagement, r.label, facts)
            : ({ ok: false, rule: 'INVALID', message: 'An engagement request has engagement details and no jamming.' } as const)
          : r.jamming && !r.engagement
            ? establishJamming(nation, r.jamming, r.label, facts)
            : ({ ok: false, rule: 'INVALID', message: 'A jamming request has jamming details and no engagement.' } as const);
      if (!established.ok) return refuseAndAudit(actor, r.id, 'OPEN', established);
      const details = r.kind === 'ENGAGEMENT' ? { engagement: established.value as NonNullable<AuthorizationRequest['engagement']>, jamming: null } : { engagement: null, jamming: established.value as NonNullable<AuthorizationRequest['jamming']> };
      return open({ id: r.id, kind: r.kind, nation, label: r.label, requestedBy: actor, wcsChange: null, autonomyChange: null, ...details }, actor);
    }
    const stored = await current(cmd.requestId);
    if (!stored) return refuseAndAudit(actor, cmd.requestId, cmd.type, { ok: false, rule: 'INVALID', message: `No request ${cmd.requestId}.` });
    const r = stored.request;
    // An agent acts only on the requests its own nation's agents opened.
    if (r.nation !== nation || r.requestedBy.kind !== 'SERVICE' || r.requestedBy.id !== actor.id) {
      return refuseAndAudit(actor, cmd.requestId, cmd.type, { ok: false, rule: 'NOT_YOUR_REQUEST', message: `Request ${cmd.requestId} is not ${nation}'s agents' to ${cmd.type.toLowerCase()}.` });
    }
    switch (cmd.type) {
      case 'WITHDRAW': {
        const next = withdraw(r, now);
        if (!next.ok) return refuseAndAudit(actor, cmd.requestId, cmd.type, next);
        await commit(next.value, stored.revision, actor, 'REQUEST_WITHDRAWN');
        return { ok: true, request: next.value };
      }
      case 'LAUNCH': {
        // Until the picture has refilled after a restart, the authority cannot check the situation.
        if (!warm()) return refusal({ ok: false, rule: 'PICTURE_WARMING_UP', message: 'The authority has just started and is rebuilding its picture; ask again in a few seconds.' });
        const s = await situation(r);
        const next = launch(r, s, now);
        if (!next.ok) return refuseAndAudit(actor, cmd.requestId, cmd.type, next);
        // What the authority found at launch is kept with the request (and audited with it).
        const launched = r.engagement ? { ...next.value, checks: engagementChecks(next.value, s) } : next.value;
        await commit(launched, stored.revision, actor, 'ENGAGEMENT_EXECUTING');
        return { ok: true, request: launched };
      }
      case 'COMPLETE': {
        const next = complete(r, cmd.outcome);
        if (!next.ok) return refuseAndAudit(actor, cmd.requestId, cmd.type, next);
        await commit(next.value, stored.revision, actor, 'ENGAGEMENT_COMPLETED', { outcome: cmd.outcome });
        reportOutcome(next.value, cmd.outcome);
        return { ok: true, request: next.value };
      }
    }
  }

  /** The authority, having recorded a completion, tells the world what it did (the twin removes a destroyed target). */
  function reportOutcome(r: AuthorizationRequest, outcome: 'DESTROYED' | 'MISSED') {
    const targetTrackId = r.engagement?.targetTrackId ?? r.jamming?.targetTrackId;
    const effectorId = r.engagement?.effectorId ?? r.jamming?.effectorId;
    if (!targetTrackId || !effectorId) return;
    const target = picture.track(targetTrackId, clock.now());
    const report: EffectOutcome = { requestId: r.id, effectorId, trackId: targetTrackId, nation: target?.label.originator ?? r.label.originator, outcome, at: new Date(clock.now()).toISOString() };
    nc.publish(subjects.effectOutcome, JSON.stringify(report));
  }

  /** A command once: a repeat (same commandId) gets the stored reply; "not now" replies are not kept. */
  async function once<R extends AuthorityReply | StandingReply>(commandId: string, parse: (json: unknown) => R, execute: () => Promise<R>): Promise<R> {
    const done = await state!.reply(commandId);
    if (done) return parse(JSON.parse(done));
    const reply = await execute();
    if (reply.ok || !TRANSIENT_REFUSAL_RULES.has(reply.rule)) await state!.keepReply(commandId, reply);
    return reply;
  }

  /** Deadlines, veto windows, weapons control status and situations, checked on every tick. */
  async function tick() {
    const now = clock.now();
    picture.expire(now);
    for (const id of [...live]) {
      const stored = await current(id);
      if (!stored) {
        live.delete(id);
        continue;
      }
      const r = stored.request;
      if (!needsWatching(r)) {
        live.delete(id);
        continue;
      }
      // Fail-safe: an approval not used by its deadline lapses; nothing expired ever executes.
      if (r.engagementState === 'AUTHORIZED' && now >= Date.parse(r.deadline)) {
        const lapsed = abort(r, 'authorization expired before launch');
        if (lapsed.ok) await commit(lapsed.value, stored.revision, SERVICE, 'ENGAGEMENT_ABORTED', { reason: 'authorization expired before launch' });
        continue;
      }
      if (r.engagement && (r.engagementState === 'AUTHORIZED' || r.engagementState === 'EXECUTING')) {
        const s = await situation(r);
        // Right after a start, a target or sector not known yet is not taken as gone or as HOLD.
        const why = !warm() && (s.targetIdentity === null || s.wcs === null) ? null : abortReason(r, s);
        if (why) {
          const aborted = abort(r, why);
          if (aborted.ok) await commit(aborted.value, stored.revision, SERVICE, 'ENGAGEMENT_ABORTED', { reason: why });
        }
      }
    }
    if (needsRepair) {
      const repaired = await state!.replay();
      needsRepair = false;
      logger.warn({ repaired }, 'state repaired from the audit chain after a failed command');
    } else await state!.checkpoint();
  }

  /** Decode and validate a message with the schema; malformed ones are rejected and answered. */
  function parseCommand<S extends typeof GatewayCommand | typeof AgentCommand>(msg: Msg, schema: S): z.infer<S> | undefined {
    const decoded = decodeJson(msg.data);
    const parsed = decoded.ok ? parseWith(schema, decoded.value) : decoded;
    if (parsed.ok) return parsed.value as z.infer<S>;
    deps.rejector.reject(msg.subject, msg.data, parsed.error);
    if (msg.reply) msg.respond(JSON.stringify({ ok: false, rule: 'INVALID', message: parsed.error } satisfies AuthorityReply));
    return undefined;
  }

  function answer(msg: Msg, work: Promise<unknown>, type: string) {
    work.then(
      (reply) => msg.reply && msg.respond(JSON.stringify(reply)),
      (err: unknown) => {
        // Failed half-way: the chain may be ahead of KV. Repair from it before checkpointing again.
        needsRepair = true;
        logger.error({ err, command: type }, 'command failed');
        if (msg.reply) msg.respond(JSON.stringify({ ok: false, rule: 'UNAVAILABLE', message: 'The authority could not complete this command; its outcome shows in the request when known.' }));
      },
    );
  }

  return {
    async start() {
      const kv = await new Kvm(nc).create(AUTHORITY_BUCKET, { history: 1, storage: 'file' });
      state = createAuthorityState(kv, deps.audit);
      startedAtMs = clock.now();
      // The chain is ahead of KV after a kill mid-command: bring KV up to it before anything else.
      const repaired = await state.replay();
      if (repaired > 0) logger.warn({ repaired }, 'state repaired from the audit chain after an interrupted command');
      for (const r of await state.all()) if (needsWatching(r)) live.add(r.id);
      for (const sa of await state.standing()) standing.set(`${sa.nation}.${sa.id}`, sa);
      subs.push(
        nc.subscribe(subjects.allTrackBatches, {
          callback: (err, msg) => {
            if (err) return logger.error({ err }, 'track subscription error');
            // Only a nation's own tracks, on its own subject (the kit checks ownership of every id).
            const parsed = parseTrackBatch(msg.subject, msg.data);
            if (!parsed.ok) return deps.rejector.reject(msg.subject, msg.data, parsed.error);
            picture.applyTracks(parsed.value, clock.now());
          },
        }),
        nc.subscribe(subjects.allDetections, {
          callback: (err, msg) => {
            if (err) return logger.error({ err }, 'detection subscription error');
            const parsed = parseDetectionBatch(msg.subject, msg.data);
            if (!parsed.ok) return deps.rejector.reject(msg.subject, msg.data, parsed.error);
            picture.applyDetections(parsed.value.batch);
          },
        }),
        nc.subscribe(subjects.authorityFromGateway, {
          callback: (err, msg) => {
            if (err) return logger.error({ err }, 'gateway command subscription error');
            const cmd = parseCommand(msg, GatewayCommand);
            if (!cmd) return;
            const parse = cmd.type === 'SET_STANDING' || cmd.type === 'REVOKE_STANDING' ? (j: unknown) => StandingReply.parse(j) : (j: unknown) => AuthorityReply.parse(j);
            answer(msg, serially(() => once(`gateway-${cmd.commandId}`, parse as never, () => fromGateway(cmd))), cmd.type);
          },
        }),
        nc.subscribe(subjects.allAuthorityAgentSubjects, {
          callback: (err, msg) => {
            if (err) return logger.error({ err }, 'agent command subscription error');
            const nation = msg.subject.slice(msg.subject.lastIndexOf('.') + 1);
            if (!NationCode.safeParse(nation).success || msg.subject !== subjects.authorityFromAgents(nation)) return deps.rejector.reject(msg.subject, msg.data, 'not an agent subject of a nation');
            const cmd = parseCommand(msg, AgentCommand);
            if (!cmd) return;
            // Command ids are scoped by nation: one nation's agents cannot pre-empt another's command id.
            answer(msg, serially(() => once(`${nation}-${cmd.commandId}`, (j) => AuthorityReply.parse(j), () => fromAgent(nation, cmd))), cmd.type);
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
    requests: (): Promise<AuthorizationRequest[]> => state!.all(),
  };
}
export type AuthorityService = ReturnType<typeof createAuthorityService>;
