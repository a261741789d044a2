import { describe, expect, it } from 'vitest';
import { dangerRadiusOf } from '@tessera/schema';
import { isJammer, isKinetic, isUsedByAgents } from './effectors.ts';

describe('effectors', () => {
  it("danger radius by class: interceptor drone 300 m, gun 200 m, SAM 1000 m, unless the effector's reference entry says otherwise", () => {
    expect([
      dangerRadiusOf({ kind: 'INTERCEPTOR_DRONE' }),
      dangerRadiusOf({ kind: 'GUN' }),
      dangerRadiusOf({ kind: 'SAM' }),
    ]).toEqual([300, 200, 1000]);
    expect(dangerRadiusOf({ kind: 'SAM', dangerRadiusM: 1500 })).toBe(1500);
  });

  it('EW jammers are not kinetic, but the agents use them too (JAMMING requests)', () => {
    const all = ['INTERCEPTOR_DRONE', 'GUN', 'SAM', 'EW_JAMMER'] as const;
    expect(all.map((k) => isKinetic(k))).toEqual([true, true, true, false]);
    expect(all.map((k) => isJammer(k))).toEqual([false, false, false, true]);
    expect(all.map((k) => isUsedByAgents(k))).toEqual([true, true, true, true]);
  });
});
