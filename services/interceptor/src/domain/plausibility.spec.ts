import { describe, expect, it } from 'vitest';
import { unnamedWarnings, warningText, type TargetWarning } from '@tessera/schema';
import { effector, engagementRequest, iso, T0, track } from '@tessera/service-kit/fixtures';
import type { Assignment } from './assignment.ts';
import { DEFAULT_JAMMING } from './jamming.ts';
import { checkTarget, reasonWithWarnings } from './plausibility.ts';
import { requestFor } from './request.ts';
import { threatsFor } from './threats.ts';

const jump: TargetWarning = {
  kind: 'POSSIBLE_GNSS_SPOOFING',
  anomaly: 'POSITION_JUMP',
  detail: 'moved 10.2 km in 2 s (limit 2.2 km)',
  since: iso(T0),
};

describe('stale tracks: never a target after their coast time', () => {
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

describe('the request names every flag on its target', () => {
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
