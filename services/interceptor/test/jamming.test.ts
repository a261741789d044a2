import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentCommand, AUTHORITY_BUCKET, AuthorityReply, AuthorizationRequest, EffectOutcome, parseWith, subjects, TrackBatch, type Actor } from '@tessera/schema';
import { connectNats, createLogger, createRejector, mirrorKvBucket, systemClock, type NatsLink } from '@tessera/service-kit';
import { startNatsServer, type NatsServer } from '@tessera/service-kit/nats-server';
import { createTwinService, type TwinService } from '@tessera/twin';
import { loadScenarioFile } from '@tessera/twin/scenario-file';
import { referenceData } from '../../twin/src/reference.ts';
import { createAuthorityService, type AuthorityService } from '../../authority/src/service.ts';
import { memoryAuditChain } from '../../authority/test/support.ts';
import { DEFAULT_POLICY } from '../../authority/src/domain/rules.ts';
import { outcomeOf } from '../src/domain/outcome.ts';
import { watchReference } from '../src/reference.ts';
import { createInterceptorService, type InterceptorService } from '../src/service.ts';

/**
 * The UKR agent with an EW jammer, on a real nats-server with the real twin (jamming-scenario.json
 * at 10x) and authority. UKR's hostile drones UKR-owa-01 and UKR-owa-02 fly west through UKR sector WEST
 * within 15 km of ukr-ew-1 (Pk 0.8); the UKR gun and POL's interceptor drone are too far: only the
 * jammer reaches them. A glide bomb flies through the jammer's range too, but a bomb has no link
 * to lose: it is never jammed.
 *   1. a JAMMING request for UKR-owa-01: nothing happens while it is PENDING;
 *   2. ukr-cmdr approves: LAUNCH, the jamming bites after 10 scenario seconds (1 s wall), COMPLETE
 *      DESTROYED (seed 7: the draw for ukr-jam-UKR-owa-01-1 is 0.428 < 0.8), the twin removes UKR-owa-01;
 *   3. the free jammer is asked for UKR-owa-02; ukr-cmdr denies: nothing launches, and no new request.
 */
const scenario = await loadScenarioFile(fileURLToPath(new URL('./jamming-scenario.json', import.meta.url)));
const logger = createLogger('jamming-test', 'silent');
const agentLogger = createLogger('interceptor', process.env.TEST_LOG_LEVEL ?? 'silent');
const TIME_SCALE = 10;
const UKR_AGENT: Actor = { kind: 'SERVICE', id: 'ukr-interceptor', nation: 'UKR' };
const ukrCmdr = { username: 'ukr-cmdr', nation: 'UKR', roles: ['COMMANDER' as const] };

let server: NatsServer;
const links: NatsLink[] = [];
let observer: NatsLink;
let twin: TwinService | undefined;
let authority: AuthorityService | undefined;
let interceptor: InterceptorService | undefined;
let stopInterceptor: (() => Promise<void>) | undefined;
const stops: (() => void)[] = [];

const chain = memoryAuditChain(systemClock);
const audit = {
  filter: (f: (a: { action: string; subject: string; atMs: number }) => boolean) => chain.records.map((r) => ({ action: r.action, subject: r.subject, atMs: Date.parse(r.at) })).filter(f),
  find: (f: (a: { action: string; subject: string; atMs: number }) => boolean) => audit.filter(f)[0],
};

const seen = {
  commands: [] as { cmd: AgentCommand; atMs: number }[],
  outcomes: [] as { outcome: EffectOutcome; atMs: number }[],
  removals: new Map<string, { reason: string; atMs: number }>(),
  requests: new Map<string, AuthorizationRequest[]>(),
};
const idOf = (cmd: AgentCommand) => ('requestId' in cmd ? cmd.requestId : 'request' in cmd ? cmd.request.id : undefined);
const commandsFor = (requestId: string, type?: AgentCommand['type']) => seen.commands.filter(({ cmd }) => idOf(cmd) === requestId && (!type || cmd.type === type));
const requestNamed = (id: string): AuthorizationRequest | undefined => seen.requests.get(id)?.at(-1);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** A commander's decision, as the gateway sends it. */
async function decide(requestId: string, decision: 'APPROVE' | 'DENY'): Promise<AuthorityReply> {
  const cmd = { type: 'DECIDE', commandId: `test-${decision.toLowerCase()}-${requestId}`, requestId, decision, reason: 'hostile drone over UKR WEST', by: ukrCmdr };
  return AuthorityReply.parse((await observer.nc.request(subjects.authorityFromGateway, JSON.stringify(cmd), { timeout: 5000 })).json());
}

async function connect(name: string) {
  const link = await connectNats({ url: server.url, name, logger });
  links.push(link);
  return link;
}

beforeAll(async () => {
  server = await startNatsServer();
  observer = await connect('jamming-test');
  observer.nc.subscribe(subjects.allAuthorityAgentSubjects, {
    callback: (_e, m) => {
      const parsed = parseWith(AgentCommand, m.json());
      if (parsed.ok) seen.commands.push({ cmd: parsed.value, atMs: Date.now() });
    },
  });
  observer.nc.subscribe(subjects.effectOutcome, { callback: (_e, m) => void seen.outcomes.push({ outcome: EffectOutcome.parse(m.json()), atMs: Date.now() }) });
  observer.nc.subscribe(subjects.trackBatch('UKR'), {
    callback: (_e, m) => {
      const parsed = parseWith(TrackBatch, m.json());
      if (parsed.ok) for (const r of parsed.value.removals) if (!seen.removals.has(r.id)) seen.removals.set(r.id, { reason: r.reason, atMs: Date.now() });
    },
  });
  await observer.nc.flush();

  const authorityLink = await connect('authority');
  authority = createAuthorityService({
    link: authorityLink,
    clock: systemClock,
    logger,
    rejector: createRejector({ nc: authorityLink.nc, service: 'authority', logger }),
    audit: chain.sink,
    policy: DEFAULT_POLICY,
    reference: { volumes: () => referenceData(scenario, 0).volumes, effectors: () => referenceData(scenario, 0).effectors },
    tickMs: 50,
    pictureWarmupMs: 1000,
  });
  await authority.start();
  const watch = mirrorKvBucket<AuthorizationRequest>({
    link: observer,
    rejector: createRejector({ nc: observer.nc, service: 'jamming-test', logger }),
    logger,
    bucket: AUTHORITY_BUCKET,
    key: 'request.>',
    schemaFor: () => AuthorizationRequest,
    onChange: (_key, r) => r && seen.requests.set(r.id, [...(seen.requests.get(r.id) ?? []), r]),
  });
  stops.push(() => watch.stop());

  const link = await connect('interceptor');
  const rejector = createRejector({ nc: link.nc, service: 'interceptor', logger });
  const reference = watchReference({ link, rejector, logger });
  stops.push(() => reference.stop());
  interceptor = createInterceptorService({ link, clock: systemClock, logger: agentLogger, rejector, reference, timeScale: TIME_SCALE, tickMs: 100, settleMs: 500 });
  await interceptor.start();
  stopInterceptor = () => interceptor!.stop();

  const twinLink = await connect('twin');
  twin = createTwinService({ nc: twinLink.nc, clock: systemClock, logger, rejector: createRejector({ nc: twinLink.nc, service: 'twin', logger }), scenario, tickMs: 100, timeScale: TIME_SCALE });
  await twin.start();
});

afterAll(async () => {
  await twin?.stop();
  await stopInterceptor?.();
  await authority?.stop();
  for (const stop of stops) stop();
  for (const l of links) await l.nc.close();
  await server?.stop();
});

describe('interceptor agents with an EW jammer', () => {
  it('asks to jam the drone only the jammer can reach, and does nothing while the request waits', async () => {
    const pending = await until('the jamming request', () => requestNamed('ukr-jam-UKR-owa-01-1'));
    expect(pending).toMatchObject({
      kind: 'JAMMING',
      nation: 'UKR',
      state: 'PENDING',
      requestedBy: UKR_AGENT,
      label: { policy: 'NATO', classification: 'RESTRICTED', originator: 'UKR', releasableTo: ['POL'] },
      requiredApprovals: [{ nation: 'UKR', count: 1 }],
      engagement: null,
      engagementState: null,
      jamming: { effectorId: 'ukr-ew-1', lowMHz: 2400, highMHz: 2483.5, radiusM: 2000, durationS: 120, sectorId: 'ukr-west', sectorNation: 'UKR' },
    });
    // centred on the drone, within the jammer's 15 km
    const { center } = pending.jamming!;
    expect(center.lat).toBeGreaterThan(49.95);
    expect(center.lat).toBeLessThan(50.15);
    expect(center.lon).toBeGreaterThan(23.2);
    expect(center.lon).toBeLessThan(24.05);

    await sleep(1000);
    expect(requestNamed('ukr-jam-UKR-owa-01-1')!.state).toBe('PENDING');
    expect(commandsFor('ukr-jam-UKR-owa-01-1', 'LAUNCH')).toEqual([]);
    expect(seen.outcomes).toEqual([]);
    expect(interceptor!.engagements()).toEqual([{ nation: 'UKR', requestId: 'ukr-jam-UKR-owa-01-1', trackId: 'UKR-owa-01', effectorId: 'ukr-ew-1', phase: 'PENDING' }]);
    // nothing else was asked for: the jammer is busy, the glide bomb is not jammed, nothing else reaches
    expect(seen.commands.filter(({ cmd }) => cmd.type === 'OPEN').map(({ cmd }) => idOf(cmd))).toEqual(['ukr-jam-UKR-owa-01-1']);
  });

  it('jams once a commander approves, completes DESTROYED, and the twin removes the drone', async () => {
    expect(outcomeOf(7, 'ukr-jam-UKR-owa-01-1', 0.8)).toBe('DESTROYED'); // the scenario's seed: draws 0.428
    const approvingAtMs = Date.now();
    expect(await decide('ukr-jam-UKR-owa-01-1', 'APPROVE')).toMatchObject({ ok: true, request: { state: 'APPROVED', engagementState: 'AUTHORIZED' } });

    const removal = await until('UKR-owa-01 to be removed', () => seen.removals.get('UKR-owa-01'), 20_000);
    expect(removal.reason).toBe('DESTROYED');
    expect(requestNamed('ukr-jam-UKR-owa-01-1')).toMatchObject({ state: 'APPROVED', engagementState: 'COMPLETED', outcome: 'DESTROYED' });
    expect(seen.requests.get('ukr-jam-UKR-owa-01-1')!.map((r) => `${r.state}/${r.engagementState}`)).toEqual(['PENDING/null', 'APPROVED/AUTHORIZED', 'APPROVED/EXECUTING', 'APPROVED/COMPLETED']);
    expect(audit.filter((a) => a.subject === 'ukr-jam-UKR-owa-01-1').map((a) => a.action)).toEqual(['REQUEST_OPENED', 'DECISION_APPROVE', 'ENGAGEMENT_EXECUTING', 'ENGAGEMENT_COMPLETED']);
    const [launch] = commandsFor('ukr-jam-UKR-owa-01-1', 'LAUNCH');
    expect(launch!.atMs).toBeGreaterThanOrEqual(approvingAtMs);
    // the link loss takes 10 scenario seconds: 1 s of wall time at 10x
    const executedAt = audit.find((a) => a.subject === 'ukr-jam-UKR-owa-01-1' && a.action === 'ENGAGEMENT_EXECUTING')!.atMs;
    const completedAt = audit.find((a) => a.subject === 'ukr-jam-UKR-owa-01-1' && a.action === 'ENGAGEMENT_COMPLETED')!.atMs;
    expect(completedAt - executedAt).toBeGreaterThanOrEqual(900);
    expect(seen.outcomes.map((o) => o.outcome)).toEqual([{ requestId: 'ukr-jam-UKR-owa-01-1', effectorId: 'ukr-ew-1', trackId: 'UKR-owa-01', nation: 'UKR', outcome: 'DESTROYED', at: expect.any(String) }]);
    expect(seen.outcomes[0]!.atMs).toBeGreaterThanOrEqual(completedAt);
  });

  it('a denied jamming request launches nothing and is not asked again', async () => {
    // the jammer is free again: the other drone
    await until('the request for UKR-owa-02', () => requestNamed('ukr-jam-UKR-owa-02-1')?.state === 'PENDING');
    expect((await decide('ukr-jam-UKR-owa-02-1', 'DENY')).ok).toBe(true);
    await until('the jammer to be released', () => interceptor!.engagements().length === 0);
    await sleep(1000);
    expect(commandsFor('ukr-jam-UKR-owa-02-1', 'LAUNCH')).toEqual([]);
    expect(requestNamed('ukr-jam-UKR-owa-02-2')).toBeUndefined();
    expect(seen.outcomes).toHaveLength(1);
    expect(seen.removals.has('UKR-owa-02')).toBe(false);
    // only ever the two drones, only ever the jammer: never the glide bomb
    expect(seen.commands.filter(({ cmd }) => cmd.type === 'OPEN').map(({ cmd }) => idOf(cmd))).toEqual(['ukr-jam-UKR-owa-01-1', 'ukr-jam-UKR-owa-02-1']);
    const stats = interceptor!.stats();
    expect([...stats.agents].sort()).toEqual(['POL', 'UKR']); // POL's agent sees the drones, but its interceptor drone is too far
    expect(stats).toMatchObject({ opened: 2, launched: 1, completed: 1, destroyed: 1 });
  });
});
