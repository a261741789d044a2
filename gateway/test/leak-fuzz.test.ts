import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kvm } from '@nats-io/kv';
import { ALERT_BUCKET, CLASSIFICATIONS, alertKey, canSee, subjects, type Alert, type Classification, type Detection, type Label, type Track, type TrackBatch, type Viewer } from '@tessera/schema';
import { AlertsDocument, DetectionsDocument, type DetectionsQuery } from '@tessera/schema/operations';
import { startNatsServer, type NatsServer } from '@tessera/service-kit/nats-server';
import { connectNats, createLogger } from '@tessera/service-kit';
import { buildGateway } from '../src/app.ts';
import { hashPassword } from '../src/auth/password.ts';
import { createUserDirectory } from '../src/auth/users.ts';
import { makeTrack } from '../src/picture/test-tracks.ts';
import { gql, loginToken, TrackSubscriber } from './helpers.ts';

/**
 * Leak fuzzing against the real gateway and NATS: random tracks with random labels and field labels
 * are published while a user of every nation and clearance is subscribed. Every item delivered is
 * re-checked against the label it was published with: nothing may arrive that the rule forbids,
 * and everything the rule allows must arrive.
 */
const NATIONS = ['POL', 'UKR', 'DEU', 'LTU'] as const;
const TRACKS = 400;
const PASSWORD = 'fuzz';

let server: NatsServer;
let gateway: ReturnType<typeof buildGateway>;
let stopNats: () => Promise<void>;
let url = '';
let wsUrl = '';
let publish: (batch: TrackBatch) => void;
let natsLink: Awaited<ReturnType<typeof connectNats>>;

const users = NATIONS.flatMap((nation) => CLASSIFICATIONS.map((clearance) => ({ username: `${nation.toLowerCase()}-${clearance.toLowerCase()}`, nation, clearance })));

beforeAll(async () => {
  server = await startNatsServer();
  const logger = createLogger('fuzz', 'silent');
  const nats = await connectNats({ url: server.url, name: 'fuzz', logger });
  natsLink = nats;
  const passwordHash = await hashPassword(PASSWORD);
  gateway = buildGateway({
    config: { port: 0, host: '127.0.0.1', jwtSecret: 'fuzz-secret-fuzz-secret-fuzz-secret!', tokenTtlS: 3600, batchIntervalMs: 50, trackTimeoutS: 600, webOrigins: ['http://localhost:3000'], devMode: false },
    nats,
    users: createUserDirectory({ users: users.map((u) => ({ ...u, displayName: u.username, roles: ['WATCH_OFFICER' as const], passwordHash })) }),
    clock: { now: () => Date.now() },
    logger,
  });
  const port = await gateway.start();
  url = `http://127.0.0.1:${port}/graphql`;
  wsUrl = `ws://127.0.0.1:${port}/graphql`;
  publish = (batch) => nats.nc.publish(subjects.trackBatch(batch.source.nation), JSON.stringify(batch));
  stopNats = () => nats.nc.close();
});

afterAll(async () => {
  await gateway?.stop();
  await stopNats?.();
  await server?.stop();
});

describe('leak fuzzing', () => {
  it(`delivers exactly what the labels allow to ${users.length} users (${TRACKS} random tracks, random field labels)`, async () => {
    const subs = await Promise.all(users.map(async (u) => ({ user: u, sub: new TrackSubscriber(wsUrl, await loginToken(url, u.username, PASSWORD)).subscribe() })));
    await Promise.all(subs.map(({ sub }) => sub.waitFor('snapshot', () => sub.batches.length > 0)));

    const nation = fc.constantFrom(...NATIONS);
    const cls = fc.constantFrom<Classification>(...CLASSIFICATIONS);
    const labelArb = (originator: string) => fc.record({ policy: fc.constant('NATO'), classification: cls, originator: fc.constant(originator), releasableTo: fc.uniqueArray(nation, { maxLength: 4 }) });
    const published = new Map<string, Track>();
    const samples = fc.sample(
      nation.chain((originator) =>
        fc.record({
          originator: fc.constant(originator),
          label: labelArb(originator),
          fieldLabels: fc.uniqueArray(fc.record({ path: fc.constantFrom('provenance.sourceId' as const, 'provenance.system' as const), label: labelArb(originator) }), { selector: (f) => f.path, maxLength: 2 }),
        }),
      ),
      { numRuns: TRACKS, seed: 20261126 },
    );
    samples.forEach((s, i) => {
      const t = { ...makeTrack(`fz-${i}`, { originator: s.originator }), label: s.label, fieldLabels: s.fieldLabels };
      published.set(t.id, t);
    });
    let seq = 0;
    for (const n of NATIONS) {
      const mine = [...published.values()].filter((t) => t.label.originator === n);
      publish({ source: { nation: n, system: `${n}-FUSION` }, seq: ++seq, publishedAt: new Date().toISOString(), upserts: mine, removals: [] });
    }

    for (const { user, sub } of subs) {
      const viewer: Viewer = { nation: user.nation, clearance: user.clearance };
      const allowed = [...published.values()].filter((t) => canSee(viewer, t.label)).map((t) => t.id).sort();
      await sub.waitFor(`${user.username}'s picture`, () => [...sub.picture.keys()].filter((id) => id.startsWith('fz-')).length >= allowed.length, 15_000);
      await new Promise((r) => setTimeout(r, 100));
      // Nothing more, nothing less, in the picture and in everything ever delivered.
      expect([...sub.everSeen].filter((id) => id.startsWith('fz-')).sort(), user.username).toEqual(allowed);
      for (const id of allowed) {
        const sent = sub.picture.get(id)!;
        const source = published.get(id)!;
        for (const path of ['provenance.sourceId', 'provenance.system'] as const) {
          const fl = source.fieldLabels.find((f) => f.path === path);
          const mayRead = !fl || canSee(viewer, fl.label);
          const value = path === 'provenance.sourceId' ? sent.provenance.sourceId : sent.provenance.system;
          expect(value === null, `${user.username} ${id} ${path}`).toBe(!mayRead);
          expect(sent.redacted.some((r) => r.path === path), `${user.username} ${id} ${path} listed`).toBe(!mayRead);
        }
      }
    }
    await Promise.all(subs.map(({ sub }) => sub.close()));
  }, 60_000);
});

describe('leak fuzzing of AI outputs', () => {
  it(`releases detections (with a threat labelled like its asset) and derived alerts exactly as their labels allow to ${users.length} users`, async () => {
    const nation = fc.constantFrom(...NATIONS);
    const cls = fc.constantFrom<Classification>(...CLASSIFICATIONS);
    const labelArb = (originator: string) => fc.record({ policy: fc.constant('NATO'), classification: cls, originator: fc.constant(originator), releasableTo: fc.uniqueArray(nation, { maxLength: 4 }) });
    const samples = fc.sample(nation.chain((o) => fc.record({ originator: fc.constant(o), label: labelArb(o), threat: fc.option(nation.chain(labelArb), { nil: undefined }), alert: nation.chain(labelArb) })), { numRuns: 200, seed: 20261127 });
    const now = new Date().toISOString();
    const detections: Detection[] = samples.map((s, i) => ({
      id: `ai-${i}@m`,
      trackId: `ai-${i}`,
      label: s.label,
      fieldLabels: s.threat ? [{ path: 'threat', label: s.threat }] : [],
      provenance: { nation: s.originator, system: 'tessera-detector', sourceId: 'm', observedAt: now, publishedAt: now, model: { name: 'm', version: '1' }, inputs: { trackIds: [`ai-${i}`] } },
      classProbabilities: [{ kind: 'UAS', probability: 1 }],
      topClass: 'UAS',
      confidence: 1,
      reports: 1,
      explanation: [],
      prediction: { method: 'KINEMATIC', horizonS: 60, path: [], impact: null },
      threat: s.threat ? { defendedAssetId: `asset-${i}`, defendedAssetName: 'asset', closestApproachM: 0, timeToClosestApproachS: 1, timeToImpactS: 1, predictedImpact: null } : null,
      assessedAt: now,
    }));
    for (const n of NATIONS) {
      natsLink.nc.publish(subjects.detections(n), JSON.stringify({ seq: 1, publishedAt: now, upserts: detections.filter((d) => d.label.originator === n), removals: [] }));
    }
    const kv = await new Kvm(natsLink.nc).create(ALERT_BUCKET, { history: 1 });
    const alerts = new Map<string, Label>();
    for (const [i, s] of samples.entries()) {
      const alert: Alert = { id: `threat:ai-${i}:a`, kind: 'THREAT', severity: 'WARNING', label: s.alert, trackId: `ai-${i}`, title: 't', defendedAssetId: 'a', impactExpectedAt: now, predictedImpact: null, anomalyKind: null, raisedAt: now, updatedAt: now, clearedAt: null, acknowledgements: NATIONS.map((n) => ({ nation: n, username: `${n}-u`, displayName: n, at: now, severity: 'INFO' as const })) };
      alerts.set(alert.id, alert.label);
      await kv.put(alertKey(alert.id), JSON.stringify(alert));
    }
    await natsLink.nc.flush();

    for (const user of users) {
      const viewer: Viewer = { nation: user.nation, clearance: user.clearance };
      const token = await loginToken(url, user.username, PASSWORD);
      const allowed = detections.filter((d) => canSee(viewer, d.label));
      let got: DetectionsQuery['detections'] = [];
      for (let tries = 0; tries < 50 && got.length < allowed.length; tries++) {
        got = (await gql(url, DetectionsDocument, {}, token)).data!.detections.filter((d) => d.trackId.startsWith('ai-'));
        if (got.length < allowed.length) await new Promise((r) => setTimeout(r, 100));
      }
      expect(got.map((d) => d.trackId).sort(), user.username).toEqual(allowed.map((d) => d.trackId).sort());
      for (const d of got) {
        const source = detections.find((x) => x.trackId === d.trackId)!;
        const mayReadThreat = !source.fieldLabels[0] || canSee(viewer, source.fieldLabels[0].label);
        expect(d.threat === null, `${user.username} ${d.trackId} threat`).toBe(!mayReadThreat || source.threat === null);
        expect(d.redacted.some((r) => r.path === 'threat'), `${user.username} ${d.trackId} threat listed`).toBe(!mayReadThreat);
      }
      const allowedAlerts = [...alerts].filter(([, l]) => canSee(viewer, l)).map(([id]) => id).sort();
      let gotAlerts: { id: string; acknowledgements: { nation: string }[] }[] = [];
      for (let tries = 0; tries < 50 && gotAlerts.length < allowedAlerts.length; tries++) {
        gotAlerts = (await gql(url, AlertsDocument, {}, token)).data!.alerts.filter((a) => a.id.startsWith('threat:ai-'));
        if (gotAlerts.length < allowedAlerts.length) await new Promise((r) => setTimeout(r, 100));
      }
      expect(gotAlerts.map((a) => a.id).sort(), `${user.username} alerts`).toEqual(allowedAlerts);
      // Only the viewer's own nation's acknowledgement, never another nation's.
      for (const a of gotAlerts) expect(a.acknowledgements.map((x) => x.nation), `${user.username} ${a.id}`).toEqual([user.nation]);
    }
  }, 60_000);
});
