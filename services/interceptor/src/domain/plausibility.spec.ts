import { describe, expect, it } from 'vitest';
import type { Alert, TargetWarning } from '@tessera/schema';
import { effector, engagementRequest, iso, label, T0, track } from '@tessera/service-kit/fixtures';
import type { Assignment } from './assignment.ts';
import { DEFAULT_JAMMING } from './jamming.ts';
import {
  checkTarget,
  coastEndMs,
  isFresh,
  reasonWithWarnings,
  unnamedWarnings,
  warningsFor,
  warningText,
} from './plausibility.ts';
import { requestFor } from './request.ts';
import { threatsFor } from './threats.ts';

const POL = { nation: 'POL', clearance: 'SECRET' } as const;

/** The detector's ANOMALY alert about POL-t1 (releasable to UKR and LTU), raised at `raisedS` after T0. */
const anomalyAlert = (over: Partial<Alert> = {}, raisedS = 0): Alert => ({
  id: `POL-t1:${over.anomalyKind ?? 'POSITION_JUMP'}`,
  kind: 'ANOMALY',
  severity: 'WARNING',
  label: label('POL', ['UKR', 'LTU']),
  trackId: 'POL-t1',
  title: 'POL-t1: moved 10.2 km in 2 s (limit 2.2 km)',
  defendedAssetId: null,
  impactExpectedAt: null,
  predictedImpact: null,
  anomalyKind: 'POSITION_JUMP',
  raisedAt: iso(T0 + raisedS * 1000),
  updatedAt: iso(T0 + raisedS * 1000),
  clearedAt: null,
  acknowledgements: [],
  ...over,
});
const jump: TargetWarning = {
  kind: 'POSSIBLE_GNSS_SPOOFING',
  anomaly: 'POSITION_JUMP',
  detail: 'moved 10.2 km in 2 s (limit 2.2 km)',
  since: iso(T0),
};

describe('stale tracks: never a target after their coast time', () => {
  it("a track is a target until its fusion centre's staleAt, on the picture's scenario clock", () => {
    const t = track('POL-t1'); // reported at T0, stale at T0 + 6 s (three periods of a 2 s radar)
    expect(coastEndMs(t)).toBe(T0 + 6000);
    expect(isFresh(t, T0 + 5999)).toBe(true);
    expect(isFresh(t, T0 + 6000)).toBe(false);
  });

  it('whatever staleAt a feed claims, no longer than maxCoastS after the latest report', () => {
    const t = track('POL-t1', { staleAt: iso(T0 + 3_600_000) });
    expect(coastEndMs(t)).toBe(T0 + 30_000);
    expect(isFresh(t, T0 + 29_999)).toBe(true);
    expect(isFresh(t, T0 + 30_000)).toBe(false);
    expect(coastEndMs(t, 10)).toBe(T0 + 10_000);
  });

  it('a stale hostile drone is not offered as a threat; the same drone freshly reported is', () => {
    const at = iso(T0 - 20_000);
    const stale = track('POL-t1', { at, staleAt: iso(T0 + 60_000) }); // last report 20 s ago, claims 80 s
    expect(threatsFor('POL', [stale], () => undefined, T0, { maxCoastS: 15 })).toEqual([]);
    expect(threatsFor('POL', [stale], () => undefined, T0, { maxCoastS: 30 }).map((x) => x.trackId)).toEqual([
      'POL-t1',
    ]);
    expect(threatsFor('POL', [track('POL-t1')], () => undefined, T0 + 6000)).toEqual([]);
  });
});

describe("the detector's implausibility flags on a target", () => {
  it('an open ANOMALY alert on the track is a warning, in the words of its assessment', () => {
    expect(warningsFor('POL-t1', [anomalyAlert()], POL)).toEqual([jump]);
    const accel = anomalyAlert({ anomalyKind: 'IMPOSSIBLE_ACCELERATION', title: 'POL-t1: 40 g' }, 3);
    expect(warningsFor('POL-t1', [accel, anomalyAlert()], POL)).toEqual([
      jump,
      { kind: 'POSSIBLE_JAMMING', anomaly: 'IMPOSSIBLE_ACCELERATION', detail: '40 g', since: iso(T0 + 3000) },
    ]);
  });

  it('a cleared alert, a threat alert, another track or an alert the nation may not see is none', () => {
    const alerts = [
      anomalyAlert({ clearedAt: iso(T0 + 300_000) }),
      anomalyAlert({ kind: 'THREAT', anomalyKind: null }),
      anomalyAlert({ trackId: 'POL-t2' }),
      anomalyAlert({ label: label('UKR', []) }), // not releasable to POL
    ];
    expect(warningsFor('POL-t1', alerts, POL)).toEqual([]);
    // UKR may see POL-t1's alert (releasable to UKR); DEU may not
    expect(warningsFor('POL-t1', [anomalyAlert()], { nation: 'UKR', clearance: 'SECRET' })).toHaveLength(1);
    expect(warningsFor('POL-t1', [anomalyAlert()], { nation: 'DEU', clearance: 'SECRET' })).toEqual([]);
  });

  it('the request names every flag: a structured field, and first in its reason', () => {
    const threat = threatsFor('POL', [track('POL-t1')], () => undefined, T0, { warningsOf: () => [jump] })[0]!;
    expect(threat.warnings).toEqual([jump]);
    const drone = effector('pol-drone-1', 'POL', 'INTERCEPTOR_DRONE', { position: { lat: 50, lon: 22.6 } });
    const a: Assignment = {
      effectorId: drone.id,
      trackId: 'POL-t1',
      solution: { timeS: 40, point: { lat: 50, lon: 22.45, altM: 300 }, distanceM: 10_000, bearingDeg: 270 },
      jamming: false,
      sector: { id: 'pol-south', nation: 'POL' },
      probabilityOfKill: 0.8,
      weight: 0.3,
      value: 0.24,
      reason: 'pol-drone-1 (INTERCEPTOR_DRONE) on POL-t1: Pk 0.80',
    };
    const request = requestFor('pol-eng-POL-t1-1', a, threat, drone, {
      nowMs: T0,
      timeScale: 1,
      jamming: DEFAULT_JAMMING,
    });
    expect(request.targetWarnings).toEqual([jump]);
    expect(request.engagement!.reason).toBe(
      'WARNING: Possible GNSS spoofing — position may be false (POSITION_JUMP). pol-drone-1 (INTERCEPTOR_DRONE) on POL-t1: Pk 0.80',
    );
  });

  it('the reason stays within 300 characters, the warning never cut off', () => {
    const long = reasonWithWarnings('x'.repeat(300), [jump]);
    expect(long).toHaveLength(300);
    expect(long.startsWith(`WARNING: ${warningText([jump])}. `)).toBe(true);
    expect(reasonWithWarnings('the reason', [])).toBe('the reason');
    expect(warningText([jump, { ...jump, anomaly: 'FROZEN_POSITION' }])).toBe(
      'Possible GNSS spoofing — position may be false (POSITION_JUMP, FROZEN_POSITION)',
    );
  });
});

describe('a request whose target changed after it was asked for', () => {
  const request = engagementRequest();
  const t = track('POL-t1');

  it('proceeds while the target is fresh and every flag on it is named', () => {
    expect(checkTarget(request, t, [], T0 + 1000)).toEqual({ ok: true });
    expect(checkTarget({ targetWarnings: [jump] }, t, [jump], T0 + 1000)).toEqual({ ok: true });
    // a flag named in the request that has cleared since does not stop it
    expect(checkTarget({ targetWarnings: [jump] }, t, [], T0 + 1000)).toEqual({ ok: true });
  });

  it('stops when the target went stale', () => {
    expect(checkTarget(request, t, [], T0 + 6000)).toEqual({
      ok: false,
      stale: true,
      why: 'target POL-t1 is stale: no report for 6 s',
    });
  });

  it('stops when the detector flagged the target after the request: the deciders have not seen it', () => {
    const check = checkTarget(request, t, [jump], T0 + 1000);
    expect(check).toEqual({
      ok: false,
      stale: false,
      why: 'target POL-t1 flagged after the request: Possible GNSS spoofing — position may be false (POSITION_JUMP); not shown to the deciders',
    });
    // a second flag of another kind is new too
    const frozen = { ...jump, anomaly: 'FROZEN_POSITION' as const };
    expect(unnamedWarnings({ targetWarnings: [jump] }, [jump, frozen])).toEqual([frozen]);
    expect(checkTarget({ targetWarnings: [jump] }, t, [jump, frozen], T0 + 1000).ok).toBe(false);
  });
});
