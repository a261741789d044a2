import { Kvm } from '@nats-io/kv';
import type { Subscription } from '@nats-io/transport-node';
import {
  AgentCommand,
  AuditAppendReply,
  AuditAppendRequest,
  AUTHORITY_BUCKET,
  AuthorityReply,
  GatewayCommand,
  NationCode,
  StandingReply,
  subjects,
  TRANSIENT_REFUSAL_RULES,
  type Alert,
  type AirspaceVolume,
  type AuthorizationRequest,
  type EffectorRef,
} from '@tessera/schema';
import {
  parseDetectionBatch,
  parseJson,
  parseTrackBatch,
  serveParsed,
  subscribeParsed,
  type Clock,
  type KvMirror,
  type Logger,
  type NatsLink,
  type Rejector,
} from '@tessera/service-kit';
import { fromAgent, fromGateway } from './commands.ts';
import { mirrorAlerts, mirrorSpectrum } from './mirrors.ts';
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
  let spectrum: ReturnType<typeof mirrorSpectrum> | undefined;
  let alerts: KvMirror<Alert> | undefined;
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
  async function once<R extends AuthorityReply | StandingReply>(
    commandId: string,
    parse: (json: unknown) => R,
    execute: () => Promise<R>,
  ): Promise<R> {
    const done = await state!.reply(commandId);
    if (done) return parse(JSON.parse(done));
    const reply = await execute();
    if (reply.ok || !TRANSIENT_REFUSAL_RULES.has(reply.rule)) await state!.keepReply(commandId, reply);
    return reply;
  }

  /**
   * Append a record for `service` (once per request id). A service writes as itself, or as a person
   * it acted for; never as another service.
   */
  async function appendFor(service: string, request: AuditAppendRequest): Promise<AuditAppendReply> {
    const key = `audit-${service}-${request.requestId}`;
    const done = await state!.reply(key);
    if (done) return AuditAppendReply.parse(JSON.parse(done));
    if (request.actor.kind === 'SERVICE' && request.actor.id !== service)
      return {
        ok: false,
        rule: 'WRONG_ACTOR',
        message: `${service} may not write in the name of ${request.actor.id}.`,
      };
    const record = await deps.audit.append({
      actor: request.actor,
      action: request.action,
      subject: request.subject,
      details: { ...request.details, recordedFor: service },
    });
    const reply: AuditAppendReply = { ok: true, seq: record.seq };
    await state!.keepReply(key, reply);
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

  return {
    async start() {
      const kv = await new Kvm(nc).create(AUTHORITY_BUCKET, { history: 1, storage: 'file' });
      state = createAuthorityState(kv, deps.audit);
      startedAtMs = clock.now();
      spectrum = mirrorSpectrum({ link, rejector: deps.rejector, logger });
      alerts = mirrorAlerts({ link, rejector: deps.rejector, logger });
      core = createAuthorityCore({
        state,
        audit: deps.audit,
        picture,
        clock,
        policy: deps.policy,
        reference: deps.reference,
        spectrum,
        alerts: () => alerts?.values() ?? [],
        warm: () => clock.now() - startedAtMs >= (deps.pictureWarmupMs ?? 10_000),
        publishOutcome: (outcome) => nc.publish(subjects.effectOutcome, JSON.stringify(outcome)),
      });
      // The chain is ahead of KV after a kill mid-command: bring KV up to it before anything else.
      const repaired = await state.replay();
      if (repaired > 0) logger.warn({ repaired }, 'state repaired from the audit chain after an interrupted command');
      await core.load();
      const common = { nc, rejector: deps.rejector, logger };
      const invalid = (error: string): AuthorityReply => ({ ok: false, rule: 'INVALID', message: error });
      const unavailable = (): AuthorityReply => {
        // Failed half-way: the chain may be ahead of KV. Repair from it before checkpointing again.
        needsRepair = true;
        return {
          ok: false,
          rule: 'UNAVAILABLE',
          message: 'The authority could not complete this command; its outcome shows in the request when known.',
        };
      };
      subs.push(
        // Only a nation's own tracks and detections, on its own subject (the kit checks ownership of every id).
        subscribeParsed({
          ...common,
          subject: subjects.allTrackBatches,
          what: 'track batch',
          parse: parseTrackBatch,
          handle: (batch) => picture.applyTracks(batch, clock.now()),
        }),
        subscribeParsed({
          ...common,
          subject: subjects.allDetections,
          what: 'detection batch',
          parse: parseDetectionBatch,
          handle: ({ batch }) => picture.applyDetections(batch),
        }),
        serveParsed({
          ...common,
          subject: subjects.authorityFromGateway,
          what: 'gateway command',
          parse: GatewayCommand,
          answer: (cmd) => {
            const parse =
              cmd.type === 'SET_STANDING' || cmd.type === 'REVOKE_STANDING'
                ? (j: unknown) => StandingReply.parse(j)
                : (j: unknown) => AuthorityReply.parse(j);
            return serially(() => once(`gateway-${cmd.commandId}`, parse as never, () => fromGateway(core!, cmd)));
          },
          refusal: invalid,
          failure: unavailable,
        }),
        // The chain's one writer appends for other services, in their name (or a person they vouch for).
        serveParsed<{ service: string; request: AuditAppendRequest }, AuditAppendReply>({
          ...common,
          subject: subjects.allAuditAppends,
          what: 'audit append',
          parse: (subject, data) => {
            const service = subject.slice(subject.lastIndexOf('.') + 1);
            if (subject !== subjects.auditAppend(service) || service === 'authority')
              return { ok: false, error: 'not an audit subject of a service' };
            const request = parseJson(AuditAppendRequest, data);
            return request.ok ? { ok: true, value: { service, request: request.value } } : request;
          },
          answer: ({ service, request }) => serially(() => appendFor(service, request)),
          refusal: (error) => ({ ok: false, rule: 'INVALID', message: error }),
          failure: () => ({
            ok: false,
            rule: 'UNAVAILABLE',
            message: 'The audit chain could not be appended to; ask again with the same request id.',
          }),
        }),
        serveParsed({
          ...common,
          subject: subjects.allAuthorityAgentSubjects,
          what: 'agent command',
          // The nation is the subject's: only that nation's agent user may publish on it.
          parse: (subject, data) => {
            const nation = subject.slice(subject.lastIndexOf('.') + 1);
            if (!NationCode.safeParse(nation).success || subject !== subjects.authorityFromAgents(nation))
              return { ok: false, error: 'not an agent subject of a nation' };
            const cmd = parseJson(AgentCommand, data);
            return cmd.ok ? { ok: true, value: { nation, cmd: cmd.value } } : cmd;
          },
          // Command ids are scoped by nation: one nation's agents cannot pre-empt another's command id.
          answer: ({ nation, cmd }) =>
            serially(() =>
              once(
                `${nation}-${cmd.commandId}`,
                (j) => AuthorityReply.parse(j),
                () => fromAgent(core!, nation, cmd),
              ),
            ),
          refusal: invalid,
          failure: unavailable,
        }),
      );
      await nc.flush();
      if (deps.tickMs !== null)
        timer = setInterval(
          () => void serially(tick).catch((err: unknown) => logger.error({ err }, 'authority tick failed')),
          deps.tickMs ?? 250,
        );
      logger.info({ bucket: AUTHORITY_BUCKET }, 'authority started');
    },
    async stop() {
      clearInterval(timer);
      for (const s of subs) s.unsubscribe();
      spectrum?.stop();
      alerts?.stop();
      await queue;
    },
    /** Check deadlines, veto windows and situations now (the timer does this every tickMs). */
    tick: () => serially(tick),
    /** Current requests (for tests and health). */
    requests: (): Promise<AuthorizationRequest[]> => state!.all(),
  };
}
export type AuthorityService = ReturnType<typeof createAuthorityService>;
