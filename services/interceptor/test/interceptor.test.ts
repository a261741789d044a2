import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { subjects, type Actor, type Track } from '@tessera/schema';
import { DEFAULT_POLICY } from '@tessera/authority/rules';
import { trackBatch } from '@tessera/service-kit/fixtures';
import { outcomeOf } from '../src/domain/outcome.ts';
import { twinScenario, useInterceptorStack, WAIT } from './stack.ts';

/**
 * The POL interceptor agent on a real nats-server with the real twin (test-small at 10x), detector
 * and authority. Its only reachable threat is POL-spoof-01, POL's hostile drone in POL sector SOUTH,
 * its GNSS spoofing switched off here (a flagged target's requests are spoofing.test.ts's story)
 * (WEAPONS TIGHT), 7 km from pol-interceptor-1 (80 m/s, 20 km, Pk 0.95); pol-gun-1 (3 km) is too far.
 * Engagement requests expire after 6 s here (60 s by default), so the story runs in seconds:
 *   1. request 1 is left alone: PENDING, nothing launches, it EXPIRES, still nothing launches;
 *   2. the interceptor restarts while request 2 waits, and the new one takes it up (no new request);
 *      pol-cmdr approves: launched, then a friendly appears at the intercept point, the authority
 *      aborts, the flyout stops: no completion, no outcome;
 *   3. request 3 is approved: launched, completed DESTROYED, and the twin drops POL-spoof-01 (DESTROYED).
 * The draws are deterministic (seed 7, keyed by request id): request 3 draws 0.777 < 0.95 (DESTROYED).
 */
const TIME_SCALE = 10;
const POL_AGENT: Actor = { kind: 'SERVICE', id: 'pol-interceptor', nation: 'POL' };
const polCmdr = { username: 'pol-cmdr', nation: 'POL' };

/** test-small without its spoofing: the drone reports where it is, so the detector flags nothing. */
const withoutSpoofing = async () => {
  const scenario = await twinScenario('test-small.json');
  return { ...scenario, raids: scenario.raids.map(({ spoofing: _spoofing, ...raid }) => raid) };
};

const stack = useInterceptorStack(async () => ({
  scenario: await withoutSpoofing(),
  timeScale: TIME_SCALE,
  name: 'interceptor-test',
  authorityPolicy: { ...DEFAULT_POLICY, deadlineS: { ...DEFAULT_POLICY.deadlineS, ENGAGEMENT: 6 } },
  interceptorPolicy: { retryAfterMs: 300 },
  detector: true,
  agentLogLevel: process.env.TEST_LOG_LEVEL,
}));

/** A commander's approval, as the gateway sends it. */
const approve = (requestId: string) =>
  stack.decide(requestId, 'APPROVE', polCmdr, 'hostile drone over POL SOUTH, sky clear');

describe('interceptor agents with the twin, detector and authority', () => {
  it("asks to engage the hostile drone, with the assignment's reason, and launches nothing while the request waits", async () => {
    const pending = await stack.awaitRequest('pol-eng-POL-spoof-01-1');
    expect(pending).toMatchObject({
      kind: 'ENGAGEMENT',
      nation: 'POL',
      state: 'PENDING',
      requestedBy: POL_AGENT,
      // the label of the drone's track (POL, unclassified, releasable to UKR and LTU)
      label: { policy: 'NATO', classification: 'UNCLASSIFIED', originator: 'POL', releasableTo: ['UKR', 'LTU'] },
      requiredApprovals: [{ nation: 'POL', count: 1 }],
      engagementState: null,
    });
    const e = pending.engagement!;
    // 0.95 x 0.30 = 0.285, shown to two places
    expect(e).toMatchObject({
      effectorId: 'pol-interceptor-1',
      effectorClass: 'INTERCEPTOR_DRONE',
      targetTrackId: 'POL-spoof-01',
      targetIdentity: 'HOSTILE',
      targetKind: 'UAS',
      dangerRadiusM: 300,
      sectorId: 'pol-south',
      sectorNation: 'POL',
    });
    expect(e.reason).toMatch(
      /^pol-interceptor-1 \(INTERCEPTOR_DRONE\) on POL-spoof-01: Pk 0\.95 x urgency 0\.30 \(no impact predicted\) = value 0\.28; intercept in \d+ s at \d+\.\d km, sector pol-south \(POL\); alternatives: pol-gun-1 out of range \(\d+\.\d km > 3 km\)$/,
    );
    // the intercept is in the future, within the drone's range
    expect(Date.parse(e.interceptAt)).toBeGreaterThan(Date.parse(pending.createdAt));
    expect(stack.commandsFor('pol-eng-POL-spoof-01-1', 'OPEN')).toHaveLength(1);

    // while it waits for a commander: no LAUNCH is even asked for, nothing flies, nothing is reported
    await stack.expectWaiting(1500, {
      nation: 'POL',
      requestId: 'pol-eng-POL-spoof-01-1',
      trackId: 'POL-spoof-01',
      effectorId: 'pol-interceptor-1',
    });
  });

  it('a request left alone EXPIRES, and nothing of it launches', async () => {
    const expired = await stack.awaitRequest('pol-eng-POL-spoof-01-1', { state: 'EXPIRED' });
    expect(expired).toMatchObject({ engagementState: null, outcome: null, decisions: [] });
    await sleep(300);
    expect(stack.commandsFor('pol-eng-POL-spoof-01-1', 'LAUNCH')).toEqual([]);
    expect(stack.audit.actionsOn('pol-eng-POL-spoof-01-1')).toEqual(['REQUEST_OPENED', 'REQUEST_EXPIRED']);
    expect(stack.historyOf('pol-eng-POL-spoof-01-1')).toEqual(['PENDING/null', 'EXPIRED/null']);
    expect(stack.seen.outcomes).toEqual([]);
    expect(stack.seen.removals.has('POL-spoof-01')).toBe(false);
  });

  it('launches only after a commander approves; an abort (friendly at the intercept point) stops the flyout with no outcome', async () => {
    // the threat is still there: the agent asks again
    const second = await stack.awaitRequest('pol-eng-POL-spoof-01-2', { state: 'PENDING' });
    expect(second.engagement!.effectorId).toBe('pol-interceptor-1');
    await sleep(300);
    expect(stack.commandsFor('pol-eng-POL-spoof-01-2', 'LAUNCH')).toEqual([]);

    // the interceptor restarts while the request waits: the new one takes it up, asks nothing new
    const opensBefore = stack.seen.commands.filter(({ cmd }) => cmd.type === 'OPEN').length;
    await stack.restartInterceptor('interceptor-2');
    // the new agent takes up request 2
    await expect.poll(() => stack.phaseOf('pol-eng-POL-spoof-01-2'), WAIT).toBe('PENDING');
    await sleep(300);
    expect(stack.seen.commands.filter(({ cmd }) => cmd.type === 'OPEN').length).toBe(opensBefore);
    expect(stack.interceptor().engagements()).toHaveLength(1);

    const approvingAtMs = Date.now();
    const approved = await approve('pol-eng-POL-spoof-01-2');
    expect(approved).toMatchObject({ ok: true, request: { state: 'APPROVED', engagementState: 'AUTHORIZED' } });
    const executing = await stack.awaitRequest('pol-eng-POL-spoof-01-2', { engagementState: 'EXECUTING' });
    const [launch] = stack.commandsFor('pol-eng-POL-spoof-01-2', 'LAUNCH');
    expect(launch!.atMs).toBeGreaterThanOrEqual(approvingAtMs);
    // ...asked for on POL's agent subject (the authority takes the agent's nation from it)
    expect(launch!.subject).toBe(subjects.authorityFromAgents('POL'));
    await expect.poll(() => stack.phaseOf('pol-eng-POL-spoof-01-2'), WAIT).toBe('FLYING');

    // a friendly aircraft appears at the approved intercept point: the authority aborts, the agent stops
    const p = executing.engagement!.interceptPoint;
    stack.publishOwn('POL', [
      stack.ownTrack('POL-medevac-01', {
        kind: 'ROTARY',
        identity: 'FRIEND',
        position: { lat: p.lat, lon: p.lon, altM: 200 },
        velocity: { speedMps: 0, courseDeg: 0, climbMps: 0 },
      }),
    ]);
    const aborted = await stack.awaitRequest('pol-eng-POL-spoof-01-2', { engagementState: 'ABORTED' });
    // The medevac track is POL's own, the request is releasable to UKR and LTU too: the reason must not name it.
    expect(aborted.abortReason).toBe(
      'a friendly track not releasable to every party is within the danger radius of the intercept point',
    );
    expect(aborted.abortReason).not.toContain('POL-medevac-01');
    expect(stack.historyOf('pol-eng-POL-spoof-01-2')).toEqual([
      'PENDING/null',
      'APPROVED/AUTHORIZED',
      'APPROVED/EXECUTING',
      'APPROVED/ABORTED',
    ]);
    await expect.poll(() => stack.phaseOf('pol-eng-POL-spoof-01-2'), WAIT).toBeUndefined(); // the effector is released
    stack.publishOwn('POL', [], [{ id: 'POL-medevac-01', reason: 'LANDED' }]);
    // the flyout would have lasted seconds: well past it, still no completion and no outcome
    await sleep(1000);
    expect(stack.commandsFor('pol-eng-POL-spoof-01-2', 'COMPLETE')).toEqual([]);
    expect(stack.seen.outcomes).toEqual([]);
    expect(stack.seen.removals.has('POL-spoof-01')).toBe(false);
    expect(stack.interceptor().stats().aborted).toBe(1);
  });

  it('an approved engagement flies out, completes DESTROYED, and the twin removes the target', async () => {
    expect(outcomeOf(7, 'pol-eng-POL-spoof-01-3', 0.95)).toBe('DESTROYED'); // the scenario's seed, request 3's draw
    await stack.awaitRequest('pol-eng-POL-spoof-01-3', { state: 'PENDING' });
    expect(stack.commandsFor('pol-eng-POL-spoof-01-3', 'LAUNCH')).toEqual([]);
    expect((await approve('pol-eng-POL-spoof-01-3')).ok).toBe(true);

    // the flyout took its time (tens of scenario seconds at 10x), then the outcome went out once, after the completion
    const { removal, executedAt, completedAt } = await stack.expectDestroyed({
      requestId: 'pol-eng-POL-spoof-01-3',
      effectorId: 'pol-interceptor-1',
      trackId: 'POL-spoof-01',
      nation: 'POL',
    });
    expect(completedAt - executedAt).toBeGreaterThan(2000);
    expect(removal.atMs).toBeGreaterThanOrEqual(stack.seen.outcomes[0]!.atMs);
    console.info(
      `pol-eng-POL-spoof-01-3: launched ${executedAt - stack.audit.timeOf('pol-eng-POL-spoof-01-3', 'DECISION_APPROVE')} ms after approval, flew ${completedAt - executedAt} ms (wall, ${TIME_SCALE}x), target removed ${removal.atMs - completedAt} ms after completion`,
    );

    // effector released; no further request for a destroyed target
    await expect.poll(() => stack.interceptor().engagements(), WAIT).toHaveLength(0); // the effector is released
    await sleep(500);
    expect(
      stack
        .allRequests()
        .filter((r) => r.engagement?.targetTrackId === 'POL-spoof-01')
        .map((r) => r.id)
        .sort(),
    ).toEqual(['pol-eng-POL-spoof-01-1', 'pol-eng-POL-spoof-01-2', 'pol-eng-POL-spoof-01-3']);
    // (this instance took request 2 up from its predecessor and opened request 3)
    expect(stack.interceptor().stats()).toMatchObject({
      opened: 1,
      launched: 2,
      completed: 1,
      destroyed: 1,
      aborted: 1,
    });
  });

  it('never acts on a track its nation may not see; does on the same track releasable to it', async () => {
    // a UKR-only hostile drone right next to the (now free) POL interceptor drone
    const hidden = () =>
      stack.ownTrack('UKR-ghost-01', {
        label: { policy: 'NATO', classification: 'SECRET', originator: 'UKR', releasableTo: [] },
        provenance: {
          nation: 'UKR',
          system: 'UKR-FUSION',
          sourceId: 'test',
          observedAt: stack.twin.status().scenarioTime,
          publishedAt: stack.twin.status().scenarioTime,
        },
      });
    for (let i = 0; i < 10; i++) {
      stack.publishOwn('UKR', [hidden()]);
      await sleep(100);
    }
    expect(
      stack.seen.commands.filter(
        ({ cmd }) => cmd.type === 'OPEN' && cmd.request.engagement?.targetTrackId === 'UKR-ghost-01',
      ),
    ).toEqual([]);

    // the same drone, releasable to POL: now the POL agent asks (the control case)
    const shared = (): Track => ({
      ...hidden(),
      id: 'UKR-shared-01',
      label: { policy: 'NATO', classification: 'RESTRICTED', originator: 'UKR', releasableTo: ['POL'] },
    });
    const request = await vi.waitFor(() => {
      stack.publishOwn('UKR', [shared()]);
      const found = stack.allRequests().find((r) => r.engagement?.targetTrackId === 'UKR-shared-01');
      if (!found) throw new Error('no request about the shared drone yet');
      return found;
    }, WAIT);
    expect(request).toMatchObject({
      nation: 'POL',
      label: { classification: 'RESTRICTED', originator: 'UKR', releasableTo: ['POL'] },
      engagement: { effectorId: 'pol-interceptor-1' },
    });
    stack.publishOwn(
      'UKR',
      [],
      [
        { id: 'UKR-shared-01', reason: 'LEFT' },
        { id: 'UKR-ghost-01', reason: 'LEFT' },
      ],
    );
  });

  it('rejects malformed input (counted, dead-lettered) and keeps working', async () => {
    const before = stack.interceptorRejector().total();
    stack.observer.nc.publish(subjects.trackBatch('POL'), '{"source":');
    stack.observer.nc.publish(subjects.detections('POL'), JSON.stringify({ seq: 'x', upserts: [{}] }));
    stack.publishOwn('UKR', []); // a valid batch...
    stack.observer.nc.publish(
      subjects.trackBatch('POL'),
      JSON.stringify(trackBatch('UKR', { publishedAt: new Date().toISOString() })),
    ); // ...on the wrong subject
    await stack.observer.nc.flush();
    await expect.poll(() => stack.seen.deadLetters.length, WAIT).toBeGreaterThanOrEqual(3);
    expect(stack.interceptorRejector().total()).toBe(before + 3);
    expect(stack.seen.deadLetters.map((l) => l.subject)).toEqual([
      subjects.trackBatch('POL'),
      subjects.detections('POL'),
      subjects.trackBatch('POL'),
    ]);
    expect(stack.seen.deadLetters[0]!.reason).toMatch(/^not JSON/);
    expect(stack.seen.deadLetters[2]!.reason).toBe(`batch of UKR published on ${subjects.trackBatch('POL')}`);
    // still looking at the picture and following requests
    const stats = stack.interceptor().stats();
    expect(stats.agents).toEqual(['POL']);
    expect(stats.seed).toBe(7); // the scenario's, from reference data
  });
});
