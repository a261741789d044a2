import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Kvm, type KV } from '@nats-io/kv';
import {
  AgentCommand,
  AIRSPACE_BUCKET,
  Alert,
  ALERT_BUCKET,
  AuditAppendRequest,
  AUTHORITY_BUCKET,
  AuthorityReply,
  DetectionBatch,
  fusionCentrePermissions,
  fusionCentreUser,
  GatewayCommand,
  interceptorAgentPermissions,
  interceptorAgentUser,
  RestrictedEntry,
  SERVICE_PERMISSIONS,
  SpectrumAssignment,
  subjects,
  TrackBatch,
  type AirspaceVolume,
  type EffectorRef,
} from '@tessera/schema';
import { createLogger, createRejector, type NatsLink, type Rejector } from '@tessera/service-kit';
import { sharedLabel } from '@tessera/service-kit/fixtures';
import {
  countDeadLetters,
  describeTally,
  hostileMessages,
  hugeString,
  rejectedWhere,
  sendHostile,
  startFuzzBus,
  type FuzzBus,
  type FuzzTarget,
  type HostileCase,
  type Json,
  withField,
} from '@tessera/service-kit/fuzz';
import type { AuthorityService } from '../src/service.ts';
import {
  commandId as cid,
  effector,
  fromAgent,
  memoryAuditChain,
  openEngagement,
  startAuthority,
  trackBatch,
  twoSectors,
} from './support.ts';

/**
 * Hostile input on every subject the authority consumes, each sent with the credential of the peer
 * that may publish there (a compromised fusion centre, detector, gateway, agent or deconfliction
 * service): random bytes, cut-short and any-shape JSON, a field of the wrong type or an impossible
 * value, another nation's ids, oversized bodies, requests answered to no one or to someone else's
 * subject. Each is rejected, counted and dead-lettered; a request asked with an inbox gets a typed
 * INVALID reply; nothing reaches the authority's state, its bucket or the audit chain; a valid
 * command afterwards is still served.
 */
const CASES = Number(process.env.NATS_FUZZ_CASES ?? 10_000);
const SETTLE = { timeout: 60_000, interval: 100 } as const;
const STARTUP = { timeout: 15_000, interval: 50 } as const;

let bus: FuzzBus;
let service: AuthorityService;
let rejector: Rejector;
let authority: NatsLink;
let operator: NatsLink;
let bucket: KV;
const chain = memoryAuditChain({ now: () => Date.now() });
const volumes: AirspaceVolume[] = twoSectors();
const effectors: EffectorRef[] = [effector('pol-interceptor-1', 'POL', 'INTERCEPTOR_DRONE')];
const polCmdr = { username: 'pol-cmdr', nation: 'POL', roles: ['COMMANDER' as const] };
const logger = createLogger('authority-fuzz', 'silent');

/** Who may publish where: the peer whose credential a hostile message comes with. */
const peers = {
  tracks: fusionCentreUser('POL'),
  detections: 'detector',
  gateway: 'gateway',
  agent: interceptorAgentUser('POL'),
  deconfliction: 'deconfliction',
} as const;

const detectionBatch = (): Json => {
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
  valid: () => trackBatch('POL', 'POL-fz-1', 'HOSTILE', Date.now()) as unknown as Json,
  ruleBreakers: [
    (v) => withField(v, ['upserts', '0', 'id'], 'UKR-fz-1'),
    (v) => withField(v, ['upserts', '0', 'label', 'originator'], 'UKR'),
    (v) => withField(v, ['source', 'nation'], 'UKR'),
    (v) => withField(v, ['removals'], [{ id: 'UKR-owa-01', reason: 'DESTROYED' }]),
    (v) => withField(v, ['upserts', '0', 'position', 'lat'], 91),
    (v) => withField(v, ['upserts', '0', 'quality'], 1.5),
    (v) => withField(v, ['seq'], -1),
    (v, r) => withField(v, ['source', 'system'], hugeString(r, r.int(65, 20_000))),
    (v, r) => withField(v, ['upserts', '0', 'id'], `POL-${hugeString(r, r.int(100, 5000))}`),
  ],
};

const detections: FuzzTarget = {
  subject: subjects.detections('POL'),
  valid: detectionBatch,
  ruleBreakers: [
    (v) => withField(v, ['upserts', '0', 'trackId'], 'UKR-owa-01'),
    (v) => withField(v, ['upserts', '0', 'label'], sharedLabel('UKR')),
    (v) => withField(v, ['removals'], ['UKR-owa-01']),
    (v) => withField(v, ['upserts', '0', 'confidence'], 2),
  ],
};
/** A detector may publish on any detections.* subject: one that names no nation is refused whatever it carries. */
const detectionsNoNation: FuzzTarget = { ...detections, subject: `${subjects.allDetections.slice(0, -1)}POLAND` };

const gateway: FuzzTarget = {
  subject: subjects.authorityFromGateway,
  valid: () => ({
    type: 'DECIDE',
    commandId: cid(),
    requestId: 'eng-fz',
    decision: 'APPROVE',
    reason: 'fuzz',
    by: polCmdr,
  }),
  ruleBreakers: [
    (v) => withField(v, ['decision'], 'APPROVE_ALL'),
    (v) => withField(v, ['type'], 'LAUNCH'),
    (v, r) => withField(v, ['reason'], hugeString(r, r.int(501, 50_000))),
    (v) => withField(v, ['requestId'], '../request.eng-1'),
    (v) => withField(v, ['commandId'], 'a.b.>'),
  ],
};

const agent: FuzzTarget = {
  subject: subjects.authorityFromAgents('POL'),
  valid: () => openEngagement('eng-fz') as unknown as Json,
  ruleBreakers: [
    (v) => withField(v, ['type'], 'DECIDE'),
    (v) => withField(v, ['request', 'engagement', 'confidence'], 1.01),
    (v) => withField(v, ['request', 'engagement', 'interceptPoint', 'lat'], -91),
    (v) => withField(v, ['request', 'kind'], 'WCS_CHANGE'),
  ],
};

const auditAppend: FuzzTarget = {
  subject: subjects.auditAppend('deconfliction'),
  valid: () => ({
    actor: { kind: 'SERVICE', id: 'deconfliction', nation: null },
    action: 'RESERVATION_CREATED',
    subject: 'reservation.POL.fz',
    details: { fuzz: true },
    requestId: cid(),
  }),
  freePaths: /^details(\.|$)/,
  ruleBreakers: [
    (v) => withField(v, ['action'], 'reservation created'),
    (v) => withField(v, ['actor', 'extra'], 'field'),
    (v, r) => withField(v, ['subject'], hugeString(r, r.int(257, 10_000))),
  ],
};

const spectrumKey = (kind: 'assignment' | 'restricted') => (i: number) => `$KV.${AIRSPACE_BUCKET}.${kind}.POL.fz-${i}`;
const assignmentTarget: FuzzTarget = {
  subject: `$KV.${AIRSPACE_BUCKET}.assignment.POL`,
  subjectFor: spectrumKey('assignment'),
  // The body's id is the key's only when the case's index is known: a fixed id, keyed elsewhere, is refused (rule).
  valid: () => ({
    id: 'fz',
    nation: 'POL',
    system: 'fz',
    use: 'RADAR',
    lowMHz: 2900,
    highMHz: 3100,
    eirpDbm: 60,
    thresholdDbm: -100,
    location: { kind: 'POINT', point: { lat: 50, lon: 22 }, antennaHeightM: 10 },
    priority: 5,
    label: sharedLabel('POL'),
    state: 'ACTIVE',
    version: 1,
  }),
  ruleBreakers: [(v) => withField(v, ['nation'], 'UKR'), (v) => withField(v, ['highMHz'], 100)],
};
const restrictedTarget: FuzzTarget = {
  subject: `$KV.${AIRSPACE_BUCKET}.restricted.POL`,
  subjectFor: spectrumKey('restricted'),
  valid: () => ({
    id: 'fz',
    nation: 'POL',
    kind: 'PROTECTED',
    lowMHz: 1000,
    highMHz: 1100,
    label: sharedLabel('POL'),
    reason: 'fuzz',
    version: 1,
  }),
  ruleBreakers: [(v) => withField(v, ['nation'], 'UKR'), (v) => withField(v, ['kind'], 'OPEN')],
};

/**
 * The detector's alerts: an open ANOMALY alert puts a warning on every request about its track. The
 * valid one flags the track the check after the fuzz engages: had a case been taken, that request
 * would carry a warning.
 */
const alertTarget: FuzzTarget = {
  subject: `$KV.${ALERT_BUCKET}.alert`,
  subjectFor: (i) => `$KV.${ALERT_BUCKET}.alert.fz-${i}`,
  valid: () => ({
    id: 'POL-owa-01:POSITION_JUMP',
    kind: 'ANOMALY',
    severity: 'WARNING',
    label: sharedLabel('POL'),
    trackId: 'POL-owa-01',
    title: 'POL-owa-01: moved 10.2 km in 2 s (limit 2.2 km)',
    defendedAssetId: null,
    impactExpectedAt: null,
    predictedImpact: null,
    anomalyKind: 'POSITION_JUMP',
    raisedAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
    clearedAt: null,
    acknowledgements: [],
  }),
  ruleBreakers: [(v) => withField(v, ['anomalyKind'], 'TELEPORT'), (v) => withField(v, ['kind'], 'PANIC')],
};

/** Each target with its publisher and how its messages are counted. */
const plan: { target: FuzzTarget; peer: string; request: boolean; kv?: boolean }[] = [
  { target: tracks, peer: peers.tracks, request: false },
  { target: detections, peer: peers.detections, request: false },
  { target: detectionsNoNation, peer: peers.detections, request: false },
  { target: gateway, peer: peers.gateway, request: true },
  { target: agent, peer: peers.agent, request: true },
  { target: auditAppend, peer: peers.deconfliction, request: true },
  { target: assignmentTarget, peer: peers.deconfliction, request: false, kv: true },
  { target: restrictedTarget, peer: peers.deconfliction, request: false, kv: true },
  { target: alertTarget, peer: peers.detections, request: false, kv: true },
];

/** Where a case is counted: its subject, or its bucket's key prefix (one key per case). */
const groupOf = (c: HostileCase) => c.target.subject;
const rejectedIn = (group: string) =>
  rejectedWhere(rejector, (s) => (group.startsWith('$KV.') ? s.startsWith(`${group}.`) : s === group));

/** The authority's bucket, every key and revision: what a half-applied command would change. */
async function bucketState(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for await (const key of await bucket.keys()) {
    const e = await bucket.get(key);
    if (e) out[key] = e.revision;
  }
  return out;
}

beforeAll(async () => {
  bus = await startFuzzBus([
    ...(['authority', 'gateway', 'detector', 'deconfliction'] as const).map((user) => ({
      user,
      permissions: SERVICE_PERMISSIONS[user],
    })),
    { user: peers.agent, permissions: interceptorAgentPermissions('POL') },
    { user: peers.tracks, permissions: fusionCentrePermissions('POL') },
  ]);
  // The deconfliction service owns the airspace bucket: it creates it, the authority only reads it.
  await new Kvm((await bus.as('deconfliction')).nc).create(AIRSPACE_BUCKET, { history: 1 });
  // The detector owns the alert bucket.
  await new Kvm((await bus.as('detector')).nc).create(ALERT_BUCKET, { history: 1 });
  authority = await bus.as('authority');
  rejector = createRejector({ nc: authority.nc, service: 'authority', logger });
  service = await startAuthority({
    link: authority,
    audit: chain.sink,
    rejector,
    logger,
    reference: { volumes: () => volumes, effectors: () => effectors },
  });
  operator = await bus.as('operator');
  bucket = await new Kvm(operator.nc).open(AUTHORITY_BUCKET);
  // Every valid message the cases are made from is valid: a refusal is the change's doing.
  const contracts: [FuzzTarget, { safeParse(v: unknown): { success: boolean } }][] = [
    [tracks, TrackBatch],
    [detections, DetectionBatch],
    [gateway, GatewayCommand],
    [agent, AgentCommand],
    [auditAppend, AuditAppendRequest],
    [assignmentTarget, SpectrumAssignment],
    [restrictedTarget, RestrictedEntry],
    [alertTarget, Alert],
  ];
  for (const [target, contract] of contracts)
    expect(contract.safeParse(target.valid()), target.subject).toMatchObject({ success: true });
});

afterAll(async () => {
  await service?.stop();
  await bus?.stop();
});

describe('NATS input fuzzing of the authority', () => {
  it(`rejects, counts and dead-letters ${CASES} hostile messages on every subject it consumes`, async () => {
    const links = new Map<string, NatsLink>();
    for (const { peer } of plan) if (!links.has(peer)) links.set(peer, await bus.as(peer));
    const deadLetters = await countDeadLetters(operator.nc, 'authority');
    // A reply sent to someone else's subject would land where the authority may write: its own bucket.
    const forged = `$KV.${AUTHORITY_BUCKET}.request.fz-forged`;
    const requestsBefore = await service.requests();
    const bucketBefore = await bucketState();
    const chainBefore = chain.records.length;
    const before = new Map(plan.map(({ target }) => [target.subject, rejectedIn(target.subject)]));

    const sent = new Map<string, number>();
    const replies: unknown[] = [];
    const cases = hostileMessages(
      plan.map((p) => p.target),
      { count: CASES, seed: 20261215, maxPayload: authority.nc.info!.max_payload },
    );
    // Each case goes with the credential of the peer that may publish on its subject.
    const byPeer = new Map(plan.map((p) => [p.target, p]));
    const started = Date.now();
    const tally = await sendHostile((c) => links.get(byPeer.get(c.target)!.peer)!.nc, cases, {
      groupOf,
      replyMode: (c) =>
        byPeer.get(c.target)!.request ? (['inbox', 'inbox', 'none', 'foreign'] as const)[c.index % 4]! : 'none',
      foreignReply: forged,
      onReply: (_c, data) => replies.push(JSON.parse(new TextDecoder().decode(data))),
    });
    for (const [k, n] of tally.bySubject) sent.set(k, n);

    // A valid command with someone else's subject as reply is refused too, unread: nothing applied.
    const forgedValid = [gateway, agent, auditAppend].map((t) => ({ t, body: JSON.stringify(t.valid()) }));
    for (const { t, body } of forgedValid) {
      links.get(byPeer.get(t)!.peer)!.nc.publish(t.subject, body, { reply: forged });
      sent.set(t.subject, sent.get(t.subject)! + 1);
    }
    for (const l of links.values()) await l.nc.flush();
    const total = CASES + forgedValid.length;

    await vi.waitFor(() => {
      for (const [group, n] of sent) expect(rejectedIn(group), group).toBe(before.get(group)! + n);
    }, SETTLE);
    await vi.waitFor(() => expect(deadLetters.count()).toBe(total), SETTLE);
    deadLetters.stop();
    // Every request asked with an inbox was answered, with a typed refusal.
    expect(replies.length).toBeGreaterThan(0);
    for (const reply of replies)
      expect(reply).toMatchObject({ ok: false, rule: 'INVALID', message: expect.any(String) });

    // Nothing of them was applied: no request, no record, no key changed, nothing written where a reply was aimed.
    expect(await service.requests()).toEqual(requestsBefore);
    expect(chain.records.length).toBe(chainBefore);
    const bucketAfter = await bucketState();
    expect(bucketAfter[forged.slice(`$KV.${AUTHORITY_BUCKET}.`.length)]).toBeUndefined();
    expect(Object.keys(bucketAfter).filter((k) => !(k in bucketBefore))).toEqual([]);
    for (const k of Object.keys(bucketBefore).filter((k) => k.startsWith('request.') || k.startsWith('command.')))
      expect(bucketAfter[k], k).toBe(bucketBefore[k]);
    // The fuzz's track id never entered the picture (a forged detection or batch would have put it there).
    expect(
      await fromAgent(links.get(peers.agent)!.nc, 'POL', openEngagement('eng-fz-check', { target: 'POL-fz-1' })),
    ).toMatchObject({ ok: false, rule: 'TARGET_NOT_TRACKED' });

    // The authority is up and serves valid input: a real track, then an engagement on it.
    expect(authority.nc.isClosed()).toBe(false);
    links
      .get(peers.tracks)!
      .nc.publish(subjects.trackBatch('POL'), JSON.stringify(trackBatch('POL', 'POL-owa-01', 'HOSTILE', Date.now())));
    await vi.waitFor(async () => {
      const reply = AuthorityReply.parse(
        await fromAgent(links.get(peers.agent)!.nc, 'POL', openEngagement('eng-after-fuzz')),
      );
      // No fuzzed alert was taken for the detector's: the request carries no warning.
      expect(reply).toMatchObject({ ok: true, request: { targetWarnings: [] } });
    }, STARTUP);
    console.info(
      `authority: ${describeTally(tally)} in ${Date.now() - started} ms; ${replies.length} typed refusals; per subject ${JSON.stringify(Object.fromEntries(sent))}`,
    );
  }, 120_000);
});
