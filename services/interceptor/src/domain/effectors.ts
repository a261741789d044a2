import type { EffectorClass } from '@tessera/schema';

/**
 * The effector classes the agents engage with. EW_JAMMER is left out for now: jamming is a JAMMING
 * request over a frequency band and an area (spectrum deconfliction), not a kinetic intercept.
 */
export type KineticClass = Exclude<EffectorClass, 'EW_JAMMER'>;
export const KINETIC_CLASSES: readonly KineticClass[] = ['INTERCEPTOR_DRONE', 'GUN', 'SAM'];
export const isKinetic = (kind: EffectorClass): kind is KineticClass => (KINETIC_CLASSES as readonly string[]).includes(kind);

/**
 * Nothing friendly may be within this distance of an intercept point (configuration; the authority
 * checks friendlies and no-fire areas against it): fragments of a drone intercept, a gun's burst,
 * a missile's warhead and debris.
 */
export const DANGER_RADIUS_M: Readonly<Record<KineticClass, number>> = {
  INTERCEPTOR_DRONE: 300,
  GUN: 200,
  SAM: 1000,
};

export function dangerRadiusM(kind: KineticClass, table: Readonly<Record<KineticClass, number>> = DANGER_RADIUS_M): number {
  return table[kind];
}
