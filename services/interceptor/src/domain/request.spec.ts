import { describe, expect, it } from 'vitest';
import { effector, engagementRequest, label, T0, track } from '@tessera/service-kit/fixtures';
import type { Assignment } from './assignment.ts';
import { DEFAULT_JAMMING } from './jamming.ts';
import { approversMaySee, effectorOf, isRequestOf, requestFor } from './request.ts';
import { threatsFor } from './threats.ts';

/** POL's hostile drone POL-t1 (releasable to UKR and LTU) as a threat in POL's picture. */
const threat = threatsFor('POL', [track('POL-t1')], () => undefined, T0)[0]!;
const drone = effector('pol-drone-1', 'POL', 'INTERCEPTOR_DRONE', { position: { lat: 50, lon: 22.6 }, rangeKm: 20 });
const assignment = (over: Partial<Assignment> = {}): Assignment => ({
  effectorId: drone.id,
  trackId: 'POL-t1',
  solution: { timeS: 40, point: { lat: 50, lon: 22.45, altM: 300 }, distanceM: 10_000, bearingDeg: 270 },
  jamming: false,
  sector: { id: 'pol-south', nation: 'POL' },
  probabilityOfKill: 0.8,
  weight: 0.3,
  value: 0.24,
  reason: 'the reason',
  ...over,
});
const opts = { nowMs: T0, timeScale: 10, jamming: DEFAULT_JAMMING };

describe('the request an agent opens', () => {
  it('asks to ENGAGE with a kinetic effector, claiming what the authority checks; the intercept time on the wall clock', () => {
    const request = requestFor('pol-eng-POL-t1-1', assignment(), threat, drone, opts);
    expect(request).toMatchObject({
      id: 'pol-eng-POL-t1-1',
      kind: 'ENGAGEMENT',
      label: label('POL', ['UKR', 'LTU']),
      jamming: null,
    });
    const {
      effectorId,
      effectorClass,
      effectorPosition,
      targetTrackId,
      targetIdentity,
      targetKind,
      confidence,
      ...intercept
    } = request.engagement!;
    expect([effectorId, effectorClass, effectorPosition]).toEqual([
      'pol-drone-1',
      'INTERCEPTOR_DRONE',
      { lat: 50, lon: 22.6 },
    ]);
    // the target as POL sees it; no detection: no confidence
    expect([targetTrackId, targetIdentity, targetKind, confidence]).toEqual(['POL-t1', 'HOSTILE', 'UAS', 0]);
    // 40 scenario seconds at 10x: 4 s on the wall clock
    expect(intercept).toEqual({
      interceptPoint: { lat: 50, lon: 22.45, altM: 300 },
      interceptAt: new Date(T0 + 4000).toISOString(),
      dangerRadiusM: 300,
      sectorId: 'pol-south',
      sectorNation: 'POL',
      reason: 'the reason',
    });
  });

  it('asks to JAM with a jammer: the band and a circle around the target, the target named', () => {
    const jammer = effector('pol-ew-1', 'POL', 'EW_JAMMER');
    const request = requestFor(
      'pol-jam-POL-t1-1',
      assignment({ jamming: true, effectorId: jammer.id }),
      threat,
      jammer,
      opts,
    );
    expect(request).toMatchObject({
      kind: 'JAMMING',
      engagement: null,
      jamming: {
        effectorId: 'pol-ew-1',
        lowMHz: 2400,
        highMHz: 2483.5,
        center: { lat: 50, lon: 22.45 },
        radiusM: 2000,
        targetTrackId: 'POL-t1',
        sectorId: 'pol-south',
      },
    });
  });

  it('labels the request no wider than the effector: it reveals both', () => {
    const secret = { ...drone, label: label('POL', ['UKR'], 'SECRET') };
    expect(requestFor('r-1', assignment(), threat, secret, opts).label).toEqual(label('POL', ['UKR'], 'SECRET'));
    // the sector nation's commanders must be able to see it
    expect(approversMaySee('UKR', threat, secret)).toBe(true);
    expect(approversMaySee('LTU', threat, secret)).toBe(false);
    expect(approversMaySee('LTU', threat, drone)).toBe(true);
  });

  it("knows its own agents' requests and the effector they name", () => {
    const agent = { kind: 'SERVICE' as const, id: 'pol-interceptor', nation: 'POL' };
    expect(isRequestOf(engagementRequest(), agent)).toBe(true);
    expect(isRequestOf(engagementRequest(), { ...agent, id: 'ukr-interceptor', nation: 'UKR' })).toBe(false);
    expect(isRequestOf(engagementRequest({ kind: 'WCS_CHANGE', engagement: null }), agent)).toBe(false);
    expect(effectorOf(engagementRequest())).toBe('e1');
  });
});
