import { z } from 'zod';
import { FieldLabel, Label, NationCode } from './label.ts';
import { Provenance, Timestamp } from './provenance.ts';
import { TRACK_KINDS, TrackId, TrackKind, ownsTrack } from './track.ts';
import type { RedactedField } from './policy.ts';

/**
 * What the AI detection layer publishes (DOMAIN.md, "AI detections"): per-track classification and
 * threat evaluation, cyber-kinetic anomaly events, and the alerts watch officers acknowledge.
 * Everything here is advisory: nothing in it triggers force.
 */

/** The kinds a classifier chooses between: every track kind except UNKNOWN (which is "not classified"). */
export const CLASSIFIED_KINDS = TRACK_KINDS.filter((k) => k !== 'UNKNOWN') as Exclude<TrackKind, 'UNKNOWN'>[];

/** Which model produced an AI output. */
export const ModelRef = z.object({ name: z.string().min(1).max(64), version: z.string().min(1).max(32) });
export type ModelRef = z.infer<typeof ModelRef>;

/** Provenance of an AI output: the producing system, the model and the inputs it used. */
export const AiProvenance = Provenance.extend({
  model: ModelRef,
  inputs: z.object({
    trackIds: z.array(TrackId).max(16),
    /** Sensors behind the inputs; labelled like the tracks' sensor ids (field label `provenance.inputs.sensorIds`). */
    sensorIds: z.array(z.string().min(1).max(64)).max(16).optional(),
  }),
});
export type AiProvenance = z.infer<typeof AiProvenance>;

export const ClassProbability = z.object({ kind: TrackKind, probability: z.number().min(0).max(1) });

/** One feature that drove a classification: its value and how much the top class leans on it. */
export const ExplanationFactor = z.object({
  feature: z.string().min(1).max(64),
  value: z.number(),
  unit: z.string().max(16),
  /** Drop in the top class's probability when this feature is replaced by its typical value (0..1). */
  weight: z.number().min(-1).max(1),
});
export type ExplanationFactor = z.infer<typeof ExplanationFactor>;

export const PredictedPoint = z.object({
  /** Seconds after the track's last report. */
  tS: z.number().min(0),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  altM: z.number(),
});
export type PredictedPoint = z.infer<typeof PredictedPoint>;

/** Where and when an object is predicted to come down (or strike), with a one-sigma-ish uncertainty radius. */
export const PredictedImpact = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  radiusM: z.number().min(0),
  timeToImpactS: z.number().min(0),
});
export type PredictedImpact = z.infer<typeof PredictedImpact>;

export const PREDICTION_METHODS = ['KINEMATIC', 'GLIDE', 'BALLISTIC'] as const;
export const Prediction = z.object({
  /** KINEMATIC: straight on at current speed, course and climb; GLIDE: descent on the current glide angle to the ground. */
  method: z.enum(PREDICTION_METHODS),
  horizonS: z.number().positive(),
  path: z.array(PredictedPoint).max(200),
  /** Ground impact on the predicted path, when the object comes down within the horizon. */
  impact: PredictedImpact.nullable(),
});
export type Prediction = z.infer<typeof Prediction>;

/** The most urgent defended asset on a threat's predicted path. */
export const Threat = z.object({
  defendedAssetId: z.string().min(1).max(64),
  defendedAssetName: z.string().min(1).max(120),
  /** Closest approach of the predicted path to the asset's centre, metres. */
  closestApproachM: z.number().min(0),
  timeToClosestApproachS: z.number().min(0),
  /** Time until the object reaches the asset's protected radius; null when the path misses it. */
  timeToImpactS: z.number().min(0).nullable(),
  predictedImpact: z.object({ lat: z.number(), lon: z.number(), radiusM: z.number().min(0) }).nullable(),
});
export type Threat = z.infer<typeof Threat>;

/** Paths of a detection that may carry a stricter label than the detection. */
export const DETECTION_REDACTABLE_PATHS = ['threat', 'provenance.inputs.sensorIds'] as const;

export const Detection = z.object({
  /** One detection per track and model: `<trackId>` is its key, the id adds the model. */
  id: z.string().min(1).max(128),
  trackId: TrackId,
  /** The track's label: a detection is never more visible than the track it is about. */
  label: Label,
  fieldLabels: z
    .array(FieldLabel.extend({ path: z.enum(DETECTION_REDACTABLE_PATHS) }))
    .max(4)
    .default([]),
  provenance: AiProvenance,
  classProbabilities: z.array(ClassProbability).min(1).max(TRACK_KINDS.length),
  topClass: TrackKind,
  /** Probability of the top class, 0..1. */
  confidence: z.number().min(0).max(1),
  /** Number of track reports the features were computed from. */
  reports: z.number().int().min(1),
  explanation: z.array(ExplanationFactor).max(16),
  prediction: Prediction,
  threat: Threat.nullable().optional(),
  assessedAt: Timestamp,
});
export type Detection = z.infer<typeof Detection>;

/** What the detector publishes for one nation's tracks at a time: latest detections and the tracks it stopped assessing. */
export const DetectionBatch = z.object({
  seq: z.number().int().nonnegative(),
  publishedAt: Timestamp,
  upserts: z.array(Detection).max(10_000),
  /** Track ids whose detections are void (track gone). */
  removals: z.array(TrackId).max(10_000),
});
export type DetectionBatch = z.infer<typeof DetectionBatch>;

const notOwned = (nation: string) => `must be a track id of ${nation} (${nation}-…)`;

/**
 * Detections about `nation`'s tracks go to `subjects.detections(nation)`, and a batch there may add,
 * change and remove detections of that nation's tracks only: every upsert is about a track `nation`
 * owns and carries its label (originator `nation`), every removal names a track `nation` owns.
 * Returns the problems (`path: why; …`, like parseWith), or null when there are none.
 */
export function detectionBatchProblems(nation: string, batch: DetectionBatch): string | null {
  const problems: string[] = [];
  batch.upserts.forEach((d, i) => {
    if (d.label.originator !== nation)
      problems.push(`upserts.${i}.label.originator: must be ${nation}, the nation whose tracks the batch is about`);
    if (!ownsTrack(nation, d.trackId)) problems.push(`upserts.${i}.trackId: ${notOwned(nation)}`);
  });
  batch.removals.forEach((id, i) => {
    if (!ownsTrack(nation, id)) problems.push(`removals.${i}: ${notOwned(nation)}`);
  });
  return problems.length ? problems.join('; ') : null;
}

export const ANOMALY_KINDS = [
  'POSITION_JUMP',
  'IMPOSSIBLE_ACCELERATION',
  'FROZEN_POSITION',
  'VELOCITY_MISMATCH',
] as const;
export const AnomalyKind = z.enum(ANOMALY_KINDS);
export type AnomalyKind = z.infer<typeof AnomalyKind>;

/** What an anomaly may mean: the track's position source may be spoofed, or its sensor jammed. */
export const ANOMALY_ASSESSMENTS = ['POSSIBLE_GNSS_SPOOFING', 'POSSIBLE_JAMMING'] as const;
export const AnomalyAssessment = z.enum(ANOMALY_ASSESSMENTS);
export type AnomalyAssessment = z.infer<typeof AnomalyAssessment>;

/**
 * What an anomaly suggests: a position that jumps, freezes or contradicts the reported velocity
 * points at GNSS spoofing; an impossible acceleration at jamming. (The detector's outputs say the same.)
 */
export const assessmentOfAnomaly = (kind: AnomalyKind): AnomalyAssessment =>
  kind === 'IMPOSSIBLE_ACCELERATION' ? 'POSSIBLE_JAMMING' : 'POSSIBLE_GNSS_SPOOFING';

export const Evidence = z.object({
  name: z.string().min(1).max(64),
  value: z.number(),
  threshold: z.number(),
  unit: z.string().max(16),
});
export type Evidence = z.infer<typeof Evidence>;

export const ReportedPosition = z.object({
  at: Timestamp,
  lat: z.number(),
  lon: z.number(),
  altM: z.number(),
  speedMps: z.number(),
});

/** A track whose reports are physically implausible: possible GNSS spoofing or jamming. */
export const AnomalyEvent = z.object({
  id: z.string().min(1).max(160),
  trackId: TrackId,
  label: Label,
  fieldLabels: z
    .array(FieldLabel.extend({ path: z.literal('provenance.inputs.sensorIds') }))
    .max(2)
    .default([]),
  provenance: AiProvenance,
  kind: AnomalyKind,
  assessment: AnomalyAssessment,
  summary: z.string().min(1).max(300),
  evidence: z.array(Evidence).min(1).max(8),
  /** The reports that gave it away, oldest first. */
  reports: z.array(ReportedPosition).min(1).max(16),
  detectedAt: Timestamp,
});
export type AnomalyEvent = z.infer<typeof AnomalyEvent>;

/** An anomaly event on `subjects.anomalies(nation)` is about a track `nation` owns, under its label. Null when it is. */
export function anomalyEventProblems(nation: string, event: AnomalyEvent): string | null {
  const problems: string[] = [];
  if (event.label.originator !== nation)
    problems.push(`label.originator: must be ${nation}, the nation whose track the event is about`);
  if (!ownsTrack(nation, event.trackId)) problems.push(`trackId: ${notOwned(nation)}`);
  return problems.length ? problems.join('; ') : null;
}

export const ALERT_SEVERITIES = ['INFO', 'WARNING', 'CRITICAL'] as const;
export const AlertSeverity = z.enum(ALERT_SEVERITIES);
export type AlertSeverity = z.infer<typeof AlertSeverity>;
export const severityRank = (s: AlertSeverity) => ALERT_SEVERITIES.indexOf(s);

export const Acknowledgement = z.object({
  nation: NationCode,
  username: z.string().min(1).max(64),
  displayName: z.string().min(1).max(120),
  at: Timestamp,
  /** The severity acknowledged: an alert that escalates past it needs acknowledging again. */
  severity: AlertSeverity,
});
export type Acknowledgement = z.infer<typeof Acknowledgement>;

/**
 * Something a watch officer must look at now. THREAT: a threat's predicted path reaches a defended
 * asset within the alert threshold; ANOMALY: a cyber-kinetic anomaly event. Each nation acknowledges
 * for itself (one watch floor's acknowledgement does not silence another's).
 */
export const Alert = z.object({
  id: z.string().min(1).max(200),
  kind: z.enum(['THREAT', 'ANOMALY']),
  severity: AlertSeverity,
  /** Derived from every input (track, defended asset): never more visible than any of them. */
  label: Label,
  trackId: TrackId,
  title: z.string().min(1).max(200),
  defendedAssetId: z.string().max(64).nullable(),
  /** When the threat is predicted to reach the asset; the countdown runs to it. */
  impactExpectedAt: Timestamp.nullable(),
  predictedImpact: z.object({ lat: z.number(), lon: z.number(), radiusM: z.number().min(0) }).nullable(),
  anomalyKind: AnomalyKind.nullable(),
  raisedAt: Timestamp,
  updatedAt: Timestamp,
  /** Set when the condition ended (threat gone, track lost); the alert stays for the record a while. */
  clearedAt: Timestamp.nullable(),
  acknowledgements: z.array(Acknowledgement).max(64),
});
export type Alert = z.infer<typeof Alert>;

/** Gateway -> detector: a watch officer acknowledges an alert for their nation. */
export const AlertAckRequest = z.object({
  alertId: z.string().min(1).max(200),
  nation: NationCode,
  username: z.string().min(1).max(64),
  displayName: z.string().min(1).max(120),
});
export type AlertAckRequest = z.infer<typeof AlertAckRequest>;

export const ALERT_ACK_REFUSALS = ['NOT_FOUND', 'NOT_RELEASABLE', 'ALREADY_ACKNOWLEDGED', 'INVALID'] as const;
export const AlertAckReply = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), alert: Alert }),
  z.object({ ok: z.literal(false), code: z.enum(ALERT_ACK_REFUSALS), message: z.string() }),
]);
export type AlertAckReply = z.infer<typeof AlertAckReply>;

/** Whether `nation` has acknowledged the alert at its current severity. */
export function isAcknowledgedBy(
  alert: Pick<Alert, 'severity'> & { acknowledgements: readonly Pick<Acknowledgement, 'nation' | 'severity'>[] },
  nation: string,
): boolean {
  return alert.acknowledgements.some(
    (a) => a.nation === nation && severityRank(a.severity) >= severityRank(alert.severity),
  );
}

/** A detection / anomaly event as a viewer receives it (see releaseWithRedactions in policy.ts). */
export type ReleasedDetection = Omit<Detection, 'fieldLabels'> & { redacted: RedactedField[] };
export type ReleasedAnomalyEvent = Omit<AnomalyEvent, 'fieldLabels'> & { redacted: RedactedField[] };

/**
 * Most urgent first: active before cleared, then by severity, then the soonest predicted impact,
 * then the newest. The gateway's `alerts` query and the web's alert list both order by this.
 */
export function compareAlertUrgency(
  a: Pick<Alert, 'clearedAt' | 'severity' | 'impactExpectedAt' | 'raisedAt'>,
  b: Pick<Alert, 'clearedAt' | 'severity' | 'impactExpectedAt' | 'raisedAt'>,
): number {
  if ((a.clearedAt === null) !== (b.clearedAt === null)) return a.clearedAt === null ? -1 : 1;
  const bySeverity = severityRank(b.severity) - severityRank(a.severity);
  if (bySeverity !== 0) return bySeverity;
  const ta = a.impactExpectedAt ? Date.parse(a.impactExpectedAt) : Infinity;
  const tb = b.impactExpectedAt ? Date.parse(b.impactExpectedAt) : Infinity;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return Date.parse(b.raisedAt) - Date.parse(a.raisedAt);
}
