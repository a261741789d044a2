import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Kvm } from '@nats-io/kv';
import {
  AIRSPACE_BUCKET,
  AirspaceVolume,
  AUTHORITY_BUCKET,
  AuthorizationRequest,
  DetectionBatch,
  EffectorRef,
  fusionCentrePermissions,
  fusionCentreUser,
  interceptorAgentPermissions,
  interceptorAgentUser,
  REFERENCE_BUCKET,
  SERVICE_PERMISSIONS,
  subjects,
  TrackBatch,
} from '@tessera/schema';
import {
  createLogger,
  createRejector,
  startReferenceFeed,
  systemClock,
  type NatsLink,
  type Rejector,
} from '@tessera/service-kit';
import {
  effector,
  engagementRequest,
  iso,
  POL_SOUTH,
  sector,
  sharedLabel,
  track,
  trackBatch,
} from '@tessera/service-kit/fixtures';
import {
  countDeadLetters,
  describeTally,
  hostileMessages,
  hugeString,
  rejectedWhere,
  sendHostile,
  startFuzzBus,
  withField,
  type FuzzBus,
  type FuzzTarget,
  type HostileCase,
  type Json,
} from '@tessera/service-kit/fuzz';
import { createInterceptorService, type InterceptorService } from '../src/service.ts';

/**
 * Hostile input on every subject and bucket the interceptor service reads, each sent with the
 * credential of the peer that may publish there: a compromised fusion centre (tracks), detector
 * (detections), authority (its requests, TESSERA_AUTHORITY `request.>`), twin (effectors and
 * volumes) and deconfliction service (reservations). Each is rejected, counted and dead-lettered;
 * no agent acts on any of it (no command to the authority); a valid hostile drone afterwards is
 * still seen and engaged.
 */
const CASES = Number(process.env.NATS_FUZZ_CASES ?? 10_000);
const SETTLE = { timeout: 60_000, interval: 100 } as const;
const WAIT = { timeout: 15_000, interval: 50 } as const;
const logger = createLogger('interceptor-fuzz', 'silent');

let bus: FuzzBus;
let link: NatsLink;
let rejector: Rejector;
let service: InterceptorService;
let reference: ReturnType<typeof startReferenceFeed>;

const polDetections = (): Json => {
  const at = new Date().toISOString();
  return {
    seq: 1,
    publishedAt: at,
    upserts: [
      {
        id: 'POL-fz-1@threat-classifier',
        trackId: 'POL-fz-1',
        label: sharedLabel('POL'),
        fieldLabels: [],
        provenance: {
          nation: 'POL',
          system: 'tessera-detector',
          sourceId: 'threat-classifier',
          observedAt: at,
          publishedAt: at,
          model: { name: 'threat-classifier', version: '1.0.0' },
          inputs: { trackIds: ['POL-fz-1'] },
        },
        classProbabilities: [{ kind: 'UAS', probability: 1 }],
        topClass: 'UAS',
        confidence: 0.9,
        reports: 8,
        explanation: [{ feature: 'speed', value: 50, unit: 'm/s', weight: 0.4 }],
        prediction: {
          method: 'KINEMATIC',
          horizonS: 600,
          path: [{ tS: 0, lat: 50, lon: 22, altM: 150 }],
          impact: null,
        },
        threat: null,
        assessedAt: at,
      },
    ],
    removals: ['POL-fz-2'],
  };
};

const tracks: FuzzTarget = {
  subject: subjects.trackBatch('POL'),
  valid: () => trackBatch('POL', { upserts: [track('POL-fz-1', { at: iso(Date.now()) })] }) as unknown as Json,
  ruleBreakers: [
    (v) => withField(v, ['upserts', 0, 'id'], 'UKR-fz-1'),
    (v) => withField(v, ['upserts', 0, 'label', 'originator'], 'UKR'),
    (v) => withField(v, ['source', 'nation'], 'UKR'),
    (v) => withField(v, ['removals'], [{ id: 'UKR-owa-01', reason: 'DESTROYED' }]),
    (v) => withField(v, ['upserts', 0, 'position', 'lat'], 91),
    (v) => withField(v, ['upserts', 0, 'identity'], 'VERY_HOSTILE'),
    (v, r) => withField(v, ['source', 'system'], hugeString(r, r.int(65, 20_000))),
  ],
};
const detections: FuzzTarget = {
  subject: subjects.detections('POL'),
  valid: polDetections,
  ruleBreakers: [
    (v) => withField(v, ['upserts', 0, 'trackId'], 'UKR-owa-01'),
    (v) => withField(v, ['upserts', 0, 'label'], sharedLabel('UKR')),
    (v) => withField(v, ['removals'], ['UKR-owa-01']),
    (v) => withField(v, ['upserts', 0, 'confidence'], 2),
  ],
};
const detectionsNoNation: FuzzTarget = { ...detections, subject: `${subjects.allDetections.slice(0, -1)}POLAND` };
const perKey = (prefix: string) => (i: number) => `${prefix}.fz-${i}`;
const requests: FuzzTarget = {
  subject: `$KV.${AUTHORITY_BUCKET}.request`,
  subjectFor: perKey(`$KV.${AUTHORITY_BUCKET}.request`),
  valid: () => engagementRequest({ id: 'pol-fz' }) as unknown as Json,
  ruleBreakers: [
    (v) => withField(v, ['state'], 'LAUNCHED_ALREADY'),
    (v) => withField(v, ['engagement', 'confidence'], 7),
    (v) => withField(v, ['version'], 0),
  ],
};
const effectors: FuzzTarget = {
  subject: `$KV.${REFERENCE_BUCKET}.effector.POL`,
  subjectFor: perKey(`$KV.${REFERENCE_BUCKET}.effector.POL`),
  valid: () => effector('fz', 'POL', 'INTERCEPTOR_DRONE') as unknown as Json,
  ruleBreakers: [
    (v) => withField(v, ['probabilityOfKill'], 1.5),
    (v) => withField(v, ['rangeKm'], -400),
    (v) => withField(v, ['kind'], 'NUKE'),
  ],
};
const volumeRules: FuzzTarget['ruleBreakers'] = [
  (v) => withField(v, ['kind'], 'MINEFIELD'),
  (v) => withField(v, ['wcs'], 'LOOSE'),
  (v) => withField(v, ['outline', 0, 'lat'], 91),
];
const outline = POL_SOUTH.outline!.map((p): [number, number] => [p.lat, p.lon]);
const volumes: FuzzTarget = {
  subject: `$KV.${REFERENCE_BUCKET}.volume.POL`,
  subjectFor: perKey(`$KV.${REFERENCE_BUCKET}.volume.POL`),
  valid: () => sector('fz', 'POL', outline) as unknown as Json,
  ruleBreakers: volumeRules,
};
const reservations: FuzzTarget = {
  ...volumes,
  subject: `$KV.${AIRSPACE_BUCKET}.reservation.POL`,
  subjectFor: perKey(`$KV.${AIRSPACE_BUCKET}.reservation.POL`),
};

const plan: { target: FuzzTarget; peer: string }[] = [
  { target: tracks, peer: fusionCentreUser('POL') },
  { target: detections, peer: 'detector' },
  { target: detectionsNoNation, peer: 'detector' },
  { target: requests, peer: 'authority' },
  { target: effectors, peer: 'twin' },
  { target: volumes, peer: 'twin' },
  { target: reservations, peer: 'deconfliction' },
];
const byTarget = new Map(plan.map((p) => [p.target, p]));
const rejectedIn = (group: string) =>
  rejectedWhere(rejector, (s) => (group.startsWith('$KV.') ? s.startsWith(`${group}.`) : s === group));

beforeAll(async () => {
  bus = await startFuzzBus([
    ...(['interceptor', 'authority', 'detector', 'twin', 'deconfliction'] as const).map((user) => ({
      user,
      permissions: SERVICE_PERMISSIONS[user],
    })),
    { user: fusionCentreUser('POL'), permissions: fusionCentrePermissions('POL') },
    { user: interceptorAgentUser('POL'), permissions: interceptorAgentPermissions('POL') },
  ]);
  // The owners create their buckets; the twin's reference data has POL SOUTH and POL's interceptor drone.
  const ref = await new Kvm((await bus.as('twin')).nc).create(REFERENCE_BUCKET, { history: 1 });
  await ref.put('volume.POL.pol-south', JSON.stringify(POL_SOUTH));
  await ref.put(
    'effector.POL.pol-interceptor-1',
    JSON.stringify(effector('pol-interceptor-1', 'POL', 'INTERCEPTOR_DRONE')),
  );
  await new Kvm((await bus.as('authority')).nc).create(AUTHORITY_BUCKET, { history: 1 });
  await new Kvm((await bus.as('deconfliction')).nc).create(AIRSPACE_BUCKET, { history: 1 });
  link = await bus.as('interceptor');
  const agents = await bus.as(interceptorAgentUser('POL'));
  rejector = createRejector({ nc: link.nc, service: 'interceptor', logger });
  reference = startReferenceFeed({ link, rejector, logger });
  service = createInterceptorService({
    link,
    clock: systemClock,
    logger,
    rejector,
    reference,
    agentConnection: async () => agents.nc,
    timeScale: 1,
    tickMs: 50,
    settleMs: 0,
    policy: { commandTimeoutMs: 500 },
  });
  await service.start();
  await vi.waitFor(() => expect(service.stats().agents).toEqual(['POL']), WAIT);
  const contracts: [FuzzTarget, { safeParse(v: unknown): { success: boolean } }][] = [
    [tracks, TrackBatch],
    [detections, DetectionBatch],
    [requests, AuthorizationRequest],
    [effectors, EffectorRef],
    [volumes, AirspaceVolume],
  ];
  for (const [target, contract] of contracts)
    expect(contract.safeParse(target.valid()), target.subject).toMatchObject({ success: true });
});

afterAll(async () => {
  await service?.stop();
  reference?.stop();
  await bus?.stop();
});

describe('NATS input fuzzing of the interceptor service', () => {
  it(`rejects, counts and dead-letters ${CASES} hostile messages on every subject and bucket it reads`, async () => {
    const links = new Map<string, NatsLink>();
    for (const { peer } of plan) if (!links.has(peer)) links.set(peer, await bus.as(peer));
    const operator = await bus.as('operator');
    const deadLetters = await countDeadLetters(operator.nc, 'interceptor');
    const commands: string[] = [];
    const csub = operator.nc.subscribe(subjects.allAuthorityAgentSubjects, {
      callback: (_e, m) => void commands.push(new TextDecoder().decode(m.data)),
    });
    await operator.nc.flush();
    const before = new Map(plan.map(({ target }) => [target.subject, rejectedIn(target.subject)]));
    const statsBefore = service.stats();

    const started = Date.now();
    const tally = await sendHostile(
      (c: HostileCase) => links.get(byTarget.get(c.target)!.peer)!.nc,
      hostileMessages(
        plan.map((p) => p.target),
        { count: CASES, seed: 20261219, maxPayload: link.nc.info!.max_payload },
      ),
      { groupOf: (c) => c.target.subject },
    );

    await vi.waitFor(() => {
      for (const [group, n] of tally.bySubject) expect(rejectedIn(group), group).toBe(before.get(group)! + n);
    }, SETTLE);
    await vi.waitFor(() => expect(deadLetters.count()).toBe(CASES), SETTLE);
    deadLetters.stop();

    // Nothing of them was used: no agent, effector, engagement or command to the authority came of them.
    expect(service.stats()).toEqual(statsBefore);
    expect(service.engagements()).toEqual([]);
    expect([...reference.effectors()].map((e) => e.id)).toEqual(['pol-interceptor-1']);
    expect([...reference.volumes()].map((v) => v.id)).toEqual(['pol-south']);
    expect(commands).toEqual([]);

    // Still at work: a real hostile drone over POL SOUTH is seen, and POL's agent asks to engage it.
    expect(link.nc.isClosed()).toBe(false);
    await vi.waitFor(() => {
      links
        .get(fusionCentreUser('POL'))!
        .nc.publish(
          tracks.subject,
          JSON.stringify(trackBatch('POL', { upserts: [track('POL-after-fuzz', { at: iso(Date.now()) })] })),
        );
      expect(commands.some((c) => c.includes('"OPEN"') && c.includes('POL-after-fuzz'))).toBe(true);
    }, WAIT);
    csub.unsubscribe();
    console.info(
      `interceptor: ${describeTally(tally)} in ${Date.now() - started} ms; per subject ${JSON.stringify(Object.fromEntries(tally.bySubject))}`,
    );
  }, 120_000);
});
