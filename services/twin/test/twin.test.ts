import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Kvm } from '@nats-io/kv';
import {
  EffectorRef,
  OperationalArea,
  REFERENCE_BUCKET,
  TrackBatch,
  TwinControlReply,
  TwinStatus,
  parseWith,
  referenceKeys,
  subjects,
  type EffectOutcome,
  type Track,
} from '@tessera/schema';
import {
  connectNats,
  createLogger,
  createRejector,
  systemClock,
  type NatsLink,
  type Rejector,
} from '@tessera/service-kit';
import { startNatsServer, type NatsServer } from '@tessera/service-kit/nats-server';
import { createTwinService, type TwinService } from '../src/service.ts';
import { loadScenario, raidLabel, SMALL_ENDINGS } from './support.ts';

const scenario = await loadScenario('test-small');
const logger = createLogger('twin-test', 'silent');

let server: NatsServer;
let link: NatsLink;

beforeAll(async () => {
  server = await startNatsServer();
  link = await connectNats({ url: server.url, name: 'twin-test', logger });
});

afterAll(async () => {
  await link?.nc.close();
  await server?.stop();
});

/** Everything the twin publishes, validated against the contract as any consumer would. */
function record() {
  const batches: TrackBatch[] = [];
  const invalid: string[] = [];
  const sub = link.nc.subscribe(subjects.allTrackBatches, {
    callback: (_err, msg) => {
      const parsed = parseWith(TrackBatch, msg.json());
      if (parsed.ok) batches.push(parsed.value);
      else invalid.push(parsed.error);
    },
  });
  return { batches, invalid, stop: () => sub.unsubscribe() };
}

/** The twin flying test-small at `timeScale`, started; with its rejector, for tests that count what it refused. */
async function startTwin(timeScale: number): Promise<{ twin: TwinService; rejector: Rejector }> {
  const rejector = createRejector({ nc: link.nc, service: 'twin', logger });
  const twin = createTwinService({
    nc: link.nc,
    clock: systemClock,
    logger,
    rejector,
    scenario,
    tickMs: 100,
    timeScale,
  });
  await twin.start();
  return { twin, rejector };
}

async function control(body: unknown): Promise<TwinControlReply> {
  const msg = await link.nc.request(subjects.twinControl, typeof body === 'string' ? body : JSON.stringify(body), {
    timeout: 2000,
  });
  return TwinControlReply.parse(msg.json());
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('digital twin over NATS', () => {
  it('runs 10 scenario minutes at 100x: track counts, kinds and labels match the scenario', async () => {
    const rec = record();
    const { twin } = await startTwin(100);
    await expect.poll(() => twin.status().elapsedS, { timeout: 25_000, interval: 100 }).toBeGreaterThanOrEqual(600);
    await twin.stop();
    await link.nc.flush();
    await sleep(100);
    rec.stop();

    expect(rec.invalid).toEqual([]);
    const seen = new Map<string, Track>();
    const removed = new Map<string, string>();
    for (const b of rec.batches) {
      for (const t of b.upserts) seen.set(t.id, t);
      for (const r of b.removals) removed.set(r.id, r.reason);
      expect(b.source.nation).toBe(b.upserts[0]?.label.originator ?? b.source.nation);
    }
    // Every member of every raid launched in the first 10 minutes appears once, with its raid's kind and label.
    const expected = scenario.raids.flatMap((r) =>
      Array.from({ length: r.count }, (_, i) => ({
        id: `${r.trackedBy}-${r.id}-${String(i + 1).padStart(2, '0')}`,
        raid: r,
      })),
    );
    expect([...seen.keys()].sort()).toEqual(expected.map((e) => e.id).sort());
    for (const { id, raid } of expected) {
      const t = seen.get(id)!;
      expect(t.kind).toBe(raid.kind);
      expect(t.label).toEqual(raidLabel(raid));
    }
    // ...and leaves the way its raid says: the picture is empty after 10 minutes.
    expect(Object.fromEntries(removed)).toEqual(SMALL_ENDINGS);
    // Each nation's batches are numbered without gaps.
    for (const nation of ['POL', 'UKR']) {
      const seqs = rec.batches.filter((b) => b.source.nation === nation).map((b) => b.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    }
  }, 30_000);

  it('pauses, resumes, changes time scale and resets on request', async () => {
    const { twin } = await startTwin(1);
    try {
      const paused = await control({ command: 'pause' });
      expect(paused).toMatchObject({ ok: true, status: { paused: true } });
      const at = twin.status().elapsedS;
      const rec = record();
      await sleep(400);
      expect(twin.status().elapsedS).toBe(at);
      expect(rec.batches).toEqual([]);

      const fast = await control({ command: 'setTimeScale', timeScale: 50 });
      expect(fast).toMatchObject({ ok: true, status: { timeScale: 50 } });
      await control({ command: 'resume' });
      await sleep(400);
      expect(twin.status().elapsedS).toBeGreaterThan(at + 10);
      expect(rec.batches.length).toBeGreaterThan(0);

      const reset = await control({ command: 'reset' });
      expect(reset.ok && reset.status.elapsedS).toBeLessThan(5);
      await sleep(200);
      rec.stop();
      expect(rec.batches.some((b) => b.removals.some((r) => r.reason === 'RESET'))).toBe(true);
      const status = await control({ command: 'status' });
      expect(status.ok && TwinStatus.parse(status.status).scenario).toBe('test-small');
    } finally {
      await twin.stop();
    }
  });

  it('answers a malformed control request with an error, counts and dead-letters it', async () => {
    const letters: string[] = [];
    const dl = link.nc.subscribe(subjects.deadLetter('twin'), { callback: (_e, m) => void letters.push(m.string()) });
    const { twin, rejector } = await startTwin(1);
    try {
      expect(await control('{oops')).toEqual({ ok: false, error: expect.stringMatching(/not JSON/) });
      expect(await control({ command: 'setTimeScale', timeScale: -1 })).toEqual({
        ok: false,
        error: expect.stringMatching(/^timeScale: /),
      });
      expect(await control({ command: 'explode' })).toMatchObject({ ok: false });
      expect(rejector.total()).toBe(3);
      await link.nc.flush();
      await sleep(50);
      expect(letters.length).toBe(3);
      expect((await control({ command: 'status' })).ok).toBe(true);
    } finally {
      dl.unsubscribe();
      await twin.stop();
    }
  });

  it('writes each effector and the seed to reference data, effectors labelled for every scenario nation', async () => {
    const { twin } = await startTwin(1);
    try {
      const kv = await new Kvm(link.nc).open(REFERENCE_BUCKET);
      const drone = EffectorRef.parse((await kv.get(referenceKeys.effector('POL', 'pol-interceptor-1')))!.json());
      expect(drone).toEqual({
        id: 'pol-interceptor-1',
        nation: 'POL',
        kind: 'INTERCEPTOR_DRONE',
        position: { lat: 49.92, lon: 22.85 },
        rangeKm: 20,
        speedMps: 80,
        probabilityOfKill: 0.95,
        label: { policy: 'NATO', classification: 'UNCLASSIFIED', originator: 'POL', releasableTo: ['UKR', 'LTU'] },
      });
      const keys: string[] = [];
      for await (const k of await kv.keys('effector.>')) keys.push(k);
      expect(keys.sort()).toEqual(['effector.POL.pol-gun-1', 'effector.POL.pol-interceptor-1']);
      expect(OperationalArea.parse((await kv.get(referenceKeys.area))!.json()).seed).toBe(7);
    } finally {
      await twin.stop();
    }
  });

  it("removes a destroyed target at once (DESTROYED in its nation's next batch); rejects malformed or mismatched outcomes", async () => {
    const letters: { reason: string }[] = [];
    const dl = link.nc.subscribe(subjects.deadLetter('twin'), {
      callback: (_e, m) => void letters.push(m.json<{ reason: string }>()),
    });
    const rec = record();
    const { twin, rejector } = await startTwin(10);
    try {
      await expect
        .poll(() => rec.batches.some((b) => b.upserts.some((t) => t.id === 'POL-spoof-01')), {
          timeout: 15_000,
          interval: 50,
        })
        .toBe(true);
      const outcome: EffectOutcome = {
        requestId: 'pol-eng-POL-spoof-01-1',
        effectorId: 'pol-interceptor-1',
        trackId: 'POL-spoof-01',
        nation: 'POL',
        outcome: 'DESTROYED',
        at: new Date().toISOString(),
      };
      // bad input first: none of it touches the simulation
      link.nc.publish(subjects.effectOutcome, '{"requestId":');
      link.nc.publish(subjects.effectOutcome, JSON.stringify({ ...outcome, outcome: 'VAPORISED' }));
      link.nc.publish(subjects.effectOutcome, JSON.stringify({ ...outcome, nation: 'UKR' }));
      link.nc.publish(subjects.effectOutcome, JSON.stringify({ ...outcome, outcome: 'MISSED' }));
      await link.nc.flush();
      await expect.poll(() => letters.length, { timeout: 15_000, interval: 20 }).toBeGreaterThanOrEqual(3);
      expect(rejector.counts()).toEqual({ [subjects.effectOutcome]: 3 });
      expect(letters.map((l) => l.reason)).toEqual([
        expect.stringMatching(/^not JSON/),
        expect.stringMatching(/^outcome: /),
        'track POL-spoof-01 is tracked by POL, not UKR',
      ]);
      await sleep(600); // six scenario seconds: POL-spoof-01 is reported again (every 2 s), not removed
      expect(rec.batches.flatMap((b) => b.removals).some((r) => r.id === 'POL-spoof-01')).toBe(false);
      const reportedAfterBadInput = rec.batches.length;
      expect(rec.batches.slice(-10).some((b) => b.upserts.some((t) => t.id === 'POL-spoof-01'))).toBe(true);

      const sentMs = Date.now();
      link.nc.publish(subjects.effectOutcome, JSON.stringify(outcome));
      const removal = await vi.waitFor(
        () => {
          for (const b of rec.batches)
            for (const r of b.removals) if (r.id === 'POL-spoof-01') return { batch: b, reason: r.reason };
          throw new Error('POL-spoof-01 was not removed');
        },
        { timeout: 3000, interval: 20 },
      );
      expect(removal.reason).toBe('DESTROYED');
      expect(removal.batch.source).toEqual({ nation: 'POL', system: 'POL-FUSION' });
      expect(Date.now() - sentMs).toBeLessThan(1000); // the next tick (100 ms), not the next sensor report
      expect(
        rec.batches.slice(reportedAfterBadInput).filter((b) => b.upserts.some((t) => t.id === 'POL-spoof-01')).length,
      ).toBeLessThanOrEqual(1);
      await sleep(500);
      const after = rec.batches.slice(rec.batches.indexOf(removal.batch) + 1);
      expect(after.some((b) => b.upserts.some((t) => t.id === 'POL-spoof-01'))).toBe(false);
      expect(twin.status().activeTracks).toBeGreaterThan(0); // the rest flies on
      expect(rec.invalid).toEqual([]);
    } finally {
      rec.stop();
      dl.unsubscribe();
      await twin.stop();
    }
  });

  it('keeps publishing after nats-server restarts', async () => {
    const { twin } = await startTwin(10);
    try {
      await server.restart();
      await expect.poll(() => link.connected(), { timeout: 15_000, interval: 50 }).toBe(true);
      const rec = record();
      await sleep(1500);
      rec.stop();
      expect(rec.batches.length).toBeGreaterThan(0);
    } finally {
      await twin.stop();
    }
  });
});
