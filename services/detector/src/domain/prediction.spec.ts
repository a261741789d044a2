import { describe, expect, it } from 'vitest';
import { distanceM } from '@tessera/service-kit/geo';
import {
  closestApproach,
  methodFor,
  predict,
  threatsTo,
  threatTo,
  timeToGround,
  timeToReach,
  uncertaintyM,
  type Asset,
  type MotionState,
} from './prediction.ts';

/**
 * Worked examples, computed by hand. Earth radius R = 6 371 008.8 m, so
 *   1 degree of latitude          = R·π/180          = 111 194.93 m
 *   1 degree of longitude at 50 N = 111 194.93·cos 50 = 111 194.93 × 0.642788 = 71 474.6 m
 * Points "due east" are placed on the 50 N parallel (that is what the tangent plane at the track calls
 * east); the great circle heading 090 curves south of it by d²·tan(lat)/2R (9 m at 10 km, 337 m at
 * 60 km), which is why distances get a few metres and times 0.5 % of tolerance.
 */
const M_PER_DEG_LAT = 111_194.93;
const M_PER_DEG_LON_50N = 71_474.6;
const east = (m: number, northM = 0) => ({ lat: 50 + northM / M_PER_DEG_LAT, lon: 24 + m / M_PER_DEG_LON_50N });

/** 50 N 24 E, level, heading 090 at 50 m/s. */
const drone: MotionState = { lat: 50, lon: 24, altM: 300, speedMps: 50, courseDeg: 90, climbMps: 0 };
const asset = (id: string, at: { lat: number; lon: number }, radiusM = 2000): Asset => ({
  id,
  name: id.toUpperCase(),
  ...at,
  radiusM,
});

/** |actual - expected| <= 0.5 % of expected (or `absM` when expected is ~0). */
const within = (actual: number, expected: number, absM = 0) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.max(0.005 * Math.abs(expected), absM));

describe('closestApproach', () => {
  it('flies straight through an asset 10 km due east: ~0 m at 10 000 / 50 = 200 s', () => {
    const target = east(10_000);
    within(distanceM(drone, target), 10_000); // the fixture is what it says
    const cpa = closestApproach(drone, target, 600);
    within(cpa.tS, 200);
    expect(cpa.distanceM).toBeLessThan(10);
  });

  it('passes 1 km abeam an asset 10 km east and 1 km north: 1000 m at 200 s', () => {
    const cpa = closestApproach(drone, east(10_000, 1_000), 600);
    within(cpa.tS, 200);
    within(cpa.distanceM, 1_000);
  });

  it('is at t = 0 (now) for an asset behind, at its current distance', () => {
    const cpa = closestApproach(drone, east(-10_000), 600);
    expect(cpa.tS).toBe(0);
    within(cpa.distanceM, 10_000);
  });

  it('stops at the horizon: 10 km ahead with a 100 s horizon is 10 000 - 50·100 = 5000 m away then', () => {
    const cpa = closestApproach(drone, east(10_000), 100);
    expect(cpa.tS).toBe(100);
    within(cpa.distanceM, 5_000);
  });

  it('is now and here for an object that does not move', () => {
    const cpa = closestApproach({ ...drone, speedMps: 0 }, east(3_000), 600);
    expect(cpa.tS).toBe(0);
    within(cpa.distanceM, 3_000);
  });
});

describe('timeToReach', () => {
  it('enters a 2000 m radius 10 km ahead after (10 000 - 2000) / 50 = 160 s', () => {
    within(timeToReach(drone, east(10_000), 2_000, 600)!, 160);
  });

  it('enters a 2000 m radius 10 km ahead and 1 km aside after (10 000 - √(2000² - 1000²)) / 50 = (10 000 - 1732) / 50 = 165.4 s', () => {
    within(timeToReach(drone, east(10_000, 1_000), 2_000, 600)!, 165.36);
  });

  it('is 0 when already inside the radius', () => {
    expect(timeToReach(drone, east(1_500), 2_000, 600)).toBe(0);
    expect(timeToReach(drone, east(-1_500), 2_000, 600)).toBe(0);
  });

  it('is null when the path misses (5 km abeam, 2 km radius), the asset is behind, or beyond the horizon', () => {
    expect(timeToReach(drone, east(10_000, 5_000), 2_000, 600)).toBeNull();
    expect(timeToReach(drone, east(-10_000), 2_000, 600)).toBeNull();
    expect(timeToReach(drone, east(10_000), 2_000, 100)).toBeNull();
  });
});

describe('timeToGround', () => {
  it('GLIDE: 9000 m descending at 30 m/s lands after 9000 / 30 = 300 s', () => {
    expect(timeToGround({ ...drone, altM: 9_000, climbMps: -30 }, 'GLIDE')).toBe(300);
  });

  it('BALLISTIC: 20 000 m, climb -1000 m/s, g = 9.80665: t = (-1000 + √(1000² + 2·9.80665·20 000)) / 9.80665 = (-1000 + 1179.943) / 9.80665 = 18.349 s', () => {
    const t = timeToGround({ ...drone, altM: 20_000, climbMps: -1_000 }, 'BALLISTIC')!;
    expect(t).toBeCloseTo(18.349, 2);
  });

  it('BALLISTIC going up still comes down: 0 m/s at 4903 m falls for √(2·4903.3/9.80665) = 31.6 s', () => {
    expect(timeToGround({ ...drone, altM: 4_903.325, climbMps: 0 }, 'BALLISTIC')).toBeCloseTo(31.623, 2);
  });

  it('is 0 on the ground and null for level or climbing flight', () => {
    expect(timeToGround({ ...drone, altM: 0 }, 'KINEMATIC')).toBe(0);
    expect(timeToGround(drone, 'KINEMATIC')).toBeNull();
    expect(timeToGround({ ...drone, climbMps: 5 }, 'GLIDE')).toBeNull();
  });

  it('methodFor: ballistic falls, a descending glide bomb glides, the rest flies on', () => {
    expect(methodFor('BALLISTIC', 100)).toBe('BALLISTIC');
    expect(methodFor('GLIDE_BOMB', -30)).toBe('GLIDE');
    expect(methodFor('GLIDE_BOMB', 0)).toBe('KINEMATIC');
    expect(methodFor('UAS', -5)).toBe('KINEMATIC');
  });
});

describe('predict', () => {
  // A glide bomb at 9000 m, 200 m/s, heading 090, descending 30 m/s: ground after 300 s, 200·300 = 60 km east.
  const bomb: MotionState = { lat: 50, lon: 24, altM: 9_000, speedMps: 200, courseDeg: 90, climbMps: -30 };

  it('ends the path at the ground with the impact there, uncertainty 50 + 0.05·200·300 = 3050 m', () => {
    const p = predict(bomb, 'GLIDE', 600, 10);
    expect(p.method).toBe('GLIDE');
    expect(p.path.map((x) => x.tS)).toEqual([...Array.from({ length: 30 }, (_, i) => i * 10), 300]);
    expect(p.path[0]).toMatchObject({ lat: 50, lon: 24, altM: 9_000 });
    // 10 s in: 9000 - 300 = 8700 m, 2 km east
    expect(p.path[1]!.altM).toBe(8_700);
    within(distanceM(bomb, p.path[1]!), 2_000);
    const last = p.path[p.path.length - 1]!;
    expect(last.altM).toBe(0);
    expect(p.impact).not.toBeNull();
    expect(p.impact!.timeToImpactS).toBe(300);
    expect(p.impact!.radiusM).toBe(3_050);
    expect(p.impact!.radiusM).toBe(uncertaintyM(200, 300));
    expect({ lat: p.impact!.lat, lon: p.impact!.lon }).toEqual({ lat: last.lat, lon: last.lon });
    within(distanceM(bomb, p.impact!), 60_000);
    // along the great circle of course 090: a hair south of the parallel (60 000² · tan 50 / 2R = 337 m)
    within((50 - p.impact!.lat) * M_PER_DEG_LAT, 337, 5);
  });

  it('has no impact when the ground is beyond the horizon, and stops the path at the horizon', () => {
    const p = predict(bomb, 'GLIDE', 120, 10);
    expect(p.impact).toBeNull();
    expect(p.path[p.path.length - 1]!.tS).toBe(120);
    expect(p.path[p.path.length - 1]!.altM).toBe(9_000 - 30 * 120);
  });

  it('flies a level track on to the horizon without impact', () => {
    const p = predict(drone, 'KINEMATIC', 600, 60);
    expect(p.impact).toBeNull();
    expect(p.path).toHaveLength(11);
    within(distanceM(drone, p.path[10]!), 30_000);
    expect(p.path.every((x) => x.altM === 300)).toBe(true);
  });

  it('drops a ballistic object under gravity: after 10 s at climb 0 it has fallen g·10²/2 = 490.3 m', () => {
    const p = predict({ ...bomb, altM: 20_000, climbMps: 0, speedMps: 1_000 }, 'BALLISTIC', 600, 10);
    expect(p.path[1]!.altM).toBeCloseTo(20_000 - 490.3325, 3);
    // ground after √(2·20 000 / 9.80665) = 63.87 s
    expect(p.impact!.timeToImpactS).toBeCloseTo(63.866, 2);
    expect(p.path[p.path.length - 1]!.altM).toBe(0);
  });
});

describe('threatTo / threatsTo', () => {
  const bomb: MotionState = { lat: 50, lon: 24, altM: 9_000, speedMps: 200, courseDeg: 90, climbMps: -30 };

  it('a glide bomb whose ground impact (60 km east) is inside the asset threatens it: enters the 2 km radius at 58 000 / 200 = 290 s', () => {
    const t = threatTo(bomb, 'GLIDE', asset('target', east(60_000)), 600)!;
    expect(t).not.toBeNull();
    expect(t.defendedAssetId).toBe('target');
    expect(t.defendedAssetName).toBe('TARGET');
    within(t.timeToImpactS!, 290);
    within(t.timeToClosestApproachS, 300);
    // the path ends on the asset: closest approach only the great-circle sag, 337 m
    expect(t.closestApproachM).toBeLessThan(400);
    expect(t.predictedImpact!.radiusM).toBe(Math.round(uncertaintyM(200, t.timeToImpactS!)));
    within(distanceM(t.predictedImpact!, bomb), 58_000);
  });

  it('a glide bomb that comes down 4 km beside the asset is still a threat within its uncertainty (2000 + 3050 m), timed at the ground', () => {
    const t = threatTo(bomb, 'GLIDE', asset('beside', east(60_000, 4_000)), 600)!;
    expect(t).not.toBeNull();
    expect(t.timeToImpactS).toBe(300); // never inside the radius: the ground impact is the time
    within(t.closestApproachM, 4_000);
  });

  it('a glide bomb whose ground impact is outside the asset is no threat: 8 km beside, or 20 km short of it', () => {
    expect(threatTo(bomb, 'GLIDE', asset('aside', east(60_000, 8_000)), 600)).toBeNull();
    expect(threatTo(bomb, 'GLIDE', asset('beyond', east(80_000)), 600)).toBeNull();
    // the same asset 80 km east is in the way of something flying on level at 200 m/s: reached at 78 000 / 200 = 390 s
    within(threatTo({ ...bomb, climbMps: 0 }, 'KINEMATIC', asset('beyond', east(80_000)), 600)!.timeToImpactS!, 390);
  });

  it('no threat beyond the horizon', () => {
    expect(threatTo(drone, 'KINEMATIC', asset('far', east(40_000)), 600)).toBeNull(); // 38 000 / 50 = 760 s
    expect(threatTo(drone, 'KINEMATIC', asset('far', east(40_000)), 900)).not.toBeNull();
  });

  it('lists every threatened asset, the soonest impact first', () => {
    const assets = [
      asset('far', east(25_000)),
      asset('missed', east(10_000, 10_000)),
      asset('near', east(10_000)),
      asset('mid', east(17_000, 1_000)),
    ];
    const threats = threatsTo(drone, 'KINEMATIC', assets, 600);
    expect(threats.map((t) => t.defendedAssetId)).toEqual(['near', 'mid', 'far']);
    // (10 000 - 2000) / 50 = 160 s; (17 000 - 1732) / 50 = 305.4 s; (25 000 - 2000) / 50 = 460 s
    within(threats[0]!.timeToImpactS!, 160);
    within(threats[1]!.timeToImpactS!, 305.36);
    within(threats[2]!.timeToImpactS!, 460);
  });
});
