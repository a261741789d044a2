import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { Actor } from '@tessera/schema';
import { loadScenarioFile } from '@tessera/twin/scenario-file';
import { outcomeOf } from '../src/domain/outcome.ts';
import { useInterceptorStack, WAIT } from './stack.ts';

/**
 * The UKR agent with an EW jammer, on a real nats-server with the real twin (jamming-scenario.json
 * at 10x) and authority. UKR's hostile drones UKR-owa-01 and UKR-owa-02 fly west through UKR sector WEST
 * within 15 km of ukr-ew-1 (Pk 0.8); the UKR gun and POL's interceptor drone are too far: only the
 * jammer reaches them. A glide bomb flies through the jammer's range too, but a bomb has no link
 * to lose: it is never jammed.
 *   1. a JAMMING request for UKR-owa-01: nothing happens while it is PENDING;
 *   2. ukr-cmdr approves: LAUNCH, the jamming bites after 10 scenario seconds (1 s wall), COMPLETE
 *      DESTROYED (seed 7: the draw for ukr-jam-UKR-owa-01-1 is 0.428 < 0.8), the twin removes UKR-owa-01;
 *   3. the free jammer is asked for UKR-owa-02; ukr-cmdr denies: nothing launches, and no new request.
 */
const UKR_AGENT: Actor = { kind: 'SERVICE', id: 'ukr-interceptor', nation: 'UKR' };
const ukrCmdr = { username: 'ukr-cmdr', nation: 'UKR' };

const stack = useInterceptorStack(async () => ({
  scenario: await loadScenarioFile(fileURLToPath(new URL('./jamming-scenario.json', import.meta.url))),
  timeScale: 10,
  name: 'jamming-test',
  agentLogLevel: process.env.TEST_LOG_LEVEL,
}));

/** A commander's decision, as the gateway sends it. */
const decide = (requestId: string, decision: 'APPROVE' | 'DENY') =>
  stack.decide(requestId, decision, ukrCmdr, 'hostile drone over UKR WEST');

describe('interceptor agents with an EW jammer', () => {
  it('asks to jam the drone only the jammer can reach, and does nothing while the request waits', async () => {
    const pending = await stack.awaitRequest('ukr-jam-UKR-owa-01-1');
    expect(pending).toMatchObject({
      kind: 'JAMMING',
      nation: 'UKR',
      state: 'PENDING',
      requestedBy: UKR_AGENT,
      label: { policy: 'NATO', classification: 'RESTRICTED', originator: 'UKR', releasableTo: ['POL'] },
      requiredApprovals: [{ nation: 'UKR', count: 1 }],
      engagement: null,
      engagementState: null,
      jamming: {
        effectorId: 'ukr-ew-1',
        lowMHz: 2400,
        highMHz: 2483.5,
        radiusM: 2000,
        durationS: 120,
        sectorId: 'ukr-west',
        sectorNation: 'UKR',
      },
    });
    // centred on the drone, within the jammer's 15 km
    const { center } = pending.jamming!;
    expect(center.lat).toBeGreaterThan(49.95);
    expect(center.lat).toBeLessThan(50.15);
    expect(center.lon).toBeGreaterThan(23.2);
    expect(center.lon).toBeLessThan(24.05);

    // while it waits for a commander: nothing launches, nothing is reported
    await stack.expectWaiting(1000, {
      nation: 'UKR',
      requestId: 'ukr-jam-UKR-owa-01-1',
      trackId: 'UKR-owa-01',
      effectorId: 'ukr-ew-1',
    });
    // nothing else was asked for: the jammer is busy, the glide bomb is not jammed, nothing else reaches
    expect(stack.seen.commands.filter(({ cmd }) => cmd.type === 'OPEN').map(({ cmd }) => stack.idOf(cmd))).toEqual([
      'ukr-jam-UKR-owa-01-1',
    ]);
  });

  it('jams once a commander approves, completes DESTROYED, and the twin removes the drone', async () => {
    expect(outcomeOf(7, 'ukr-jam-UKR-owa-01-1', 0.8)).toBe('DESTROYED'); // the scenario's seed: draws 0.428
    const approvingAtMs = Date.now();
    expect(await decide('ukr-jam-UKR-owa-01-1', 'APPROVE')).toMatchObject({
      ok: true,
      request: { state: 'APPROVED', engagementState: 'AUTHORIZED' },
    });

    const { executedAt, completedAt } = await stack.expectDestroyed({
      requestId: 'ukr-jam-UKR-owa-01-1',
      effectorId: 'ukr-ew-1',
      trackId: 'UKR-owa-01',
      nation: 'UKR',
    });
    const [launch] = stack.commandsFor('ukr-jam-UKR-owa-01-1', 'LAUNCH');
    expect(launch!.atMs).toBeGreaterThanOrEqual(approvingAtMs);
    // the link loss takes 10 scenario seconds: 1 s of wall time at 10x
    expect(completedAt - executedAt).toBeGreaterThanOrEqual(900);
  });

  it('a denied jamming request launches nothing and is not asked again', async () => {
    // the jammer is free again: the other drone
    await stack.awaitRequest('ukr-jam-UKR-owa-02-1', { state: 'PENDING' });
    expect((await decide('ukr-jam-UKR-owa-02-1', 'DENY')).ok).toBe(true);
    await expect.poll(() => stack.interceptor().engagements(), WAIT).toHaveLength(0); // the jammer is released
    await sleep(1000);
    expect(stack.commandsFor('ukr-jam-UKR-owa-02-1', 'LAUNCH')).toEqual([]);
    expect(stack.requestNamed('ukr-jam-UKR-owa-02-2')).toBeUndefined();
    expect(stack.seen.outcomes).toHaveLength(1);
    expect(stack.seen.removals.has('UKR-owa-02')).toBe(false);
    // only ever the two drones, only ever the jammer: never the glide bomb
    expect(stack.seen.commands.filter(({ cmd }) => cmd.type === 'OPEN').map(({ cmd }) => stack.idOf(cmd))).toEqual([
      'ukr-jam-UKR-owa-01-1',
      'ukr-jam-UKR-owa-02-1',
    ]);
    const stats = stack.interceptor().stats();
    expect([...stats.agents].sort()).toEqual(['POL', 'UKR']); // POL's agent sees the drones, but its interceptor drone is too far
    expect(stats).toMatchObject({ opened: 2, launched: 1, completed: 1, destroyed: 1 });
  });
});
