import { describe, expect, it } from 'vitest';
import type { AirspaceVolume, AuthorizationRequest } from '@tessera/schema';
import { distanceToVolumeM } from '@tessera/service-kit/airspace';
import {
  afterEnd,
  attemptOf,
  isLive,
  launchBlocker,
  mayAskToLaunch,
  requestIdFor,
  stepFor,
  targetOf,
} from './lifecycle.ts';
import { engagementRequest as request, POL_SOUTH, T0, track, UKR_WEST } from '@tessera/service-kit/fixtures';

const approved = (over: Partial<AuthorizationRequest> = {}) =>
  request({ state: 'APPROVED', engagementState: 'AUTHORIZED', ...over });

describe('engagement lifecycle', () => {
  it('asks to launch only an approved (or auto-approved), AUTHORIZED engagement it is waiting on', () => {
    expect(stepFor(request(), 'PENDING')).toBe('WAIT');
    expect(stepFor(request({ state: 'PENDING_VETO' }), 'PENDING')).toBe('WAIT');
    expect(stepFor(approved(), 'PENDING')).toBe('LAUNCH');
    expect(stepFor(approved({ state: 'AUTO_APPROVED' }), 'PENDING')).toBe('LAUNCH');
    expect(stepFor(approved(), 'LAUNCHING')).toBe('WAIT');
    expect(stepFor(approved({ engagementState: 'EXECUTING' }), 'FLYING')).toBe('WAIT');
  });

  it('stops on denial, veto, expiry, withdrawal, abort or failure, in any phase', () => {
    for (const state of ['DENIED', 'VETOED', 'EXPIRED', 'WITHDRAWN'] as const)
      expect(stepFor(request({ state }), 'PENDING')).toBe('STOP');
    expect(stepFor(approved({ engagementState: 'ABORTED' }), 'FLYING')).toBe('STOP');
    expect(stepFor(approved({ engagementState: 'FAILED' }), 'LAUNCHING')).toBe('STOP');
    expect(stepFor(approved({ engagementState: 'COMPLETED', outcome: 'DESTROYED' }), 'COMPLETING')).toBe('FINISHED');
  });

  it('never asks to launch at or after the deadline, nor without approval', () => {
    expect(mayAskToLaunch(approved(), T0 + 59_999)).toBe(true);
    expect(mayAskToLaunch(approved(), T0 + 60_000)).toBe(false);
    expect(mayAskToLaunch(request(), T0)).toBe(false);
    expect(mayAskToLaunch(approved({ engagementState: 'EXECUTING' }), T0)).toBe(false);
  });

  it('holds effector and target while waiting, authorized or executing; releases them otherwise', () => {
    expect(
      [request(), request({ state: 'PENDING_VETO' }), approved(), approved({ engagementState: 'EXECUTING' })].map(
        isLive,
      ),
    ).toEqual([true, true, true, true]);
    expect(
      [
        request({ state: 'EXPIRED' }),
        request({ state: 'DENIED' }),
        approved({ engagementState: 'ABORTED' }),
        approved({ engagementState: 'COMPLETED' }),
      ].map(isLive),
    ).toEqual([false, false, false, false]);
  });

  it("does not ask again after a commander's no or a kill; does after an expiry, abort or miss", () => {
    expect(afterEnd(request({ state: 'DENIED' }))).toEqual({ retry: false, why: 'denied by a commander' });
    expect(afterEnd(request({ state: 'VETOED' })).retry).toBe(false);
    expect(afterEnd(approved({ engagementState: 'COMPLETED', outcome: 'DESTROYED' }))).toEqual({
      retry: false,
      why: 'destroyed',
    });
    expect(afterEnd(approved({ engagementState: 'COMPLETED', outcome: 'MISSED' }))).toEqual({
      retry: true,
      why: 'missed',
    });
    expect(afterEnd(request({ state: 'EXPIRED' }))).toEqual({ retry: true, why: 'expired' });
    expect(afterEnd(approved({ engagementState: 'ABORTED', abortReason: 'target POL-t1 is now FRIEND' }))).toEqual({
      retry: true,
      why: 'aborted: target POL-t1 is now FRIEND',
    });
  });

  it('makes deterministic, valid request ids from nation, track and attempt', () => {
    expect(requestIdFor('POL', 'POL-spoof-01', 2)).toBe('pol-eng-POL-spoof-01-2');
    expect(attemptOf('pol-eng-POL-spoof-01-2')).toBe(2);
    const odd = requestIdFor('POL', 'POL-ext:track.7', 1);
    expect(odd).toMatch(/^pol-eng-POL-ext_track_7_[0-9a-f]{8}-1$/);
    expect(odd).not.toBe(requestIdFor('POL', 'POL-ext.track:7', 1)); // made safe differently, never the same
    const long = requestIdFor('POL', `POL-${'x'.repeat(60)}`, 12);
    expect(long.length).toBeLessThanOrEqual(55); // leaves room for `complete-` in a 64-character command id
    expect(long).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('says jam in the ids of jamming requests, and finds their target from the id', () => {
    expect(requestIdFor('UKR', 'UKR-owa-2', 1, 'jam')).toBe('ukr-jam-UKR-owa-2-1');
    expect(attemptOf('ukr-jam-UKR-owa-2-1')).toBe(1);
    const jam = (id: string, nation = 'UKR') => ({
      id,
      kind: 'JAMMING' as const,
      nation,
      engagement: null,
      jamming: {
        effectorId: 'ukr-ew-1',
        lowMHz: 2400,
        highMHz: 2483.5,
        center: { lat: 50, lon: 24 },
        radiusM: 2000,
        durationS: 120,
        sectorId: 'ukr-west',
        sectorNation: 'UKR',
      },
    });
    expect(targetOf(jam('ukr-jam-UKR-owa-2-1'))).toBe('UKR-owa-2');
    // a hashed id: the track it was made from, when known
    const odd = requestIdFor('UKR', 'UKR-ext:track.7', 3, 'jam');
    expect(targetOf(jam(odd), ['UKR-owa-2', 'UKR-ext:track.7'])).toBe('UKR-ext:track.7');
    // an engagement names its target
    expect(targetOf(request())).toBe('POL-t1');
    expect(targetOf({ ...request(), kind: 'WCS_CHANGE', engagement: null })).toBeNull();
  });
});

describe('launchBlocker (the recomputed intercept point)', () => {
  const volumes: AirspaceVolume[] = [POL_SOUTH, UKR_WEST];
  const point = { lat: 50, lon: 22.5, altM: 300 };

  it('lets a launch go when the point is still in an approved sector and clear of friendlies', () => {
    expect(
      launchBlocker(approved(), point, volumes, [
        track('POL-t1'),
        track('POL-far-friend', { identity: 'FRIEND', position: { lat: 50.1, lon: 22.5, altM: 7000 } }),
      ]),
    ).toBeNull();
  });

  it('stops it when the point moved into a sector whose nation did not concur', () => {
    expect(launchBlocker(approved(), { lat: 50, lon: 23.5, altM: 300 }, volumes, [])).toMatch(
      /UKR sector ukr-west, whose commander did not concur/,
    );
    const twoNations = approved({
      requiredApprovals: [
        { nation: 'POL', count: 1 },
        { nation: 'UKR', count: 1 },
      ],
    });
    expect(launchBlocker(twoNations, { lat: 50, lon: 23.5, altM: 300 }, volumes, [])).toBeNull();
    expect(launchBlocker(approved(), { lat: 51, lon: 22.5, altM: 300 }, volumes, [])).toMatch(/outside every sector/);
  });

  it("stops it when a friendly (by the nation's assessment) is within the danger radius", () => {
    const near = track('POL-cap', {
      identity: 'UNKNOWN',
      assessments: [{ nation: 'POL', identity: 'ASSUMED_FRIEND' }],
      position: { lat: 50.002, lon: 22.5, altM: 300 },
    });
    expect(launchBlocker(approved(), point, volumes, [near])).toMatch(
      /friendly track POL-cap is 222 m from the intercept point/,
    );
    // the target itself is never its own friendly
    expect(
      launchBlocker(approved(), point, volumes, [track('POL-t1', { identity: 'FRIEND', position: point })]),
    ).toBeNull();
  });

  it('stops it when a no-fire area is within the danger radius', () => {
    const nfa = {
      ...POL_SOUTH,
      id: 'hospital',
      kind: 'NO_FIRE_AREA',
      outline: undefined,
      circle: { center: { lat: 50.004, lon: 22.5 }, radiusM: 200 },
    } as AirspaceVolume;
    expect(distanceToVolumeM(nfa, point)).toBeCloseTo(244.8, 0);
    expect(launchBlocker(approved(), point, [...volumes, nfa], [])).toMatch(/no-fire area hospital/);
    const square = {
      ...POL_SOUTH,
      id: 'school',
      kind: 'NO_FIRE_AREA',
      outline: [
        { lat: 50.01, lon: 22.49 },
        { lat: 50.01, lon: 22.51 },
        { lat: 50.02, lon: 22.51 },
        { lat: 50.02, lon: 22.49 },
      ],
    } as AirspaceVolume;
    // 0.01 deg of latitude south of its edge: 1112 m on the kit's spherical earth (the ellipsoid says 1106 here).
    expect(distanceToVolumeM(square, point)).toBeCloseTo(1112, -1);
    expect(launchBlocker(approved(), point, [...volumes, square], [])).toBeNull();
  });
});
