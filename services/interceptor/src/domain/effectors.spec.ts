import { describe, expect, it } from 'vitest';
import { DANGER_RADIUS_M, dangerRadiusM, isKinetic } from './effectors.ts';

describe('effectors', () => {
  it('danger radius by class: interceptor drone 300 m, gun 200 m, SAM 1000 m; the table is configuration', () => {
    expect([dangerRadiusM('INTERCEPTOR_DRONE'), dangerRadiusM('GUN'), dangerRadiusM('SAM')]).toEqual([300, 200, 1000]);
    expect(dangerRadiusM('SAM', { ...DANGER_RADIUS_M, SAM: 1500 })).toBe(1500);
  });

  it('leaves EW jammers out of kinetic engagements', () => {
    expect(['INTERCEPTOR_DRONE', 'GUN', 'SAM', 'EW_JAMMER'].map((k) => isKinetic(k as never))).toEqual([true, true, true, false]);
  });
});
