import type { EffectorClass } from '@tessera/schema';

/**
 * The effector classes the agents use. Kinetic effectors (interceptor drones, guns, SAMs) are
 * requested as ENGAGEMENTs against an intercept point with a danger radius. EW jammers are requested
 * as JAMMING over a frequency band and an area around a drone (spectrum deconfliction is the
 * authority's): only against UAS targets, within the jammer's range (see domain/jamming.ts).
 */
export type KineticClass = Exclude<EffectorClass, 'EW_JAMMER'>;
export const KINETIC_CLASSES: readonly KineticClass[] = ['INTERCEPTOR_DRONE', 'GUN', 'SAM'];
export const isKinetic = (kind: EffectorClass): kind is KineticClass =>
  (KINETIC_CLASSES as readonly string[]).includes(kind);
export const isJammer = (kind: string): kind is 'EW_JAMMER' => kind === 'EW_JAMMER';
/** Whether the agents use effectors of this class at all (kinetic or jammer). */
export const isUsedByAgents = (kind: EffectorClass): boolean => isKinetic(kind) || isJammer(kind);
