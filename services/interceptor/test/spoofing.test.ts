import { setTimeout as sleep } from 'node:timers/promises';
import { Kvm } from '@nats-io/kv';
import { describe, expect, it, vi } from 'vitest';
import { ALERT_BUCKET, alertKey, type Alert, type AuthorizationRequest, type Track } from '@tessera/schema';
import { twinScenario, useInterceptorStack, WAIT } from './stack.ts';

/**
 * Spoofing and stale data at the human-machine boundary (docs/authority.md, "Spoofing and stale
 * tracks at the decision"), with the real twin (test-small at 10x), detector and authority:
 *   1. POL-spoof-01's reported position jumps 10 km south 20 s after launch; the detector flags it
 *      (POSITION_JUMP: possible GNSS spoofing). The POL agent's request about it names the flag, in
 *      a field and first in its reason; a request opened before the flag was withdrawn, never decided
 *      or launched. A commander who has seen the flag may approve it.
 *   2. A hostile drone of the test's own whose latest report is older than its coast time is never
 *      proposed; a fresh one is; when it goes stale while its request waits, the request is withdrawn.
 *   3. A flag raised after a request was opened withdraws it; the agent asks again, naming the flag.
 */
const TIME_SCALE = 10;
const polCmdr = { username: 'pol-cmdr', nation: 'POL' };
/** Near pol-gun-1 (3 km) and within pol-interceptor-1's 20 km, in POL sector SOUTH (WEAPONS TIGHT). */
const NEAR_GUN = { lat: 49.86, lon: 22.61, altM: 200 };

const stack = useInterceptorStack(async () => ({
  scenario: await twinScenario('test-small.json'),
  timeScale: TIME_SCALE,
  name: 'spoofing-test',
  interceptorPolicy: { retryAfterMs: 300, maxAttempts: 5 },
  detector: true,
  agentLogLevel: process.env.TEST_LOG_LEVEL,
}));

const about = (trackId: string) =>
  stack
    .allRequests()
    .filter((r) => (r.engagement?.targetTrackId ?? r.jamming?.targetTrackId) === trackId)
    .sort((a, b) => a.id.localeCompare(b.id));
const opensAbout = (trackId: string) =>
  stack.seen.commands.filter(
    ({ cmd }) =>
      cmd.type === 'OPEN' && (cmd.request.engagement?.targetTrackId ?? cmd.request.jamming?.targetTrackId) === trackId,
  );

/**
 * A hostile drone of the test's own, reported `ageS` scenario seconds ago (on the twin's clock),
 * slow (5 m/s: a repeated position is no FROZEN_POSITION) so the detector has nothing to flag.
 */
const drone = (id: string, ageS: number, over: Partial<Track> = {}): Track => {
  const at = new Date(Date.parse(stack.twin.status().scenarioTime) - ageS * 1000).toISOString();
  return stack.ownTrack(id, {
    kind: 'UAS',
    identity: 'HOSTILE',
    provenance: { nation: 'POL', system: 'POL-FUSION', sourceId: 'test', observedAt: at, publishedAt: at },
    updatedAt: at,
    staleAt: new Date(Date.parse(at) + 6000).toISOString(),
    position: NEAR_GUN,
    velocity: { speedMps: 5, courseDeg: 90, climbMps: 0 },
    ...over,
  });
};

describe('spoofing and stale tracks at the decision', () => {
  it('the request about a target flagged as possibly spoofed names the flag, in a field and first in its reason', async () => {
    const flagged = await vi.waitFor(() => {
      const r = about('POL-spoof-01').find((x) => x.targetWarnings.length > 0);
      if (!r) throw new Error('no request naming the flag yet');
      return r;
    }, WAIT);
    expect(flagged.state).toBe('PENDING'); // waits for a commander
    expect(flagged.targetWarnings).toEqual([
      {
        kind: 'POSSIBLE_GNSS_SPOOFING',
        anomaly: 'POSITION_JUMP',
        detail: expect.any(String),
        since: expect.any(String),
      },
    ]);
    expect(flagged.engagement!.reason).toMatch(
      /^WARNING: Possible GNSS spoofing — position may be false \(POSITION_JUMP\)\. pol-interceptor-1 \(INTERCEPTOR_DRONE\) on POL-spoof-01: Pk 0\.95/,
    );
    // What went over the wire said so too (the agent's OPEN carries the flags it knows of).
    const [open] = opensAbout('POL-spoof-01').filter(({ cmd }) => cmd.type === 'OPEN' && cmd.request.id === flagged.id);
    expect(open!.cmd.type === 'OPEN' && open!.cmd.request.targetWarnings).toEqual(flagged.targetWarnings);

    // A request opened before the flag (when the agent was quicker than the detector) was withdrawn:
    // nobody decided it, nothing of it launched.
    for (const r of about('POL-spoof-01').filter((x) => x.targetWarnings.length === 0)) {
      const withdrawn = await stack.awaitRequest(r.id, { state: 'WITHDRAWN' });
      expect(withdrawn.decisions).toEqual([]);
      expect(stack.audit.actionsOn(r.id)).toEqual(['REQUEST_OPENED', 'REQUEST_WITHDRAWN']);
      expect(stack.commandsFor(r.id, 'LAUNCH')).toEqual([]);
    }

    // The commander, having seen the flag, approves: it launches.
    const approved = await stack.decide(
      flagged.id,
      'APPROVE',
      polCmdr,
      'seen the spoofing warning; truth radar-confirmed',
    );
    expect(approved).toMatchObject({ ok: true, request: { state: 'APPROVED' } });
    await stack.awaitRequest(flagged.id, { engagementState: 'EXECUTING' });
  });

  it('a track older than its coast time is never proposed; a fresh one is, and its waiting request is withdrawn once it goes stale', async () => {
    // Last reported 40 s ago (the default coast limit is 30 s), although its feed claims it is current.
    for (let i = 0; i < 10; i++) {
      stack.publishOwn('POL', [drone('POL-stale-01', 40, { staleAt: stack.twin.status().scenarioTime })]);
      stack.publishOwn('POL', [drone('POL-old-01', 40, { staleAt: new Date(Date.now() + 3_600_000).toISOString() })]);
      await sleep(100);
    }
    // The control case: the same drone freshly reported is proposed (the agents were free to).
    const fresh = await vi.waitFor(() => {
      stack.publishOwn('POL', [drone('POL-fresh-01', 0)]);
      const r = about('POL-fresh-01')[0];
      if (!r) throw new Error('no request about the fresh drone yet');
      return r;
    }, WAIT);
    expect(opensAbout('POL-stale-01')).toEqual([]);
    expect(opensAbout('POL-old-01')).toEqual([]);
    expect(fresh.state).toBe('PENDING');

    // No more reports: 6 scenario seconds later (0.6 s here) it is stale, and the request is withdrawn.
    const withdrawn = await stack.awaitRequest(fresh.id, { state: 'WITHDRAWN' });
    expect(withdrawn.decisions).toEqual([]);
    expect(stack.commandsFor(fresh.id, 'LAUNCH')).toEqual([]);
    // (the agent counts it when the authority's reply arrives, which may be just after the bucket shows it)
    await expect.poll(() => stack.interceptor().stats().withdrawnForTarget, WAIT).toBeGreaterThanOrEqual(1);
    // ...and it is not asked for again while it stays stale.
    await sleep(500);
    expect(opensAbout('POL-fresh-01')).toHaveLength(1);
    stack.publishOwn('POL', [], [{ id: 'POL-fresh-01', reason: 'LEFT' }]);
  });

  it('a flag raised after the request was opened withdraws it; the agent asks again, naming the flag', async () => {
    const first = await vi.waitFor(() => {
      stack.publishOwn('POL', [drone('POL-late-01', 0)]);
      const r = about('POL-late-01')[0];
      if (!r) throw new Error('no request about POL-late-01 yet');
      return r;
    }, WAIT);
    expect(first).toMatchObject({ state: 'PENDING', targetWarnings: [] });

    // The detector flags it now (its alert, as the detector writes it to its bucket).
    const now = stack.twin.status().scenarioTime;
    const alert: Alert = {
      id: 'POL-late-01:FROZEN_POSITION',
      kind: 'ANOMALY',
      severity: 'WARNING',
      label: first.label,
      trackId: 'POL-late-01',
      title: 'POL-late-01: 3 identical positions while reporting 42 m/s',
      defendedAssetId: null,
      impactExpectedAt: null,
      predictedImpact: null,
      anomalyKind: 'FROZEN_POSITION',
      raisedAt: now,
      updatedAt: now,
      clearedAt: null,
      acknowledgements: [],
    };
    const kv = await new Kvm(stack.observer.nc).open(ALERT_BUCKET);
    await kv.put(alertKey(alert.id), JSON.stringify(alert));

    const again: AuthorizationRequest = await vi.waitFor(() => {
      stack.publishOwn('POL', [drone('POL-late-01', 0)]);
      const r = about('POL-late-01').find((x) => x.targetWarnings.length > 0);
      if (!r) throw new Error('no request naming the flag yet');
      return r;
    }, WAIT);
    expect(again.targetWarnings).toEqual([
      {
        kind: 'POSSIBLE_GNSS_SPOOFING',
        anomaly: 'FROZEN_POSITION',
        detail: '3 identical positions while reporting 42 m/s',
        since: now,
      },
    ]);
    expect(again.engagement!.reason).toMatch(
      /^WARNING: Possible GNSS spoofing — position may be false \(FROZEN_POSITION\)\. /,
    );
    const withdrawn = await stack.awaitRequest(first.id, { state: 'WITHDRAWN' });
    expect(withdrawn.decisions).toEqual([]);
    expect(stack.commandsFor(first.id, 'LAUNCH')).toEqual([]);
    // The approval that would have been given without the flag can no longer be given.
    expect(await stack.decide(first.id, 'APPROVE', polCmdr, 'looks hostile')).toMatchObject({
      ok: false,
      rule: 'NOT_PENDING',
    });
    await kv.delete(alertKey(alert.id));
    stack.publishOwn('POL', [], [{ id: 'POL-late-01', reason: 'LEFT' }]);
  });
});
