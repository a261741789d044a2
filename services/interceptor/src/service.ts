import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { Alert, ALERT_BUCKET, AUTHORITY_BUCKET, AuthorizationRequest, subjects } from '@tessera/schema';
import {
  createAuthorityClient,
  mirrorKvBucket,
  parseDetectionBatch,
  parseTrackBatch,
  subscribeParsed,
  type Clock,
  type KvMirror,
  type Logger,
  type NatsLink,
  type Rejector,
} from '@tessera/service-kit';
import { createAgent, type Agent, type AgentContext, type ReferenceView } from './agent.ts';
import { isUsedByAgents } from './domain/effectors.ts';
import type { EngagementView } from './engagements.ts';
import { DEFAULT_INTERCEPTOR_POLICY, emptyStats, type InterceptorPolicy } from './policy.ts';

export { DEFAULT_INTERCEPTOR_POLICY, type InterceptorPolicy } from './policy.ts';
export type { EngagementView } from './engagements.ts';
export type { ReferenceView } from './agent.ts';

export interface InterceptorDeps {
  link: NatsLink;
  clock: Clock;
  logger: Logger;
  rejector: Rejector;
  reference: ReferenceView;
  /**
   * The connection a nation's agents ask the authority over, signed in as that nation's agent user
   * (per-nation NATS credentials); default: the service's own connection (tests without auth).
   */
  agentConnection?: (nation: string) => Promise<NatsConnection>;
  /** Scenario seconds per wall-clock second (the twin's): flyouts last time-to-intercept / timeScale. */
  timeScale: number;
  /** Seed of the outcome draws; else the scenario's from reference data; else 42. */
  seed?: number;
  policy?: Partial<InterceptorPolicy>;
  /** Wall ms between the agents' looks at the picture. */
  tickMs?: number;
  /**
   * Wall ms after start before the agents assign anything: time for the authority's requests to
   * arrive from KV, so a restarted agent takes up its open requests instead of asking anew.
   */
  settleMs?: number;
}

const DEFAULT_SEED = 42;

/**
 * The autonomous interceptor agents, one per nation with kinetic effectors or EW jammers. Each keeps
 * the picture its nation may see, assigns its effectors to threats (greedy weapon-target
 * assignment), asks the authority for every engagement (ENGAGEMENT) or jamming (JAMMING: drones
 * only), and flies out or jams only after an ok reply to LAUNCH (the authority checks the
 * authorization again at that moment). An abort, expiry, denial or withdrawal stops it. At the end
 * of the flyout (or when the jamming has had its time to bite) the outcome is drawn from the
 * scenario seed, completion recorded with the authority, and a destroyed target reported to the twin.
 * This is the wiring: the agents are agent.ts, an engagement's life is engagements.ts.
 */
export function createInterceptorService(deps: InterceptorDeps) {
  const { link, clock, logger, rejector, reference } = deps;
  const nc = link.nc;
  const policy: InterceptorPolicy = { ...DEFAULT_INTERCEPTOR_POLICY, ...deps.policy };
  const agents = new Map<string, Agent>();
  const subs: Subscription[] = [];
  const inFlight = new Set<Promise<unknown>>();
  let requests: KvMirror<AuthorizationRequest> | undefined;
  let alerts: KvMirror<Alert> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const stats = emptyStats();

  const seed = () => deps.seed ?? reference.seed() ?? DEFAULT_SEED;
  // Over each nation's own connection (its NATS user may publish nowhere else). No answer: asked
  // again later with the same command id, applied once.
  const authority = createAuthorityClient({
    nc,
    ...(deps.agentConnection ? { agentConnection: deps.agentConnection } : {}),
    rejector,
    logger,
    timeoutMs: policy.commandTimeoutMs,
  });
  const context: AgentContext = {
    clock,
    logger,
    policy,
    timeScale: deps.timeScale,
    stats,
    reference,
    seed,
    requests: () => requests?.values() ?? [],
    request: (id) => requests?.get(`request.${id}`),
    alerts: () => alerts?.values() ?? [],
    send(nation, cmd, then) {
      const p = authority.agent(nation, cmd).then(then);
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    },
  };

  /** One agent per nation with kinetic effectors or jammers; a new one takes up that nation's open requests. */
  function ensureAgents() {
    for (const e of reference.effectors()) {
      if (!isUsedByAgents(e.kind) || agents.has(e.nation)) continue;
      const agent = createAgent(e.nation, context);
      agents.set(e.nation, agent);
      logger.info({ nation: e.nation }, 'interceptor agent started');
      for (const r of requests?.values() ?? []) agent.onRequest(r);
    }
  }

  let startedAtMs = 0;
  function tick() {
    if (stopped || clock.now() - startedAtMs < (deps.settleMs ?? 1000)) return;
    try {
      ensureAgents();
      for (const agent of agents.values()) agent.look();
    } catch (err) {
      logger.error({ err }, 'interceptor look failed');
    }
  }

  return {
    async start() {
      requests = mirrorKvBucket<AuthorizationRequest>({
        link,
        rejector,
        logger,
        bucket: AUTHORITY_BUCKET,
        key: 'request.>',
        schemaFor: () => AuthorizationRequest,
        onChange: (_key, r) => {
          if (!r || stopped) return;
          for (const agent of agents.values()) agent.onRequest(r);
        },
      });
      // The detector's alerts are state (kept while open, cleared by the detector): a restarted agent
      // knows at once which targets are flagged as implausible. Read only; each agent sees its nation's.
      alerts = mirrorKvBucket<Alert>({
        link,
        rejector,
        logger,
        bucket: ALERT_BUCKET,
        key: 'alert.>',
        schemaFor: () => Alert,
      });
      const common = { nc, rejector, logger };
      subs.push(
        subscribeParsed({
          ...common,
          subject: subjects.allTrackBatches,
          parse: parseTrackBatch,
          what: 'track batch',
          handle: (batch) => {
            for (const agent of agents.values()) agent.onGone(agent.picture.applyTracks(batch));
          },
        }),
        // Only detections about the subject nation's own tracks (the kit checks ownership).
        subscribeParsed({
          ...common,
          subject: subjects.allDetections,
          parse: parseDetectionBatch,
          what: 'detection batch',
          handle: ({ batch }) => {
            for (const agent of agents.values()) agent.picture.applyDetections(batch);
          },
        }),
      );
      await nc.flush();
      startedAtMs = clock.now();
      timer = setInterval(tick, deps.tickMs ?? 250);
      logger.info({ timeScale: deps.timeScale, tickMs: deps.tickMs ?? 250 }, 'interceptor started');
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      for (const s of subs) s.unsubscribe();
      requests?.stop();
      alerts?.stop();
      for (const agent of agents.values()) agent.stop();
      await Promise.allSettled([...inFlight]);
    },
    stats: () => ({
      ...stats,
      agents: [...agents.keys()],
      engagements: [...agents.values()].reduce((n, a) => n + a.engagements().length, 0),
      seed: seed(),
    }),
    engagements: (): EngagementView[] => [...agents.values()].flatMap((a) => a.engagements()),
  };
}
export type InterceptorService = ReturnType<typeof createInterceptorService>;
