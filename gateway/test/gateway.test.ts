import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LoginDocument, MeDocument, TracksDocument } from '@tessera/schema/operations';
import { subjects, type Track, type TrackBatch } from '@tessera/schema';
import { makeTrack } from '../src/picture/test-tracks.ts';
import { trackBatch } from './fixtures.ts';
import {
  gql,
  loginToken,
  PASSWORD,
  startTestStack,
  TrackSubscriber,
  type TestGateway,
  type TestStack,
} from './helpers.ts';

let stack: TestStack;
let gw: TestGateway;
const subscribers: TrackSubscriber[] = [];
const seqs = new Map<string, number>();

function publish(nation: string, upserts: Track[], removals: string[] = []) {
  const seq = (seqs.get(nation) ?? 0) + 1;
  seqs.set(nation, seq);
  const batch = trackBatch(nation, { seq, upserts, removals: removals.map((id) => ({ id, reason: 'LOST' })) });
  gw.nats.nc.publish(subjects.trackBatch(nation), JSON.stringify(batch));
}

async function subscriber(username: string, opts: { retry?: boolean } = {}) {
  const s = new TrackSubscriber(gw.wsUrl, await loginToken(gw.url, username), opts).subscribe();
  subscribers.push(s);
  return s;
}

beforeAll(async () => {
  stack = await startTestStack();
  gw = stack.gw;
});

afterEach(async () => {
  await Promise.all(subscribers.splice(0).map((s) => s.close()));
});

afterAll(async () => {
  await stack?.stop();
});

describe('login', () => {
  it('returns a token and the user for the right password', async () => {
    const res = await gql(gw.url, LoginDocument, { username: 'pol-watch', password: PASSWORD });
    expect(res.errors).toBeUndefined();
    expect(res.data!.login.user).toEqual({
      username: 'pol-watch',
      displayName: 'pol-watch',
      nation: 'POL',
      roles: ['WATCH_OFFICER'],
      clearance: 'SECRET',
    });
    const me = await gql(gw.url, MeDocument, {}, res.data!.login.token);
    expect(me.data!.me.username).toBe('pol-watch');
  });

  it('refuses a wrong password and an unknown user alike, with a typed error', async () => {
    for (const [username, password] of [
      ['pol-watch', 'wrong'],
      ['nobody', PASSWORD],
    ]) {
      const res = await gql(gw.url, LoginDocument, { username: username!, password: password! });
      expect(res.data).toBeNull();
      expect(res.errors).toEqual([
        expect.objectContaining({
          message: 'Wrong username or password.',
          extensions: expect.objectContaining({ code: 'BAD_CREDENTIALS' }),
        }),
      ]);
    }
  });

  it('requires a token for everything else', async () => {
    const res = await gql(gw.url, TracksDocument, {});
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'missing' });
    const bad = await gql(gw.url, TracksDocument, {}, 'not-a-token');
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'invalid' });
  });

  it('refuses an expired token', async () => {
    const token = await loginToken(gw.url, 'pol-watch');
    gw.clock.advance(3601_000);
    try {
      const res = await gql(gw.url, MeDocument, {}, token);
      expect(res.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'expired' });
      const ws = new TrackSubscriber(gw.wsUrl, token).subscribe();
      subscribers.push(ws);
      await ws.waitFor('the socket to close', () => ws.closed !== undefined);
      expect(ws.closed!.code).toBe(4403);
    } finally {
      gw.clock.advance(-3601_000);
    }
  });

  it('closes a WebSocket without a valid token with 4403', async () => {
    for (const token of [undefined, 'garbage']) {
      const ws = new TrackSubscriber(gw.wsUrl, token).subscribe();
      subscribers.push(ws);
      await ws.waitFor('the socket to close', () => ws.closed !== undefined);
      expect(ws.closed!.code).toBe(4403);
      expect(ws.batches).toEqual([]);
    }
  });

  it('never answers with a stack trace', async () => {
    const res = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": "{ me { nope } }"}',
    });
    const text = await res.text();
    expect(text).not.toMatch(/\bat .*\.ts:\d+/);
    expect(JSON.parse(text).errors[0]).toMatchObject({
      message: 'Cannot query field "nope" on type "User".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });
});

describe('track stream', () => {
  it('sends a POL-only track to POL and never to UKR, a shared one to both', async () => {
    const pol = await subscriber('pol-watch');
    const ukr = await subscriber('ukr-watch');
    await pol.waitFor('snapshot', () => pol.batches.length > 0);
    await ukr.waitFor('snapshot', () => ukr.batches.length > 0);
    publish('POL', [
      makeTrack('POL-p-only-1', { originator: 'POL' }),
      makeTrack('POL-p-shared-1', { originator: 'POL', releasableTo: ['UKR'] }),
    ]);
    publish('UKR', [
      makeTrack('UKR-u-secret-1', { originator: 'UKR', classification: 'SECRET', releasableTo: ['POL'] }),
    ]);
    await pol.waitFor('POL to see all three', () =>
      ['POL-p-only-1', 'POL-p-shared-1', 'UKR-u-secret-1'].every((id) => pol.picture.has(id)),
    );
    await ukr.waitFor('UKR to see the shared and its own', () =>
      ['POL-p-shared-1', 'UKR-u-secret-1'].every((id) => ukr.picture.has(id)),
    );
    // Give any stray delivery time to arrive before checking it never did.
    publish('POL', [makeTrack('POL-p-only-1', { originator: 'POL', at: Date.now() + 1000 })]);
    await new Promise((r) => setTimeout(r, 300));
    expect(ukr.everSeen.has('POL-p-only-1')).toBe(false);
    const restricted = await subscriber('ukr-restricted');
    await restricted.waitFor('snapshot', () => restricted.batches.length > 0);
    expect(restricted.picture.has('UKR-u-secret-1')).toBe(false);
    expect(restricted.picture.has('POL-p-shared-1')).toBe(true);
  });

  it('withholds a national field of a shared track from partners and says what would release it', async () => {
    const national = {
      path: 'provenance.sourceId' as const,
      label: { policy: 'UKR', classification: 'RESTRICTED' as const, originator: 'UKR', releasableTo: [] },
    };
    const pol = await subscriber('pol-watch');
    const ukr = await subscriber('ukr-watch');
    await pol.waitFor('snapshot', () => pol.batches.length > 0);
    await ukr.waitFor('snapshot', () => ukr.batches.length > 0);
    publish('UKR', [makeTrack('UKR-u-fl-1', { originator: 'UKR', releasableTo: ['POL'], fieldLabels: [national] })]);
    await pol.waitFor('the track at POL', () => pol.picture.has('UKR-u-fl-1'));
    await ukr.waitFor('the track at UKR', () => ukr.picture.has('UKR-u-fl-1'));
    expect(pol.picture.get('UKR-u-fl-1')!.provenance.sourceId).toBeNull();
    expect(pol.picture.get('UKR-u-fl-1')!.redacted).toEqual([
      { path: 'provenance.sourceId', classification: 'RESTRICTED', releasableTo: ['UKR'] },
    ]);
    expect(ukr.picture.get('UKR-u-fl-1')!.provenance.sourceId).toBe('radar-1');
    expect(ukr.picture.get('UKR-u-fl-1')!.redacted).toEqual([]);
    const token = await loginToken(gw.url, 'pol-watch');
    const one = await gql(
      gw.url,
      `query { track(id: "UKR-u-fl-1") { provenance { sourceId system } redacted { path } } }`,
      {},
      token,
    );
    expect(one.data).toEqual({
      track: { provenance: { sourceId: null, system: 'UKR-FUSION' }, redacted: [{ path: 'provenance.sourceId' }] },
    });
  });

  it('lets a commander preview what a partner would receive, never more than the commander sees', async () => {
    const polOnlySensor = {
      path: 'provenance.sourceId' as const,
      label: { policy: 'POL', classification: 'RESTRICTED' as const, originator: 'POL', releasableTo: [] },
    };
    publish('POL', [
      makeTrack('POL-p-prev-1', { originator: 'POL', releasableTo: ['UKR'], fieldLabels: [polOnlySensor] }),
    ]);
    publish('UKR', [makeTrack('UKR-u-prev-1', { originator: 'UKR' })]);
    await new Promise((r) => setTimeout(r, 200));
    const cmdr = await loginToken(gw.url, 'pol-cmdr');
    const preview = (id: string, nation: string, token = cmdr) =>
      gql(
        gw.url,
        `query($id: ID!, $n: String!) { trackAsSeenBy(id: $id, nation: $n, clearance: SECRET) { visible track { id provenance { sourceId } redacted { path releasableTo } } } }`,
        { id, n: nation },
        token,
      );
    expect((await preview('POL-p-prev-1', 'UKR')).data).toEqual({
      trackAsSeenBy: {
        visible: true,
        track: {
          id: 'POL-p-prev-1',
          provenance: { sourceId: null },
          redacted: [{ path: 'provenance.sourceId', releasableTo: ['POL'] }],
        },
      },
    });
    expect((await preview('POL-p-prev-1', 'DEU')).data).toEqual({ trackAsSeenBy: { visible: false, track: null } });
    expect((await preview('UKR-u-prev-1', 'UKR')).data).toEqual({ trackAsSeenBy: null }); // not visible to the commander: nothing
    const watch = await preview('POL-p-prev-1', 'UKR', await loginToken(gw.url, 'pol-watch'));
    expect(watch.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('starts with the picture (seq 1, reset), then deltas with no gap in seq', async () => {
    publish('LTU', [makeTrack('LTU-l-1', { originator: 'LTU', releasableTo: ['DEU'] })]);
    await new Promise((r) => setTimeout(r, 200));
    const deu = await subscriber('deu-watch');
    await deu.waitFor('snapshot', () => deu.batches.length > 0);
    expect(deu.batches[0]).toMatchObject({ seq: 1, reset: true, removals: [] });
    expect(deu.batches[0]!.upserts.map((t) => t.id)).toContain('LTU-l-1');
    for (let i = 0; i < 20; i++) {
      publish(
        'LTU',
        [makeTrack(`LTU-l-${i + 2}`, { originator: 'LTU', releasableTo: ['DEU'] })],
        i === 10 ? ['LTU-l-1'] : [],
      );
      await new Promise((r) => setTimeout(r, 15));
    }
    await deu.waitFor('all deltas', () => deu.picture.has('LTU-l-21') && !deu.picture.has('LTU-l-1'));
    expect(deu.batches.map((b) => b.seq)).toEqual(deu.batches.map((_, i) => i + 1));
    expect(deu.batches.slice(1).every((b) => !b.reset)).toBe(true);
    expect(deu.batches.length).toBeLessThan(21); // coalesced, not one event per NATS message
  });

  it('coalesces many updates of one track into its latest state', async () => {
    const pol = await subscriber('pol-watch');
    await pol.waitFor('snapshot', () => pol.batches.length > 0);
    const base = Date.now();
    for (let i = 1; i <= 200; i++)
      publish('POL', [makeTrack('POL-burst', { originator: 'POL', at: base + i, lat: 50 + i / 1000 })]);
    await pol.waitFor('the last update', () => pol.picture.get('POL-burst')?.position.lat === 50.2);
    const deliveries = pol.batches.flatMap((b) => b.upserts.filter((t) => t.id === 'POL-burst'));
    expect(deliveries.length).toBeLessThan(20);
  });

  it('answers tracks and track(id) only with what is releasable', async () => {
    publish('POL', [makeTrack('POL-q-pol', { originator: 'POL' })]);
    const token = await loginToken(gw.url, 'ukr-watch');
    await new Promise((r) => setTimeout(r, 200));
    const list = await gql(gw.url, TracksDocument, {}, token);
    expect(list.data!.tracks.map((t) => t.id)).not.toContain('POL-q-pol');
    const one = await gql(gw.url, `query { track(id: "POL-q-pol") { id } }`, {}, token);
    expect(one.data).toEqual({ track: null });
    const polToken = await loginToken(gw.url, 'pol-watch');
    const mine = await gql(gw.url, `query { track(id: "POL-q-pol") { id sidc } }`, {}, polToken);
    expect(mine.data).toEqual({ track: { id: 'POL-q-pol', sidc: 'SHAPMFQ--------' } });
    const admin = await gql(gw.url, TracksDocument, {}, await loginToken(gw.url, 'admin'));
    expect(admin.data!.tracks).toEqual([]);
  });

  it('rejects, counts and dead-letters a malformed message without losing the stream', async () => {
    const letters: string[] = [];
    const dl = gw.nats.nc.subscribe(subjects.deadLetter('gateway'), {
      callback: (_e, m) => void letters.push(m.string()),
    });
    const pol = await subscriber('pol-watch');
    await pol.waitFor('snapshot', () => pol.batches.length > 0);
    gw.nats.nc.publish(subjects.trackBatch('POL'), 'not json');
    gw.nats.nc.publish(
      subjects.trackBatch('POL'),
      JSON.stringify(trackBatch('POL', { source: { nation: 'POL', system: 'x' }, publishedAt: 'now' })),
    );
    // A UKR source may not publish a POL track, nor on POL's subject.
    gw.nats.nc.publish(
      subjects.trackBatch('UKR'),
      JSON.stringify(trackBatch('UKR', { seq: 99, upserts: [makeTrack('POL-spoof', { originator: 'POL' })] })),
    );
    publish('POL', [makeTrack('POL-after-bad', { originator: 'POL' })]);
    await pol.waitFor('the good batch after the bad ones', () => pol.picture.has('POL-after-bad'));
    expect(pol.everSeen.has('POL-spoof')).toBe(false);
    const health = (await (await fetch(gw.url.replace('/graphql', '/readyz'))).json()) as {
      rejected: Record<string, number>;
    };
    expect(health.rejected).toMatchObject({ 'tessera.v1.tracks.POL': 2, 'tessera.v1.tracks.UKR': 1 });
    await new Promise((r) => setTimeout(r, 100));
    dl.unsubscribe();
    expect(letters.length).toBe(3);
    expect(JSON.parse(letters[0]!)).toMatchObject({
      service: 'gateway',
      subject: 'tessera.v1.tracks.POL',
      payload: 'not json',
      reason: expect.stringMatching(/not JSON/),
    });
    expect(JSON.parse(letters[1]!).reason).toMatch(/publishedAt: /);
  });

  it("keeps a POL track from LTU's fusion centre: no removal, no shadowing; each LTU batch is rejected and counted", async () => {
    const letters: { subject: string; reason: string }[] = [];
    const dl = gw.nats.nc.subscribe(subjects.deadLetter('gateway'), {
      callback: (_e, m) => void letters.push(m.json()),
    });
    const rejectedOnLtu = async () =>
      ((await (await fetch(gw.url.replace('/graphql', '/readyz'))).json()) as { rejected: Record<string, number> })
        .rejected[subjects.trackBatch('LTU')] ?? 0;
    const before = await rejectedOnLtu();
    const pol = await subscriber('pol-watch');
    const ltu = await subscriber('ltu-watch');
    await pol.waitFor('snapshot', () => pol.batches.length > 0);
    await ltu.waitFor('snapshot', () => ltu.batches.length > 0);
    const base = Date.now();
    publish('POL', [makeTrack('POL-own-1', { originator: 'POL', releasableTo: ['LTU'], at: base, lat: 50.1 })]);
    await pol.waitFor('the POL track', () => pol.picture.get('POL-own-1')?.position.lat === 50.1);
    await ltu.waitFor('the POL track at LTU', () => ltu.picture.has('POL-own-1'));
    // What LTU's fusion centre can publish (its own subject only): removals and far-future reports of POL's id.
    const fromLtu = (source: string, upserts: Track[], removals: TrackBatch['removals']) =>
      gw.nats.nc.publish(
        subjects.trackBatch('LTU'),
        JSON.stringify(trackBatch(source, { source: { nation: source, system: 'LTU-FUSION' }, upserts, removals })),
      );
    const future = base + 86_400_000;
    fromLtu('LTU', [], [{ id: 'POL-own-1', reason: 'DESTROYED' }]);
    fromLtu('LTU', [makeTrack('POL-own-1', { originator: 'LTU', releasableTo: ['POL'], at: future, lat: 55 })], []);
    fromLtu('LTU', [makeTrack('POL-own-1', { originator: 'POL', releasableTo: ['LTU'], at: future, lat: 55 })], []);
    fromLtu(
      'POL',
      [makeTrack('POL-own-1', { originator: 'POL', releasableTo: ['LTU'], at: future, lat: 55 })],
      [{ id: 'POL-own-1', reason: 'LOST' }],
    );
    // POL's next report (published after LTU's, on the same connection: the gateway sees it last) is the track's state.
    publish('POL', [makeTrack('POL-own-1', { originator: 'POL', releasableTo: ['LTU'], at: base + 1000, lat: 50.2 })]);
    await pol.waitFor("POL's latest report", () => pol.picture.get('POL-own-1')?.position.lat === 50.2);
    await ltu.waitFor("POL's latest report at LTU", () => ltu.picture.get('POL-own-1')?.position.lat === 50.2);
    for (const s of [pol, ltu]) {
      expect(s.batches.some((b) => b.removals.includes('POL-own-1'))).toBe(false);
      expect(
        s.batches
          .flatMap((b) => b.upserts)
          .filter((t) => t.id === 'POL-own-1')
          .map((t) => t.position.lat),
      ).toEqual([50.1, 50.2]);
    }
    const one = await gql(
      gw.url,
      `query { track(id: "POL-own-1") { label { originator } position { lat } updatedAt } }`,
      {},
      await loginToken(gw.url, 'pol-watch'),
    );
    expect(one.data).toEqual({
      track: { label: { originator: 'POL' }, position: { lat: 50.2 }, updatedAt: new Date(base + 1000).toISOString() },
    });
    expect((await rejectedOnLtu()) - before).toBe(4);
    await new Promise((r) => setTimeout(r, 100));
    dl.unsubscribe();
    expect(letters.map((l) => [l.subject, l.reason])).toEqual([
      [subjects.trackBatch('LTU'), 'removals.0.id: must be a track id of the source nation (LTU-…)'],
      [subjects.trackBatch('LTU'), 'upserts.0.id: must be a track id of the source nation (LTU-…)'],
      [
        subjects.trackBatch('LTU'),
        'upserts.0.label.originator: must be the source nation LTU; upserts.0.id: must be a track id of the source nation (LTU-…)',
      ],
      [subjects.trackBatch('LTU'), `batch of POL published on ${subjects.trackBatch('LTU')}`],
    ]);
  });

  it('refuses over-wide queries with a typed error (graphql-armor)', async () => {
    const token = await loginToken(gw.url, 'pol-watch');
    const aliases = Array.from({ length: 12 }, (_, i) => `a${i}: me { username }`).join(' ');
    const res = await gql(gw.url, `{ ${aliases} }`, {}, token);
    expect(res.data).toBeUndefined();
    expect(res.errors![0]!.message).toMatch(/aliases/i);
  });

  it('resumes the stream after nats-server restarts', async () => {
    const pol = await subscriber('pol-watch');
    await pol.waitFor('snapshot', () => pol.batches.length > 0);
    await stack.server.restart();
    await expect.poll(() => gw.nats.connected(), { timeout: 45_000, interval: 50 }).toBe(true);
    publish('POL', [makeTrack('POL-after-restart', { originator: 'POL' })]);
    await pol.waitFor('a track published after the restart', () => pol.picture.has('POL-after-restart'));
    const seqsSeen = pol.batches.map((b) => b.seq);
    expect(seqsSeen).toEqual(seqsSeen.map((_, i) => i + 1));
  });
});
