import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import { print } from 'graphql';
import WebSocket from 'ws';
import { Kvm } from '@nats-io/kv';
import { ALERT_BUCKET, alertKey, subjects, type Alert, type AnomalyEvent, type Detection, type DetectionBatch, type Label } from '@tessera/schema';
import { AcknowledgeAlertDocument, AlertUpdatesDocument, AlertsDocument, AnomaliesDocument, DetectionUpdatesDocument, DetectionsDocument, type AlertUpdatesSubscription, type DetectionUpdatesSubscription } from '@tessera/schema/operations';
import { createLogger, createRejector, systemClock } from '@tessera/service-kit';
import { startNatsServer, type NatsServer } from '@tessera/service-kit/nats-server';
import { createDetectorService, type DetectorService } from '@tessera/detector/service';
import { loadModelFile } from '@tessera/detector/model-file';
import { DEFAULT_ALERT_POLICY } from '@tessera/detector/alerts';
import { DEFAULT_LIMITS } from '@tessera/detector/anomaly';
import { gql, loginToken, startTestGateway, type TestGateway } from './helpers.ts';

let server: NatsServer;
let gw: TestGateway;
let detector: DetectorService;

const now = () => new Date().toISOString();
const label = (originator: string, releasableTo: string[], classification: Label['classification'] = 'RESTRICTED'): Label => ({ policy: 'NATO', classification, originator, releasableTo });

function detection(trackId: string, trackLabel: Label, threatLabel?: Label): Detection {
  return {
    id: `${trackId}@threat-classifier`,
    trackId,
    label: trackLabel,
    fieldLabels: threatLabel ? [{ path: 'threat', label: threatLabel }] : [],
    provenance: { nation: trackLabel.originator, system: 'tessera-detector', sourceId: 'threat-classifier', observedAt: now(), publishedAt: now(), model: { name: 'threat-classifier', version: '1.0.0' }, inputs: { trackIds: [trackId] } },
    classProbabilities: [{ kind: 'UAS', probability: 0.9 }, { kind: 'ROTARY', probability: 0.1 }],
    topClass: 'UAS',
    confidence: 0.9,
    reports: 8,
    explanation: [{ feature: 'speed', value: 50, unit: 'm/s', weight: 0.4 }],
    prediction: { method: 'KINEMATIC', horizonS: 600, path: [{ tS: 0, lat: 50, lon: 24, altM: 150 }, { tS: 10, lat: 50, lon: 24.01, altM: 150 }], impact: null },
    threat: { defendedAssetId: 'ukr-depot', defendedAssetName: 'Depot', closestApproachM: 120, timeToClosestApproachS: 200, timeToImpactS: 160, predictedImpact: { lat: 50, lon: 24.1, radiusM: 450 } },
    assessedAt: now(),
  };
}

function alert(id: string, alertLabel: Label): Alert {
  return {
    id,
    kind: 'THREAT',
    severity: 'CRITICAL',
    label: alertLabel,
    trackId: 'UKR-owa-01',
    title: 'UKR-owa-01 threatens Depot',
    defendedAssetId: 'ukr-depot',
    impactExpectedAt: new Date(Date.now() + 90_000).toISOString(),
    predictedImpact: { lat: 50, lon: 24.1, radiusM: 300 },
    anomalyKind: null,
    raisedAt: now(),
    updatedAt: now(),
    clearedAt: null,
    acknowledgements: [],
  };
}

async function publishDetections(nation: string, batch: Partial<DetectionBatch>) {
  gw.nats.nc.publish(subjects.detections(nation), JSON.stringify({ seq: 1, publishedAt: now(), upserts: [], removals: [], ...batch }));
  await gw.nats.nc.flush();
}

async function eventually<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  server = await startNatsServer();
  gw = await startTestGateway(server.url);
  // Alerts as the detector left them in JetStream; the real detector owns them (and answers acknowledgements).
  const kv = await new Kvm(gw.nats.nc).create(ALERT_BUCKET, { history: 1 });
  await kv.put(alertKey('threat:UKR-owa-01:ukr-depot'), JSON.stringify(alert('threat:UKR-owa-01:ukr-depot', label('UKR', ['POL']))));
  await kv.put(alertKey('threat:UKR-heli-01:ukr-depot'), JSON.stringify(alert('threat:UKR-heli-01:ukr-depot', label('UKR', [], 'SECRET'))));
  const logger = createLogger('detector-test', 'silent');
  detector = createDetectorService({
    link: gw.nats,
    clock: systemClock,
    logger,
    rejector: createRejector({ nc: gw.nats.nc, service: 'detector', logger }),
    classifier: loadModelFile(new URL('../../services/detector/model/threat-classifier.json', import.meta.url).pathname),
    policy: { alerts: DEFAULT_ALERT_POLICY, limits: DEFAULT_LIMITS, horizonS: 600, stepS: 10, anomalyCooldownS: 60 },
    assets: () => [],
  });
  await detector.start();
});

afterAll(async () => {
  await detector?.stop();
  await gw?.stop();
  await server?.stop();
});

describe('AI detections, anomalies and alerts through the gateway', () => {
  it('releases a detection like its track, withholding a threat labelled more strictly', async () => {
    await publishDetections('UKR', { upserts: [detection('UKR-owa-01', label('UKR', ['POL']), label('UKR', []))] });
    const [pol, ukr, ltu] = await Promise.all(['pol-watch', 'ukr-watch', 'ltu-watch'].map((u) => loginToken(gw.url, u)));
    const polView = await eventually('POL detection', async () => (await gql(gw.url, DetectionsDocument, {}, pol)).data?.detections[0]);
    expect(polView.topClass).toBe('UAS');
    expect(polView.threat).toBeNull();
    expect(polView.redacted).toEqual([{ path: 'threat', classification: 'RESTRICTED', releasableTo: ['UKR'] }]);
    const ukrView = (await gql(gw.url, DetectionsDocument, {}, ukr)).data!.detections[0]!;
    expect(ukrView.threat?.defendedAssetId).toBe('ukr-depot');
    expect(ukrView.redacted).toEqual([]);
    expect((await gql(gw.url, DetectionsDocument, {}, ltu)).data!.detections).toEqual([]);
  });

  it('rejects detections about another nation than their subject says', async () => {
    const before = (await (await fetch(gw.url.replace('/graphql', '/healthz'))).json()) as { rejected: Record<string, number> };
    await publishDetections('POL', { upserts: [detection('UKR-fake-01', label('UKR', ['POL', 'LTU']))] });
    const ltu = await loginToken(gw.url, 'ltu-watch');
    const after = await eventually('rejection', async () => {
      const h = (await (await fetch(gw.url.replace('/graphql', '/healthz'))).json()) as { rejected: Record<string, number> };
      return (h.rejected[subjects.detections('POL')] ?? 0) > (before.rejected[subjects.detections('POL')] ?? 0) && h;
    });
    expect(after.rejected[subjects.detections('POL')]).toBeGreaterThan(0);
    expect((await gql(gw.url, DetectionsDocument, {}, ltu)).data!.detections.map((d) => d.trackId)).not.toContain('UKR-fake-01');
  });

  it('streams detections to those who may see them, and removes them with their track', async () => {
    const token = await loginToken(gw.url, 'pol-watch');
    const ltuToken = await loginToken(gw.url, 'ltu-watch');
    const seen = new Map<string, string[]>();
    const clients = [
      [token, 'pol'],
      [ltuToken, 'ltu'],
    ].map(([t, who]) => {
      const client = createClient({ url: gw.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${t}` } });
      seen.set(who!, []);
      client.subscribe<DetectionUpdatesSubscription>(
        { query: print(DetectionUpdatesDocument) },
        {
          next: (r) => {
            const b = r.data?.detectionUpdates;
            if (b) seen.get(who!)!.push(...b.upserts.map((d) => `+${d.trackId}`), ...b.removals.map((id) => `-${id}`));
          },
          error: () => undefined,
          complete: () => undefined,
        },
      );
      return client;
    });
    await eventually('POL snapshot', async () => seen.get('pol')!.includes('+UKR-owa-01'));
    await publishDetections('UKR', { seq: 2, upserts: [detection('UKR-owa-02', label('UKR', ['POL']))], removals: ['UKR-owa-01'] });
    await eventually('POL update', async () => seen.get('pol')!.includes('+UKR-owa-02') && seen.get('pol')!.includes('-UKR-owa-01'));
    await new Promise((r) => setTimeout(r, 200));
    expect(seen.get('ltu')).toEqual([]);
    await Promise.all(clients.map((c) => c.dispose()));
  });

  it("refuses a batch on LTU's subject that removes UKR's detection", async () => {
    const health = async () => ((await (await fetch(gw.url.replace('/graphql', '/healthz'))).json()) as { rejected: Record<string, number> }).rejected[subjects.detections('LTU')] ?? 0;
    const before = await health();
    const pol = await loginToken(gw.url, 'pol-watch');
    await eventually('the UKR detection', async () => (await gql(gw.url, DetectionsDocument, {}, pol)).data?.detections.some((d) => d.trackId === 'UKR-owa-02'));
    await publishDetections('LTU', { removals: ['UKR-owa-02'] });
    await eventually('the rejection', async () => (await health()) === before + 1);
    expect((await gql(gw.url, DetectionsDocument, {}, pol)).data!.detections.map((d) => d.trackId)).toContain('UKR-owa-02');
  });

  it('lists anomaly events only to those who may see the track', async () => {
    const event: AnomalyEvent = {
      id: 'UKR-spoof-01:POSITION_JUMP:1',
      trackId: 'UKR-spoof-01',
      label: label('UKR', ['POL'], 'UNCLASSIFIED'),
      fieldLabels: [],
      provenance: { nation: 'UKR', system: 'tessera-detector', sourceId: 'kinematic-plausibility', observedAt: now(), publishedAt: now(), model: { name: 'kinematic-plausibility', version: '1' }, inputs: { trackIds: ['UKR-spoof-01'] } },
      kind: 'POSITION_JUMP',
      assessment: 'POSSIBLE_GNSS_SPOOFING',
      summary: 'Position jumped 10.0 km in 2 s',
      evidence: [{ name: 'implied speed', value: 5000, threshold: 1075, unit: 'm/s' }],
      reports: [{ at: now(), lat: 50, lon: 23, altM: 200, speedMps: 50 }],
      detectedAt: now(),
    };
    gw.nats.nc.publish(subjects.anomalies('UKR'), JSON.stringify(event));
    const pol = await loginToken(gw.url, 'pol-watch');
    const got = await eventually('anomaly', async () => (await gql(gw.url, AnomaliesDocument, { limit: 10 }, pol)).data?.anomalies[0]);
    expect(got.kind).toBe('POSITION_JUMP');
    expect(got.evidence[0]!.value).toBe(5000);
    expect((await gql(gw.url, AnomaliesDocument, { limit: 10 }, await loginToken(gw.url, 'ltu-watch'))).data!.anomalies).toEqual([]);
    expect((await gql(gw.url, AnomaliesDocument, { limit: 0 }, pol)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('acknowledges an alert per nation through the detector: who and when recorded, repeats and invisible alerts refused', async () => {
    const [pol, ukr, admin] = await Promise.all(['pol-watch', 'ukr-watch', 'admin'].map((u) => loginToken(gw.url, u)));
    const polAlerts = await eventually('alerts', async () => (await gql(gw.url, AlertsDocument, {}, pol)).data?.alerts.length === 1 && (await gql(gw.url, AlertsDocument, {}, pol)).data!.alerts);
    expect(polAlerts.map((a) => a.id)).toEqual(['threat:UKR-owa-01:ukr-depot']);
    expect(polAlerts[0]!.acknowledged).toBe(false);

    // The UKR watch subscribes: it must see its alert change state but never POL's acknowledgement details.
    const ukrBatches: AlertUpdatesSubscription['alertUpdates'][] = [];
    const client = createClient({ url: gw.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${ukr}` } });
    client.subscribe<AlertUpdatesSubscription>({ query: print(AlertUpdatesDocument) }, { next: (r) => void (r.data && ukrBatches.push(r.data.alertUpdates)), error: () => undefined, complete: () => undefined });
    await eventually('UKR alert snapshot', async () => ukrBatches.length > 0);
    expect(ukrBatches[0]!.upserts.map((a) => a.id).sort()).toEqual(['threat:UKR-heli-01:ukr-depot', 'threat:UKR-owa-01:ukr-depot']);

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
    expect((await gql(gw.url, AcknowledgeAlertDocument, { id: 'threat:UKR-heli-01:ukr-depot' }, pol)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await gql(gw.url, AcknowledgeAlertDocument, { id: 'threat:UKR-owa-01:ukr-depot' }, admin)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // UKR gets the change (from JetStream KV), still unacknowledged for UKR, without POL's acknowledgement.
    await eventually('UKR sees the update', async () => ukrBatches.slice(1).some((b) => b.upserts.some((a) => a.id === 'threat:UKR-owa-01:ukr-depot')));
    const ukrView = (await gql(gw.url, AlertsDocument, {}, ukr)).data!.alerts.find((a) => a.id === 'threat:UKR-owa-01:ukr-depot')!;
    expect(ukrView.acknowledged).toBe(false);
    expect(ukrView.acknowledgements).toEqual([]);
    await client.dispose();
  });
});
