import { fileURLToPath } from 'node:url';
import { Kvm, type KV } from '@nats-io/kv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALERT_BUCKET,
  Alert,
  AlertAckReply,
  alertKey,
  AnomalyEvent,
  DetectionBatch,
  isAcknowledgedBy,
  parseWith,
  subjects,
  TrackBatch,
  type AlertAckRequest,
  type Detection,
} from '@tessera/schema';
import { connectNats, createLogger, createRejector, systemClock, type NatsLink } from '@tessera/service-kit';
import { startNatsServer, type NatsServer } from '@tessera/service-kit/nats-server';
import { createTwinService, type TwinService } from '@tessera/twin';
import { loadScenarioFile } from '@tessera/twin/scenario-file';
import { threatAlertId } from '../src/domain/alerts.ts';
import { startDetector as startDetectorOn, type RunningDetector } from './support.ts';

/**
 * The detector against a real nats-server and the real twin flying test-small: three one-way attack
 * drones on the UKR depot (owa-01..03, ~27 km at 50 m/s, so about 9 minutes of scenario time) and a
 * POL-tracked drone whose GNSS position jumps 10 km 20 s after launch (spoof-01). At 30x the first
 * drone strikes after about 18 s of wall time.
 */
const scenario = await loadScenarioFile(fileURLToPath(import.meta.resolve('@tessera/twin/scenarios/test-small.json')));
const logger = createLogger('detector-test', 'silent');
const TIME_SCALE = 30;
const OWA_ALERT = threatAlertId('UKR-owa-01', 'ukr-depot');

const startDetector = (name: string) => startDetectorOn({ url: server.url, name, logger });

/** How long the tests wait for something to happen on the bus. */
const WAIT = { timeout: 15_000, interval: 50 };

let server: NatsServer;
let observer: NatsLink;
let twinLink: NatsLink;
let twin: TwinService | undefined;
let detector: RunningDetector | undefined;
let alertsKv: KV;

/** What the test sees on the wire, with the wall time it arrived. */
const seen = {
  detections: [] as { nation: string; batch: DetectionBatch; atMs: number }[],
  anomalies: [] as { subject: string; event: AnomalyEvent; atMs: number }[],
  deadLetters: [] as { subject: string; reason: string; payload: string }[],
  ukrBatches: [] as TrackBatch[],
  removals: new Map<string, { reason: string; atMs: number; publishedAt: string }>(),
  /** First time each alert id appeared in KV (wall), and its latest value. */
  alertFirstSeenMs: new Map<string, number>(),
  alerts: new Map<string, Alert>(),
  invalid: [] as string[],
};
const detectionsOf = (trackId: string, nation: string): Detection[] =>
  seen.detections
    .filter((d) => d.nation === nation)
    .flatMap((d) => d.batch.upserts.filter((u) => u.trackId === trackId));

function record() {
  const nc = observer.nc;
  nc.subscribe(subjects.allDetections, {
    callback: (_e, m) => {
      const parsed = parseWith(DetectionBatch, m.json());
      if (parsed.ok)
        seen.detections.push({ nation: m.subject.split('.').pop()!, batch: parsed.value, atMs: Date.now() });
      else seen.invalid.push(`${m.subject}: ${parsed.error}`);
    },
  });
  nc.subscribe(subjects.allAnomalies, {
    callback: (_e, m) => {
      const parsed = parseWith(AnomalyEvent, m.json());
      if (parsed.ok) seen.anomalies.push({ subject: m.subject, event: parsed.value, atMs: Date.now() });
      else seen.invalid.push(`${m.subject}: ${parsed.error}`);
    },
  });
  nc.subscribe(subjects.deadLetter('detector'), {
    callback: (_e, m) => void seen.deadLetters.push(m.json<{ subject: string; reason: string; payload: string }>()),
  });
  nc.subscribe(subjects.trackBatch('UKR'), {
    callback: (_e, m) => {
      const parsed = parseWith(TrackBatch, m.json());
      if (!parsed.ok) return;
      seen.ukrBatches.push(parsed.value);
      for (const r of parsed.value.removals)
        if (!seen.removals.has(r.id))
          seen.removals.set(r.id, { reason: r.reason, atMs: Date.now(), publishedAt: parsed.value.publishedAt });
    },
  });
}

async function watchAlerts() {
  alertsKv = await new Kvm(observer.nc).open(ALERT_BUCKET);
  const iter = await alertsKv.watch({ key: '>' });
  void (async () => {
    for await (const e of iter) {
      if (e.operation !== 'PUT') continue;
      const parsed = parseWith(Alert, e.json());
      if (!parsed.ok) {
        seen.invalid.push(`${e.key}: ${parsed.error}`);
        continue;
      }
      if (!seen.alertFirstSeenMs.has(parsed.value.id)) seen.alertFirstSeenMs.set(parsed.value.id, Date.now());
      seen.alerts.set(parsed.value.id, parsed.value);
    }
  })();
}

async function ackOverNats(body: AlertAckRequest | string): Promise<AlertAckReply> {
  const msg = await observer.nc.request(subjects.alertAck, typeof body === 'string' ? body : JSON.stringify(body), {
    timeout: 3000,
  });
  return AlertAckReply.parse(msg.json());
}

beforeAll(async () => {
  server = await startNatsServer();
  observer = await connectNats({ url: server.url, name: 'detector-test', logger });
  twinLink = await connectNats({ url: server.url, name: 'detector-test-twin', logger });
  record();
  // The detector first (it creates the alert bucket and waits for reference data), then the twin.
  detector = await startDetector('detector-1');
  await watchAlerts();
  const twinRejector = createRejector({ nc: twinLink.nc, service: 'twin', logger });
  twin = createTwinService({
    nc: twinLink.nc,
    clock: systemClock,
    logger,
    rejector: twinRejector,
    scenario,
    tickMs: 100,
    timeScale: TIME_SCALE,
  });
  await twin.start();
});

afterAll(async () => {
  await twin?.stop();
  await detector?.stop();
  await twinLink?.nc.close();
  await observer?.nc.close();
  await server?.stop();
});

describe('detector service over NATS, fed by the twin', () => {
  it('flags the spoofed track: a POSITION_JUMP anomaly on the POL subject, with its evidence, and nothing on honest tracks', async () => {
    await expect.poll(() => seen.anomalies.find((a) => a.event.trackId === 'POL-spoof-01'), WAIT).toBeDefined(); // the spoof-01 anomaly
    const { event } = seen.anomalies.find((a) => a.event.trackId === 'POL-spoof-01')!;
    const anomalies = seen.anomalies.filter((a) => a.event.trackId === 'POL-spoof-01');
    expect(anomalies[0]!.subject).toBe(subjects.anomalies('POL'));
    expect(event.kind).toBe('POSITION_JUMP');
    expect(event.assessment).toBe('POSSIBLE_GNSS_SPOOFING');
    expect(event.label).toEqual({
      policy: 'NATO',
      classification: 'UNCLASSIFIED',
      originator: 'POL',
      releasableTo: ['UKR', 'LTU'],
    });
    expect(event.provenance).toMatchObject({
      nation: 'POL',
      system: 'tessera-detector',
      model: { name: 'kinematic-plausibility' },
      inputs: { trackIds: ['POL-spoof-01'], sensorIds: ['pol-radar-1'] },
    });
    const distance = event.evidence.find((e) => e.name === 'distance between reports')!;
    expect(distance.value).toBeGreaterThan(9_000); // the 10 km jump (plus or minus a few seconds of flight)
    expect(distance.value).toBeGreaterThan(distance.threshold);
    expect(event.reports).toHaveLength(2);
    // the jump is 20 s after launch: between the two reports that show it
    const [before, after] = event.reports.map((r) => (Date.parse(r.at) - twinStartMs()) / 1000);
    expect(before).toBeLessThan(20);
    expect(after).toBeGreaterThan(19.9); // (the twin's two anchors may differ by a millisecond)
    // it becomes an alert too
    await expect.poll(() => seen.alerts.get('anomaly:POL-spoof-01:POSITION_JUMP'), WAIT).toBeDefined();
    const alert = seen.alerts.get('anomaly:POL-spoof-01:POSITION_JUMP')!;
    expect(alert).toMatchObject({
      kind: 'ANOMALY',
      anomalyKind: 'POSITION_JUMP',
      trackId: 'POL-spoof-01',
      label: event.label,
    });
    // honest tracks raise nothing
    expect(seen.anomalies.filter((a) => a.event.trackId !== 'POL-spoof-01')).toEqual([]);
  });

  it('rejects malformed track batches (counted, dead-lettered) and keeps producing detections', async () => {
    const d = detector!;
    const subject = subjects.trackBatch('POL');
    await expect.poll(() => seen.ukrBatches.find((b) => b.upserts.length > 0), WAIT).toBeDefined(); // a UKR batch with tracks
    const ukrBatch = seen.ukrBatches.find((b) => b.upserts.length > 0)!;
    expect(ukrBatch.source.nation).toBe('UKR');
    const rejectedBefore = d.rejector.total();
    const lettersBefore = seen.deadLetters.length;

    observer.nc.publish(subject, '{"source": {"nation": "POL"'); // not JSON
    observer.nc.publish(
      subject,
      JSON.stringify({ source: { nation: 'POL', system: 'POL-FUSION' }, seq: 'one', upserts: [{ id: 42 }] }),
    ); // wrong shape
    observer.nc.publish(subject, JSON.stringify(ukrBatch)); // a real UKR batch, on the POL subject
    await observer.nc.flush();

    await expect.poll(() => seen.deadLetters.length, WAIT).toBeGreaterThanOrEqual(lettersBefore + 3);
    expect(d.rejector.total()).toBe(rejectedBefore + 3);
    expect(d.rejector.counts()[subject]).toBe(3);
    const letters = seen.deadLetters.slice(lettersBefore);
    expect(letters.map((l) => l.subject)).toEqual([subject, subject, subject]);
    expect(letters[0]!.reason).toMatch(/^not JSON/);
    expect(letters[1]!.reason).toMatch(/seq|upserts/);
    expect(letters[2]!.reason).toBe(`batch of UKR published on ${subject}`);
    expect(JSON.parse(letters[2]!.payload)).toEqual(ukrBatch);

    // still working: fresh detections for both nations after the bad input
    const after = Date.now();
    await expect
      .poll(
        () =>
          ['POL', 'UKR'].filter((n) =>
            seen.detections.some((x) => x.nation === n && x.atMs > after && x.batch.upserts.length > 0),
          ),
        WAIT,
      )
      .toEqual(['POL', 'UKR']);
    expect(seen.invalid).toEqual([]);
  });

  it('acknowledges an alert over NATS: nation, user and time recorded; a repeat and a nation outside the label are refused', async () => {
    await expect.poll(() => seen.alerts.get(OWA_ALERT), WAIT).toBeDefined(); // the owa-01 threat alert
    const raised = seen.alerts.get(OWA_ALERT)!;
    // the drone is UKR's RESTRICTED track releasable to POL, the depot unlabelled (all nations): UKR and POL only
    expect(raised.label).toEqual({
      policy: 'NATO',
      classification: 'RESTRICTED',
      originator: 'UKR',
      releasableTo: ['POL'],
    });

    const request = { alertId: OWA_ALERT, nation: 'UKR', username: 'ukr-watch', displayName: 'UKR watch officer' };
    const before = Date.now();
    const reply = await ackOverNats(request);
    const after = Date.now();
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    const [ack] = reply.alert.acknowledgements;
    expect(ack).toMatchObject({
      nation: 'UKR',
      username: 'ukr-watch',
      displayName: 'UKR watch officer',
      severity: reply.alert.severity,
    });
    expect(Date.parse(ack!.at)).toBeGreaterThanOrEqual(before - 5);
    expect(Date.parse(ack!.at)).toBeLessThanOrEqual(after + 5);
    expect(isAcknowledgedBy(reply.alert, 'UKR')).toBe(true);
    // stored before the reply: KV has it now
    const stored = parseWith(Alert, (await alertsKv.get(alertKey(OWA_ALERT)))!.json());
    expect(stored.ok && stored.value.acknowledgements).toEqual(reply.alert.acknowledgements);

    expect(await ackOverNats({ ...request, username: 'another-officer' })).toMatchObject({
      ok: false,
      code: 'ALREADY_ACKNOWLEDGED',
    });
    expect(await ackOverNats({ ...request, nation: 'LTU', username: 'ltu-watch' })).toMatchObject({
      ok: false,
      code: 'NOT_RELEASABLE',
    });
    expect(await ackOverNats({ ...request, alertId: 'threat:nope:ukr-depot' })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
    expect(await ackOverNats('{"alertId": ')).toMatchObject({ ok: false, code: 'INVALID' });
    expect(detector!.service.alerts().find((a) => a.id === OWA_ALERT)!.acknowledgements).toHaveLength(1);
  });

  it('restores alerts and their acknowledgements from JetStream KV after a restart', async () => {
    const acknowledged = detector!.service.alerts().find((a) => a.id === OWA_ALERT)!;
    expect(acknowledged.acknowledgements).toHaveLength(1);
    await detector!.stop();
    detector = undefined;
    detector = await startDetector('detector-2');

    const restored = detector.service.alerts().find((a) => a.id === OWA_ALERT);
    expect(restored).toBeDefined();
    expect(restored!.acknowledgements).toEqual(acknowledged.acknowledgements);
    expect(restored!.raisedAt).toBe(acknowledged.raisedAt);
    expect(detector.service.alerts().map((a) => a.id)).toContain('anomaly:POL-spoof-01:POSITION_JUMP');
    // the new instance acts on what it restored
    expect(
      await ackOverNats({ alertId: OWA_ALERT, nation: 'UKR', username: 'ukr-watch', displayName: 'UKR watch officer' }),
    ).toMatchObject({ ok: false, code: 'ALREADY_ACKNOWLEDGED' });
    const pol = await ackOverNats({
      alertId: OWA_ALERT,
      nation: 'POL',
      username: 'pol-watch',
      displayName: 'POL watch officer',
    });
    expect(pol.ok && pol.alert.acknowledgements.map((a) => a.nation)).toEqual(['UKR', 'POL']);
    // and keeps assessing
    const after = Date.now();
    await expect.poll(() => seen.detections.some((x) => x.atMs > after && x.batch.upserts.length > 0), WAIT).toBe(true); // from the restarted detector
  });

  it('warns of the drone on the depot: detections with the depot as threat, THREAT alert raised before the IMPACT', async () => {
    await expect.poll(() => seen.removals.get('UKR-owa-01'), { ...WAIT, timeout: 45_000 }).toBeDefined(); // owa-01 strikes
    const impact = seen.removals.get('UKR-owa-01')!;
    expect(impact.reason).toBe('IMPACT');

    const dets = detectionsOf('UKR-owa-01', 'UKR');
    expect(dets.length).toBeGreaterThan(10);
    const onDepot = dets.filter((d) => d.threat?.defendedAssetId === 'ukr-depot');
    expect(onDepot.length).toBeGreaterThan(0);
    // detections go to the track's nation with the track's label; the threat part carries the asset's label
    expect(dets.every((d) => d.label.originator === 'UKR' && d.trackId === 'UKR-owa-01')).toBe(true);
    expect(onDepot[0]!.threat).toMatchObject({ defendedAssetName: 'Depot' });
    expect(onDepot[0]!.fieldLabels.map((f) => f.path)).toContain('threat');

    // the alert: raised (in KV) before the strike, on the picture's clock and on the wall clock
    const alertSeenMs = seen.alertFirstSeenMs.get(OWA_ALERT)!;
    const alert = seen.alerts.get(OWA_ALERT)!;
    expect(alert).toMatchObject({ kind: 'THREAT', trackId: 'UKR-owa-01', defendedAssetId: 'ukr-depot' });
    expect(alertSeenMs).toBeLessThan(impact.atMs);
    const warningS = (Date.parse(impact.publishedAt) - Date.parse(alert.raisedAt)) / 1000;
    expect(warningS).toBeGreaterThan(300); // minutes of warning, in scenario time
    console.info(
      `owa-01: alert in KV ${((alertSeenMs - twinStartMs()) / 1000).toFixed(1)} s (wall) after the twin started (raisedAt ${alert.raisedAt}), ` +
        `IMPACT removal after ${((impact.atMs - twinStartMs()) / 1000).toFixed(1)} s (wall; published ${impact.publishedAt}): ${warningS.toFixed(0)} s of warning in scenario time`,
    );

    // the strike clears the alert, acknowledgements kept for the record
    await expect.poll(() => seen.alerts.get(OWA_ALERT)?.clearedAt, WAIT).toBeTruthy(); // the alert clears
    const cleared = seen.alerts.get(OWA_ALERT)!;
    expect(Date.parse(cleared.clearedAt!)).toBeGreaterThanOrEqual(Date.parse(alert.raisedAt));
    expect(cleared.acknowledgements.map((a) => a.nation)).toEqual(['UKR', 'POL']);
    // nine minutes of scenario: still no anomaly on any honest track
    expect([...new Set(seen.anomalies.map((a) => a.event.trackId))]).toEqual(['POL-spoof-01']);
    expect(seen.invalid).toEqual([]);
  });

  it('classifies a one-way attack drone on the depot as UAS', () => {
    // By then every owa drone has flown most of its way (owa-02 and -03 launched 20 and 40 s after owa-01).
    const dets = ['UKR-owa-01', 'UKR-owa-02', 'UKR-owa-03'].flatMap((id) => detectionsOf(id, 'UKR'));
    const onDepot = dets.filter((d) => d.threat?.defendedAssetId === 'ukr-depot');
    expect(onDepot.length).toBeGreaterThan(30);
    const classes: Record<string, number> = {};
    for (const d of onDepot) classes[d.topClass] = (classes[d.topClass] ?? 0) + 1;
    expect(
      onDepot.some((d) => d.topClass === 'UAS'),
      `top class of ${onDepot.length} owa detections threatening the depot: ${JSON.stringify(classes)}`,
    ).toBe(true);
  });
});

/** Scenario second 0 on the wall clock: the twin anchors scenario time at its start. */
function twinStartMs(): number {
  const s = twin!.status();
  return Date.parse(s.scenarioTime) - s.elapsedS * 1000;
}
