import { Kvm } from '@nats-io/kv';
import type { Msg, Subscription } from '@nats-io/transport-node';
import type { z } from 'zod';
import { AgentCommand, AUTHORITY_BUCKET, AuthorityReply, GatewayCommand, NationCode, parseWith, StandingReply, subjects, TRANSIENT_REFUSAL_RULES, type AirspaceVolume, type AuthorizationRequest, type EffectorRef } from '@tessera/schema';
import { decodeJson, parseDetectionBatch, parseTrackBatch, type Clock, type Logger, type NatsLink, type Rejector } from '@tessera/service-kit';
import { fromAgent, fromGateway } from './commands.ts';
import { createAuthorityCore, type AuthorityCore } from './core.ts';
import { createAuthorityPicture } from './domain/picture.ts';
import type { AuthorityPolicy } from './domain/rules.ts';
import { createAuthorityState, type AuditSink, type AuthorityState } from './state.ts';
import { watchOpenRequests } from './watch.ts';

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

/**
 * The single owner of authorization requests, wired to NATS. Who gives a command is known from the
 * subject it arrived on, never from its body (commands.ts); the state is written audit-first and
 * repaired from the chain after an interrupted command (state.ts); one command or watch pass runs
 * at a time; a command's reply is kept under its id, so a repeated command is answered, never
 * applied twice ("not now" refusals excepted).
 */
export function createAuthorityService(deps: AuthorityDeps) {
  const { link, logger, clock } = deps;
  const nc = link.nc;
  let state: AuthorityState | undefined;
  let core: AuthorityCore | undefined;
  const subs: Subscription[] = [];
  let timer: NodeJS.Timeout | undefined;
  const picture = createAuthorityPicture({ trackTimeoutMs: deps.trackTimeoutMs ?? 30_000 });
  let startedAtMs = 0;
  /** A command failed half-way: KV may lag the chain until the next replay. */
  let needsRepair = false;
  /** One command or watch pass at a time: decisions are applied in the order they arrive. */
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };

  /** A command once: a repeat (same commandId) gets the stored reply; "not now" replies are not kept. */
  async function once<R extends AuthorityReply | StandingReply>(commandId: string, parse: (json: unknown) => R, execute: () => Promise<R>): Promise<R> {
    const done = await state!.reply(commandId);
    if (done) return parse(JSON.parse(done));
    const reply = await execute();
    if (reply.ok || !TRANSIENT_REFUSAL_RULES.has(reply.rule)) await state!.keepReply(commandId, reply);
    return reply;
  }

  async function tick() {
    await watchOpenRequests(core!);
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
      core = createAuthorityCore({
        state,
        audit: deps.audit,
        picture,
        clock,
        policy: deps.policy,
        reference: deps.reference,
        warm: () => clock.now() - startedAtMs >= (deps.pictureWarmupMs ?? 10_000),
        publishOutcome: (outcome) => nc.publish(subjects.effectOutcome, JSON.stringify(outcome)),
      });
      // The chain is ahead of KV after a kill mid-command: bring KV up to it before anything else.
      const repaired = await state.replay();
      if (repaired > 0) logger.warn({ repaired }, 'state repaired from the audit chain after an interrupted command');
      await core.load();
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
            answer(msg, serially(() => once(`gateway-${cmd.commandId}`, parse as never, () => fromGateway(core!, cmd))), cmd.type);
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
            answer(msg, serially(() => once(`${nation}-${cmd.commandId}`, (j) => AuthorityReply.parse(j), () => fromAgent(core!, nation, cmd))), cmd.type);
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
