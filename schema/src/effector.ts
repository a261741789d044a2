import { z } from 'zod';
import { Label, NationCode } from './label.ts';
import { Timestamp } from './provenance.ts';
import { TrackId } from './track.ts';
import { EffectorClass } from './authority.ts';

/**
 * Effectors as reference data (KV `effector.<nation>.<id>`, written by the twin from the scenario):
 * where each one stands and what it can do. The interceptor agents assign them to threats.
 */
export const EffectorRef = z.object({
  id: z.string().min(1).max(64),
  nation: NationCode,
  kind: EffectorClass,
  position: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }),
  /** Farthest intercept, km from the effector. */
  rangeKm: z.number().positive(),
  /** Speed of the interceptor (drone, projectile, missile), m/s. */
  speedMps: z.number().positive(),
  /** Probability that one engagement destroys its target, 0..1. */
  probabilityOfKill: z.number().min(0).max(1),
  /** Nothing friendly may be within this distance of its intercept point, m; default by class (DANGER_RADIUS_M). */
  dangerRadiusM: z.number().positive().optional(),
  label: Label,
});
export type EffectorRef = z.infer<typeof EffectorRef>;

/**
 * Danger radius by effector class, m (reference configuration): fragments of a drone intercept, a
 * gun's burst, a missile's warhead and debris. A jammer has no intercept point.
 */
export const DANGER_RADIUS_M: Readonly<Record<EffectorClass, number>> = {
  INTERCEPTOR_DRONE: 300,
  GUN: 200,
  SAM: 1000,
  EW_JAMMER: 0,
};

/** The danger radius of an effector: its own reference entry, else its class's. The authority checks engagements against it. */
export const dangerRadiusOf = (e: Pick<EffectorRef, 'kind' | 'dangerRadiusM'>): number =>
  e.dangerRadiusM ?? DANGER_RADIUS_M[e.kind];

/**
 * What an executed engagement did to its target, published on `subjects.effectOutcome` once the
 * authority has recorded the completion. `nation` is the originator of the target's track (whose
 * fusion centre drops it). The twin removes a DESTROYED target from the simulation.
 */
export const EffectOutcome = z.object({
  requestId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -'),
  effectorId: z.string().min(1).max(64),
  trackId: TrackId,
  nation: NationCode,
  outcome: z.enum(['DESTROYED', 'MISSED']),
  at: Timestamp,
});
export type EffectOutcome = z.infer<typeof EffectOutcome>;
