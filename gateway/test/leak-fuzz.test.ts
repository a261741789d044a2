import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLASSIFICATIONS, canSee, subjects, type Classification, type Track, type TrackBatch, type Viewer } from '@tessera/schema';
import { startNatsServer, type NatsServer } from '@tessera/service-kit/nats-server';
import { connectNats, createLogger } from '@tessera/service-kit';
import { buildGateway } from '../src/app.ts';
import { hashPassword } from '../src/auth/password.ts';
import { createUserDirectory } from '../src/auth/users.ts';
import { makeTrack } from '../src/picture/test-tracks.ts';
import { loginToken, TrackSubscriber } from './helpers.ts';

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

const users = NATIONS.flatMap((nation) => CLASSIFICATIONS.map((clearance) => ({ username: `${nation.toLowerCase()}-${clearance.toLowerCase()}`, nation, clearance })));

beforeAll(async () => {
  server = await startNatsServer();
  const logger = createLogger('fuzz', 'silent');
  const nats = await connectNats({ url: server.url, name: 'fuzz', logger });
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
