import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, vi } from 'vitest';
import {
  AgentCommand,
  AUTHORITY_BUCKET,
  AuthorizationRequest,
  EffectOutcome,
  subjects,
  TrackBatch,
  trackOwner,
  type AuthorityReply,
  type Scenario,
  type Track,
} from '@tessera/schema';
import {
  answered,
  createAuthorityClient,
  createLogger,
  createRejector,
  connectNats,
  mirrorKvBucket,
  parseJson,
  startReferenceFeed,
  startServiceProcess,
  systemClock,
  type NatsLink,
  type ServiceProcess,
} from '@tessera/service-kit';
import { label, track } from '@tessera/service-kit/fixtures';
import { startNatsServer, type NatsServer } from '@tessera/service-kit/nats-server';
import { createTwinService, type TwinService } from '@tessera/twin';
import { referenceData } from '@tessera/twin/reference';
import { loadScenarioFile } from '@tessera/twin/scenario-file';
import type { DetectorService } from '@tessera/detector/service';
import { startDetector } from '@tessera/detector/test-support';
import { createAuthorityService, type AuthorityService } from '@tessera/authority/service';
import { DEFAULT_POLICY, type AuthorityPolicy } from '@tessera/authority/rules';
import { memoryAuditChain } from '@tessera/authority/test-support';
import { createInterceptorService, type InterceptorPolicy, type InterceptorService } from '../src/service.ts';

type Engagement = ReturnType<InterceptorService['engagements']>[number];

/**
 * The interceptor's test stack on a real nats-server, started in the order a restart would find it:
 * the authority first (it creates its bucket), the detector (when asked for), the interceptor agents,
 * then the twin flying the scenario. An observer connection records what goes over the wire.
 */

/** How long the tests wait for something to happen on the bus. */
export const WAIT = { timeout: 15_000, interval: 25 };

/** One of the twin's scenarios (`test-small.json`). */
export const twinScenario = (name: string) =>
  loadScenarioFile(fileURLToPath(import.meta.resolve(`@tessera/twin/scenarios/${name}`)));

export interface StackOptions {
  scenario: Scenario;
  /** Scenario seconds per wall-clock second (twin and agents). */
  timeScale: number;
  /** Name of the observer's connection and dead letters. */
  name: string;
  authorityPolicy?: AuthorityPolicy;
  interceptorPolicy?: Partial<InterceptorPolicy>;
  /** Start the detector too (the agents then see its detections). */
  detector?: boolean;
  /** The agents' log level (TEST_LOG_LEVEL); default silent. */
  agentLogLevel?: string | undefined;
}

interface Seen {
  /** Every agent command, with the subject (whose nation) it arrived on. */
  commands: { cmd: AgentCommand; subject: string; atMs: number }[];
  outcomes: { outcome: EffectOutcome; atMs: number }[];
  /** The first removal of each track id, any nation. */
  removals: Map<string, { reason: string; atMs: number }>;
  /** The interceptor's dead letters. */
  deadLetters: { subject: string; reason: string }[];
  /** Every version of every authorization request, as the authority stored them. */
  requests: Map<string, AuthorizationRequest[]>;
}

export async function startInterceptorStack(opts: StackOptions) {
  const logger = createLogger(opts.name, 'silent');
  const agentLogger = createLogger('interceptor', opts.agentLogLevel ?? 'silent');
  const server: NatsServer = await startNatsServer();
  const links: NatsLink[] = [];
  const stops: (() => void | Promise<void>)[] = [];
  const connect = async (name: string) => {
    const link = await connectNats({ url: server.url, name, logger });
    links.push(link);
    return link;
  };
  const rejectorOf = (link: NatsLink, service: string) => createRejector({ nc: link.nc, service, logger });

  const seen: Seen = { commands: [], outcomes: [], removals: new Map(), deadLetters: [], requests: new Map() };
  const observer = await connect(opts.name);
  const nc = observer.nc;
  nc.subscribe(subjects.allAuthorityAgentSubjects, {
    callback: (_e, m) => {
      const parsed = parseJson(AgentCommand, m.data);
      if (parsed.ok) seen.commands.push({ cmd: parsed.value, subject: m.subject, atMs: Date.now() });
    },
  });
  nc.subscribe(subjects.effectOutcome, {
    callback: (_e, m) => void seen.outcomes.push({ outcome: EffectOutcome.parse(m.json()), atMs: Date.now() }),
  });
  nc.subscribe(subjects.allTrackBatches, {
    callback: (_e, m) => {
      const parsed = parseJson(TrackBatch, m.data); // tests publish malformed batches too
      if (parsed.ok)
        for (const r of parsed.value.removals)
          if (!seen.removals.has(r.id)) seen.removals.set(r.id, { reason: r.reason, atMs: Date.now() });
    },
  });
  nc.subscribe(subjects.deadLetter('interceptor'), {
    callback: (_e, m) => void seen.deadLetters.push(m.json<{ subject: string; reason: string }>()),
  });
  await nc.flush();

  /** The audit chain (signed, in memory); the test reads its entries in order. */
  const chain = memoryAuditChain(systemClock);
  const authorityLink = await connect('authority');
  const reference = referenceData(opts.scenario, 0);
  const authority: AuthorityService = createAuthorityService({
    link: authorityLink,
    clock: systemClock,
    logger,
    rejector: rejectorOf(authorityLink, 'authority'),
    audit: chain.sink,
    policy: opts.authorityPolicy ?? DEFAULT_POLICY,
    reference: { volumes: () => reference.volumes, effectors: () => reference.effectors },
    tickMs: 50,
    pictureWarmupMs: 1000,
  });
  await authority.start();
  stops.push(() => authority.stop());
  const watch = mirrorKvBucket<AuthorizationRequest>({
    link: observer,
    rejector: rejectorOf(observer, opts.name),
    logger,
    bucket: AUTHORITY_BUCKET,
    key: 'request.>',
    schemaFor: () => AuthorizationRequest,
    onChange: (_key, r) => r && seen.requests.set(r.id, [...(seen.requests.get(r.id) ?? []), r]),
  });
  stops.push(() => watch.stop());

  let detector: DetectorService | undefined;
  if (opts.detector) {
    const running = await startDetector({ url: server.url, name: 'detector', logger });
    detector = running.service;
    stops.push(() => running.stop());
  }

  /** An interceptor process of its own: connection, reference data, agents. */
  let interceptor: ServiceProcess<InterceptorService> | undefined;
  async function startInterceptor(name: string) {
    interceptor = await startServiceProcess(
      { url: server.url, name, service: 'interceptor', logger },
      ({ link, rejector }) => {
        const feed = startReferenceFeed({ link, rejector, logger });
        const service = createInterceptorService({
          link,
          clock: systemClock,
          logger: agentLogger,
          rejector,
          reference: feed,
          timeScale: opts.timeScale,
          tickMs: 100,
          settleMs: 500,
          ...(opts.interceptorPolicy ? { policy: opts.interceptorPolicy } : {}),
        });
        return { service, watches: [feed] };
      },
    );
  }
  await startInterceptor('interceptor-1');

  const twinLink = await connect('twin');
  const twin: TwinService = createTwinService({
    nc: twinLink.nc,
    clock: systemClock,
    logger,
    rejector: rejectorOf(twinLink, 'twin'),
    scenario: opts.scenario,
    tickMs: 100,
    timeScale: opts.timeScale,
  });
  await twin.start();

  const gateway = createAuthorityClient({ nc, rejector: rejectorOf(observer, opts.name), logger });
  type AuditEntry = { action: string; subject: string; atMs: number };
  const audit = {
    filter: (f: (a: AuditEntry) => boolean) =>
      chain.records.map((r) => ({ action: r.action, subject: r.subject, atMs: Date.parse(r.at) })).filter(f),
    find: (f: (a: AuditEntry) => boolean) => audit.filter(f)[0],
    /** The actions on record about `subject`, in order. */
    actionsOn: (subject: string) => audit.filter((a) => a.subject === subject).map((a) => a.action),
    /** When `action` about `subject` went on record (the test fails if it did not). */
    timeOf: (subject: string, action: string) => {
      const entry = audit.find((a) => a.subject === subject && a.action === action);
      expect(entry, `${action} about ${subject} on record`).toBeDefined();
      return entry!.atMs;
    },
  };
  const requestNamed = (id: string): AuthorizationRequest | undefined => seen.requests.get(id)?.at(-1);
  /** Every version of the request the authority stored, as `state/engagementState`. */
  const historyOf = (id: string) => (seen.requests.get(id) ?? []).map((r) => `${r.state}/${r.engagementState}`);
  const idOf = (cmd: AgentCommand) => ('requestId' in cmd ? cmd.requestId : cmd.request.id);
  const commandsFor = (requestId: string, type?: AgentCommand['type']) =>
    seen.commands.filter(({ cmd }) => idOf(cmd) === requestId && (!type || cmd.type === type));
  let ownSeq = 1_000_000;

  return {
    observer,
    twin,
    detector,
    authority,
    audit,
    seen,
    interceptor: () => interceptor!.service,
    /** The phase the interceptor's engagement for the request is in (undefined once the effector is released). */
    phaseOf: (requestId: string) => interceptor!.service.engagements().find((x) => x.requestId === requestId)?.phase,
    interceptorRejector: () => interceptor!.rejector,
    /** Stop the interceptor process and start another (as after a crash or an upgrade). */
    async restartInterceptor(name: string) {
      await interceptor?.stop();
      await startInterceptor(name);
    },
    /** The request's latest version, as the authority stored it. */
    requestNamed,
    historyOf,
    /**
     * While the request waits `ms` for a commander: it stays PENDING, no LAUNCH is even asked for,
     * nothing is reported, and the interceptor's one engagement is it, PENDING.
     */
    async expectWaiting(ms: number, engagement: Omit<Engagement, 'phase'>) {
      await sleep(ms);
      expect(requestNamed(engagement.requestId)!.state).toBe('PENDING');
      expect(commandsFor(engagement.requestId, 'LAUNCH')).toEqual([]);
      expect(seen.outcomes).toEqual([]);
      expect(interceptor!.service.engagements()).toEqual([{ ...engagement, phase: 'PENDING' }]);
    },
    /**
     * Once the twin has removed the target: it was DESTROYED, the request COMPLETED through its four
     * versions and four records, and the one outcome went out after the completion. When the flyout
     * started and ended (on record), and the removal.
     */
    async expectDestroyed(engagement: Pick<EffectOutcome, 'requestId' | 'effectorId' | 'trackId' | 'nation'>) {
      const { requestId, trackId } = engagement;
      await expect.poll(() => seen.removals.get(trackId), { ...WAIT, timeout: 20_000 }).toBeDefined();
      const removal = seen.removals.get(trackId)!;
      expect(removal.reason).toBe('DESTROYED');
      expect(requestNamed(requestId)).toMatchObject({
        state: 'APPROVED',
        engagementState: 'COMPLETED',
        outcome: 'DESTROYED',
      });
      expect(historyOf(requestId)).toEqual([
        'PENDING/null',
        'APPROVED/AUTHORIZED',
        'APPROVED/EXECUTING',
        'APPROVED/COMPLETED',
      ]);
      expect(audit.actionsOn(requestId)).toEqual([
        'REQUEST_OPENED',
        'DECISION_APPROVE',
        'ENGAGEMENT_EXECUTING',
        'ENGAGEMENT_COMPLETED',
      ]);
      const executedAt = audit.timeOf(requestId, 'ENGAGEMENT_EXECUTING');
      const completedAt = audit.timeOf(requestId, 'ENGAGEMENT_COMPLETED');
      expect(seen.outcomes.map((o) => o.outcome)).toEqual([
        { ...engagement, outcome: 'DESTROYED', at: expect.any(String) },
      ]);
      expect(seen.outcomes[0]!.atMs).toBeGreaterThanOrEqual(completedAt);
      return { removal, executedAt, completedAt };
    },
    /** The request once the authority has stored it in a version matching `has` (e.g. `{ state: 'EXPIRED' }`). */
    awaitRequest: (id: string, has: Partial<AuthorizationRequest> = {}): Promise<AuthorizationRequest> =>
      vi.waitFor(() => {
        const r = requestNamed(id);
        if (!r) throw new Error(`no request ${id} yet`);
        expect(r).toMatchObject(has);
        return r;
      }, WAIT),
    allRequests: () => [...seen.requests.values()].map((versions) => versions.at(-1)!),
    idOf,
    commandsFor,
    /** A commander's decision, as the gateway sends it. */
    decide: async (
      requestId: string,
      decision: 'APPROVE' | 'DENY',
      by: { username: string; nation: string },
      reason: string,
    ): Promise<AuthorityReply> =>
      answered(
        await gateway.command({
          type: 'DECIDE',
          commandId: `test-${decision.toLowerCase()}-${requestId}`,
          requestId,
          decision,
          reason,
          by: { ...by, roles: ['COMMANDER'] },
        }),
        'the authority',
      ),
    /**
     * A track of the test's own (not the twin's), observed now on the twin's scenario clock and stale
     * a minute later: a hostile drone at 49.93 N 22.8 E flying east, releasable to nobody else.
     */
    ownTrack(id: string, over: Partial<Track>): Track {
      const at = twin.status().scenarioTime;
      const owner = trackOwner(id)!;
      return track(id, {
        at,
        label: label(owner),
        provenance: { nation: owner, system: `${owner}-FUSION`, sourceId: 'test', observedAt: at, publishedAt: at },
        position: { lat: 49.93, lon: 22.8, altM: 300 },
        velocity: { speedMps: 30, courseDeg: 90, climbMps: 0 },
        staleAt: new Date(Date.parse(at) + 60_000).toISOString(),
        ...over,
      });
    },
    /** Publish a batch of the test's own tracks on the nation's subject. */
    publishOwn(nation: string, upserts: Track[], removals: TrackBatch['removals'] = []) {
      const batch: TrackBatch = {
        source: { nation, system: `${nation}-FUSION` },
        seq: ownSeq++,
        publishedAt: twin.status().scenarioTime,
        upserts,
        removals,
      };
      nc.publish(subjects.trackBatch(nation), JSON.stringify(batch));
    },
    async stop() {
      await twin.stop();
      await interceptor?.stop();
      for (const stop of stops.reverse()) await stop();
      for (const l of links) await l.nc.close();
      await server.stop();
    },
  };
}
export type InterceptorStack = Awaited<ReturnType<typeof startInterceptorStack>>;

/** The stack for a test file: started before its tests, stopped after them (the object is filled in beforeAll). */
export function useInterceptorStack(options: () => Promise<StackOptions>): InterceptorStack {
  const stack = {} as InterceptorStack;
  beforeAll(async () => void Object.assign(stack, await startInterceptorStack(await options())));
  afterAll(async () => stack.stop?.());
  return stack;
}
