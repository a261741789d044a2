import { z } from 'zod';
import { FieldLabel, Label, NationCode } from './label.ts';
import { Provenance, Timestamp } from './provenance.ts';

export const TRACK_KINDS = [
  'FIXED_WING',
  'ROTARY',
  'UAS',
  'CRUISE_MISSILE',
  'GLIDE_BOMB',
  'BALLISTIC',
  'BALLOON',
  'UNKNOWN',
] as const;
export const TrackKind = z.enum(TRACK_KINDS);
export type TrackKind = z.infer<typeof TrackKind>;

/** STANAG 1241 / APP-6 standard identities. */
export const STANDARD_IDENTITIES = [
  'PENDING',
  'UNKNOWN',
  'ASSUMED_FRIEND',
  'FRIEND',
  'NEUTRAL',
  'SUSPECT',
  'HOSTILE',
] as const;
export const StandardIdentity = z.enum(STANDARD_IDENTITIES);
export type StandardIdentity = z.infer<typeof StandardIdentity>;

/**
 * A track id names its owner: `<originator nation>-<local id>`, e.g. `UKR-owa-lviv-1-01`. Objects are
 * keyed by originator and id (DOMAIN.md, "Trust on the message bus"); encoding the originator in the
 * id makes the id alone that key everywhere (pictures, detections, alerts, requests, outcomes), and
 * lets anyone check that a nation's feed touches only its own tracks. The contract refuses any other
 * form.
 */
const OWNED_TRACK_ID = /^([A-Z]{3})-[A-Za-z0-9][A-Za-z0-9_.:-]{0,59}$/;
export const TrackId = z
  .string()
  .regex(
    OWNED_TRACK_ID,
    'must be <originator nation>-<local id> such as UKR-owa-01 (local id: 1-60 letters, digits or _.:-, starting with a letter or digit)',
  );

/** The nation a track id belongs to (its `<originator>-` prefix), or null when it is not a track id. */
export function trackOwner(id: string): string | null {
  return OWNED_TRACK_ID.exec(id)?.[1] ?? null;
}

/** Whether `id` is a track id of `nation`: the only ids `nation`'s feed may add, change or remove. */
export function ownsTrack(nation: string, id: string): boolean {
  return trackOwner(id) === nation;
}

/** The track id of `nation`'s object `localId` (which must make a valid track id). */
export function ownedTrackId(nation: string, localId: string): string {
  const id = `${nation}-${localId}`;
  if (trackOwner(id) !== nation) throw new Error(`not a valid track id: ${JSON.stringify(id)}`);
  return id;
}

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
 * A source adds, changes and removes only its own nation's tracks: every upsert has the source
 * nation as originator and an id it owns, every removal an id it owns. (That it arrived on the
 * source nation's subject is the receiver's check: parseTrackBatch in the service kit.)
 */
export const TrackBatch = z
  .object({
    source: z.object({ nation: NationCode, system: z.string().min(1).max(64) }),
    seq: z.number().int().nonnegative(),
    publishedAt: Timestamp,
    upserts: z.array(Track).max(10_000),
    removals: z.array(TrackRemoval).max(10_000),
  })
  .superRefine((batch, ctx) => {
    const nation = batch.source.nation;
    batch.upserts.forEach((t, i) => {
      if (t.label.originator !== nation)
        ctx.addIssue({
          code: 'custom',
          path: ['upserts', i, 'label', 'originator'],
          message: `must be the source nation ${nation}`,
        });
      if (!ownsTrack(nation, t.id))
        ctx.addIssue({
          code: 'custom',
          path: ['upserts', i, 'id'],
          message: `must be a track id of the source nation (${nation}-…)`,
        });
    });
    batch.removals.forEach((r, i) => {
      if (!ownsTrack(nation, r.id))
        ctx.addIssue({
          code: 'custom',
          path: ['removals', i, 'id'],
          message: `must be a track id of the source nation (${nation}-…)`,
        });
    });
  });
export type TrackBatch = z.infer<typeof TrackBatch>;
