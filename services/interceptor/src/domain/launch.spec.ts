import { describe, expect, it } from 'vitest';
import { effector, engagementRequest, POL_SOUTH, T0, track, UKR_WEST } from '@tessera/service-kit/fixtures';
import { interceptSolution } from './intercept.ts';
import { DEFAULT_JAMMING, jammingDetails } from './jamming.ts';
import { launchNow } from './launch.ts';

const approved = engagementRequest({ state: 'APPROVED', engagementState: 'AUTHORIZED' });
const drone = effector('e1', 'POL', 'INTERCEPTOR_DRONE', { position: { lat: 50, lon: 22.6 }, rangeKm: 20 });
const target = track('POL-t1'); // 50 N 22.5 E, west at 50 m/s
const picture = (tracks = [target]) => ({ nowMs: T0, volumes: [POL_SOUTH, UKR_WEST], tracks });

describe('whether an authorized request can go now', () => {
  it('an interceptor goes when it still reaches the target where it is now: the flyout in scenario seconds', () => {
    const now = launchNow(approved, drone, target, picture(), DEFAULT_JAMMING);
    expect(now).toEqual({ effectS: expect.any(Number) });
    expect((now as { effectS: number }).effectS).toBeGreaterThan(0);
  });

  it('waits while the target is out of reach, or something friendly is near the new intercept point', () => {
    const far = track('POL-t1', { position: { lat: 50, lon: 22.0, altM: 300 } });
    expect(launchNow(approved, drone, far, picture([far]), DEFAULT_JAMMING)).toEqual({
      wait: 'target out of reach now',
    });
    const point = interceptSolution(drone, target)!.point;
    const friend = track('POL-friend', { identity: 'FRIEND', position: point });
    expect(launchNow(approved, drone, target, picture([target, friend]), DEFAULT_JAMMING)).toEqual({
      wait: expect.stringMatching(/^friendly track POL-friend is \d+ m from the intercept point/),
    });
  });

  it("a jammer goes while the target is in its range and in the approved circle; the effect after the policy's time", () => {
    const jammer = effector('ew-1', 'POL', 'EW_JAMMER', { position: { lat: 50, lon: 22.6 }, rangeKm: 15 });
    const jamming = engagementRequest({
      kind: 'JAMMING',
      engagement: null,
      state: 'APPROVED',
      engagementState: 'AUTHORIZED',
      jamming: jammingDetails('ew-1', { lat: 50, lon: 22.5 }, { id: 'pol-south', nation: 'POL' }),
    });
    expect(launchNow(jamming, jammer, target, picture(), DEFAULT_JAMMING)).toEqual({
      effectS: DEFAULT_JAMMING.effectS,
    });
    const moved = track('POL-t1', { position: { lat: 50, lon: 22.45, altM: 300 } });
    expect(launchNow(jamming, jammer, moved, picture([moved]), DEFAULT_JAMMING)).toEqual({
      wait: expect.stringMatching(/^target \d+ m from the centre of the approved jamming area/),
    });
  });
});
