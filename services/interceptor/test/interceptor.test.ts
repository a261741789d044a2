import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AgentCommand,
  AUTHORITY_BUCKET,
  AuthorityReply,
  AuthorizationRequest,
  EffectOutcome,
  parseWith,
  subjects,
  TrackBatch,
  type Actor,
  type Track,
} from '@tessera/schema';
import { connectNats, createLogger, createRejector, decodeJson, mirrorKvBucket, systemClock, type NatsLink, type Rejector } from '@tessera/service-kit';
import { startNatsServer, type NatsServer } from '@tessera/service-kit/nats-server';
import { createTwinService, type TwinService } from '@tessera/twin';
import { loadScenarioFile } from '@tessera/twin/scenario-file';
import { createDetectorService, type DetectorService } from '@tessera/detector/service';
import { loadModelFile } from '@tessera/detector/model-file';
import { DEFAULT_ALERT_POLICY } from '@tessera/detector/alerts';
import { DEFAULT_LIMITS } from '@tessera/detector/anomaly';
import { referenceData } from '../../twin/src/reference.ts';
import { watchDefendedAssets } from '../../detector/src/assets.ts';
import { MODEL_PATH } from '../../detector/src/training/model-card.ts';
import { createAuthorityService, type AuthorityService } from '../../authority/src/service.ts';
import { memoryAuditChain } from '../../authority/test/support.ts';
import { DEFAULT_POLICY } from '../../authority/src/domain/rules.ts';
import { outcomeOf } from '../src/domain/outcome.ts';
import { watchReference } from '../src/reference.ts';
import { createInterceptorService, type InterceptorService } from '../src/service.ts';

/**
 * The POL interceptor agent on a real nats-server with the real twin (test-small at 10x), detector
 * and authority. Its only reachable threat is POL-spoof-01, POL's hostile drone in POL sector SOUTH
 * (WEAPONS TIGHT), 7 km from pol-interceptor-1 (80 m/s, 20 km, Pk 0.95); pol-gun-1 (3 km) is too far.
 * Engagement requests expire after 6 s here (60 s by default), so the story runs in seconds:
 *   1. request 1 is left alone: PENDING, nothing launches, it EXPIRES, still nothing launches;
 *   2. the interceptor restarts while request 2 waits, and the new one takes it up (no new request);
 *      pol-cmdr approves: launched, then a friendly appears at the intercept point, the authority
 *      aborts, the flyout stops: no completion, no outcome;
 *   3. request 3 is approved: launched, completed DESTROYED, and the twin drops POL-spoof-01 (DESTROYED).
 * The draws are deterministic (seed 7, keyed by request id): request 3 draws 0.777 < 0.95 (DESTROYED).
 */
/** The scenario's reference data (sectors, no-fire areas, effectors) as the authority reads it. */
const referenceOf = (sc: typeof scenario) => {
  const data = referenceData(sc, 0);
  return { volumes: () => data.volumes, effectors: () => data.effectors };
};
const scenario = await loadScenarioFile(fileURLToPath(new URL('../../twin/scenarios/test-small.json', import.meta.url)));
const logger = createLogger('interceptor-test', 'silent');
const agentLogger = createLogger('interceptor', process.env.TEST_LOG_LEVEL ?? 'silent');
const TIME_SCALE = 10;
const POL_AGENT: Actor = { kind: 'SERVICE', id: 'pol-interceptor', nation: 'POL' };
const polCmdr = { username: 'pol-cmdr', nation: 'POL', roles: ['COMMANDER' as const] };

let server: NatsServer;
const links: NatsLink[] = [];
let observer: NatsLink;
let twin: TwinService | undefined;
let detector: DetectorService | undefined;
let authority: AuthorityService | undefined;
let interceptor: InterceptorService | undefined;
let interceptorRejector: Rejector;
let stopInterceptor: (() => Promise<void>) | undefined;
const stops: (() => void)[] = [];

/** The audit chain (signed, in memory); the test reads its entries in order. */
const chain = memoryAuditChain(systemClock);
const audit = {
  filter: (f: (a: { action: string; subject: string; atMs: number }) => boolean) => chain.records.map((r) => ({ action: r.action, subject: r.subject, atMs: Date.parse(r.at) })).filter(f),
  find: (f: (a: { action: string; subject: string; atMs: number }) => boolean) => audit.filter(f)[0],
};

/** What the test sees on the wire. */
const seen = {
  /** Every agent command, with the subject (whose nation) it arrived on. */
  commands: [] as { cmd: AgentCommand; subject: string; atMs: number }[],
  outcomes: [] as { outcome: EffectOutcome; atMs: number }[],
  removals: new Map<string, { reason: string; atMs: number }>(),
  deadLetters: [] as { subject: string; reason: string }[],
  /** Every version of every authorization request, as the authority stored them. */
  requests: new Map<string, AuthorizationRequest[]>(),
};
const commandsFor = (requestId: string, type?: AgentCommand['type']) => seen.commands.filter(({ cmd }) => ('requestId' in cmd ? cmd.requestId : 'request' in cmd ? cmd.request.id : undefined) === requestId && (!type || cmd.type === type));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}
const requestNamed = (id: string): AuthorizationRequest | undefined => seen.requests.get(id)?.at(-1);
const allRequests = () => [...seen.requests.values()].map((versions) => versions.at(-1)!);

/** A commander's approval, as the gateway sends it. */
async function approve(requestId: string): Promise<AuthorityReply> {
  const cmd = { type: 'DECIDE', commandId: `test-approve-${requestId}`, requestId, decision: 'APPROVE', reason: 'hostile drone over POL SOUTH, sky clear', by: polCmdr };
  return AuthorityReply.parse((await observer.nc.request(subjects.authorityFromGateway, JSON.stringify(cmd), { timeout: 5000 })).json());
}

/** A track of the test's own (not the twin's), observed now on the twin's scenario clock. */
function ownTrack(id: string, over: Partial<Track>): Track {
  const at = twin!.status().scenarioTime;
  return {
    id,
    label: { policy: 'NATO', classification: 'UNCLASSIFIED', originator: 'POL', releasableTo: [] },
    provenance: { nation: 'POL', system: 'POL-FUSION', sourceId: 'test', observedAt: at, publishedAt: at },
    kind: 'UAS',
    identity: 'HOSTILE',
    assessments: [],
    position: { lat: 49.93, lon: 22.8, altM: 300 },
    velocity: { speedMps: 30, courseDeg: 90, climbMps: 0 },
    quality: 0.9,
    updatedAt: at,
    staleAt: new Date(Date.parse(at) + 60_000).toISOString(),
    fieldLabels: [],
    ...over,
  };
}
let ownSeq = 1_000_000;
function publishOwn(nation: string, upserts: Track[], removals: TrackBatch['removals'] = []) {
  const batch: TrackBatch = { source: { nation, system: `${nation}-FUSION` }, seq: ownSeq++, publishedAt: twin!.status().scenarioTime, upserts, removals };
  observer.nc.publish(subjects.trackBatch(nation), JSON.stringify(batch));
}

async function connect(name: string) {
  const link = await connectNats({ url: server.url, name, logger });
  links.push(link);
  return link;
}

/** An interceptor process of its own: connection, reference data, agents. */
async function startInterceptor(name: string) {
  const link = await connectNats({ url: server.url, name, logger });
  const rejector = createRejector({ nc: link.nc, service: 'interceptor', logger });
  const reference = watchReference({ link, rejector, logger });
  const service = createInterceptorService({ link, clock: systemClock, logger: agentLogger, rejector, reference, timeScale: TIME_SCALE, tickMs: 100, settleMs: 500, policy: { retryAfterMs: 300 } });
  await service.start();
  interceptor = service;
  interceptorRejector = rejector;
  stopInterceptor = async () => {
    await service.stop();
    reference.stop();
    await link.nc.close();
  };
}

beforeAll(async () => {
  server = await startNatsServer();
  observer = await connect('interceptor-test');
  observer.nc.subscribe(subjects.allAuthorityAgentSubjects, {
    callback: (_e, m) => {
      const parsed = parseWith(AgentCommand, m.json());
      if (parsed.ok) seen.commands.push({ cmd: parsed.value, subject: m.subject, atMs: Date.now() });
    },
  });
  observer.nc.subscribe(subjects.effectOutcome, {
    callback: (_e, m) => void seen.outcomes.push({ outcome: EffectOutcome.parse(m.json()), atMs: Date.now() }),
  });
  observer.nc.subscribe(subjects.trackBatch('POL'), {
    callback: (_e, m) => {
      const decoded = decodeJson(m.data); // the test publishes malformed batches here too
      const parsed = decoded.ok ? parseWith(TrackBatch, decoded.value) : decoded;
      if (parsed.ok) for (const r of parsed.value.removals) if (!seen.removals.has(r.id)) seen.removals.set(r.id, { reason: r.reason, atMs: Date.now() });
    },
  });
  observer.nc.subscribe(subjects.deadLetter('interceptor'), { callback: (_e, m) => void seen.deadLetters.push(m.json<{ subject: string; reason: string }>()) });
  await observer.nc.flush();

  // The authority first: it creates its bucket (file storage, history 5) before anyone watches it.
  const authorityLink = await connect('authority');
  authority = createAuthorityService({
    link: authorityLink,
    clock: systemClock,
    logger,
    rejector: createRejector({ nc: authorityLink.nc, service: 'authority', logger }),
    audit: chain.sink,
    policy: { ...DEFAULT_POLICY, deadlineS: { ...DEFAULT_POLICY.deadlineS, ENGAGEMENT: 6 } },
    reference: referenceOf(scenario),
    tickMs: 50,
    pictureWarmupMs: 1000,
  });
  await authority.start();
  const watch = mirrorKvBucket<AuthorizationRequest>({
    link: observer,
    rejector: createRejector({ nc: observer.nc, service: 'interceptor-test', logger }),
    logger,
    bucket: AUTHORITY_BUCKET,
    key: 'request.>',
    schemaFor: () => AuthorizationRequest,
    onChange: (_key, r) => r && seen.requests.set(r.id, [...(seen.requests.get(r.id) ?? []), r]),
  });
  stops.push(() => watch.stop());

  const detectorLink = await connect('detector');
  const detectorRejector = createRejector({ nc: detectorLink.nc, service: 'detector', logger });
  const assets = watchDefendedAssets({ link: detectorLink, rejector: detectorRejector, logger });
  stops.push(() => assets.stop());
  detector = createDetectorService({
    link: detectorLink,
    clock: systemClock,
    logger,
    rejector: detectorRejector,
    classifier: loadModelFile(MODEL_PATH),
    assets: () => assets.assets(),
    policy: { alerts: DEFAULT_ALERT_POLICY, limits: DEFAULT_LIMITS, horizonS: 600, stepS: 10, anomalyCooldownS: 60 },
  });
  await detector.start();

  await startInterceptor('interceptor-1');

  const twinLink = await connect('twin');
  twin = createTwinService({ nc: twinLink.nc, clock: systemClock, logger, rejector: createRejector({ nc: twinLink.nc, service: 'twin', logger }), scenario, tickMs: 100, timeScale: TIME_SCALE });
  await twin.start();
});

afterAll(async () => {
  await twin?.stop();
  await stopInterceptor?.();
  await detector?.stop();
  await authority?.stop();
  for (const stop of stops) stop();
  for (const l of links) await l.nc.close();
  await server?.stop();
});

describe('interceptor agents with the twin, detector and authority', () => {
  it('asks to engage the hostile drone, with the assignment\'s reason, and launches nothing while the request waits', async () => {
    const pending = await until('the first engagement request', () => requestNamed('pol-eng-POL-spoof-01-1'));
    expect(pending).toMatchObject({
      kind: 'ENGAGEMENT',
      nation: 'POL',
      state: 'PENDING',
      requestedBy: POL_AGENT,
      // the label of the drone's track (POL, unclassified, releasable to UKR and LTU)
      label: { policy: 'NATO', classification: 'UNCLASSIFIED', originator: 'POL', releasableTo: ['UKR', 'LTU'] },
      requiredApprovals: [{ nation: 'POL', count: 1 }],
      engagementState: null,
    });
    const e = pending.engagement!;
    // 0.95 x 0.30 = 0.285, shown to two places
    expect(e).toMatchObject({ effectorId: 'pol-interceptor-1', effectorClass: 'INTERCEPTOR_DRONE', targetTrackId: 'POL-spoof-01', targetIdentity: 'HOSTILE', targetKind: 'UAS', dangerRadiusM: 300, sectorId: 'pol-south', sectorNation: 'POL' });
    expect(e.reason).toMatch(/^pol-interceptor-1 \(INTERCEPTOR_DRONE\) on POL-spoof-01: Pk 0\.95 x urgency 0\.30 \(no impact predicted\) = value 0\.28; intercept in \d+ s at \d+\.\d km, sector pol-south \(POL\); alternatives: pol-gun-1 out of range \(\d+\.\d km > 3 km\)$/);
    // the intercept is in the future, within the drone's range
    expect(Date.parse(e.interceptAt)).toBeGreaterThan(Date.parse(pending.createdAt));
    expect(commandsFor('pol-eng-POL-spoof-01-1', 'OPEN')).toHaveLength(1);

    // while it waits for a commander: no LAUNCH is even asked for, nothing flies, nothing is reported
    await sleep(1500);
    expect((requestNamed('pol-eng-POL-spoof-01-1'))!.state).toBe('PENDING');
    expect(commandsFor('pol-eng-POL-spoof-01-1', 'LAUNCH')).toEqual([]);
    expect(seen.outcomes).toEqual([]);
    expect(interceptor!.engagements()).toEqual([{ nation: 'POL', requestId: 'pol-eng-POL-spoof-01-1', trackId: 'POL-spoof-01', effectorId: 'pol-interceptor-1', phase: 'PENDING' }]);
  });

  it('a request left alone EXPIRES, and nothing of it launches', async () => {
    const expired = await until('request 1 to expire', () => {
      const r = requestNamed('pol-eng-POL-spoof-01-1');
      return r?.state === 'EXPIRED' && r;
    });
    expect(expired).toMatchObject({ engagementState: null, outcome: null, decisions: [] });
    await sleep(300);
    expect(commandsFor('pol-eng-POL-spoof-01-1', 'LAUNCH')).toEqual([]);
    expect(audit.filter((a) => a.subject === 'pol-eng-POL-spoof-01-1').map((a) => a.action)).toEqual(['REQUEST_OPENED', 'REQUEST_EXPIRED']);
    expect(seen.requests.get('pol-eng-POL-spoof-01-1')!.map((r) => `${r.state}/${r.engagementState}`)).toEqual(['PENDING/null', 'EXPIRED/null']);
    expect(seen.outcomes).toEqual([]);
    expect(seen.removals.has('POL-spoof-01')).toBe(false);
  });

  it('launches only after a commander approves; an abort (friendly at the intercept point) stops the flyout with no outcome', async () => {
    // the threat is still there: the agent asks again
    const second = await until('request 2', () => {
      const r = requestNamed('pol-eng-POL-spoof-01-2');
      return r?.state === 'PENDING' && r;
    });
    expect(second.engagement!.effectorId).toBe('pol-interceptor-1');
    await sleep(300);
    expect(commandsFor('pol-eng-POL-spoof-01-2', 'LAUNCH')).toEqual([]);

    // the interceptor restarts while the request waits: the new one takes it up, asks nothing new
    const opensBefore = seen.commands.filter(({ cmd }) => cmd.type === 'OPEN').length;
    await stopInterceptor!();
    await startInterceptor('interceptor-2');
    await until('the new agent to take up request 2', () => interceptor!.engagements().find((x) => x.requestId === 'pol-eng-POL-spoof-01-2' && x.phase === 'PENDING'));
    await sleep(300);
    expect(seen.commands.filter(({ cmd }) => cmd.type === 'OPEN').length).toBe(opensBefore);
    expect(interceptor!.engagements()).toHaveLength(1);

    const approvingAtMs = Date.now();
    const approved = await approve('pol-eng-POL-spoof-01-2');
    expect(approved).toMatchObject({ ok: true, request: { state: 'APPROVED', engagementState: 'AUTHORIZED' } });
    const executing = await until('request 2 to launch', () => {
      const r = requestNamed('pol-eng-POL-spoof-01-2');
      return r?.engagementState === 'EXECUTING' && r;
    });
    const [launch] = commandsFor('pol-eng-POL-spoof-01-2', 'LAUNCH');
    expect(launch!.atMs).toBeGreaterThanOrEqual(approvingAtMs);
    // ...asked for on POL's agent subject (the authority takes the agent's nation from it)
    expect(launch!.subject).toBe(subjects.authorityFromAgents('POL'));
    await until('the agent to fly', () => interceptor!.engagements().find((x) => x.requestId === 'pol-eng-POL-spoof-01-2' && x.phase === 'FLYING'));

    // a friendly aircraft appears at the approved intercept point: the authority aborts, the agent stops
    const p = executing.engagement!.interceptPoint;
    publishOwn('POL', [ownTrack('POL-medevac-01', { kind: 'ROTARY', identity: 'FRIEND', position: { lat: p.lat, lon: p.lon, altM: 200 }, velocity: { speedMps: 0, courseDeg: 0, climbMps: 0 } })]);
    const aborted = await until('request 2 to be aborted', () => {
      const r = requestNamed('pol-eng-POL-spoof-01-2');
      return r?.engagementState === 'ABORTED' && r;
    });
    // The medevac track is POL's own, the request is releasable to UKR and LTU too: the reason must not name it.
    expect(aborted.abortReason).toBe('a friendly track not releasable to every party is within the danger radius of the intercept point');
    expect(aborted.abortReason).not.toContain('POL-medevac-01');
    expect(seen.requests.get('pol-eng-POL-spoof-01-2')!.map((r) => `${r.state}/${r.engagementState}`)).toEqual(['PENDING/null', 'APPROVED/AUTHORIZED', 'APPROVED/EXECUTING', 'APPROVED/ABORTED']);
    await until('the effector to be released', () => !interceptor!.engagements().some((x) => x.requestId === 'pol-eng-POL-spoof-01-2'));
    publishOwn('POL', [], [{ id: 'POL-medevac-01', reason: 'LANDED' }]);
    // the flyout would have lasted seconds: well past it, still no completion and no outcome
    await sleep(1000);
    expect(commandsFor('pol-eng-POL-spoof-01-2', 'COMPLETE')).toEqual([]);
    expect(seen.outcomes).toEqual([]);
    expect(seen.removals.has('POL-spoof-01')).toBe(false);
    expect(interceptor!.stats().aborted).toBe(1);
  });

  it('an approved engagement flies out, completes DESTROYED, and the twin removes the target', async () => {
    expect(outcomeOf(7, 'pol-eng-POL-spoof-01-3', 0.95)).toBe('DESTROYED'); // the scenario's seed, request 3's draw
    await until('request 3', () => requestNamed('pol-eng-POL-spoof-01-3')?.state === 'PENDING');
    expect(commandsFor('pol-eng-POL-spoof-01-3', 'LAUNCH')).toEqual([]);
    expect((await approve('pol-eng-POL-spoof-01-3')).ok).toBe(true);

    const removal = await until('POL-spoof-01 to be removed', () => seen.removals.get('POL-spoof-01'), 20_000);
    expect(removal.reason).toBe('DESTROYED');
    const done = (requestNamed('pol-eng-POL-spoof-01-3'))!;
    expect(done).toMatchObject({ state: 'APPROVED', engagementState: 'COMPLETED', outcome: 'DESTROYED' });
    expect(audit.filter((a) => a.subject === 'pol-eng-POL-spoof-01-3').map((a) => a.action)).toEqual(['REQUEST_OPENED', 'DECISION_APPROVE', 'ENGAGEMENT_EXECUTING', 'ENGAGEMENT_COMPLETED']);
    expect(seen.requests.get('pol-eng-POL-spoof-01-3')!.map((r) => `${r.state}/${r.engagementState}`)).toEqual(['PENDING/null', 'APPROVED/AUTHORIZED', 'APPROVED/EXECUTING', 'APPROVED/COMPLETED']);

    // the flyout took its time (tens of scenario seconds at 10x), then the outcome went out once, after the completion
    const executedAt = audit.find((a) => a.subject === 'pol-eng-POL-spoof-01-3' && a.action === 'ENGAGEMENT_EXECUTING')!.atMs;
    const completedAt = audit.find((a) => a.subject === 'pol-eng-POL-spoof-01-3' && a.action === 'ENGAGEMENT_COMPLETED')!.atMs;
    expect(completedAt - executedAt).toBeGreaterThan(2000);
    expect(seen.outcomes.map((o) => o.outcome)).toEqual([{ requestId: 'pol-eng-POL-spoof-01-3', effectorId: 'pol-interceptor-1', trackId: 'POL-spoof-01', nation: 'POL', outcome: 'DESTROYED', at: expect.any(String) }]);
    expect(seen.outcomes[0]!.atMs).toBeGreaterThanOrEqual(completedAt);
    expect(removal.atMs).toBeGreaterThanOrEqual(seen.outcomes[0]!.atMs);
    console.info(`pol-eng-POL-spoof-01-3: launched ${executedAt - audit.find((a) => a.subject === 'pol-eng-POL-spoof-01-3' && a.action === 'DECISION_APPROVE')!.atMs} ms after approval, flew ${completedAt - executedAt} ms (wall, ${TIME_SCALE}x), target removed ${removal.atMs - completedAt} ms after completion`);

    // effector released; no further request for a destroyed target
    await until('the effector to be released', () => interceptor!.engagements().length === 0);
    await sleep(500);
    expect(allRequests().filter((r) => r.engagement?.targetTrackId === 'POL-spoof-01').map((r) => r.id).sort()).toEqual(['pol-eng-POL-spoof-01-1', 'pol-eng-POL-spoof-01-2', 'pol-eng-POL-spoof-01-3']);
    // (this instance took request 2 up from its predecessor and opened request 3)
    expect(interceptor!.stats()).toMatchObject({ opened: 1, launched: 2, completed: 1, destroyed: 1, aborted: 1 });
  });

  it('never acts on a track its nation may not see; does on the same track releasable to it', async () => {
    // a UKR-only hostile drone right next to the (now free) POL interceptor drone
    const hidden = () => ownTrack('UKR-ghost-01', { label: { policy: 'NATO', classification: 'SECRET', originator: 'UKR', releasableTo: [] }, provenance: { nation: 'UKR', system: 'UKR-FUSION', sourceId: 'test', observedAt: twin!.status().scenarioTime, publishedAt: twin!.status().scenarioTime } });
    for (let i = 0; i < 10; i++) {
      publishOwn('UKR', [hidden()]);
      await sleep(100);
    }
    expect(seen.commands.filter(({ cmd }) => cmd.type === 'OPEN' && cmd.request.engagement?.targetTrackId === 'UKR-ghost-01')).toEqual([]);

    // the same drone, releasable to POL: now the POL agent asks (the control case)
    const shared = (): Track => ({ ...hidden(), id: 'UKR-shared-01', label: { policy: 'NATO', classification: 'RESTRICTED', originator: 'UKR', releasableTo: ['POL'] } });
    const request = await until('a request about the shared drone', () => {
      publishOwn('UKR', [shared()]);
      return allRequests().find((r) => r.engagement?.targetTrackId === 'UKR-shared-01');
    });
    expect(request).toMatchObject({ nation: 'POL', label: { classification: 'RESTRICTED', originator: 'UKR', releasableTo: ['POL'] }, engagement: { effectorId: 'pol-interceptor-1' } });
    publishOwn('UKR', [], [{ id: 'UKR-shared-01', reason: 'LEFT' }, { id: 'UKR-ghost-01', reason: 'LEFT' }]);
  });

  it('rejects malformed input (counted, dead-lettered) and keeps working', async () => {
    const before = interceptorRejector.total();
    observer.nc.publish(subjects.trackBatch('POL'), '{"source":');
    observer.nc.publish(subjects.detections('POL'), JSON.stringify({ seq: 'x', upserts: [{}] }));
    publishOwn('UKR', []); // a valid batch...
    observer.nc.publish(subjects.trackBatch('POL'), JSON.stringify({ source: { nation: 'UKR', system: 'UKR-FUSION' }, seq: 1, publishedAt: new Date().toISOString(), upserts: [], removals: [] })); // ...on the wrong subject
    await observer.nc.flush();
    await until('three dead letters', () => seen.deadLetters.length >= 3);
    expect(interceptorRejector.total()).toBe(before + 3);
    expect(seen.deadLetters.map((l) => l.subject)).toEqual([subjects.trackBatch('POL'), subjects.detections('POL'), subjects.trackBatch('POL')]);
    expect(seen.deadLetters[0]!.reason).toMatch(/^not JSON/);
    expect(seen.deadLetters[2]!.reason).toBe(`batch of UKR published on ${subjects.trackBatch('POL')}`);
    // still looking at the picture and following requests
    const stats = interceptor!.stats();
    expect(stats.agents).toEqual(['POL']);
    expect(stats.seed).toBe(7); // the scenario's, from reference data
  });
});
