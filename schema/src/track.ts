import { z } from 'zod';
import { FieldLabel, Label, NationCode } from './label.ts';
import { Provenance, Timestamp } from './provenance.ts';

export const TRACK_KINDS = ['FIXED_WING', 'ROTARY', 'UAS', 'CRUISE_MISSILE', 'GLIDE_BOMB', 'BALLISTIC', 'BALLOON', 'UNKNOWN'] as const;
export const TrackKind = z.enum(TRACK_KINDS);
export type TrackKind = z.infer<typeof TrackKind>;

/** STANAG 1241 / APP-6 standard identities. */
export const STANDARD_IDENTITIES = ['PENDING', 'UNKNOWN', 'ASSUMED_FRIEND', 'FRIEND', 'NEUTRAL', 'SUSPECT', 'HOSTILE'] as const;
export const StandardIdentity = z.enum(STANDARD_IDENTITIES);
export type StandardIdentity = z.infer<typeof StandardIdentity>;

export const TrackId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, 'must be 1-64 letters, digits or _.:- and start with a letter or digit');

export const Position = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  /** Altitude in metres above the WGS84 ellipsoid. */
  altM: z.number().min(-500).max(100_000),
});
export type Position = z.infer<typeof Position>;

export const Velocity = z.object({
  speedMps: z.number().min(0).max(10_000),
  courseDeg: z.number().min(0).lt(360),
  climbMps: z.number().min(-5_000).max(5_000),
});
export type Velocity = z.infer<typeof Velocity>;

export const IdentityAssessment = z.object({ nation: NationCode, identity: StandardIdentity });
export type IdentityAssessment = z.infer<typeof IdentityAssessment>;

/** Track fields a field label may withhold: optional in the GraphQL schema, listed in `redacted` when withheld. */
export const TRACK_REDACTABLE_PATHS = ['provenance.sourceId', 'provenance.system'] as const;

/** The fused picture of one object in the air, as its originator publishes it. */
export const Track = z.object({
  id: TrackId,
  label: Label,
  provenance: Provenance,
  kind: TrackKind,
  /** The originator's standard identity. */
  identity: StandardIdentity,
  /** Each nation's own identity assessment; nations may disagree. */
  assessments: z.array(IdentityAssessment),
  position: Position,
  velocity: Velocity,
  /**
   * Radar cross-section measured by the reporting radar, dBsm (fluctuates report to report); absent
   * when the sensor does not measure one (passive RF, EO/IR, acoustic).
   */
  rcsDbsm: z.number().min(-60).max(60).optional(),
  /** Track quality 0 (coasting guess) .. 1 (firm). */
  quality: z.number().min(0).max(1),
  updatedAt: Timestamp,
  staleAt: Timestamp,
  /** Fields labelled more strictly than the track (e.g. the sensor behind it); only redactable fields. */
  fieldLabels: z
    .array(FieldLabel.extend({ path: z.enum(TRACK_REDACTABLE_PATHS) }))
    .max(8)
    .default([]),
});
export type Track = z.infer<typeof Track>;

export const REMOVAL_REASONS = ['LEFT', 'LANDED', 'IMPACT', 'DESTROYED', 'LOST', 'RESET'] as const;
export const TrackRemoval = z.object({ id: TrackId, reason: z.enum(REMOVAL_REASONS) });
export type TrackRemoval = z.infer<typeof TrackRemoval>;

/**
 * What a track source publishes at each update: the latest state of the tracks that changed and the
 * tracks it dropped. `seq` increases by one per batch per source so a consumer can detect gaps.
 */
export const TrackBatch = z.object({
  source: z.object({ nation: NationCode, system: z.string().min(1).max(64) }),
  seq: z.number().int().nonnegative(),
  publishedAt: Timestamp,
  upserts: z.array(Track).max(10_000),
  removals: z.array(TrackRemoval).max(10_000),
});
export type TrackBatch = z.infer<typeof TrackBatch>;
