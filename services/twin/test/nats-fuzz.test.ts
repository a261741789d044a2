import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  EffectOutcome,
  fusionCentrePermissions,
  fusionCentreUser,
  MAX_TIME_SCALE,
  SERVICE_PERMISSIONS,
  subjects,
  TwinControlReply,
  TwinControlRequest,
  type TrackBatch,
} from '@tessera/schema';
import { createLogger, createRejector, systemClock, type NatsLink, type Rejector } from '@tessera/service-kit';
import {
  countDeadLetters,
  describeTally,
  hostileMessages,
  rejectedWhere,
  sendHostile,
  startFuzzBus,
  withField,
  type FuzzBus,
  type FuzzTarget,
  type HostileCase,
} from '@tessera/service-kit/fuzz';
import { createTwinService, type TwinService } from '../src/service.ts';
import { loadScenario } from './support.ts';

/**
 * Hostile input on the two subjects the twin consumes: effect outcomes (only the authority's user
 * may publish them: a compromised authority) and control requests (only the operator may: a buggy
 * tool). Each is rejected, counted and dead-lettered; a control request asked with an inbox gets a
 * typed refusal; no target is destroyed, the clock is neither paused nor rescaled; a valid control
 * request afterwards is still served.
 */
const CASES = Number(process.env.NATS_FUZZ_CASES ?? 10_000);
const SETTLE = { timeout: 60_000, interval: 100 } as const;
const logger = createLogger('twin-fuzz', 'silent');
const scenario = await loadScenario('test-small');
const NATIONS = ['POL', 'UKR', 'LTU'];

let bus: FuzzBus;
let link: NatsLink;
let rejector: Rejector;
let twin: TwinService;

const outcomes: FuzzTarget = {
  subject: subjects.effectOutcome,
  valid: () => ({
    requestId: 'pol-eng-fz',
    effectorId: 'pol-interceptor-1',
    trackId: 'POL-civil-01',
    nation: 'POL',
    outcome: 'DESTROYED',
    at: new Date().toISOString(),
  }),
  ruleBreakers: [
    // A nation destroying a flight another nation tracks.
    (v) => withField(v, ['trackId'], 'UKR-owa-01'),
    (v) => withField(v, ['outcome'], 'VAPORISED'),
    (v) => withField(v, ['requestId'], 'a.b.>'),
    (v) => withField(v, ['trackId'], 'pol-civil-01'),
  ],
};

const control: FuzzTarget = {
  subject: subjects.twinControl,
  valid: () => ({ command: 'setTimeScale', timeScale: 2 }),
  ruleBreakers: [
    (v) => withField(v, ['timeScale'], 0),
    (v) => withField(v, ['timeScale'], -1),
    (v) => withField(v, ['timeScale'], MAX_TIME_SCALE + 1),
    (v) => withField(v, ['command'], 'shutdown'),
    (v) => withField(v, ['command'], 'PAUSE'),
  ],
};

const plan: { target: FuzzTarget; peer: string; request?: boolean }[] = [
  { target: outcomes, peer: 'authority' },
  { target: control, peer: 'operator', request: true },
];
const byTarget = new Map(plan.map((p) => [p.target, p]));

beforeAll(async () => {
  bus = await startFuzzBus([
    ...(['twin', 'authority'] as const).map((user) => ({ user, permissions: SERVICE_PERMISSIONS[user] })),
    ...NATIONS.map((n) => ({ user: fusionCentreUser(n), permissions: fusionCentrePermissions(n) })),
  ]);
  link = await bus.as('twin');
  const fusion = new Map<string, NatsLink>();
  for (const n of NATIONS) fusion.set(n, await bus.as(fusionCentreUser(n)));
  rejector = createRejector({ nc: link.nc, service: 'twin', logger });
  twin = createTwinService({
    nc: link.nc,
    trackPublisher: (nation) => fusion.get(nation)!.nc,
    clock: systemClock,
    logger,
    rejector,
    scenario,
    tickMs: 100,
    timeScale: 1,
  });
  await twin.start();
  expect(EffectOutcome.safeParse(outcomes.valid()).success).toBe(true);
  expect(TwinControlRequest.safeParse(control.valid()).success).toBe(true);
});

afterAll(async () => {
  await twin?.stop();
  await bus?.stop();
});

describe('NATS input fuzzing of the twin', () => {
  it(`rejects, counts and dead-letters ${CASES} hostile messages on every subject it consumes`, async () => {
    const links = new Map<string, NatsLink>();
    for (const { peer } of plan) if (!links.has(peer)) links.set(peer, await bus.as(peer));
    const operator = links.get('operator')!;
    const deadLetters = await countDeadLetters(operator.nc, 'twin');
    const destroyed: string[] = [];
    const tracks = operator.nc.subscribe(subjects.allTrackBatches, {
      callback: (_e, m) => {
        for (const r of m.json<TrackBatch>().removals) if (r.reason === 'DESTROYED') destroyed.push(r.id);
      },
    });
    await operator.nc.flush();
    // A reply aimed at a nation's track subject would be a forged batch published by the twin.
    const forged = subjects.trackBatch('POL');
    const before = new Map(plan.map(({ target }) => [target.subject, rejector.counts()[target.subject] ?? 0]));
    const statusBefore = twin.status();

    const replies: unknown[] = [];
    const started = Date.now();
    const tally = await sendHostile(
      (c: HostileCase) => links.get(byTarget.get(c.target)!.peer)!.nc,
      hostileMessages(
        plan.map((p) => p.target),
        { count: CASES, seed: 20261218, maxPayload: link.nc.info!.max_payload },
      ),
      {
        replyMode: (c) =>
          byTarget.get(c.target)!.request ? (['inbox', 'inbox', 'none', 'foreign'] as const)[c.index % 4]! : 'none',
        foreignReply: forged,
        onReply: (_c, data) => replies.push(JSON.parse(new TextDecoder().decode(data))),
      },
    );
    const sent = new Map(tally.bySubject);
    // A valid control request with someone else's subject as reply is refused too, unread.
    operator.nc.publish(control.subject, JSON.stringify({ command: 'pause' }), { reply: forged });
    await operator.nc.flush();
    sent.set(control.subject, sent.get(control.subject)! + 1);

    await vi.waitFor(() => {
      for (const [subject, n] of sent)
        expect(
          rejectedWhere(rejector, (s) => s === subject),
          subject,
        ).toBe(before.get(subject)! + n);
    }, SETTLE);
    await vi.waitFor(() => expect(deadLetters.count()).toBe(CASES + 1), SETTLE);
    deadLetters.stop();
    expect(replies.length).toBeGreaterThan(0);
    for (const reply of replies) expect(reply).toMatchObject({ ok: false, error: expect.any(String) });

    // Nothing of them was applied: the clock runs as it did, no target was destroyed.
    expect(twin.status()).toMatchObject({ paused: statusBefore.paused, timeScale: statusBefore.timeScale });
    expect(destroyed).toEqual([]);

    // Still serving: a valid control request is answered and applied.
    const reply = TwinControlReply.parse(
      (
        await operator.nc.request(control.subject, JSON.stringify({ command: 'setTimeScale', timeScale: 3 }), SETTLE)
      ).json(),
    );
    expect(reply).toMatchObject({ ok: true, status: { timeScale: 3 } });
    tracks.unsubscribe();
    console.info(
      `twin: ${describeTally(tally)} in ${Date.now() - started} ms; ${replies.length} typed refusals; per subject ${JSON.stringify(Object.fromEntries(sent))}`,
    );
  }, 120_000);
});
