import { describe, expect, it } from 'vitest';
import { DANGER_RADIUS_M, dangerRadiusM, isJammer, isKinetic, isUsedByAgents } from './effectors.ts';

describe('effectors', () => {
  it('danger radius by class: interceptor drone 300 m, gun 200 m, SAM 1000 m; the table is configuration', () => {
    expect([dangerRadiusM('INTERCEPTOR_DRONE'), dangerRadiusM('GUN'), dangerRadiusM('SAM')]).toEqual([300, 200, 1000]);
    expect(dangerRadiusM('SAM', { ...DANGER_RADIUS_M, SAM: 1500 })).toBe(1500);
  });

  it('EW jammers are not kinetic, but the agents use them too (JAMMING requests)', () => {
    const all = ['INTERCEPTOR_DRONE', 'GUN', 'SAM', 'EW_JAMMER'] as const;
    expect(all.map((k) => isKinetic(k))).toEqual([true, true, true, false]);
    expect(all.map((k) => isJammer(k))).toEqual([false, false, false, true]);
    expect(all.map((k) => isUsedByAgents(k))).toEqual([true, true, true, true]);
  });
});
