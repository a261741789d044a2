import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Kvm } from '@nats-io/kv';
import {
  ALERT_BUCKET,
  alertKey,
  subjects,
  type AnomalyEvent,
  type Detection,
  type DetectionBatch,
  type Label,
} from '@tessera/schema';
import {
  AcknowledgeAlertDocument,
  AlertUpdatesDocument,
  AlertsDocument,
  AnomaliesDocument,
  DetectionUpdatesDocument,
  DetectionsDocument,
} from '@tessera/schema/operations';
import { createLogger, createRejector, systemClock } from '@tessera/service-kit';
import { createDetectorService, type DetectorService } from '@tessera/detector/service';
import { loadModelFile } from '@tessera/detector/model-file';
import { DEFAULT_ALERT_POLICY } from '@tessera/detector/alerts';
import { DEFAULT_LIMITS } from '@tessera/detector/anomaly';
import { label } from '@tessera/service-kit/fixtures';
import { alert, detection } from './fixtures.ts';
import {
  firstOf,
  gql,
  loginToken,
  loginTokens,
  rejectedOn,
  startTestStack,
  subscription,
  WAIT,
  type TestGateway,
  type TestStack,
} from './helpers.ts';

let stack: TestStack;
let gw: TestGateway;
let detector: DetectorService;

const now = () => new Date().toISOString();
const restricted = (originator: string, releasableTo: string[]) => label(originator, releasableTo, 'RESTRICTED');

/** A detection of a drone threatening UKR's depot, its threat labelled more strictly when `threatLabel` is given. */
const threatening = (trackId: string, trackLabel: Label, threatLabel?: Label): Detection =>
  detection(trackId, {
    label: trackLabel,
    fieldLabels: threatLabel ? [{ path: 'threat', label: threatLabel }] : [],
    threat: {
      defendedAssetId: 'ukr-depot',
      defendedAssetName: 'Depot',
      closestApproachM: 120,
      timeToClosestApproachS: 200,
      timeToImpactS: 160,
      predictedImpact: { lat: 50, lon: 24.1, radiusM: 450 },
    },
  });

async function publishDetections(nation: string, batch: Partial<DetectionBatch>) {
  gw.nats.nc.publish(
    subjects.detections(nation),
    JSON.stringify({ seq: 1, publishedAt: now(), upserts: [], removals: [], ...batch }),
  );
  await gw.nats.nc.flush();
}

const detectionIds = async (token: string) =>
  (await gql(gw.url, DetectionsDocument, {}, token)).data?.detections.map((d) => d.trackId);

beforeAll(async () => {
  stack = await startTestStack();
  gw = stack.gw;
  // Alerts as the detector left them in JetStream; the real detector owns them (and answers acknowledgements).
  const kv = await new Kvm(gw.nats.nc).create(ALERT_BUCKET, { history: 1 });
  await kv.put(
    alertKey('threat:UKR-owa-01:ukr-depot'),
    JSON.stringify(alert('threat:UKR-owa-01:ukr-depot', { label: restricted('UKR', ['POL']) })),
  );
  await kv.put(
    alertKey('threat:UKR-heli-01:ukr-depot'),
    JSON.stringify(alert('threat:UKR-heli-01:ukr-depot', { label: label('UKR', [], 'SECRET') })),
  );
  const logger = createLogger('detector-test', 'silent');
  detector = createDetectorService({
    link: gw.nats,
    clock: systemClock,
    logger,
    rejector: createRejector({ nc: gw.nats.nc, service: 'detector', logger }),
    classifier: loadModelFile(
      new URL('../../services/detector/model/threat-classifier.json', import.meta.url).pathname,
    ),
    policy: { alerts: DEFAULT_ALERT_POLICY, limits: DEFAULT_LIMITS, horizonS: 600, stepS: 10, anomalyCooldownS: 60 },
    assets: () => [],
  });
  await detector.start();
});

afterAll(async () => {
  await detector?.stop();
  await stack?.stop();
});

describe('AI detections, anomalies and alerts through the gateway', () => {
  it('releases a detection like its track, withholding a threat labelled more strictly', async () => {
    await publishDetections('UKR', {
      upserts: [threatening('UKR-owa-01', restricted('UKR', ['POL']), restricted('UKR', []))],
    });
    const [pol, ukr, ltu] = await loginTokens(gw.url, ['pol-watch', 'ukr-watch', 'ltu-watch']);
    const polView = await firstOf(
      'POL detection',
      async () => (await gql(gw.url, DetectionsDocument, {}, pol)).data!.detections,
    );
    expect(polView.topClass).toBe('UAS');
    expect(polView.threat).toBeNull();
    expect(polView.redacted).toEqual([{ path: 'threat', classification: 'RESTRICTED', releasableTo: ['UKR'] }]);
    const ukrView = (await gql(gw.url, DetectionsDocument, {}, ukr)).data!.detections[0]!;
    expect(ukrView.threat?.defendedAssetId).toBe('ukr-depot');
    expect(ukrView.redacted).toEqual([]);
    expect((await gql(gw.url, DetectionsDocument, {}, ltu)).data!.detections).toEqual([]);
  });

  it('rejects detections about another nation than their subject says', async () => {
    const before = await rejectedOn(gw, subjects.detections('POL'));
    await publishDetections('POL', { upserts: [threatening('UKR-fake-01', restricted('UKR', ['POL', 'LTU']))] });
    const ltu = await loginToken(gw.url, 'ltu-watch');
    await expect.poll(() => rejectedOn(gw, subjects.detections('POL')), WAIT).toBeGreaterThan(before);
    expect(await detectionIds(ltu)).not.toContain('UKR-fake-01');
  });

  it('streams detections to those who may see them, and removes them with their track', async () => {
    const pol = subscription(gw.wsUrl, await loginToken(gw.url, 'pol-watch'), DetectionUpdatesDocument);
    const ltu = subscription(gw.wsUrl, await loginToken(gw.url, 'ltu-watch'), DetectionUpdatesDocument);
    /** What a subscriber was told so far: `+id` for an upsert, `-id` for a removal. */
    const seen = (sub: typeof pol) =>
      sub.results.flatMap(({ detectionUpdates: b }) => [
        ...b.upserts.map((d) => `+${d.trackId}`),
        ...b.removals.map((id) => `-${id}`),
      ]);
    await expect.poll(() => seen(pol), WAIT).toContain('+UKR-owa-01');
    await publishDetections('UKR', {
      seq: 2,
      upserts: [threatening('UKR-owa-02', restricted('UKR', ['POL']))],
      removals: ['UKR-owa-01'],
    });
    await expect.poll(() => seen(pol), WAIT).toEqual(expect.arrayContaining(['+UKR-owa-02', '-UKR-owa-01']));
    await new Promise((r) => setTimeout(r, 200));
    expect(seen(ltu)).toEqual([]);
    await Promise.all([pol.dispose(), ltu.dispose()]);
  });

  it("refuses a batch on LTU's subject that removes UKR's detection", async () => {
    const before = await rejectedOn(gw, subjects.detections('LTU'));
    const pol = await loginToken(gw.url, 'pol-watch');
    await expect.poll(() => detectionIds(pol), WAIT).toContain('UKR-owa-02');
    await publishDetections('LTU', { removals: ['UKR-owa-02'] });
    await expect.poll(() => rejectedOn(gw, subjects.detections('LTU')), WAIT).toBe(before + 1);
    expect(await detectionIds(pol)).toContain('UKR-owa-02');
  });

  it('lists anomaly events only to those who may see the track', async () => {
    const event: AnomalyEvent = {
      id: 'UKR-spoof-01:POSITION_JUMP:1',
      trackId: 'UKR-spoof-01',
      label: label('UKR', ['POL'], 'UNCLASSIFIED'),
      fieldLabels: [],
      provenance: {
        nation: 'UKR',
        system: 'tessera-detector',
        sourceId: 'kinematic-plausibility',
        observedAt: now(),
        publishedAt: now(),
        model: { name: 'kinematic-plausibility', version: '1' },
        inputs: { trackIds: ['UKR-spoof-01'] },
      },
      kind: 'POSITION_JUMP',
      assessment: 'POSSIBLE_GNSS_SPOOFING',
      summary: 'Position jumped 10.0 km in 2 s',
      evidence: [{ name: 'implied speed', value: 5000, threshold: 1075, unit: 'm/s' }],
      reports: [{ at: now(), lat: 50, lon: 23, altM: 200, speedMps: 50 }],
      detectedAt: now(),
    };
    gw.nats.nc.publish(subjects.anomalies('UKR'), JSON.stringify(event));
    const pol = await loginToken(gw.url, 'pol-watch');
    const got = await firstOf(
      'anomaly',
      async () => (await gql(gw.url, AnomaliesDocument, { limit: 10 }, pol)).data!.anomalies,
    );
    expect(got.kind).toBe('POSITION_JUMP');
    expect(got.evidence[0]!.value).toBe(5000);
    expect(
      (await gql(gw.url, AnomaliesDocument, { limit: 10 }, await loginToken(gw.url, 'ltu-watch'))).data!.anomalies,
    ).toEqual([]);
    expect((await gql(gw.url, AnomaliesDocument, { limit: 0 }, pol)).errors?.[0]?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('acknowledges an alert per nation through the detector: who and when recorded, repeats and invisible alerts refused', async () => {
    const [pol, ukr, admin] = await loginTokens(gw.url, ['pol-watch', 'ukr-watch', 'admin']);
    const polAlerts = await vi.waitFor(async () => {
      const alerts = (await gql(gw.url, AlertsDocument, {}, pol)).data!.alerts;
      expect(alerts).toHaveLength(1);
      return alerts;
    }, WAIT);
    expect(polAlerts.map((a) => a.id)).toEqual(['threat:UKR-owa-01:ukr-depot']);
    expect(polAlerts[0]!.acknowledged).toBe(false);

    // The UKR watch subscribes: it must see its alert change state but never POL's acknowledgement details.
    const ukrUpdates = subscription(gw.wsUrl, ukr, AlertUpdatesDocument);
    const ukrBatches = () => ukrUpdates.results.map((r) => r.alertUpdates);
    await expect.poll(() => ukrBatches().length, WAIT).toBeGreaterThan(0);
    expect(
      ukrBatches()[0]!
        .upserts.map((a) => a.id)
        .sort(),
    ).toEqual(['threat:UKR-heli-01:ukr-depot', 'threat:UKR-owa-01:ukr-depot']);

    const before = Date.now();
    const ack = await gql(gw.url, AcknowledgeAlertDocument, { id: 'threat:UKR-owa-01:ukr-depot' }, pol);
    expect(ack.errors).toBeUndefined();
    const acked = ack.data!.acknowledgeAlert;
    expect(acked.acknowledged).toBe(true);
    expect(acked.acknowledgements).toHaveLength(1);
    expect(acked.acknowledgements[0]).toMatchObject({ nation: 'POL', username: 'pol-watch', severity: 'CRITICAL' });
    expect(Date.parse(acked.acknowledgements[0]!.at)).toBeGreaterThanOrEqual(before - 1000);

    const again = await gql(gw.url, AcknowledgeAlertDocument, { id: 'threat:UKR-owa-01:ukr-depot' }, pol);
    expect(again.errors?.[0]?.extensions?.code).toBe('ALREADY_ACKNOWLEDGED');
    // A UKR-only alert does not exist for POL; an admin is not on a watch floor.
    expect(
      (await gql(gw.url, AcknowledgeAlertDocument, { id: 'threat:UKR-heli-01:ukr-depot' }, pol)).errors?.[0]?.extensions
        ?.code,
    ).toBe('NOT_FOUND');
    expect(
      (await gql(gw.url, AcknowledgeAlertDocument, { id: 'threat:UKR-owa-01:ukr-depot' }, admin)).errors?.[0]
        ?.extensions?.code,
    ).toBe('FORBIDDEN');

    // UKR gets the change (from JetStream KV), still unacknowledged for UKR, without POL's acknowledgement.
    await expect
      .poll(
        () =>
          ukrBatches()
            .slice(1)
            .some((b) => b.upserts.some((a) => a.id === 'threat:UKR-owa-01:ukr-depot')),
        WAIT,
      )
      .toBe(true);
    const ukrView = (await gql(gw.url, AlertsDocument, {}, ukr)).data!.alerts.find(
      (a) => a.id === 'threat:UKR-owa-01:ukr-depot',
    )!;
    expect(ukrView.acknowledged).toBe(false);
    expect(ukrView.acknowledgements).toEqual([]);
    await ukrUpdates.dispose();
  });
});
