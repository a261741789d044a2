import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Kvm, type KV } from '@nats-io/kv';
import {
  AIRSPACE_BUCKET,
  ALERT_BUCKET,
  AlertAckRequest,
  AirspaceVolume,
  EffectorRef,
  fusionCentrePermissions,
  fusionCentreUser,
  REFERENCE_BUCKET,
  SERVICE_PERMISSIONS,
  subjects,
  TrackBatch,
} from '@tessera/schema';
import { createLogger, createRejector, systemClock, type NatsLink, type Rejector } from '@tessera/service-kit';
import { effector, iso, POL_SOUTH, sector, track, trackBatch } from '@tessera/service-kit/fixtures';
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
import { watchDefendedAssets } from '../src/assets.ts';
import { loadModelFile, MODEL_PATH } from '../src/model-file.ts';
import { createDetectorService, type DetectorService } from '../src/service.ts';
import { TEST_POLICY } from './support.ts';

/**
 * Hostile input on every subject and bucket the detector consumes, each sent with the credential of
 * the peer that may publish there: a compromised fusion centre (tracks), gateway (alert
 * acknowledgements, request/reply), twin (reference data: volumes and effectors) and deconfliction
 * service (reservations). Each is rejected, counted and dead-lettered; an acknowledgement asked
 * with an inbox gets a typed INVALID reply; no track, alert, asset or detection comes of them; a
 * valid batch afterwards is still assessed.
 */
const CASES = Number(process.env.NATS_FUZZ_CASES ?? 10_000);
const SETTLE = { timeout: 60_000, interval: 100 } as const;
const WAIT = { timeout: 15_000, interval: 50 } as const;
const logger = createLogger('detector-fuzz', 'silent');

let bus: FuzzBus;
let detector: NatsLink;
let rejector: Rejector;
let service: DetectorService;
let reference: ReturnType<typeof watchDefendedAssets>;
let alerts: KV;

const DEFENDED = sector('fz-asset', 'POL', [], {
  kind: 'DEFENDED_ASSET',
  outline: undefined,
  circle: { center: { lat: 50, lon: 22 }, radiusM: 2000 },
} as never);

const tracks: FuzzTarget = {
  subject: subjects.trackBatch('POL'),
  valid: () => trackBatch('POL', { upserts: [track('POL-fz-1')] }) as unknown as Json,
  ruleBreakers: [
    (v) => withField(v, ['upserts', 0, 'id'], 'UKR-fz-1'),
    (v) => withField(v, ['upserts', 0, 'label', 'originator'], 'UKR'),
    (v) => withField(v, ['source', 'nation'], 'UKR'),
    (v) => withField(v, ['removals'], [{ id: 'UKR-owa-01', reason: 'DESTROYED' }]),
    (v) => withField(v, ['upserts', 0, 'position', 'lon'], 181),
    (v) => withField(v, ['upserts', 0, 'velocity', 'speedMps'], -5),
    (v) => withField(v, ['upserts', 0, 'quality'], 1.5),
    (v, r) => withField(v, ['source', 'system'], hugeString(r, r.int(65, 20_000))),
  ],
};

const ack: FuzzTarget = {
  subject: subjects.alertAck,
  valid: () => ({ alertId: 'fz-alert', nation: 'POL', username: 'pol-watch', displayName: 'POL watch' }),
  ruleBreakers: [
    (v, r) => withField(v, ['alertId'], hugeString(r, r.int(201, 20_000))),
    (v, r) => withField(v, ['username'], hugeString(r, r.int(65, 1000))),
    (v) => withField(v, ['displayName'], ''),
  ],
};

const volumeRules: FuzzTarget['ruleBreakers'] = [
  (v) => withField(v, ['kind'], 'MINEFIELD'),
  (v) => withField(v, ['wcs'], 'LOOSE'),
  (v) => withField(v, ['outline', 0, 'lat'], 91),
  (v) => withField(v, ['label', 'classification'], 'COSMIC'),
];
const perKey = (prefix: string) => (i: number) => `${prefix}.fz-${i}`;
const volumes: FuzzTarget = {
  subject: `$KV.${REFERENCE_BUCKET}.volume.POL`,
  subjectFor: perKey(`$KV.${REFERENCE_BUCKET}.volume.POL`),
  valid: () =>
    sector(
      'fz',
      'POL',
      POL_SOUTH.outline!.map((p) => [p.lat, p.lon]),
    ) as unknown as Json,
  ruleBreakers: volumeRules,
};
const reservations: FuzzTarget = {
  ...volumes,
  subject: `$KV.${AIRSPACE_BUCKET}.reservation.POL`,
  subjectFor: perKey(`$KV.${AIRSPACE_BUCKET}.reservation.POL`),
};
const effectors: FuzzTarget = {
  subject: `$KV.${REFERENCE_BUCKET}.effector.POL`,
  subjectFor: perKey(`$KV.${REFERENCE_BUCKET}.effector.POL`),
  valid: () => effector('fz', 'POL', 'GUN') as unknown as Json,
  ruleBreakers: [
    (v) => withField(v, ['probabilityOfKill'], 1.5),
    (v) => withField(v, ['rangeKm'], 0),
    (v) => withField(v, ['kind'], 'NUKE'),
    (v, r) => withField(v, ['id'], hugeString(r, r.int(65, 5000))),
  ],
};

const plan: { target: FuzzTarget; peer: string; request?: boolean }[] = [
  { target: tracks, peer: fusionCentreUser('POL') },
  { target: ack, peer: 'gateway', request: true },
  { target: volumes, peer: 'twin' },
  { target: effectors, peer: 'twin' },
  { target: reservations, peer: 'deconfliction' },
];
const byTarget = new Map(plan.map((p) => [p.target, p]));
const rejectedIn = (group: string) =>
  rejectedWhere(rejector, (s) => (group.startsWith('$KV.') ? s.startsWith(`${group}.`) : s === group));

async function keysOf(kv: KV): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for await (const key of await kv.keys()) {
    const e = await kv.get(key);
    if (e) out[key] = e.revision;
  }
  return out;
}

beforeAll(async () => {
  bus = await startFuzzBus([
    ...(['detector', 'gateway', 'twin', 'deconfliction'] as const).map((user) => ({
      user,
      permissions: SERVICE_PERMISSIONS[user],
    })),
    { user: fusionCentreUser('POL'), permissions: fusionCentrePermissions('POL') },
  ]);
  // The owners create their buckets: the twin the reference data (with one defended asset), the
  // deconfliction service the airspace.
  const ref = await new Kvm((await bus.as('twin')).nc).create(REFERENCE_BUCKET, { history: 1 });
  await ref.put('volume.POL.fz-asset', JSON.stringify(DEFENDED));
  await new Kvm((await bus.as('deconfliction')).nc).create(AIRSPACE_BUCKET, { history: 1 });
  detector = await bus.as('detector');
  rejector = createRejector({ nc: detector.nc, service: 'detector', logger });
  reference = watchDefendedAssets({ link: detector, rejector, logger });
  service = createDetectorService({
    link: detector,
    clock: systemClock,
    logger,
    rejector,
    classifier: loadModelFile(MODEL_PATH),
    policy: TEST_POLICY,
    assets: () => reference.assets(),
  });
  await service.start();
  await detector.nc.flush();
  alerts = await new Kvm((await bus.as('operator')).nc).open(ALERT_BUCKET);
  await vi.waitFor(() => expect([...reference.assets()].map((a) => a.asset.id)).toEqual(['fz-asset']), WAIT);
  const contracts: [FuzzTarget, { safeParse(v: unknown): { success: boolean } }][] = [
    [tracks, TrackBatch],
    [ack, AlertAckRequest],
    [volumes, AirspaceVolume],
    [effectors, EffectorRef],
  ];
  for (const [target, contract] of contracts)
    expect(contract.safeParse(target.valid()), target.subject).toMatchObject({ success: true });
  expect(AirspaceVolume.safeParse(DEFENDED).success).toBe(true);
});

afterAll(async () => {
  await service?.stop();
  reference?.stop();
  await bus?.stop();
});

describe('NATS input fuzzing of the detector', () => {
  it(`rejects, counts and dead-letters ${CASES} hostile messages on every subject and bucket it reads`, async () => {
    const links = new Map<string, NatsLink>();
    for (const { peer } of plan) if (!links.has(peer)) links.set(peer, await bus.as(peer));
    const operator = await bus.as('operator');
    const deadLetters = await countDeadLetters(operator.nc, 'detector');
    const detections: string[] = [];
    const dsub = operator.nc.subscribe(subjects.allDetections, {
      callback: (_e, m) => void detections.push(new TextDecoder().decode(m.data)),
    });
    await operator.nc.flush();
    const forged = `$KV.${ALERT_BUCKET}.alert.fz-forged`;
    const before = new Map(plan.map(({ target }) => [target.subject, rejectedIn(target.subject)]));
    const statsBefore = service.stats();
    const alertsBefore = await keysOf(alerts);

    const replies: unknown[] = [];
    const started = Date.now();
    const tally = await sendHostile(
      (c: HostileCase) => links.get(byTarget.get(c.target)!.peer)!.nc,
      hostileMessages(
        plan.map((p) => p.target),
        { count: CASES, seed: 20261216, maxPayload: detector.nc.info!.max_payload },
      ),
      {
        groupOf: (c) => c.target.subject,
        replyMode: (c) =>
          byTarget.get(c.target)!.request ? (['inbox', 'inbox', 'none', 'foreign'] as const)[c.index % 4]! : 'none',
        foreignReply: forged,
        onReply: (_c, data) => replies.push(JSON.parse(new TextDecoder().decode(data))),
      },
    );
    const sent = new Map(tally.bySubject);
    // A valid acknowledgement with someone else's subject as reply is refused too.
    links.get('gateway')!.nc.publish(ack.subject, JSON.stringify(ack.valid()), { reply: forged });
    await links.get('gateway')!.nc.flush();
    sent.set(ack.subject, sent.get(ack.subject)! + 1);

    await vi.waitFor(() => {
      for (const [group, n] of sent) expect(rejectedIn(group), group).toBe(before.get(group)! + n);
    }, SETTLE);
    await vi.waitFor(() => expect(deadLetters.count()).toBe(CASES + 1), SETTLE);
    deadLetters.stop();
    expect(replies.length).toBeGreaterThan(0);
    for (const reply of replies)
      expect(reply).toMatchObject({ ok: false, code: 'INVALID', message: expect.any(String) });

    // Nothing of them was used: no batch, track, alert, asset or detection; no key written where a reply was aimed.
    expect(service.stats()).toEqual(statsBefore);
    expect(await keysOf(alerts)).toEqual(alertsBefore);
    expect([...reference.assets()].map((a) => a.asset.id)).toEqual(['fz-asset']);
    expect(detections).toEqual([]);

    // Still running: a valid batch is assessed and its detections published.
    expect(detector.nc.isClosed()).toBe(false);
    const now = iso(Date.now());
    links
      .get(fusionCentreUser('POL'))!
      .nc.publish(
        tracks.subject,
        JSON.stringify(trackBatch('POL', { upserts: [track('POL-after-fuzz', { at: now })], publishedAt: now })),
      );
    await vi.waitFor(() => expect(detections.some((d) => d.includes('POL-after-fuzz'))).toBe(true), WAIT);
    expect(service.stats().batches).toBe(statsBefore.batches + 1);
    dsub.unsubscribe();
    console.info(
      `detector: ${describeTally(tally)} in ${Date.now() - started} ms; ${replies.length} typed refusals; per subject ${JSON.stringify(Object.fromEntries(sent))}`,
    );
  }, 120_000);
});
