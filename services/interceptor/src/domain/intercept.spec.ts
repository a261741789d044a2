import { describe, expect, it } from 'vitest';
import { destination, distanceM } from '@tessera/service-kit/geo';
import { interceptSolution, solveIntercept } from './intercept.ts';

/** An interceptor drone at 50 N 20 E: 100 m/s, 20 km range. */
const E = { position: { lat: 50, lon: 20 }, speedMps: 100, rangeKm: 20 };
const at = (m: number, bearing: number, altM = 0) => ({ ...destination(E.position, m, bearing), altM });
const moving = (speedMps: number, courseDeg: number, climbMps = 0) => ({ speedMps, courseDeg, climbMps });

describe('interceptSolution', () => {
  it('head-on: 10 km apart closing at 100 + 50 m/s meet after 10 000 / 150 = 66.7 s, 6.67 km out', () => {
    const s = interceptSolution(E, { position: at(10_000, 0), velocity: moving(50, 180) })!;
    expect(s.timeS).toBeCloseTo(66.667, 2);
    expect(s.distanceM).toBeCloseTo(6666.7, 0);
    expect(s.bearingDeg).toBeCloseTo(0, 3);
    expect(distanceM(E.position, s.point)).toBeCloseTo(6666.7, 0);
  });

  it('crossing (3-4-5): target 10 km east flying north at 60 m/s; |(10 000, 60 t)| = 100 t gives t = 125 s, 12.5 km out', () => {
    const s = interceptSolution(E, { position: at(10_000, 90), velocity: moving(60, 0) })!;
    expect(s.timeS).toBeCloseTo(125, 3);
    expect(s.distanceM).toBeCloseTo(12_500, 0);
    // the point: 10 km east, 7.5 km north, at bearing atan(10 / 7.5) = 53.13 deg
    expect(s.bearingDeg).toBeCloseTo(53.13, 2);
    expect(distanceM(E.position, s.point)).toBeCloseTo(12_500, -1);
  });

  it('climbs to meet a target overhead: 3 km east, 4 km up, hovering: 5 km in 50 s', () => {
    const s = interceptSolution(E, { position: at(3000, 90, 4000), velocity: moving(0, 0) })!;
    expect(s.timeS).toBeCloseTo(50, 3);
    expect(s.point.altM).toBe(4000);
  });

  it('is null beyond range: the crossing target needs 12.5 km, a 12 km effector cannot', () => {
    const target = { position: at(10_000, 90), velocity: moving(60, 0) };
    expect(interceptSolution({ ...E, rangeKm: 12 }, target)).toBeNull();
    expect(solveIntercept({ ...E, rangeKm: 12 }, target)!.distanceM).toBeCloseTo(12_500, 0);
  });

  it('is null when the target runs away faster than the interceptor flies', () => {
    expect(solveIntercept(E, { position: at(10_000, 0), velocity: moving(150, 0) })).toBeNull();
  });

  it('meets a faster target that comes towards it (earliest of the two meetings)', () => {
    // 150 m/s head-on: closing at 250 m/s, 40 s
    expect(solveIntercept(E, { position: at(10_000, 0), velocity: moving(150, 180) })!.timeS).toBeCloseTo(40, 3);
  });

  it('at equal speeds, meets a target coming straight at it half-way', () => {
    expect(solveIntercept(E, { position: at(10_000, 0), velocity: moving(100, 180) })!.timeS).toBeCloseTo(50, 3);
    expect(solveIntercept(E, { position: at(10_000, 0), velocity: moving(100, 0) })).toBeNull();
  });

  it('is null when the target reaches the ground before it can be met', () => {
    // 100 m up, diving at 10 m/s: down in 10 s; the meeting would be at 66.7 s
    expect(solveIntercept(E, { position: at(10_000, 0, 100), velocity: moving(50, 180, -10) })).toBeNull();
  });

  it('meets a target already at the effector at once', () => {
    expect(interceptSolution(E, { position: { ...E.position, altM: 0 }, velocity: moving(50, 90) })!.timeS).toBe(0);
  });
});
