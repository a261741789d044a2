import { describe, expect, it } from 'vitest';
import { distanceM, radioHorizonKm } from '@tessera/service-kit/geo';
import { buildRoute, stateAlong } from './kinematics.ts';

describe('routes and kinematics', () => {
  const a = { lat: 50, lon: 22, altM: 9000 };
  const b = { lat: 50, lon: 23, altM: 0 };

  it('measures a leg by great circle (1 degree of longitude at 50N is about 71.5 km)', () => {
    const route = buildRoute([a, b], false);
    expect(route.lengthM / 1000).toBeCloseTo(71.5, 0);
  });

  it('descends a glide bomb at a constant angle: climb = speed x slope', () => {
    const route = buildRoute([a, b], false);
    const mid = stateAlong(route, route.lengthM / 2, 240);
    expect(mid.altM).toBeCloseTo(4500, 0);
    expect(mid.climbMps).toBeCloseTo((-9000 / route.lengthM) * 240, 3);
    expect(mid.climbMps).toBeLessThan(-25);
    expect(mid.courseDeg).toBeGreaterThan(85);
    expect(mid.courseDeg).toBeLessThan(95);
  });

  it('stays at the last waypoint past the end of a route that does not loop', () => {
    const route = buildRoute([a, b], false);
    const end = stateAlong(route, route.lengthM * 2, 240);
    expect(distanceM(end, b)).toBeLessThan(1);
    expect(end.altM).toBeCloseTo(0, 6);
  });

  it('wraps a looping route back to its first waypoint', () => {
    const c = { lat: 50.5, lon: 22.5, altM: 9000 };
    const route = buildRoute([a, { ...b, altM: 9000 }, c], true);
    const again = stateAlong(route, route.lengthM + 1000, 200);
    const first = stateAlong(route, 1000, 200);
    expect(distanceM(again, first)).toBeLessThan(1);
  });

  it('refuses a degenerate route', () => {
    expect(() => buildRoute([a], false)).toThrow(/two waypoints/);
    expect(() => buildRoute([a, a], false)).toThrow(/distinct/);
  });

  it('computes the 4/3-earth radio horizon: 4.12 (sqrt h1 + sqrt h2) km', () => {
    expect(radioHorizonKm(100, 100)).toBeCloseTo(82.4, 6);
    expect(radioHorizonKm(30, 0)).toBeCloseTo(4.12 * Math.sqrt(30), 6);
  });
});
