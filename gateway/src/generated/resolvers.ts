import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ReleasedTrack as ReleasedTrackModel, User as UserModel, AirspaceVolume as AirspaceVolumeModel, OperationalArea as OperationalAreaModel, ReleasedDetection as ReleasedDetectionModel, ReleasedAnomalyEvent as ReleasedAnomalyEventModel, Alert as AlertModel, AuthorizationRequest as AuthorizationRequestModel, AuditRecord as AuditRecordModel, StandingAuthority as StandingAuthorityModel } from '@tessera/schema';
import type { GraphQLContext } from '../graphql/context.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant as an ISO 8601 / RFC 3339 string with offset, e.g. 2026-11-26T06:42:10.000Z. */
  DateTime: { input: string; output: string; }
};

/** A watch officer's acknowledgement of an alert. */
export type Acknowledgement = {
  __typename?: 'Acknowledgement';
  /** When. */
  at: Scalars['DateTime']['output'];
  /** Their display name. */
  displayName: Scalars['String']['output'];
  /** Nation that acknowledged. */
  nation: Scalars['String']['output'];
  /** The severity acknowledged; an escalated alert needs acknowledging again. */
  severity: AlertSeverity;
  /** Who acknowledged. */
  username: Scalars['String']['output'];
};

/** Who acted: a person or a service. */
export type Actor = {
  __typename?: 'Actor';
  /** Username or service name. */
  id: Scalars['String']['output'];
  /** USER or SERVICE. */
  kind: Scalars['String']['output'];
  /** Nation, when bound to one. */
  nation?: Maybe<Scalars['String']['output']>;
};

/** What an AI output was computed from. */
export type AiInputs = {
  __typename?: 'AiInputs';
  /** Sensors behind those tracks; null when withheld from you (see redacted). */
  sensorIds?: Maybe<Array<Scalars['String']['output']>>;
  /** Tracks used. */
  trackIds: Array<Scalars['ID']['output']>;
};

/** Where an AI output came from: the system, the model and its inputs. */
export type AiProvenance = {
  __typename?: 'AiProvenance';
  /** The inputs. */
  inputs: AiInputs;
  /** The model. */
  model: ModelRef;
  /** Nation on whose tracks the model ran (the tracks' originator). */
  nation: Scalars['String']['output'];
  /** When the input was observed. */
  observedAt: Scalars['DateTime']['output'];
  /** When the output was published. */
  publishedAt: Scalars['DateTime']['output'];
  /** Producing component (the model name). */
  sourceId: Scalars['String']['output'];
  /** Producing system. */
  system: Scalars['String']['output'];
};

/** A change to the airspace of one subscriber. */
export type AirspaceBatch = {
  __typename?: 'AirspaceBatch';
  /** Volumes that left (or are no longer releasable to you), as NATION/id. */
  removals: Array<Scalars['ID']['output']>;
  /** True when this batch is the whole airspace: replace what you have. */
  reset: Scalars['Boolean']['output'];
  /** When the gateway sent the batch. */
  sentAt: Scalars['DateTime']['output'];
  /** Increases by one per batch of this subscription, starting at 1. */
  seq: Scalars['Int']['output'];
  /** Volumes created or changed (latest only). */
  upserts: Array<AirspaceVolume>;
};

/** A 4D airspace volume: footprint (outline or circle), altitude band and validity. */
export type AirspaceVolume = {
  __typename?: 'AirspaceVolume';
  /** Upper altitude, metres WGS84. */
  ceilingM: Scalars['Float']['output'];
  /** Circle, when the footprint is a circle. */
  circle?: Maybe<Circle>;
  /** Lower altitude, metres WGS84. */
  floorM: Scalars['Float']['output'];
  /** Volume id, unique per nation. */
  id: Scalars['ID']['output'];
  /** What the volume is for. */
  kind: VolumeKind;
  /** Who may see this volume. */
  label: Label;
  /** Name shown on the globe. */
  name: Scalars['String']['output'];
  /** Owning nation. */
  nation: Scalars['String']['output'];
  /** Outline polygon, when the footprint is a polygon. */
  outline?: Maybe<Array<GeoPoint>>;
  /** Where the reservation is in its life (scenario sectors and assets are ACTIVE). */
  state: ReservationState;
  /** Start of validity; null means always. */
  validFrom?: Maybe<Scalars['DateTime']['output']>;
  /** End of validity; null means open-ended. */
  validTo?: Maybe<Scalars['DateTime']['output']>;
  /** Changes with every edit; name it when you edit or end the volume (proof of awareness). */
  version: Scalars['Int']['output'];
  /** Weapons control status (sectors only). */
  wcs?: Maybe<WeaponsControlStatus>;
};

/** Something a watch officer must look at now. */
export type Alert = {
  __typename?: 'Alert';
  /** Whether your nation has acknowledged it at its current severity. */
  acknowledged: Scalars['Boolean']['output'];
  /** Your nation's acknowledgement (other nations acknowledge for themselves). */
  acknowledgements: Array<Acknowledgement>;
  /** What is implausible (ANOMALY). */
  anomalyKind?: Maybe<AnomalyKind>;
  /** When the condition ended; null while active. */
  clearedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The defended asset threatened (THREAT). */
  defendedAssetId?: Maybe<Scalars['ID']['output']>;
  /** Alert id. */
  id: Scalars['ID']['output'];
  /** When the threat is predicted to arrive (THREAT); countdowns run to it. */
  impactExpectedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Why it was raised. */
  kind: AlertKind;
  /** Who may see it, derived from every input (track, defended asset). */
  label: Label;
  /** Where it is predicted to arrive (THREAT). */
  predictedImpact?: Maybe<ImpactArea>;
  /** When raised. */
  raisedAt: Scalars['DateTime']['output'];
  /** How urgent. */
  severity: AlertSeverity;
  /** One line for people. */
  title: Scalars['String']['output'];
  /** The track concerned. */
  trackId: Scalars['ID']['output'];
  /** When last changed. */
  updatedAt: Scalars['DateTime']['output'];
};

/** A change to the alerts of one subscriber. */
export type AlertBatch = {
  __typename?: 'AlertBatch';
  /** Ids of alerts purged. */
  removals: Array<Scalars['ID']['output']>;
  /** True when this batch is the whole set: replace what you have. The first batch is one; so is the next batch of a subscriber that fell behind. */
  reset: Scalars['Boolean']['output'];
  /** When the gateway sent the batch. */
  sentAt: Scalars['DateTime']['output'];
  /** The stream's batch number: a reset carries the current one, each later batch the next; a gap means lost batches (subscribe again). */
  seq: Scalars['Int']['output'];
  /** Alerts raised or changed (latest only). */
  upserts: Array<Alert>;
};

/** Why an alert was raised. */
export type AlertKind =
  /** A cyber-kinetic anomaly. */
  | 'ANOMALY'
  /** A threat is predicted to reach a defended asset soon. */
  | 'THREAT';

/** How urgent an alert is. */
export type AlertSeverity =
  /** Needs attention now. */
  | 'CRITICAL'
  /** For information. */
  | 'INFO'
  /** Needs attention. */
  | 'WARNING';

/** What an anomaly may mean. */
export type AnomalyAssessment =
  /** The track's position source may be spoofed. */
  | 'POSSIBLE_GNSS_SPOOFING'
  /** The sensor may be jammed. */
  | 'POSSIBLE_JAMMING';

/** A cyber-kinetic anomaly: a track whose reports are physically implausible. */
export type AnomalyEvent = {
  __typename?: 'AnomalyEvent';
  /** What it may mean. */
  assessment: AnomalyAssessment;
  /** When detected. */
  detectedAt: Scalars['DateTime']['output'];
  /** Measurements and the limits they broke. */
  evidence: Array<Evidence>;
  /** Event id. */
  id: Scalars['ID']['output'];
  /** What is implausible. */
  kind: AnomalyKind;
  /** Who may see it: the track's label. */
  label: Label;
  /** Model, system and inputs. */
  provenance: AiProvenance;
  /** Fields withheld from you by field-level labels. */
  redacted: Array<RedactedField>;
  /** The reports involved, oldest first. */
  reports: Array<ReportedPosition>;
  /** One line for people. */
  summary: Scalars['String']['output'];
  /** The track. */
  trackId: Scalars['ID']['output'];
};

/** What is physically implausible about a track. */
export type AnomalyKind =
  /** Identical positions while reporting speed. */
  | 'FROZEN_POSITION'
  /** Speed changed faster than any airframe can. */
  | 'IMPOSSIBLE_ACCELERATION'
  /** The position jumped further than the speed explains. */
  | 'POSITION_JUMP'
  /** Positions and reported velocity disagree. */
  | 'VELOCITY_MISMATCH';

/**
 * What a proposal changes in one assignment. Withheld when the assignment is not releasable to you:
 * then only its nation and the action are shown.
 */
export type AssignmentChange = {
  __typename?: 'AssignmentChange';
  /** Modify or end. */
  action: AssignmentChangeAction;
  /** New EIRP, dBm; null when unchanged or withheld. */
  eirpDbm?: Maybe<Scalars['Float']['output']>;
  /** New upper edge, MHz; null when unchanged or withheld. */
  highMHz?: Maybe<Scalars['Float']['output']>;
  /** Assignment id; null when withheld. */
  id?: Maybe<Scalars['ID']['output']>;
  /** New lower edge, MHz; null when unchanged or withheld. */
  lowMHz?: Maybe<Scalars['Float']['output']>;
  /** Nation owning the assignment. */
  nation: Scalars['String']['output'];
  /** New start of validity; null when unchanged or withheld. */
  validFrom?: Maybe<Scalars['DateTime']['output']>;
  /** New end of validity; null when unchanged or withheld. */
  validTo?: Maybe<Scalars['DateTime']['output']>;
  /** True when the assignment is not releasable to you. */
  withheld: Scalars['Boolean']['output'];
};

/** What a change does to an assignment. */
export type AssignmentChangeAction =
  /** End the assignment. */
  | 'END'
  /** New band, power or time window (what is null stays). */
  | 'MODIFY';

/** What a proposal changes in one assignment; what is left null stays as it is. */
export type AssignmentChangeInput = {
  /** Modify or end. */
  action: AssignmentChangeAction;
  /** New EIRP, dBm (MODIFY). */
  eirpDbm?: InputMaybe<Scalars['Float']['input']>;
  /** New upper edge, MHz (MODIFY). */
  highMHz?: InputMaybe<Scalars['Float']['input']>;
  /** Assignment id. */
  id: Scalars['ID']['input'];
  /** New lower edge, MHz (MODIFY). */
  lowMHz?: InputMaybe<Scalars['Float']['input']>;
  /** Nation owning the assignment. */
  nation: Scalars['String']['input'];
  /** New start of validity (MODIFY). */
  validFrom?: InputMaybe<Scalars['DateTime']['input']>;
  /** New end of validity (MODIFY). */
  validTo?: InputMaybe<Scalars['DateTime']['input']>;
};

/** An assignment as you ask for it. */
export type AssignmentInput = {
  /** Classification (at most your clearance). */
  classification: Classification;
  /** Transmit power (EIRP), dBm (transmitters). */
  eirpDbm?: InputMaybe<Scalars['Float']['input']>;
  /** Upper edge, MHz. */
  highMHz: Scalars['Float']['input'];
  /** Where it is (give exactly one of point, outline, circle). */
  location: SpectrumLocationInput;
  /** Lower edge, MHz. */
  lowMHz: Scalars['Float']['input'];
  /** 0-9. */
  priority?: Scalars['Int']['input'];
  /** Nations besides yours that may see it; empty means your nation only. */
  releasableTo: Array<Scalars['String']['input']>;
  /** The system's name (1-120 characters). */
  system: Scalars['String']['input'];
  /** Received power above which it is harmed, dBm (receivers). */
  thresholdDbm?: InputMaybe<Scalars['Float']['input']>;
  /** Id of one of your nation's reservations whose drones carry these receivers. */
  tiedReservationId?: InputMaybe<Scalars['ID']['input']>;
  /** Upper edge of the tunable range, MHz. */
  tunableHighMHz?: InputMaybe<Scalars['Float']['input']>;
  /** Lower edge of the tunable range, MHz (with tunableHighMHz; omit both when it cannot be retuned). */
  tunableLowMHz?: InputMaybe<Scalars['Float']['input']>;
  /** What it does with the band. */
  use: SpectrumUse;
  /** Start of validity; null means now on. */
  validFrom?: InputMaybe<Scalars['DateTime']['input']>;
  /** End of validity; null means open-ended. */
  validTo?: InputMaybe<Scalars['DateTime']['input']>;
};

/** One record of the signed audit chain. */
export type AuditRecord = {
  __typename?: 'AuditRecord';
  /** What happened, e.g. REQUEST_OPENED, DECISION_APPROVE, REFUSED, WCS_CHANGED. */
  action: Scalars['String']['output'];
  /** Who acted. */
  actor: Actor;
  /** When it was recorded. */
  at: Scalars['DateTime']['output'];
  /** Details as JSON text. */
  details: Scalars['String']['output'];
  /** SHA-256 of this record (canonical JSON). */
  hash: Scalars['String']['output'];
  /** SHA-256 of the previous record. */
  prevHash: Scalars['String']['output'];
  /** Position in the chain, from 1. */
  seq: Scalars['Int']['output'];
  /** What it concerns: a request id, or NATION/sector. */
  subject: Scalars['String']['output'];
};

/** A use of force or an escalation waiting for (or decided by) the right humans. */
export type AuthorizationRequest = {
  __typename?: 'AuthorizationRequest';
  /** Why it was aborted. */
  abortReason?: Maybe<Scalars['String']['output']>;
  /** Autonomy change details (AUTONOMY_CHANGE). */
  autonomyChange?: Maybe<AutonomyChangeDetails>;
  /** Whether you may decide it now (a commander of a nation that must concur, who has not decided yet). */
  awaitingYou: Scalars['Boolean']['output'];
  /** The deconfliction and rule checks the authority made (engagements). */
  checks: Array<RequestCheck>;
  /** When it was made. */
  createdAt: Scalars['DateTime']['output'];
  /** Decide before this; at it the request expires and never executes. */
  deadline: Scalars['DateTime']['output'];
  /** Decisions so far, in order. */
  decisions: Array<Decision>;
  /** Engagement details (ENGAGEMENT). */
  engagement?: Maybe<EngagementDetails>;
  /** Lifecycle of an approved engagement. */
  engagementState?: Maybe<EngagementState>;
  /** Request id. */
  id: Scalars['ID']['output'];
  /** Jamming details (JAMMING). */
  jamming?: Maybe<JammingDetails>;
  /** What it asks for. */
  kind: RequestKind;
  /** Who may see it. */
  label: Label;
  /** Nation of the effector, sector or effector class. */
  nation: Scalars['String']['output'];
  /** DESTROYED or MISSED once completed. */
  outcome?: Maybe<Scalars['String']['output']>;
  /** Who asked. */
  requestedBy: Actor;
  /** Who must concur. */
  requiredApprovals: Array<RequiredApproval>;
  /** Where it stands. */
  state: RequestState;
  /** Implausibility flags on the target when it was asked for (engagements, jamming): shown before any decision. */
  targetWarnings: Array<TargetWarning>;
  /** Increases with every change. */
  version: Scalars['Int']['output'];
  /** ON_THE_LOOP: proceeds at this instant unless vetoed. */
  vetoUntil?: Maybe<Scalars['DateTime']['output']>;
  /** WCS change details (WCS_CHANGE). */
  wcsChange?: Maybe<WcsChangeDetails>;
};

/** A change to the authorization requests of one subscriber. */
export type AuthorizationRequestBatch = {
  __typename?: 'AuthorizationRequestBatch';
  /** Ids of requests gone. */
  removals: Array<Scalars['ID']['output']>;
  /** True when this batch is the whole set: replace what you have. The first batch is one; so is the next batch of a subscriber that fell behind. */
  reset: Scalars['Boolean']['output'];
  /** When the gateway sent the batch. */
  sentAt: Scalars['DateTime']['output'];
  /** The stream's batch number: a reset carries the current one, each later batch the next; a gap means lost batches (subscribe again). */
  seq: Scalars['Int']['output'];
  /** Requests created or changed (latest only). */
  upserts: Array<AuthorizationRequest>;
};

/** A proposed change of an effector class's autonomy. */
export type AutonomyChangeDetails = {
  __typename?: 'AutonomyChangeDetails';
  /** Effector class. */
  effectorClass: EffectorClass;
  /** Current mode. */
  from: AutonomyMode;
  /** Proposed mode. */
  to: AutonomyMode;
};

/** How much an effector class may do on its own. */
export type AutonomyMode =
  /** Every engagement needs an explicit approval. */
  | 'IN_THE_LOOP'
  /** Operated by people. */
  | 'MANUAL'
  /** Engagements proceed after a veto window unless vetoed. */
  | 'ON_THE_LOOP';

/** The autonomy mode in force for an effector class of your nation. */
export type AutonomySetting = {
  __typename?: 'AutonomySetting';
  /** Effector class. */
  effectorClass: EffectorClass;
  /** Mode in force (IN_THE_LOOP unless changed). */
  mode: AutonomyMode;
};

/** A circle on the ground. */
export type Circle = {
  __typename?: 'Circle';
  /** Centre. */
  center: GeoPoint;
  /** Radius in metres. */
  radiusM: Scalars['Float']['output'];
};

/** A circle to define a zone. */
export type CircleInput = {
  /** Latitude of the centre. */
  lat: Scalars['Float']['input'];
  /** Longitude of the centre. */
  lon: Scalars['Float']['input'];
  /** Radius in metres. */
  radiusM: Scalars['Float']['input'];
};

/** Probability of one track kind. */
export type ClassProbability = {
  __typename?: 'ClassProbability';
  /** Track kind. */
  kind: TrackKind;
  /** Probability, 0..1. */
  probability: Scalars['Float']['output'];
};

/** Classification levels, from least to most protected. */
export type Classification =
  /** Confidential. */
  | 'CONFIDENTIAL'
  /** Restricted. */
  | 'RESTRICTED'
  /** Secret. */
  | 'SECRET'
  /** Releasable without restriction within the coalition network. */
  | 'UNCLASSIFIED';

/**
 * Two reservations of different nations that overlap in area, altitude and time with incompatible kinds.
 * Derived from both: a party that may not see the other reservation gets a sanitized view (that side
 * withheld, the overlap region kept); anyone else who may not see both gets nothing.
 */
export type Conflict = {
  __typename?: 'Conflict';
  /** When it was found. */
  detectedAt: Scalars['DateTime']['output'];
  /** Conflict id. */
  id: Scalars['ID']['output'];
  /** What is in conflict. */
  kind: ConflictKind;
  /** Who may see what you receive: the conflict's label, or for a sanitized view the label of what it shows. */
  label: Label;
  /** Nations whose liaisons must agree (AIRSPACE) or who are concerned (ENGAGEMENT), sorted. */
  parties: Array<Scalars['String']['output']>;
  /** Where, how high and when they overlap (AIRSPACE, ENGAGEMENT); null for SPECTRUM. */
  region?: Maybe<ConflictRegion>;
  /** The accepted proposal that resolved it or accepted the risk. */
  resolvedBy?: Maybe<Scalars['ID']['output']>;
  /** True when you receive a sanitized view (a side is withheld from you). */
  sanitized: Scalars['Boolean']['output'];
  /** How serious. */
  severity: ConflictSeverity;
  /** The two reservations (for ENGAGEMENT: the engagement, then the reservation), each withheld when not releasable to you. */
  sides: Array<ConflictSide>;
  /** The band, margins and time of a SPECTRUM conflict; null otherwise. */
  spectrum?: Maybe<SpectrumConflictInfo>;
  /** Where it stands. */
  state: ConflictState;
  /** When it last changed. */
  updatedAt: Scalars['DateTime']['output'];
  /** Increases with every change. */
  version: Scalars['Int']['output'];
};

/** A change to the conflicts of one subscriber. */
export type ConflictBatch = {
  __typename?: 'ConflictBatch';
  /** Ids of conflicts gone (or no longer releasable to you). */
  removals: Array<Scalars['ID']['output']>;
  /** True when this batch is the whole set: replace what you have. */
  reset: Scalars['Boolean']['output'];
  /** When the gateway sent the batch. */
  sentAt: Scalars['DateTime']['output'];
  /** Increases by one per batch of this subscription, starting at 1. */
  seq: Scalars['Int']['output'];
  /** Conflicts found or changed (latest only). */
  upserts: Array<Conflict>;
};

/** Whose airspace a conflict concerns. */
export type ConflictKind =
  /** Two airspace reservations. */
  | 'AIRSPACE'
  /** An open engagement whose danger radius or flyout path meets a no-fire area or a transit corridor in force. Settled by the commanders deciding the request or by changing the reservation: not negotiated. */
  | 'ENGAGEMENT'
  /** Two spectrum assignments that interfere, or a transmission over a TABOO band; negotiated with assignment changes. */
  | 'SPECTRUM';

/** The 4D overlap of two reservations: where, how high, when. */
export type ConflictRegion = {
  __typename?: 'ConflictRegion';
  /** Area of the overlap, km². */
  areaKm2: Scalars['Float']['output'];
  /** Upper altitude of the overlap, metres WGS84. */
  ceilingM: Scalars['Float']['output'];
  /** Lower altitude of the overlap, metres WGS84. */
  floorM: Scalars['Float']['output'];
  /** Start of the overlap in time; null when unbounded. */
  from?: Maybe<Scalars['DateTime']['output']>;
  /** Outline of the overlapping area. */
  outline: Array<GeoPoint>;
  /** End of the overlap in time; null when unbounded. */
  to?: Maybe<Scalars['DateTime']['output']>;
};

/** How serious a conflict is. */
export type ConflictSeverity =
  /** Needs a resolution now. */
  | 'HIGH'
  /** Minor. */
  | 'LOW'
  /** Needs a resolution. */
  | 'MEDIUM';

/**
 * One side of a conflict: a reservation as it was when the conflict was computed. When you may not see
 * that reservation, the side is withheld: only its nation and kind are shown.
 */
export type ConflictSide = {
  __typename?: 'ConflictSide';
  /** Reservation id (unique per nation); null when withheld. */
  id?: Maybe<Scalars['ID']['output']>;
  /** What the reservation is for, or ENGAGEMENT. */
  kind: ConflictSideKind;
  /** Who may see the reservation; null when withheld. */
  label?: Maybe<Label>;
  /** Reservation name; null when withheld. */
  name?: Maybe<Scalars['String']['output']>;
  /** Nation owning the reservation (or requesting the engagement). */
  nation: Scalars['String']['output'];
  /** The reservation's version the conflict was computed from; null when withheld. */
  version?: Maybe<Scalars['Int']['output']>;
  /** True when the reservation is not releasable to you: id, name, version and label are then null. */
  withheld: Scalars['Boolean']['output'];
};

/** What a side of a conflict is: a reservation of one of the airspace kinds, or an engagement. */
export type ConflictSideKind =
  /** Tactical radio (spectrum assignment). */
  | 'COMMS'
  /** A datalink, e.g. a drone's command link (spectrum assignment). */
  | 'DATALINK'
  /** The protected volume around a defended asset. */
  | 'DEFENDED_ASSET'
  /** An engagement (an authorization request): its id is the request's. */
  | 'ENGAGEMENT'
  /** Engagement zone of an air-defence unit. */
  | 'ENGAGEMENT_ZONE'
  /** An electronic-support intercept receiver (spectrum assignment). */
  | 'ESM_RX'
  /** A GNSS receiver (spectrum assignment). */
  | 'GNSS_RX'
  /** A GUARDED band of the restricted frequency list. */
  | 'GUARDED'
  /** A jammer (spectrum assignment). */
  | 'JAMMER'
  /** A navigation aid (spectrum assignment). */
  | 'NAVAID'
  /** No fire area. */
  | 'NO_FIRE_AREA'
  /** A PROTECTED band of the restricted frequency list. */
  | 'PROTECTED'
  /** A radar (spectrum assignment). */
  | 'RADAR'
  /** Restricted operating zone. */
  | 'ROZ'
  /** A satellite terminal (spectrum assignment). */
  | 'SATCOM'
  /** An air-defence sector. */
  | 'SECTOR'
  /** A TABOO band of the restricted frequency list. */
  | 'TABOO'
  /** Transit corridor. */
  | 'TRANSIT_CORRIDOR';

/** Where a conflict stands. */
export type ConflictState =
  /** The parties accepted the risk and keep both reservations. */
  | 'ACCEPTED_RISK'
  /** Not resolved yet: the parties must agree on a resolution. */
  | 'OPEN'
  /** An accepted proposal removed the overlap. */
  | 'RESOLVED';

/** A commander's decision on a request. */
export type Decision = {
  __typename?: 'Decision';
  /** When. */
  at: Scalars['DateTime']['output'];
  /** Who. */
  by: DecisionMaker;
  /** Approve, deny or veto. */
  decision: DecisionKind;
  /** Why. */
  reason: Scalars['String']['output'];
  /** Set when a standing authority approved on the commander's behalf. */
  standingAuthorityId?: Maybe<Scalars['ID']['output']>;
};

/** A commander's decision. */
export type DecisionKind =
  /** Approve. */
  | 'APPROVE'
  /** Deny. */
  | 'DENY'
  /** Veto (ON_THE_LOOP, inside the veto window). */
  | 'VETO';

/** Who decided. */
export type DecisionMaker = {
  __typename?: 'DecisionMaker';
  /** Nation. */
  nation: Scalars['String']['output'];
  /** Username. */
  username: Scalars['String']['output'];
};

/** The AI detector's assessment of one track: classification, predicted path, threat. Advisory only. */
export type Detection = {
  __typename?: 'Detection';
  /** When it was assessed. */
  assessedAt: Scalars['DateTime']['output'];
  /** Probability of each kind, most probable first. */
  classProbabilities: Array<ClassProbability>;
  /** Probability of the top kind, 0..1. */
  confidence: Scalars['Float']['output'];
  /** Features that drove the classification, most influential first. */
  explanation: Array<ExplanationFactor>;
  /** Detection id (track and model). */
  id: Scalars['ID']['output'];
  /** Who may see it: the track's label (never more visible than the track). */
  label: Label;
  /** Predicted path and ground impact. */
  prediction: Prediction;
  /** Model, system and inputs. */
  provenance: AiProvenance;
  /** Fields withheld from you by field-level labels. */
  redacted: Array<RedactedField>;
  /** Number of track reports the features came from. */
  reports: Scalars['Int']['output'];
  /** Most urgent defended asset on the path; null when none, or when withheld from you (see redacted). */
  threat?: Maybe<Threat>;
  /** Most probable kind. */
  topClass: TrackKind;
  /** The track assessed. */
  trackId: Scalars['ID']['output'];
};

/** A change to the detections of one subscriber. */
export type DetectionBatch = {
  __typename?: 'DetectionBatch';
  /** Track ids whose detections are gone. */
  removals: Array<Scalars['ID']['output']>;
  /** True when this batch is the whole set: replace what you have. The first batch is one; so is the next batch of a subscriber that fell behind. */
  reset: Scalars['Boolean']['output'];
  /** When the gateway sent the batch. */
  sentAt: Scalars['DateTime']['output'];
  /** The stream's batch number: a reset carries the current one, each later batch the next; a gap means lost batches (subscribe again). */
  seq: Scalars['Int']['output'];
  /** Detections created or changed (latest only). */
  upserts: Array<Detection>;
};

/** Classes of effectors. */
export type EffectorClass =
  /** Electronic-warfare jammer. */
  | 'EW_JAMMER'
  /** Gun. */
  | 'GUN'
  /** Interceptor drone. */
  | 'INTERCEPTOR_DRONE'
  /** Surface-to-air missile. */
  | 'SAM';

/** What an engagement request proposes. */
export type EngagementDetails = {
  __typename?: 'EngagementDetails';
  /** Detector confidence in the target's class, 0..1. */
  confidence: Scalars['Float']['output'];
  /** Nothing friendly may be within this distance of the intercept point, metres. */
  dangerRadiusM: Scalars['Float']['output'];
  /** Its class. */
  effectorClass: EffectorClass;
  /** The effector. */
  effectorId: Scalars['ID']['output'];
  /** Where it launches from. */
  effectorPosition?: Maybe<GeoPoint>;
  /** When it meets the target. */
  interceptAt: Scalars['DateTime']['output'];
  /** Where the effector meets the target. */
  interceptPoint: Position;
  /** Why this effector against this target. */
  reason: Scalars['String']['output'];
  /** Sector of the intercept point. */
  sectorId: Scalars['ID']['output'];
  /** Nation of that sector (must concur when not the effector's). */
  sectorNation: Scalars['String']['output'];
  /** The target's identity when requested (the approval is bound to it). */
  targetIdentity: StandardIdentity;
  /** The target's kind. */
  targetKind: TrackKind;
  /** The target track. */
  targetTrackId: Scalars['ID']['output'];
};

/** Lifecycle of an approved engagement. */
export type EngagementState =
  /** Stopped: the situation changed or it was withdrawn. */
  | 'ABORTED'
  /** Approved, not launched yet. */
  | 'AUTHORIZED'
  /** Over, with an outcome. */
  | 'COMPLETED'
  /** Launched, flying out. */
  | 'EXECUTING'
  /** Could not be carried out. */
  | 'FAILED';

/** One measured value behind an anomaly, with the limit it broke. */
export type Evidence = {
  __typename?: 'Evidence';
  /** What was measured. */
  name: Scalars['String']['output'];
  /** The limit. */
  threshold: Scalars['Float']['output'];
  /** Unit. */
  unit: Scalars['String']['output'];
  /** Measured value. */
  value: Scalars['Float']['output'];
};

/** One feature that drove a classification. */
export type ExplanationFactor = {
  __typename?: 'ExplanationFactor';
  /** Feature name, e.g. speed. */
  feature: Scalars['String']['output'];
  /** Unit of the value. */
  unit: Scalars['String']['output'];
  /** Its value for this track. */
  value: Scalars['Float']['output'];
  /** Drop in the top class's probability when the feature is replaced by its typical value. */
  weight: Scalars['Float']['output'];
};

/** A point on the ground. */
export type GeoPoint = {
  __typename?: 'GeoPoint';
  /** Latitude, degrees north. */
  lat: Scalars['Float']['output'];
  /** Longitude, degrees east. */
  lon: Scalars['Float']['output'];
};

/** A point on the ground, as input. */
export type GeoPointInput = {
  /** Latitude, degrees north. */
  lat: Scalars['Float']['input'];
  /** Longitude, degrees east. */
  lon: Scalars['Float']['input'];
};

/** One nation's standard-identity assessment of a track. */
export type IdentityAssessment = {
  __typename?: 'IdentityAssessment';
  /** Its assessment. */
  identity: StandardIdentity;
  /** Assessing nation. */
  nation: Scalars['String']['output'];
};

/** A circle on the ground where something is predicted to arrive. */
export type ImpactArea = {
  __typename?: 'ImpactArea';
  /** Latitude, degrees north. */
  lat: Scalars['Float']['output'];
  /** Longitude, degrees east. */
  lon: Scalars['Float']['output'];
  /** Uncertainty radius, metres. */
  radiusM: Scalars['Float']['output'];
};

/** One harmful direction of a spectrum conflict. */
export type InterferencePath = {
  __typename?: 'InterferencePath';
  /** Shortest ground distance, km; null when a side is withheld from you (it would locate it). */
  distanceKm?: Maybe<Scalars['Float']['output']>;
  /** Index in sides of the transmitter. */
  interferer: Scalars['Int']['output'];
  /** How far the received power exceeds the victim's threshold, dB; when a side is withheld from you, only the floor of its severity band (0, 6 or 20). */
  marginDb: Scalars['Float']['output'];
  /** Received power at the victim, dBm; null when a side is withheld from you. */
  receivedDbm?: Maybe<Scalars['Float']['output']>;
  /** Index in sides of the receiver it harms. */
  victim: Scalars['Int']['output'];
  /** The frequency the path loss was taken at (the worst case), MHz. */
  worstMHz: Scalars['Float']['output'];
};

/** What a jamming request proposes. */
export type JammingDetails = {
  __typename?: 'JammingDetails';
  /** Centre of the jammed area. */
  center: GeoPoint;
  /** How long, seconds. */
  durationS: Scalars['Float']['output'];
  /** The jammer. */
  effectorId: Scalars['ID']['output'];
  /** Upper edge of the band, MHz. */
  highMHz: Scalars['Float']['output'];
  /** Lower edge of the band, MHz. */
  lowMHz: Scalars['Float']['output'];
  /** Radius of the jammed area, metres. */
  radiusM: Scalars['Float']['output'];
  /** Sector of the area. */
  sectorId: Scalars['ID']['output'];
  /** Nation of that sector. */
  sectorNation: Scalars['String']['output'];
};

/** Confidentiality label (STANAG 4774): who may see the object it is attached to. */
export type Label = {
  __typename?: 'Label';
  /** Classification of the object. */
  classification: Classification;
  /** Nation that produced the object. */
  originator: Scalars['String']['output'];
  /** Marking scheme: NATO or a nation code. */
  policy: Scalars['String']['output'];
  /** Nations besides the originator that may see it; empty means originator only. */
  releasableTo: Array<Scalars['String']['output']>;
};

/** A successful login. */
export type LoginResult = {
  __typename?: 'LoginResult';
  /** When the token stops being accepted. */
  expiresAt: Scalars['DateTime']['output'];
  /** When the session ends for good (sign-in plus the maximum session age): refreshing never goes past it; sign in again then. */
  sessionEndsAt: Scalars['DateTime']['output'];
  /** Bearer token for HTTP (Authorization header) and WebSocket (connectionParams.authorization). */
  token: Scalars['String']['output'];
  /** The logged-in user. */
  user: User;
};

/** Which model produced an AI output. */
export type ModelRef = {
  __typename?: 'ModelRef';
  /** Model name, e.g. threat-classifier. */
  name: Scalars['String']['output'];
  /** Model version. */
  version: Scalars['String']['output'];
};

/** Changes. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Acknowledge an alert for your nation (watch officers and commanders); records who and when. */
  acknowledgeAlert: Alert;
  /** Assign spectrum to one of your nation's systems (liaisons and commanders). A refusal names the rule. */
  createAssignment: SpectrumAssignment;
  /** Reserve airspace for your nation (liaisons and commanders). A refusal names the rule. */
  createReservation: AirspaceVolume;
  /** Approve, deny or veto an authorization request (commanders of a nation that must concur). A refusal names the rule. */
  decideRequest: AuthorizationRequest;
  /** Edit one of your nation's assignments at the version you saw (liaisons and commanders). */
  editAssignment: SpectrumAssignment;
  /** Edit a reservation at the version you saw (liaisons and commanders; only your nation's). STALE_VERSION gives the current versions. */
  editReservation: AirspaceVolume;
  /** End one of your nation's assignments at the version you saw (liaisons and commanders). */
  endAssignment: SpectrumAssignment;
  /** End one of your nation's reservations at the version you saw (liaisons and commanders). */
  endReservation: AirspaceVolume;
  /** Exchange a username and password for a token. The only operation that needs no token. */
  login: LoginResult;
  /** Sign out everywhere: every token you were given before now stops working and your open connections close. Always true. */
  logout: Scalars['Boolean']['output'];
  /** Propose a resolution of a conflict, or counter an open proposal (liaisons and commanders of a party). */
  proposeResolution: Proposal;
  /** A fresh token for the signed-in user (call before the current one expires); never valid past the session's end. */
  refreshToken: LoginResult;
  /** Remove an entry of the restricted frequency list owned by your nation (liaisons and commanders). */
  removeRestrictedFrequency: RestrictedFrequency;
  /** Ask to change an effector class's autonomy mode for your nation (commanders). */
  requestAutonomyChange: AuthorizationRequest;
  /** Ask to change a sector's weapons control status (commanders of the sector's nation); FREE needs two commanders. */
  requestWcsChange: AuthorizationRequest;
  /** Accept or reject a proposal for your nation (liaisons and commanders of a party); to counter, propose with counterTo. */
  respondToProposal: Proposal;
  /** End every session of a user (ADMIN): tokens issued before now stop working and the user's open connections close. Returns that instant; signing in again works at once. */
  revokeSessions: Scalars['DateTime']['output'];
  /** Revoke a standing authority of your nation (commanders). */
  revokeStandingAuthority: StandingAuthority;
  /** Add (version null) or replace an entry of the restricted frequency list owned by your nation (liaisons and commanders). */
  setRestrictedFrequency: RestrictedFrequency;
  /** Grant standing authority for your nation (commanders), bounded by zone, kinds, identities, confidence and time. */
  setStandingAuthority: StandingAuthority;
};


/** Changes. */
export type MutationAcknowledgeAlertArgs = {
  id: Scalars['ID']['input'];
};


/** Changes. */
export type MutationCreateAssignmentArgs = {
  input: AssignmentInput;
};


/** Changes. */
export type MutationCreateReservationArgs = {
  input: ReservationInput;
};


/** Changes. */
export type MutationDecideRequestArgs = {
  decision: DecisionKind;
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


/** Changes. */
export type MutationEditAssignmentArgs = {
  id: Scalars['ID']['input'];
  input: AssignmentInput;
  version: Scalars['Int']['input'];
};


/** Changes. */
export type MutationEditReservationArgs = {
  id: Scalars['ID']['input'];
  input: ReservationInput;
  nation?: InputMaybe<Scalars['String']['input']>;
  version: Scalars['Int']['input'];
};


/** Changes. */
export type MutationEndAssignmentArgs = {
  id: Scalars['ID']['input'];
  version: Scalars['Int']['input'];
};


/** Changes. */
export type MutationEndReservationArgs = {
  id: Scalars['ID']['input'];
  version: Scalars['Int']['input'];
};


/** Changes. */
export type MutationLoginArgs = {
  password: Scalars['String']['input'];
  username: Scalars['String']['input'];
};


/** Changes. */
export type MutationProposeResolutionArgs = {
  input: ProposalInput;
};


/** Changes. */
export type MutationRemoveRestrictedFrequencyArgs = {
  id: Scalars['ID']['input'];
  version: Scalars['Int']['input'];
};


/** Changes. */
export type MutationRequestAutonomyChangeArgs = {
  effectorClass: EffectorClass;
  reason: Scalars['String']['input'];
  to: AutonomyMode;
};


/** Changes. */
export type MutationRequestWcsChangeArgs = {
  reason: Scalars['String']['input'];
  sectorId: Scalars['ID']['input'];
  to: WeaponsControlStatus;
};


/** Changes. */
export type MutationRespondToProposalArgs = {
  basedOn: Array<ReservationRefInput>;
  conflictVersion?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  reason?: Scalars['String']['input'];
  response: ProposalAnswer;
};


/** Changes. */
export type MutationRevokeSessionsArgs = {
  username: Scalars['String']['input'];
};


/** Changes. */
export type MutationRevokeStandingAuthorityArgs = {
  id: Scalars['ID']['input'];
};


/** Changes. */
export type MutationSetRestrictedFrequencyArgs = {
  id: Scalars['ID']['input'];
  input: RestrictedFrequencyInput;
  version?: InputMaybe<Scalars['Int']['input']>;
};


/** Changes. */
export type MutationSetStandingAuthorityArgs = {
  input: StandingAuthorityInput;
};

/** Where the scenario takes place; the COP opens on it. */
export type OperationalArea = {
  __typename?: 'OperationalArea';
  /** Centre of the area of operations. */
  center: GeoPoint;
  /** Radius of the area of operations, km. */
  radiusKm: Scalars['Float']['output'];
  /** Scenario name. */
  scenario: Scalars['String']['output'];
};

/** What a user of a partner nation would receive of a track: never more than you may see yourself. */
export type PartnerView = {
  __typename?: 'PartnerView';
  /** The track as they would receive it, limited to what you may see; null when not visible. */
  track?: Maybe<Track>;
  /** Whether that user would receive the track at all. */
  visible: Scalars['Boolean']['output'];
};

/** A WGS84 position. */
export type Position = {
  __typename?: 'Position';
  /** Altitude in metres above the WGS84 ellipsoid. */
  altM: Scalars['Float']['output'];
  /** Latitude, degrees north. */
  lat: Scalars['Float']['output'];
  /** Longitude, degrees east. */
  lon: Scalars['Float']['output'];
};

/** Predicted ground impact. */
export type PredictedImpact = {
  __typename?: 'PredictedImpact';
  /** Latitude, degrees north. */
  lat: Scalars['Float']['output'];
  /** Longitude, degrees east. */
  lon: Scalars['Float']['output'];
  /** Uncertainty radius, metres. */
  radiusM: Scalars['Float']['output'];
  /** Seconds from the track's last report to impact. */
  timeToImpactS: Scalars['Float']['output'];
};

/** A point of a predicted path. */
export type PredictedPoint = {
  __typename?: 'PredictedPoint';
  /** Altitude, metres. */
  altM: Scalars['Float']['output'];
  /** Latitude, degrees north. */
  lat: Scalars['Float']['output'];
  /** Longitude, degrees east. */
  lon: Scalars['Float']['output'];
  /** Seconds after the track's last report. */
  tS: Scalars['Float']['output'];
};

/** Predicted path for the next minutes. */
export type Prediction = {
  __typename?: 'Prediction';
  /** How far ahead, seconds. */
  horizonS: Scalars['Float']['output'];
  /** Ground impact within the horizon, if the object comes down. */
  impact?: Maybe<PredictedImpact>;
  /** How it was predicted. */
  method: PredictionMethod;
  /** Points along the path, first at the last report. */
  path: Array<PredictedPoint>;
};

/** How a path is predicted. */
export type PredictionMethod =
  /** Fall under gravity (ballistic missiles). */
  | 'BALLISTIC'
  /** Descent on the current glide angle to the ground (glide bombs). */
  | 'GLIDE'
  /** Straight on at current speed, course and vertical speed (drones, aircraft, cruise missiles). */
  | 'KINEMATIC';

/**
 * A resolution a party's liaison proposes for a conflict; the other parties accept, reject or counter.
 * Released like its conflict: changes to reservations you may not see are withheld, the rationale is
 * kept (it is addressed to the parties).
 */
export type Proposal = {
  __typename?: 'Proposal';
  /** What it changes, assignment by assignment (SPECTRUM conflicts). */
  assignmentChanges: Array<AssignmentChange>;
  /** The versions of the conflict's reservations it was based on. */
  basedOn: Array<ReservationRef>;
  /** What it changes, reservation by reservation. */
  changes: Array<ReservationChange>;
  /** The conflict it resolves. */
  conflictId: Scalars['ID']['output'];
  /** The proposal this one counters. */
  counterTo?: Maybe<Scalars['ID']['output']>;
  /** When it was made. */
  createdAt: Scalars['DateTime']['output'];
  /** When it expires unanswered. */
  expiresAt: Scalars['DateTime']['output'];
  /** Proposal id. */
  id: Scalars['ID']['output'];
  /** Change reservations, or accept the risk. */
  kind: ProposalKind;
  /** Who may see what you receive: the proposal's label, or for a sanitized view the label of what it shows. */
  label: Label;
  /** Who proposed. */
  proposedBy: Proposer;
  /** Why (addressed to the parties). */
  rationale: Scalars['String']['output'];
  /** The parties' answers so far. */
  responses: Array<ProposalResponse>;
  /** True when you receive a sanitized view (something is withheld from you). */
  sanitized: Scalars['Boolean']['output'];
  /** Where it stands. */
  state: ProposalState;
  /** Increases with every change. */
  version: Scalars['Int']['output'];
};

/** An answer to a proposal. */
export type ProposalAnswer =
  /** Agree: when every party has accepted, the changes apply. */
  | 'ACCEPT'
  /** Refuse (a counter-proposal is a new proposal with counterTo). */
  | 'REJECT';

/** A change to the proposals of one subscriber. */
export type ProposalBatch = {
  __typename?: 'ProposalBatch';
  /** Ids of proposals gone (or no longer releasable to you). */
  removals: Array<Scalars['ID']['output']>;
  /** True when this batch is the whole set: replace what you have. */
  reset: Scalars['Boolean']['output'];
  /** When the gateway sent the batch. */
  sentAt: Scalars['DateTime']['output'];
  /** Increases by one per batch of this subscription, starting at 1. */
  seq: Scalars['Int']['output'];
  /** Proposals made or changed (latest only). */
  upserts: Array<Proposal>;
};

/** A resolution to propose for a conflict (liaisons and commanders of a party). */
export type ProposalInput = {
  /** A SPECTRUM conflict's changes to assignments (at most 4; none for ACCEPT_RISK). basedOn then names the assignments' versions. */
  assignmentChanges?: Array<AssignmentChangeInput>;
  /** The versions of the conflict's reservations you based it on (those you may see). */
  basedOn: Array<ReservationRefInput>;
  /** The changes (at most 4; none for ACCEPT_RISK). */
  changes?: Array<ReservationChangeInput>;
  /** The conflict. */
  conflictId: Scalars['ID']['input'];
  /** The version of the conflict you saw; needed when a side is withheld from you (the gateway then names that side's version for you, refusing with STALE_VERSION when the conflict changed since). */
  conflictVersion?: InputMaybe<Scalars['Int']['input']>;
  /** The open proposal this one counters, if any. */
  counterTo?: InputMaybe<Scalars['ID']['input']>;
  /** Change reservations, or accept the risk. */
  kind: ProposalKind;
  /** Why (1-1000 characters, addressed to the parties). */
  rationale: Scalars['String']['input'];
};

/** What a proposal does. */
export type ProposalKind =
  /** Keep both reservations and accept the risk. */
  | 'ACCEPT_RISK'
  /** Change reservations (move, reshape, change the altitude block, retime, end). */
  | 'CHANGE';

/** A party's answer to a proposal. */
export type ProposalResponse = {
  __typename?: 'ProposalResponse';
  /** When. */
  at: Scalars['DateTime']['output'];
  /** Nation that answered. */
  nation: Scalars['String']['output'];
  /** Why (addressed to the parties). */
  reason: Scalars['String']['output'];
  /** Accept or reject. */
  response: ProposalAnswer;
  /** Who answered. */
  username: Scalars['String']['output'];
};

/** Where a proposal stands. */
export type ProposalState =
  /** Every party accepted; the changes were applied. */
  | 'ACCEPTED'
  /** A party answered with a counter-proposal. */
  | 'COUNTERED'
  /** Nobody answered in time. */
  | 'EXPIRED'
  /** Waiting for the other parties. */
  | 'OPEN'
  /** A party rejected it. */
  | 'REJECTED'
  /** A newer proposal for the same conflict replaced it. */
  | 'SUPERSEDED'
  /** The proposer withdrew it. */
  | 'WITHDRAWN';

/** Who proposed. */
export type Proposer = {
  __typename?: 'Proposer';
  /** Nation. */
  nation: Scalars['String']['output'];
  /** Username. */
  username: Scalars['String']['output'];
};

/** Where an object came from. */
export type Provenance = {
  __typename?: 'Provenance';
  /** Nation of the producing system. */
  nation: Scalars['String']['output'];
  /** When the source observed it. */
  observedAt: Scalars['DateTime']['output'];
  /** When it was published to Tessera. */
  publishedAt: Scalars['DateTime']['output'];
  /** Source within that system, e.g. the sensor that observed it; null when withheld from you (see Track.redacted). */
  sourceId?: Maybe<Scalars['String']['output']>;
  /** Producing system, e.g. a fusion centre; null when withheld from you (see Track.redacted). */
  system?: Maybe<Scalars['String']['output']>;
};

/** Read access to the picture. Every field needs a valid token. */
export type Query = {
  __typename?: 'Query';
  /** Sectors, defended assets and airspace reservations releasable to the caller. */
  airspace: Array<AirspaceVolume>;
  /** Alerts releasable to the caller, most urgent first. */
  alerts: Array<Alert>;
  /** Recent cyber-kinetic anomaly events releasable to the caller, newest first. */
  anomalies: Array<AnomalyEvent>;
  /** The audit chain, newest first (commanders): records about requests and sectors you may see. */
  auditLog: Array<AuditRecord>;
  /** Authorization requests releasable to the caller, soonest deadline first. */
  authorizationRequests: Array<AuthorizationRequest>;
  /** Autonomy modes in force for your nation's effector classes; empty unless you may see your nation's autonomy change requests (SECRET, national). */
  autonomy: Array<AutonomySetting>;
  /** One conflict, or null when it does not exist or is not releasable to you. */
  conflict?: Maybe<Conflict>;
  /** Airspace conflicts releasable to you (sanitized where a side is withheld), most severe first. */
  conflicts: Array<Conflict>;
  /** The AI detector's assessment of one track, or null. */
  detection?: Maybe<Detection>;
  /** The AI detector's current assessment of every track releasable to the caller. */
  detections: Array<Detection>;
  /** The user the token belongs to. */
  me: User;
  /** The area of operations, or null before the scenario has published it. */
  operationalArea?: Maybe<OperationalArea>;
  /** The proposals of a conflict releasable to you, oldest first (empty when the conflict is not). */
  proposals: Array<Proposal>;
  /** The restricted frequency list: every entry's band; who owns it and why only where releasable to you. */
  restrictedFrequencies: Array<RestrictedFrequency>;
  /** Spectrum assignments releasable to you, by nation, system and frequency. */
  spectrumAssignments: Array<SpectrumAssignment>;
  /** Resolutions the engine suggests for a SPECTRUM conflict of yours, each verified by re-running it; only for assignments you may see. */
  spectrumSuggestions: Array<SpectrumSuggestion>;
  /** Standing authorities of your nation (commanders). */
  standingAuthorities: Array<StandingAuthority>;
  /** One track, or null when it does not exist or is not releasable to the caller. */
  track?: Maybe<Track>;
  /** Preview of a track as a user of another nation and clearance would receive it (commanders and liaisons); null when you may not see the track. */
  trackAsSeenBy?: Maybe<PartnerView>;
  /** Every track releasable to the caller. */
  tracks: Array<Track>;
};


/** Read access to the picture. Every field needs a valid token. */
export type QueryAlertsArgs = {
  includeCleared?: Scalars['Boolean']['input'];
};


/** Read access to the picture. Every field needs a valid token. */
export type QueryAnomaliesArgs = {
  limit?: Scalars['Int']['input'];
};


/** Read access to the picture. Every field needs a valid token. */
export type QueryAuditLogArgs = {
  limit?: Scalars['Int']['input'];
  subject?: InputMaybe<Scalars['String']['input']>;
};


/** Read access to the picture. Every field needs a valid token. */
export type QueryAuthorizationRequestsArgs = {
  includeFinal?: Scalars['Boolean']['input'];
};


/** Read access to the picture. Every field needs a valid token. */
export type QueryConflictArgs = {
  id: Scalars['ID']['input'];
};


/** Read access to the picture. Every field needs a valid token. */
export type QueryConflictsArgs = {
  includeResolved?: Scalars['Boolean']['input'];
};


/** Read access to the picture. Every field needs a valid token. */
export type QueryDetectionArgs = {
  trackId: Scalars['ID']['input'];
};


/** Read access to the picture. Every field needs a valid token. */
export type QueryProposalsArgs = {
  conflictId: Scalars['ID']['input'];
};


/** Read access to the picture. Every field needs a valid token. */
export type QuerySpectrumAssignmentsArgs = {
  includeEnded?: Scalars['Boolean']['input'];
};


/** Read access to the picture. Every field needs a valid token. */
export type QuerySpectrumSuggestionsArgs = {
  conflictId: Scalars['ID']['input'];
};


/** Read access to the picture. Every field needs a valid token. */
export type QueryTrackArgs = {
  id: Scalars['ID']['input'];
};


/** Read access to the picture. Every field needs a valid token. */
export type QueryTrackAsSeenByArgs = {
  clearance: Classification;
  id: Scalars['ID']['input'];
  nation: Scalars['String']['input'];
};

/** A field withheld from you by a field-level label, and what would release it. */
export type RedactedField = {
  __typename?: 'RedactedField';
  /** Classification of the field. */
  classification: Classification;
  /** Dot path of the withheld field, e.g. provenance.sourceId. */
  path: Scalars['String']['output'];
  /** Nations that may see the field (its originator first). */
  releasableTo: Array<Scalars['String']['output']>;
};

/** A report that gave an anomaly away. */
export type ReportedPosition = {
  __typename?: 'ReportedPosition';
  /** Altitude, metres. */
  altM: Scalars['Float']['output'];
  /** When observed. */
  at: Scalars['DateTime']['output'];
  /** Latitude. */
  lat: Scalars['Float']['output'];
  /** Longitude. */
  lon: Scalars['Float']['output'];
  /** Reported speed, m/s. */
  speedMps: Scalars['Float']['output'];
};

/** A check the authority made before asking (and again at launch), with what it found. */
export type RequestCheck = {
  __typename?: 'RequestCheck';
  /** What was checked: WCS, Target, Friendlies, No-fire areas, Concurrence. */
  check: Scalars['String']['output'];
  /** What was found. */
  detail: Scalars['String']['output'];
  /** Whether it passed. */
  ok: Scalars['Boolean']['output'];
};

/** What an authorization request asks for. */
export type RequestKind =
  /** An effector class's autonomy mode. */
  | 'AUTONOMY_CHANGE'
  /** Use of force: an effector against a target. */
  | 'ENGAGEMENT'
  /** Jamming a band in an area for a time. */
  | 'JAMMING'
  /** A sector's weapons control status. */
  | 'WCS_CHANGE';

/** Where an authorization request stands. */
export type RequestState =
  /** Approved by everyone required. */
  | 'APPROVED'
  /** The veto window closed without a veto. */
  | 'AUTO_APPROVED'
  /** A commander denied it. */
  | 'DENIED'
  /** Nobody decided before the deadline: it never executes. */
  | 'EXPIRED'
  /** Waiting for the commanders who must decide. */
  | 'PENDING'
  /** ON_THE_LOOP: proceeds at vetoUntil unless a commander vetoes. */
  | 'PENDING_VETO'
  /** A commander vetoed it. */
  | 'VETOED'
  /** The requester withdrew it. */
  | 'WITHDRAWN';

/** Distinct commanders of a nation who must approve. */
export type RequiredApproval = {
  __typename?: 'RequiredApproval';
  /** How many distinct commanders. */
  count: Scalars['Int']['output'];
  /** Nation. */
  nation: Scalars['String']['output'];
};

/**
 * What a proposal changes in one reservation. Withheld when the reservation is not releasable to you:
 * then only its nation and the action are shown, never its id or new footprint, altitudes or times.
 */
export type ReservationChange = {
  __typename?: 'ReservationChange';
  /** Modify or end. */
  action: ReservationChangeAction;
  /** New upper altitude, metres WGS84; null when unchanged or withheld. */
  ceilingM?: Maybe<Scalars['Float']['output']>;
  /** New circle; null when unchanged, a polygon, or withheld. */
  circle?: Maybe<Circle>;
  /** New lower altitude, metres WGS84; null when unchanged or withheld. */
  floorM?: Maybe<Scalars['Float']['output']>;
  /** Reservation id; null when withheld. */
  id?: Maybe<Scalars['ID']['output']>;
  /** Nation owning the reservation. */
  nation: Scalars['String']['output'];
  /** New outline polygon; null when unchanged, a circle, or withheld. */
  outline?: Maybe<Array<GeoPoint>>;
  /** New start of validity; null when unchanged or withheld. */
  validFrom?: Maybe<Scalars['DateTime']['output']>;
  /** New end of validity; null when unchanged or withheld. */
  validTo?: Maybe<Scalars['DateTime']['output']>;
  /** True when the reservation is not releasable to you. */
  withheld: Scalars['Boolean']['output'];
};

/** What a change does to a reservation. */
export type ReservationChangeAction =
  /** End the reservation. */
  | 'END'
  /** New outline, altitude block or time window (what is null stays). */
  | 'MODIFY';

/** What a proposal changes in one reservation; what is left null stays as it is. */
export type ReservationChangeInput = {
  /** Modify or end. */
  action: ReservationChangeAction;
  /** New upper altitude, metres WGS84 (MODIFY). */
  ceilingM?: InputMaybe<Scalars['Float']['input']>;
  /** New circle (MODIFY). */
  circle?: InputMaybe<CircleInput>;
  /** New lower altitude, metres WGS84 (MODIFY). */
  floorM?: InputMaybe<Scalars['Float']['input']>;
  /** Reservation id. */
  id: Scalars['ID']['input'];
  /** Nation owning the reservation. */
  nation: Scalars['String']['input'];
  /** New outline polygon (MODIFY). */
  outline?: InputMaybe<Array<GeoPointInput>>;
  /** New start of validity (MODIFY). */
  validFrom?: InputMaybe<Scalars['DateTime']['input']>;
  /** New end of validity (MODIFY). */
  validTo?: InputMaybe<Scalars['DateTime']['input']>;
};

/** A reservation as you ask for it: footprint (outline or circle), altitude block, time window, label. */
export type ReservationInput = {
  /** Upper altitude, metres WGS84. */
  ceilingM: Scalars['Float']['input'];
  /** Circle; give this or outline. */
  circle?: InputMaybe<CircleInput>;
  /** Classification (at most your clearance: you must be able to see what you reserve). */
  classification: Classification;
  /** Lower altitude, metres WGS84. */
  floorM: Scalars['Float']['input'];
  /** What it is for (not SECTOR). */
  kind: VolumeKind;
  /** Name shown on the globe (1-120 characters). */
  name: Scalars['String']['input'];
  /** Outline polygon (at least 3 points); give this or circle. */
  outline?: InputMaybe<Array<GeoPointInput>>;
  /** Nations besides yours that may see it; empty means your nation only. */
  releasableTo: Array<Scalars['String']['input']>;
  /** Start of validity. */
  validFrom: Scalars['DateTime']['input'];
  /** End of validity. */
  validTo: Scalars['DateTime']['input'];
};

/**
 * A reservation and the version someone saw of it. Withheld (id and version null) when the reservation
 * is not releasable to you.
 */
export type ReservationRef = {
  __typename?: 'ReservationRef';
  /** Reservation id; null when withheld. */
  id?: Maybe<Scalars['ID']['output']>;
  /** Nation owning the reservation. */
  nation: Scalars['String']['output'];
  /** Version seen; null when withheld. */
  version?: Maybe<Scalars['Int']['output']>;
  /** True when the reservation is not releasable to you. */
  withheld: Scalars['Boolean']['output'];
};

/** A reservation and the version you saw of it (proof of awareness). */
export type ReservationRefInput = {
  /** Reservation id. */
  id: Scalars['ID']['input'];
  /** Nation owning the reservation. */
  nation: Scalars['String']['input'];
  /** The version you saw. */
  version: Scalars['Int']['input'];
};

/** A reservation's life. */
export type ReservationState =
  /** In force (within its time window). */
  | 'ACTIVE'
  /** Ended; kept for the record. */
  | 'ENDED'
  /** Asked for, not yet in force. */
  | 'PROPOSED';

/**
 * One entry of the restricted frequency list. Its band is shown to everyone; when the entry is not
 * releasable to you (usually a GUARDED one) it is withheld: you see a restricted band and its edges,
 * never who owns it or why.
 */
export type RestrictedFrequency = {
  __typename?: 'RestrictedFrequency';
  /** Upper edge, MHz. */
  highMHz: Scalars['Float']['output'];
  /** NATION/id (an entry's id is unique within its nation), or an opaque id when withheld. */
  id: Scalars['ID']['output'];
  /** TABOO, PROTECTED or GUARDED. */
  kind: RestrictedKind;
  /** Who may see it; null when withheld. */
  label?: Maybe<Label>;
  /** Lower edge, MHz. */
  lowMHz: Scalars['Float']['output'];
  /** Owning nation; null when withheld. */
  nation?: Maybe<Scalars['String']['output']>;
  /** True for the protected bands: any transmission in them is a conflict. */
  noTransmission: Scalars['Boolean']['output'];
  /** Why it is restricted; null when withheld. */
  reason?: Maybe<Scalars['String']['output']>;
  /** Changes with every edit; null when withheld. */
  version?: Maybe<Scalars['Int']['output']>;
  /** True when an explicit waiver is in force now. */
  waived: Scalars['Boolean']['output'];
  /** The waiver's reason; null when none or withheld. */
  waiverReason?: Maybe<Scalars['String']['output']>;
  /** When the waiver ends; null when none, open-ended or withheld. */
  waiverValidTo?: Maybe<Scalars['DateTime']['output']>;
  /** True when the entry is not releasable to you: nation, reason, label and version are then null. */
  withheld: Scalars['Boolean']['output'];
};

/** An entry of the restricted frequency list as you ask for it. */
export type RestrictedFrequencyInput = {
  /** Classification (at most your clearance). */
  classification: Classification;
  /** Upper edge, MHz. */
  highMHz: Scalars['Float']['input'];
  /** TABOO, PROTECTED or GUARDED. */
  kind: RestrictedKind;
  /** Lower edge, MHz. */
  lowMHz: Scalars['Float']['input'];
  /** Why (1-500 characters; shown only to whom the entry is releasable). */
  reason: Scalars['String']['input'];
  /** Nations besides yours that may see who owns it and why; everyone sees the band. */
  releasableTo: Array<Scalars['String']['input']>;
};

/** Kinds of entry of the restricted frequency list (after the JRFL). */
export type RestrictedKind =
  /** An adversary band a nation exploits: jamming it needs the guarding nation's commander. */
  | 'GUARDED'
  /** A friendly system's band: jamming it needs the owning nation's commander. */
  | 'PROTECTED'
  /** Nobody may jam it; in the protected bands no transmission at all unless waived. */
  | 'TABOO';

/** What a user may do in Tessera. */
export type Role =
  /** Runs scenarios and manages users; not bound to a nation. */
  | 'ADMIN'
  /** Decides authorization requests of their nation. */
  | 'COMMANDER'
  /** Owns the nation's airspace reservations and spectrum assignments. */
  | 'LIAISON'
  /** Watches the common operational picture; never authorizes force. */
  | 'WATCH_OFFICER';

/** A spectrum assignment of one nation's system (DOMAIN.md "Spectrum"), owned by the deconfliction service. */
export type SpectrumAssignment = {
  __typename?: 'SpectrumAssignment';
  /** Transmit power (EIRP), dBm; null for a receiver only. */
  eirpDbm?: Maybe<Scalars['Float']['output']>;
  /** Guard band added on each side before overlaps are tested, MHz (one rule for the engine and the view). */
  guardBandMHz: Scalars['Float']['output'];
  /** Upper edge of the band, MHz. */
  highMHz: Scalars['Float']['output'];
  /** Radio horizon to a receiver 10 m above ground, km: beyond it (from its location) nothing it transmits is heard, whatever the power. */
  horizonKm: Scalars['Float']['output'];
  /** Assignment id (unique per nation). */
  id: Scalars['ID']['output'];
  /** Who may see it. */
  label: Label;
  /** Where it is. */
  location: SpectrumLocation;
  /** Lower edge of the band, MHz. */
  lowMHz: Scalars['Float']['output'];
  /** Owning nation. */
  nation: Scalars['String']['output'];
  /** 0-9; higher wins when a person must choose. */
  priority: Scalars['Int']['output'];
  /** Where it is in its life. */
  state: ReservationState;
  /** The system's name. */
  system: Scalars['String']['output'];
  /** Received power above which the system is harmed, dBm; null for a transmitter only. */
  thresholdDbm?: Maybe<Scalars['Float']['output']>;
  /** The airspace reservation whose drones carry these receivers, when tied to one you may see. */
  tiedReservation?: Maybe<ReservationRef>;
  /** Upper edge of the range it can be retuned within, MHz. */
  tunableHighMHz?: Maybe<Scalars['Float']['output']>;
  /** Lower edge of the range it can be retuned within, MHz; null when it cannot be retuned. */
  tunableLowMHz?: Maybe<Scalars['Float']['output']>;
  /** What it does with the band. */
  use: SpectrumUse;
  /** Start of validity; null means always. */
  validFrom?: Maybe<Scalars['DateTime']['output']>;
  /** End of validity; null means open-ended. */
  validTo?: Maybe<Scalars['DateTime']['output']>;
  /** Changes with every edit; name it when you edit or end it (proof of awareness). */
  version: Scalars['Int']['output'];
};

/** A change to the spectrum picture of one subscriber. */
export type SpectrumBatch = {
  __typename?: 'SpectrumBatch';
  /** Assignments that left (or are no longer releasable to you), as NATION/id. */
  assignmentRemovals: Array<Scalars['ID']['output']>;
  /** Assignments created or changed (latest only). */
  assignments: Array<SpectrumAssignment>;
  /** True when this batch is the whole picture: replace what you have. */
  reset: Scalars['Boolean']['output'];
  /** Restricted entries added or changed. */
  restricted: Array<RestrictedFrequency>;
  /** Ids of restricted entries removed. */
  restrictedRemovals: Array<Scalars['ID']['output']>;
  /** When the gateway sent the batch. */
  sentAt: Scalars['DateTime']['output'];
  /** Increases by one per batch of this subscription, starting at 1. */
  seq: Scalars['Int']['output'];
};

/** Where in the spectrum and when a SPECTRUM conflict is. */
export type SpectrumConflictInfo = {
  __typename?: 'SpectrumConflictInfo';
  /** Start of the time overlap; null when unbounded. */
  from?: Maybe<Scalars['DateTime']['output']>;
  /** Upper edge of the overlap, MHz. */
  highMHz: Scalars['Float']['output'];
  /** Interference, or a TABOO band. */
  kind: SpectrumConflictKind;
  /** Lower edge of the overlap of the two widened bands, MHz. */
  lowMHz: Scalars['Float']['output'];
  /** The larger margin, dB (when a side is withheld from you, the floor of its severity band: 0, 6 or 20); null for RESTRICTED_BAND. */
  marginDb?: Maybe<Scalars['Float']['output']>;
  /** Each harmful direction. */
  paths: Array<InterferencePath>;
  /** The airspace reservation whose receivers are hit (a joint airspace-spectrum conflict), when you may see it. */
  tiedReservation?: Maybe<ReservationRef>;
  /** End of the time overlap; null when unbounded. */
  to?: Maybe<Scalars['DateTime']['output']>;
};

/** What a SPECTRUM conflict is. */
export type SpectrumConflictKind =
  /** One assignment's transmission exceeds the other's interference threshold. */
  | 'INTERFERENCE'
  /** A transmission over a TABOO band: only a waiver or a retune clears it. */
  | 'RESTRICTED_BAND';

/** Where a system is: a point, or an area (outline or circle), with its antenna height above ground. */
export type SpectrumLocation = {
  __typename?: 'SpectrumLocation';
  /** Antenna height above ground, metres. */
  antennaHeightM: Scalars['Float']['output'];
  /** Circle (AREA given as a circle). */
  circle?: Maybe<Circle>;
  /** Point or area. */
  kind: SpectrumLocationKind;
  /** Outline polygon (AREA given as a polygon). */
  outline?: Maybe<Array<GeoPoint>>;
  /** The site (POINT). */
  point?: Maybe<GeoPoint>;
};

/** Where a system is, as input: a point, an outline or a circle, and its antenna height. */
export type SpectrumLocationInput = {
  /** Antenna height above ground, metres. */
  antennaHeightM: Scalars['Float']['input'];
  /** An area as a circle. */
  circle?: InputMaybe<CircleInput>;
  /** An area as an outline polygon. */
  outline?: InputMaybe<Array<GeoPointInput>>;
  /** The site (a point). */
  point?: InputMaybe<GeoPointInput>;
};

/** Where a system transmits or receives. */
export type SpectrumLocationKind =
  /** An area (a jammer's, or the drones flying a zone): the system may be anywhere in it. */
  | 'AREA'
  /** A site: one point with its antenna height. */
  | 'POINT';

/**
 * A resolution the engine suggests for a SPECTRUM conflict, verified by re-running it; propose it as it is
 * (its change is ready for ProposalInput.assignmentChanges).
 */
export type SpectrumSuggestion = {
  __typename?: 'SpectrumSuggestion';
  /** The assignment it changes, at the version it was computed for. */
  assignment: ReservationRef;
  /** The change, ready to propose. */
  change: AssignmentChange;
  /** Whether this alone clears the conflict. */
  clearsConflict: Scalars['Boolean']['output'];
  /** Channel, time split or power. */
  kind: SpectrumSuggestionKind;
  /** One line for the liaison, e.g. 'Retune POL Drone link 1 to 2410.000-2420.000 MHz (+30 MHz)'. */
  summary: Scalars['String']['output'];
};

/** What kind of resolution the engine suggests. */
export type SpectrumSuggestionKind =
  /** Retune to the nearest channel of the same width, inside the tunable range, that clears every conflict. */
  | 'CHANNEL'
  /** Lower the transmit power by the margin (and 0.01 dB). */
  | 'POWER'
  /** Split the time: one side ends when the other starts, or starts when it ends. */
  | 'TIME_SPLIT';

/** What a system does with its band. */
export type SpectrumUse =
  /** Tactical radio. */
  | 'COMMS'
  /** Datalink, e.g. a drone's command and video link. */
  | 'DATALINK'
  /** Electronic-support intercept receiver. */
  | 'ESM_RX'
  /** GNSS receiver. */
  | 'GNSS_RX'
  /** Jammer: transmits only. */
  | 'JAMMER'
  /** Navigation aid (transmits). */
  | 'NAVAID'
  /** Radar: transmits and receives. */
  | 'RADAR'
  /** Satellite terminal. */
  | 'SATCOM';

/** STANAG 1241 / APP-6 standard identity. */
export type StandardIdentity =
  /** Presumed friend. */
  | 'ASSUMED_FRIEND'
  /** Friend. */
  | 'FRIEND'
  /** Hostile. */
  | 'HOSTILE'
  /** Neither supporting nor opposing. */
  | 'NEUTRAL'
  /** Not yet assessed. */
  | 'PENDING'
  /** Presumed hostile. */
  | 'SUSPECT'
  /** Assessed, but not identified. */
  | 'UNKNOWN';

/** Pre-delegated authority: approves matching engagements on its commander's behalf until it expires. */
export type StandingAuthority = {
  __typename?: 'StandingAuthority';
  /** Effector classes covered. */
  effectorClasses: Array<EffectorClass>;
  /** End of validity. */
  expiresAt: Scalars['DateTime']['output'];
  /** The commander who granted it. */
  grantedBy: DecisionMaker;
  /** Id, unique per nation. */
  id: Scalars['ID']['output'];
  /** Target identities covered. */
  identities: Array<StandardIdentity>;
  /** Minimum detector confidence, 0..1. */
  minConfidence: Scalars['Float']['output'];
  /** Nation whose effectors it covers. */
  nation: Scalars['String']['output'];
  /** When it was revoked; null while in force. */
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Target kinds covered. */
  targetKinds: Array<TrackKind>;
  /** Start of validity. */
  validFrom: Scalars['DateTime']['output'];
  /** Where the intercept point must lie. */
  zone: Circle;
};

/** A standing authority to grant for your nation. */
export type StandingAuthorityInput = {
  /** Effector classes covered. */
  effectorClasses: Array<EffectorClass>;
  /** End of validity (at most 24 h after the start). */
  expiresAt: Scalars['DateTime']['input'];
  /** Id (letters, digits, - and _). */
  id: Scalars['ID']['input'];
  /** Target identities covered. */
  identities: Array<StandardIdentity>;
  /** Minimum detector confidence, 0..1. */
  minConfidence: Scalars['Float']['input'];
  /** Target kinds covered. */
  targetKinds: Array<TrackKind>;
  /** Start of validity. */
  validFrom: Scalars['DateTime']['input'];
  /** Where the intercept point must lie. */
  zone: CircleInput;
};

/** Live streams, over graphql-transport-ws on the same path. */
export type Subscription = {
  __typename?: 'Subscription';
  /** Airspace volumes releasable to the caller, reservations included: first all (reset), then changes. */
  airspaceUpdates: AirspaceBatch;
  /** Alerts releasable to the caller: first all (reset), then coalesced changes. */
  alertUpdates: AlertBatch;
  /** Cyber-kinetic anomaly events releasable to the caller, as they happen. */
  anomalyEvents: AnomalyEvent;
  /** Authorization requests releasable to the caller: first all (reset), then changes. */
  authorizationRequestUpdates: AuthorizationRequestBatch;
  /** Airspace conflicts releasable to the caller (sanitized where a side is withheld): first all (reset), then changes. */
  conflictUpdates: ConflictBatch;
  /** AI detections releasable to the caller: first all (reset), then coalesced changes. */
  detectionUpdates: DetectionBatch;
  /** Proposals releasable to the caller (sanitized like their conflicts): first all (reset), then changes. */
  proposalUpdates: ProposalBatch;
  /** Spectrum assignments releasable to the caller and the restricted frequency list: first all (reset), then changes. */
  spectrumUpdates: SpectrumBatch;
  /** The track picture releasable to the caller: first the whole picture (reset), then coalesced changes. */
  trackUpdates: TrackBatch;
};

/** Why the deciders should doubt a target's reports: an implausibility the AI detector flagged on it. */
export type TargetWarning = {
  __typename?: 'TargetWarning';
  /** The detector's finding behind it. */
  anomaly: AnomalyKind;
  /** What the detector saw. */
  detail: Scalars['String']['output'];
  /** What it may mean (possible GNSS spoofing: the position may be false). */
  kind: AnomalyAssessment;
  /** When the detector first raised it (scenario time). */
  since: Scalars['DateTime']['output'];
};

/** The most urgent defended asset on a threat's predicted path. */
export type Threat = {
  __typename?: 'Threat';
  /** Closest approach of the predicted path to the asset's centre, metres. */
  closestApproachM: Scalars['Float']['output'];
  /** Defended asset id. */
  defendedAssetId: Scalars['ID']['output'];
  /** Defended asset name. */
  defendedAssetName: Scalars['String']['output'];
  /** Where it is predicted to arrive, with uncertainty. */
  predictedImpact?: Maybe<ImpactArea>;
  /** Seconds to the closest approach. */
  timeToClosestApproachS: Scalars['Float']['output'];
  /** Seconds until the object reaches the asset's protected radius. */
  timeToImpactS?: Maybe<Scalars['Float']['output']>;
};

/** The fused picture of one object in the air. */
export type Track = {
  __typename?: 'Track';
  /** Each nation's identity assessment; they may disagree. */
  assessments: Array<IdentityAssessment>;
  /** Stable track id. */
  id: Scalars['ID']['output'];
  /** The originator's standard identity. */
  identity: StandardIdentity;
  /** What kind of object it is. */
  kind: TrackKind;
  /** Who may see this track. */
  label: Label;
  /** Last reported position. */
  position: Position;
  /** Where the track came from. */
  provenance: Provenance;
  /** Track quality, 0 (coasting guess) to 1 (firm). */
  quality: Scalars['Float']['output'];
  /** Radar cross-section measured by the reporting radar, dBsm; null when the sensor measures none. */
  rcsDbsm?: Maybe<Scalars['Float']['output']>;
  /** Fields withheld from you by field-level labels; empty when you see everything. */
  redacted: Array<RedactedField>;
  /** APP-6 / MIL-STD-2525C symbol code derived from kind and identity. */
  sidc: Scalars['String']['output'];
  /** When the track becomes stale if no update arrives. */
  staleAt: Scalars['DateTime']['output'];
  /** When the track was last updated. */
  updatedAt: Scalars['DateTime']['output'];
  /** Last reported velocity. */
  velocity: Velocity;
};

/** A change to the track picture of one subscriber. */
export type TrackBatch = {
  __typename?: 'TrackBatch';
  /** Ids of tracks that left the picture (or are no longer releasable to you). */
  removals: Array<Scalars['ID']['output']>;
  /** True when this batch is the whole picture: replace what you have with its upserts. The first batch is one; so is the next batch of a subscriber that fell behind (the latest state, not the batches it missed). */
  reset: Scalars['Boolean']['output'];
  /** When the gateway sent the batch. */
  sentAt: Scalars['DateTime']['output'];
  /** The stream's batch number: a reset carries the current one, each later batch the next; a gap means lost batches (subscribe again). */
  seq: Scalars['Int']['output'];
  /** Tracks created or changed since the previous batch, latest state only. */
  upserts: Array<Track>;
};

/** What kind of object a track is. */
export type TrackKind =
  /** Ballistic missile. */
  | 'BALLISTIC'
  /** Balloon. */
  | 'BALLOON'
  /** Cruise missile. */
  | 'CRUISE_MISSILE'
  /** Fixed-wing aircraft. */
  | 'FIXED_WING'
  /** Glide bomb. */
  | 'GLIDE_BOMB'
  /** Helicopter. */
  | 'ROTARY'
  /** Unmanned aircraft system (drone). */
  | 'UAS'
  /** Not yet classified. */
  | 'UNKNOWN';

/** A Tessera user. */
export type User = {
  __typename?: 'User';
  /** Highest classification the user is cleared for. */
  clearance: Classification;
  /** Name shown to other users. */
  displayName: Scalars['String']['output'];
  /** Nation (ISO 3166-1 alpha-3); null only for ADMIN. */
  nation?: Maybe<Scalars['String']['output']>;
  /** Roles held. */
  roles: Array<Role>;
  /** Login name, e.g. pol-watch. */
  username: Scalars['String']['output'];
};

/** Velocity over ground. */
export type Velocity = {
  __typename?: 'Velocity';
  /** Vertical speed, metres per second (negative when descending). */
  climbMps: Scalars['Float']['output'];
  /** Course over ground, degrees clockwise from true north, 0 <= course < 360. */
  courseDeg: Scalars['Float']['output'];
  /** Ground speed, metres per second. */
  speedMps: Scalars['Float']['output'];
};

/** What an airspace volume is for. */
export type VolumeKind =
  /** The protected volume around a defended asset. */
  | 'DEFENDED_ASSET'
  /** Engagement zone of an air-defence unit. */
  | 'ENGAGEMENT_ZONE'
  /** No fire area: no engagement may have its intercept point or path inside. */
  | 'NO_FIRE_AREA'
  /** Restricted operating zone. */
  | 'ROZ'
  /** A nation's air-defence sector, with its weapons control status. */
  | 'SECTOR'
  /** Transit corridor for friendly or civil traffic. */
  | 'TRANSIT_CORRIDOR';

/** A proposed change of a sector's weapons control status. */
export type WcsChangeDetails = {
  __typename?: 'WcsChangeDetails';
  /** Current status. */
  from: WeaponsControlStatus;
  /** Sector. */
  sectorId: Scalars['ID']['output'];
  /** Its nation. */
  sectorNation: Scalars['String']['output'];
  /** Proposed status. */
  to: WeaponsControlStatus;
};

/** Weapons control status of a sector. */
export type WeaponsControlStatus =
  /** Fire at any track not identified FRIEND, ASSUMED_FRIEND or NEUTRAL. */
  | 'FREE'
  /** Fire only in self-defence or on explicit order. */
  | 'HOLD'
  /** Fire only at tracks identified HOSTILE. */
  | 'TIGHT';



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Acknowledgement: ResolverTypeWrapper<Acknowledgement>;
  Actor: ResolverTypeWrapper<Actor>;
  AiInputs: ResolverTypeWrapper<AiInputs>;
  AiProvenance: ResolverTypeWrapper<AiProvenance>;
  AirspaceBatch: ResolverTypeWrapper<Omit<AirspaceBatch, 'upserts'> & { upserts: Array<ResolversTypes['AirspaceVolume']> }>;
  AirspaceVolume: ResolverTypeWrapper<AirspaceVolumeModel>;
  Alert: ResolverTypeWrapper<AlertModel>;
  AlertBatch: ResolverTypeWrapper<Omit<AlertBatch, 'upserts'> & { upserts: Array<ResolversTypes['Alert']> }>;
  AlertKind: AlertKind;
  AlertSeverity: AlertSeverity;
  AnomalyAssessment: AnomalyAssessment;
  AnomalyEvent: ResolverTypeWrapper<ReleasedAnomalyEventModel>;
  AnomalyKind: AnomalyKind;
  AssignmentChange: ResolverTypeWrapper<AssignmentChange>;
  AssignmentChangeAction: AssignmentChangeAction;
  AssignmentChangeInput: AssignmentChangeInput;
  AssignmentInput: AssignmentInput;
  AuditRecord: ResolverTypeWrapper<AuditRecordModel>;
  AuthorizationRequest: ResolverTypeWrapper<AuthorizationRequestModel>;
  AuthorizationRequestBatch: ResolverTypeWrapper<Omit<AuthorizationRequestBatch, 'upserts'> & { upserts: Array<ResolversTypes['AuthorizationRequest']> }>;
  AutonomyChangeDetails: ResolverTypeWrapper<AutonomyChangeDetails>;
  AutonomyMode: AutonomyMode;
  AutonomySetting: ResolverTypeWrapper<AutonomySetting>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Circle: ResolverTypeWrapper<Circle>;
  CircleInput: CircleInput;
  ClassProbability: ResolverTypeWrapper<ClassProbability>;
  Classification: Classification;
  Conflict: ResolverTypeWrapper<Conflict>;
  ConflictBatch: ResolverTypeWrapper<ConflictBatch>;
  ConflictKind: ConflictKind;
  ConflictRegion: ResolverTypeWrapper<ConflictRegion>;
  ConflictSeverity: ConflictSeverity;
  ConflictSide: ResolverTypeWrapper<ConflictSide>;
  ConflictSideKind: ConflictSideKind;
  ConflictState: ConflictState;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Decision: ResolverTypeWrapper<Decision>;
  DecisionKind: DecisionKind;
  DecisionMaker: ResolverTypeWrapper<DecisionMaker>;
  Detection: ResolverTypeWrapper<ReleasedDetectionModel>;
  DetectionBatch: ResolverTypeWrapper<Omit<DetectionBatch, 'upserts'> & { upserts: Array<ResolversTypes['Detection']> }>;
  EffectorClass: EffectorClass;
  EngagementDetails: ResolverTypeWrapper<EngagementDetails>;
  EngagementState: EngagementState;
  Evidence: ResolverTypeWrapper<Evidence>;
  ExplanationFactor: ResolverTypeWrapper<ExplanationFactor>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  GeoPoint: ResolverTypeWrapper<GeoPoint>;
  GeoPointInput: GeoPointInput;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  IdentityAssessment: ResolverTypeWrapper<IdentityAssessment>;
  ImpactArea: ResolverTypeWrapper<ImpactArea>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  InterferencePath: ResolverTypeWrapper<InterferencePath>;
  JammingDetails: ResolverTypeWrapper<JammingDetails>;
  Label: ResolverTypeWrapper<Label>;
  LoginResult: ResolverTypeWrapper<Omit<LoginResult, 'user'> & { user: ResolversTypes['User'] }>;
  ModelRef: ResolverTypeWrapper<ModelRef>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  OperationalArea: ResolverTypeWrapper<OperationalAreaModel>;
  PartnerView: ResolverTypeWrapper<Omit<PartnerView, 'track'> & { track?: Maybe<ResolversTypes['Track']> }>;
  Position: ResolverTypeWrapper<Position>;
  PredictedImpact: ResolverTypeWrapper<PredictedImpact>;
  PredictedPoint: ResolverTypeWrapper<PredictedPoint>;
  Prediction: ResolverTypeWrapper<Prediction>;
  PredictionMethod: PredictionMethod;
  Proposal: ResolverTypeWrapper<Proposal>;
  ProposalAnswer: ProposalAnswer;
  ProposalBatch: ResolverTypeWrapper<ProposalBatch>;
  ProposalInput: ProposalInput;
  ProposalKind: ProposalKind;
  ProposalResponse: ResolverTypeWrapper<ProposalResponse>;
  ProposalState: ProposalState;
  Proposer: ResolverTypeWrapper<Proposer>;
  Provenance: ResolverTypeWrapper<Provenance>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RedactedField: ResolverTypeWrapper<RedactedField>;
  ReportedPosition: ResolverTypeWrapper<ReportedPosition>;
  RequestCheck: ResolverTypeWrapper<RequestCheck>;
  RequestKind: RequestKind;
  RequestState: RequestState;
  RequiredApproval: ResolverTypeWrapper<RequiredApproval>;
  ReservationChange: ResolverTypeWrapper<ReservationChange>;
  ReservationChangeAction: ReservationChangeAction;
  ReservationChangeInput: ReservationChangeInput;
  ReservationInput: ReservationInput;
  ReservationRef: ResolverTypeWrapper<ReservationRef>;
  ReservationRefInput: ReservationRefInput;
  ReservationState: ReservationState;
  RestrictedFrequency: ResolverTypeWrapper<RestrictedFrequency>;
  RestrictedFrequencyInput: RestrictedFrequencyInput;
  RestrictedKind: RestrictedKind;
  Role: Role;
  SpectrumAssignment: ResolverTypeWrapper<SpectrumAssignment>;
  SpectrumBatch: ResolverTypeWrapper<SpectrumBatch>;
  SpectrumConflictInfo: ResolverTypeWrapper<SpectrumConflictInfo>;
  SpectrumConflictKind: SpectrumConflictKind;
  SpectrumLocation: ResolverTypeWrapper<SpectrumLocation>;
  SpectrumLocationInput: SpectrumLocationInput;
  SpectrumLocationKind: SpectrumLocationKind;
  SpectrumSuggestion: ResolverTypeWrapper<SpectrumSuggestion>;
  SpectrumSuggestionKind: SpectrumSuggestionKind;
  SpectrumUse: SpectrumUse;
  StandardIdentity: StandardIdentity;
  StandingAuthority: ResolverTypeWrapper<StandingAuthorityModel>;
  StandingAuthorityInput: StandingAuthorityInput;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TargetWarning: ResolverTypeWrapper<TargetWarning>;
  Threat: ResolverTypeWrapper<Threat>;
  Track: ResolverTypeWrapper<ReleasedTrackModel>;
  TrackBatch: ResolverTypeWrapper<Omit<TrackBatch, 'upserts'> & { upserts: Array<ResolversTypes['Track']> }>;
  TrackKind: TrackKind;
  User: ResolverTypeWrapper<UserModel>;
  Velocity: ResolverTypeWrapper<Velocity>;
  VolumeKind: VolumeKind;
  WcsChangeDetails: ResolverTypeWrapper<WcsChangeDetails>;
  WeaponsControlStatus: WeaponsControlStatus;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Acknowledgement: Acknowledgement;
  Actor: Actor;
  AiInputs: AiInputs;
  AiProvenance: AiProvenance;
  AirspaceBatch: Omit<AirspaceBatch, 'upserts'> & { upserts: Array<ResolversParentTypes['AirspaceVolume']> };
  AirspaceVolume: AirspaceVolumeModel;
  Alert: AlertModel;
  AlertBatch: Omit<AlertBatch, 'upserts'> & { upserts: Array<ResolversParentTypes['Alert']> };
  AnomalyEvent: ReleasedAnomalyEventModel;
  AssignmentChange: AssignmentChange;
  AssignmentChangeInput: AssignmentChangeInput;
  AssignmentInput: AssignmentInput;
  AuditRecord: AuditRecordModel;
  AuthorizationRequest: AuthorizationRequestModel;
  AuthorizationRequestBatch: Omit<AuthorizationRequestBatch, 'upserts'> & { upserts: Array<ResolversParentTypes['AuthorizationRequest']> };
  AutonomyChangeDetails: AutonomyChangeDetails;
  AutonomySetting: AutonomySetting;
  Boolean: Scalars['Boolean']['output'];
  Circle: Circle;
  CircleInput: CircleInput;
  ClassProbability: ClassProbability;
  Conflict: Conflict;
  ConflictBatch: ConflictBatch;
  ConflictRegion: ConflictRegion;
  ConflictSide: ConflictSide;
  DateTime: Scalars['DateTime']['output'];
  Decision: Decision;
  DecisionMaker: DecisionMaker;
  Detection: ReleasedDetectionModel;
  DetectionBatch: Omit<DetectionBatch, 'upserts'> & { upserts: Array<ResolversParentTypes['Detection']> };
  EngagementDetails: EngagementDetails;
  Evidence: Evidence;
  ExplanationFactor: ExplanationFactor;
  Float: Scalars['Float']['output'];
  GeoPoint: GeoPoint;
  GeoPointInput: GeoPointInput;
  ID: Scalars['ID']['output'];
  IdentityAssessment: IdentityAssessment;
  ImpactArea: ImpactArea;
  Int: Scalars['Int']['output'];
  InterferencePath: InterferencePath;
  JammingDetails: JammingDetails;
  Label: Label;
  LoginResult: Omit<LoginResult, 'user'> & { user: ResolversParentTypes['User'] };
  ModelRef: ModelRef;
  Mutation: Record<PropertyKey, never>;
  OperationalArea: OperationalAreaModel;
  PartnerView: Omit<PartnerView, 'track'> & { track?: Maybe<ResolversParentTypes['Track']> };
  Position: Position;
  PredictedImpact: PredictedImpact;
  PredictedPoint: PredictedPoint;
  Prediction: Prediction;
  Proposal: Proposal;
  ProposalBatch: ProposalBatch;
  ProposalInput: ProposalInput;
  ProposalResponse: ProposalResponse;
  Proposer: Proposer;
  Provenance: Provenance;
  Query: Record<PropertyKey, never>;
  RedactedField: RedactedField;
  ReportedPosition: ReportedPosition;
  RequestCheck: RequestCheck;
  RequiredApproval: RequiredApproval;
  ReservationChange: ReservationChange;
  ReservationChangeInput: ReservationChangeInput;
  ReservationInput: ReservationInput;
  ReservationRef: ReservationRef;
  ReservationRefInput: ReservationRefInput;
  RestrictedFrequency: RestrictedFrequency;
  RestrictedFrequencyInput: RestrictedFrequencyInput;
  SpectrumAssignment: SpectrumAssignment;
  SpectrumBatch: SpectrumBatch;
  SpectrumConflictInfo: SpectrumConflictInfo;
  SpectrumLocation: SpectrumLocation;
  SpectrumLocationInput: SpectrumLocationInput;
  SpectrumSuggestion: SpectrumSuggestion;
  StandingAuthority: StandingAuthorityModel;
  StandingAuthorityInput: StandingAuthorityInput;
  String: Scalars['String']['output'];
  Subscription: Record<PropertyKey, never>;
  TargetWarning: TargetWarning;
  Threat: Threat;
  Track: ReleasedTrackModel;
  TrackBatch: Omit<TrackBatch, 'upserts'> & { upserts: Array<ResolversParentTypes['Track']> };
  User: UserModel;
  Velocity: Velocity;
  WcsChangeDetails: WcsChangeDetails;
};

export type AcknowledgementResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Acknowledgement'] = ResolversParentTypes['Acknowledgement']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  displayName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  severity?: Resolver<ResolversTypes['AlertSeverity'], ParentType, ContextType>;
  username?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ActorResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Actor'] = ResolversParentTypes['Actor']> = {
  id?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nation?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type AiInputsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AiInputs'] = ResolversParentTypes['AiInputs']> = {
  sensorIds?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  trackIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type AiProvenanceResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AiProvenance'] = ResolversParentTypes['AiProvenance']> = {
  inputs?: Resolver<ResolversTypes['AiInputs'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['ModelRef'], ParentType, ContextType>;
  nation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  observedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  publishedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  sourceId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  system?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AirspaceBatchResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AirspaceBatch'] = ResolversParentTypes['AirspaceBatch']> = {
  removals?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  reset?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  sentAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  upserts?: Resolver<Array<ResolversTypes['AirspaceVolume']>, ParentType, ContextType>;
};

export type AirspaceVolumeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AirspaceVolume'] = ResolversParentTypes['AirspaceVolume']> = {
  ceilingM?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  circle?: Resolver<Maybe<ResolversTypes['Circle']>, ParentType, ContextType>;
  floorM?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['VolumeKind'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['Label'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  outline?: Resolver<Maybe<Array<ResolversTypes['GeoPoint']>>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['ReservationState'], ParentType, ContextType>;
  validFrom?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  validTo?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  wcs?: Resolver<Maybe<ResolversTypes['WeaponsControlStatus']>, ParentType, ContextType>;
};

export type AlertResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Alert'] = ResolversParentTypes['Alert']> = {
  acknowledged?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  acknowledgements?: Resolver<Array<ResolversTypes['Acknowledgement']>, ParentType, ContextType>;
  anomalyKind?: Resolver<Maybe<ResolversTypes['AnomalyKind']>, ParentType, ContextType>;
  clearedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  defendedAssetId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  impactExpectedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['AlertKind'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['Label'], ParentType, ContextType>;
  predictedImpact?: Resolver<Maybe<ResolversTypes['ImpactArea']>, ParentType, ContextType>;
  raisedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  severity?: Resolver<ResolversTypes['AlertSeverity'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  trackId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type AlertBatchResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AlertBatch'] = ResolversParentTypes['AlertBatch']> = {
  removals?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  reset?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  sentAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  upserts?: Resolver<Array<ResolversTypes['Alert']>, ParentType, ContextType>;
};

export type AnomalyEventResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AnomalyEvent'] = ResolversParentTypes['AnomalyEvent']> = {
  assessment?: Resolver<ResolversTypes['AnomalyAssessment'], ParentType, ContextType>;
  detectedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  evidence?: Resolver<Array<ResolversTypes['Evidence']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['AnomalyKind'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['Label'], ParentType, ContextType>;
  provenance?: Resolver<ResolversTypes['AiProvenance'], ParentType, ContextType>;
  redacted?: Resolver<Array<ResolversTypes['RedactedField']>, ParentType, ContextType>;
  reports?: Resolver<Array<ResolversTypes['ReportedPosition']>, ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  trackId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type AssignmentChangeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AssignmentChange'] = ResolversParentTypes['AssignmentChange']> = {
  action?: Resolver<ResolversTypes['AssignmentChangeAction'], ParentType, ContextType>;
  eirpDbm?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  highMHz?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  id?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  lowMHz?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  nation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  validFrom?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  validTo?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  withheld?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type AuditRecordResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AuditRecord'] = ResolversParentTypes['AuditRecord']> = {
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  actor?: Resolver<ResolversTypes['Actor'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  details?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  hash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  prevHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  subject?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AuthorizationRequestResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AuthorizationRequest'] = ResolversParentTypes['AuthorizationRequest']> = {
  abortReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  autonomyChange?: Resolver<Maybe<ResolversTypes['AutonomyChangeDetails']>, ParentType, ContextType>;
  awaitingYou?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  checks?: Resolver<Array<ResolversTypes['RequestCheck']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  deadline?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  decisions?: Resolver<Array<ResolversTypes['Decision']>, ParentType, ContextType>;
  engagement?: Resolver<Maybe<ResolversTypes['EngagementDetails']>, ParentType, ContextType>;
  engagementState?: Resolver<Maybe<ResolversTypes['EngagementState']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  jamming?: Resolver<Maybe<ResolversTypes['JammingDetails']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['RequestKind'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['Label'], ParentType, ContextType>;
  nation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  outcome?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  requestedBy?: Resolver<ResolversTypes['Actor'], ParentType, ContextType>;
  requiredApprovals?: Resolver<Array<ResolversTypes['RequiredApproval']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['RequestState'], ParentType, ContextType>;
  targetWarnings?: Resolver<Array<ResolversTypes['TargetWarning']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  vetoUntil?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  wcsChange?: Resolver<Maybe<ResolversTypes['WcsChangeDetails']>, ParentType, ContextType>;
};

export type AuthorizationRequestBatchResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AuthorizationRequestBatch'] = ResolversParentTypes['AuthorizationRequestBatch']> = {
  removals?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  reset?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  sentAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  upserts?: Resolver<Array<ResolversTypes['AuthorizationRequest']>, ParentType, ContextType>;
};

export type AutonomyChangeDetailsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AutonomyChangeDetails'] = ResolversParentTypes['AutonomyChangeDetails']> = {
  effectorClass?: Resolver<ResolversTypes['EffectorClass'], ParentType, ContextType>;
  from?: Resolver<ResolversTypes['AutonomyMode'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['AutonomyMode'], ParentType, ContextType>;
};

export type AutonomySettingResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AutonomySetting'] = ResolversParentTypes['AutonomySetting']> = {
  effectorClass?: Resolver<ResolversTypes['EffectorClass'], ParentType, ContextType>;
  mode?: Resolver<ResolversTypes['AutonomyMode'], ParentType, ContextType>;
};

export type CircleResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Circle'] = ResolversParentTypes['Circle']> = {
  center?: Resolver<ResolversTypes['GeoPoint'], ParentType, ContextType>;
  radiusM?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type ClassProbabilityResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ClassProbability'] = ResolversParentTypes['ClassProbability']> = {
  kind?: Resolver<ResolversTypes['TrackKind'], ParentType, ContextType>;
  probability?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type ConflictResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Conflict'] = ResolversParentTypes['Conflict']> = {
  detectedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ConflictKind'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['Label'], ParentType, ContextType>;
  parties?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  region?: Resolver<Maybe<ResolversTypes['ConflictRegion']>, ParentType, ContextType>;
  resolvedBy?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  sanitized?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  severity?: Resolver<ResolversTypes['ConflictSeverity'], ParentType, ContextType>;
  sides?: Resolver<Array<ResolversTypes['ConflictSide']>, ParentType, ContextType>;
  spectrum?: Resolver<Maybe<ResolversTypes['SpectrumConflictInfo']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['ConflictState'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ConflictBatchResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ConflictBatch'] = ResolversParentTypes['ConflictBatch']> = {
  removals?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  reset?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  sentAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  upserts?: Resolver<Array<ResolversTypes['Conflict']>, ParentType, ContextType>;
};

export type ConflictRegionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ConflictRegion'] = ResolversParentTypes['ConflictRegion']> = {
  areaKm2?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  ceilingM?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  floorM?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  from?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  outline?: Resolver<Array<ResolversTypes['GeoPoint']>, ParentType, ContextType>;
  to?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type ConflictSideResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ConflictSide'] = ResolversParentTypes['ConflictSide']> = {
  id?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ConflictSideKind'], ParentType, ContextType>;
  label?: Resolver<Maybe<ResolversTypes['Label']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  nation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  withheld?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DecisionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Decision'] = ResolversParentTypes['Decision']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  by?: Resolver<ResolversTypes['DecisionMaker'], ParentType, ContextType>;
  decision?: Resolver<ResolversTypes['DecisionKind'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  standingAuthorityId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type DecisionMakerResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['DecisionMaker'] = ResolversParentTypes['DecisionMaker']> = {
  nation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  username?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type DetectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Detection'] = ResolversParentTypes['Detection']> = {
  assessedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  classProbabilities?: Resolver<Array<ResolversTypes['ClassProbability']>, ParentType, ContextType>;
  confidence?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  explanation?: Resolver<Array<ResolversTypes['ExplanationFactor']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['Label'], ParentType, ContextType>;
  prediction?: Resolver<ResolversTypes['Prediction'], ParentType, ContextType>;
  provenance?: Resolver<ResolversTypes['AiProvenance'], ParentType, ContextType>;
  redacted?: Resolver<Array<ResolversTypes['RedactedField']>, ParentType, ContextType>;
  reports?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  threat?: Resolver<Maybe<ResolversTypes['Threat']>, ParentType, ContextType>;
  topClass?: Resolver<ResolversTypes['TrackKind'], ParentType, ContextType>;
  trackId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type DetectionBatchResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['DetectionBatch'] = ResolversParentTypes['DetectionBatch']> = {
  removals?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  reset?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  sentAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  upserts?: Resolver<Array<ResolversTypes['Detection']>, ParentType, ContextType>;
};

export type EngagementDetailsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['EngagementDetails'] = ResolversParentTypes['EngagementDetails']> = {
  confidence?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  dangerRadiusM?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  effectorClass?: Resolver<ResolversTypes['EffectorClass'], ParentType, ContextType>;
  effectorId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  effectorPosition?: Resolver<Maybe<ResolversTypes['GeoPoint']>, ParentType, ContextType>;
  interceptAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  interceptPoint?: Resolver<ResolversTypes['Position'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sectorId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  sectorNation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  targetIdentity?: Resolver<ResolversTypes['StandardIdentity'], ParentType, ContextType>;
  targetKind?: Resolver<ResolversTypes['TrackKind'], ParentType, ContextType>;
  targetTrackId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type EvidenceResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Evidence'] = ResolversParentTypes['Evidence']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  threshold?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  unit?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type ExplanationFactorResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ExplanationFactor'] = ResolversParentTypes['ExplanationFactor']> = {
  feature?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  unit?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  weight?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type GeoPointResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['GeoPoint'] = ResolversParentTypes['GeoPoint']> = {
  lat?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  lon?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type IdentityAssessmentResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['IdentityAssessment'] = ResolversParentTypes['IdentityAssessment']> = {
  identity?: Resolver<ResolversTypes['StandardIdentity'], ParentType, ContextType>;
  nation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ImpactAreaResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ImpactArea'] = ResolversParentTypes['ImpactArea']> = {
  lat?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  lon?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  radiusM?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type InterferencePathResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['InterferencePath'] = ResolversParentTypes['InterferencePath']> = {
  distanceKm?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  interferer?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  marginDb?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  receivedDbm?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  victim?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  worstMHz?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type JammingDetailsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['JammingDetails'] = ResolversParentTypes['JammingDetails']> = {
  center?: Resolver<ResolversTypes['GeoPoint'], ParentType, ContextType>;
  durationS?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  effectorId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  highMHz?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  lowMHz?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  radiusM?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  sectorId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  sectorNation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type LabelResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Label'] = ResolversParentTypes['Label']> = {
  classification?: Resolver<ResolversTypes['Classification'], ParentType, ContextType>;
  originator?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  policy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  releasableTo?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type LoginResultResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['LoginResult'] = ResolversParentTypes['LoginResult']> = {
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  sessionEndsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  token?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
};

export type ModelRefResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ModelRef'] = ResolversParentTypes['ModelRef']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  acknowledgeAlert?: Resolver<ResolversTypes['Alert'], ParentType, ContextType, RequireFields<MutationAcknowledgeAlertArgs, 'id'>>;
  createAssignment?: Resolver<ResolversTypes['SpectrumAssignment'], ParentType, ContextType, RequireFields<MutationCreateAssignmentArgs, 'input'>>;
  createReservation?: Resolver<ResolversTypes['AirspaceVolume'], ParentType, ContextType, RequireFields<MutationCreateReservationArgs, 'input'>>;
  decideRequest?: Resolver<ResolversTypes['AuthorizationRequest'], ParentType, ContextType, RequireFields<MutationDecideRequestArgs, 'decision' | 'id' | 'reason'>>;
  editAssignment?: Resolver<ResolversTypes['SpectrumAssignment'], ParentType, ContextType, RequireFields<MutationEditAssignmentArgs, 'id' | 'input' | 'version'>>;
  editReservation?: Resolver<ResolversTypes['AirspaceVolume'], ParentType, ContextType, RequireFields<MutationEditReservationArgs, 'id' | 'input' | 'version'>>;
  endAssignment?: Resolver<ResolversTypes['SpectrumAssignment'], ParentType, ContextType, RequireFields<MutationEndAssignmentArgs, 'id' | 'version'>>;
  endReservation?: Resolver<ResolversTypes['AirspaceVolume'], ParentType, ContextType, RequireFields<MutationEndReservationArgs, 'id' | 'version'>>;
  login?: Resolver<ResolversTypes['LoginResult'], ParentType, ContextType, RequireFields<MutationLoginArgs, 'password' | 'username'>>;
  logout?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  proposeResolution?: Resolver<ResolversTypes['Proposal'], ParentType, ContextType, RequireFields<MutationProposeResolutionArgs, 'input'>>;
  refreshToken?: Resolver<ResolversTypes['LoginResult'], ParentType, ContextType>;
  removeRestrictedFrequency?: Resolver<ResolversTypes['RestrictedFrequency'], ParentType, ContextType, RequireFields<MutationRemoveRestrictedFrequencyArgs, 'id' | 'version'>>;
  requestAutonomyChange?: Resolver<ResolversTypes['AuthorizationRequest'], ParentType, ContextType, RequireFields<MutationRequestAutonomyChangeArgs, 'effectorClass' | 'reason' | 'to'>>;
  requestWcsChange?: Resolver<ResolversTypes['AuthorizationRequest'], ParentType, ContextType, RequireFields<MutationRequestWcsChangeArgs, 'reason' | 'sectorId' | 'to'>>;
  respondToProposal?: Resolver<ResolversTypes['Proposal'], ParentType, ContextType, RequireFields<MutationRespondToProposalArgs, 'basedOn' | 'id' | 'reason' | 'response'>>;
  revokeSessions?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType, RequireFields<MutationRevokeSessionsArgs, 'username'>>;
  revokeStandingAuthority?: Resolver<ResolversTypes['StandingAuthority'], ParentType, ContextType, RequireFields<MutationRevokeStandingAuthorityArgs, 'id'>>;
  setRestrictedFrequency?: Resolver<ResolversTypes['RestrictedFrequency'], ParentType, ContextType, RequireFields<MutationSetRestrictedFrequencyArgs, 'id' | 'input'>>;
  setStandingAuthority?: Resolver<ResolversTypes['StandingAuthority'], ParentType, ContextType, RequireFields<MutationSetStandingAuthorityArgs, 'input'>>;
};

export type OperationalAreaResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['OperationalArea'] = ResolversParentTypes['OperationalArea']> = {
  center?: Resolver<ResolversTypes['GeoPoint'], ParentType, ContextType>;
  radiusKm?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  scenario?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type PartnerViewResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PartnerView'] = ResolversParentTypes['PartnerView']> = {
  track?: Resolver<Maybe<ResolversTypes['Track']>, ParentType, ContextType>;
  visible?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PositionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Position'] = ResolversParentTypes['Position']> = {
  altM?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  lat?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  lon?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type PredictedImpactResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PredictedImpact'] = ResolversParentTypes['PredictedImpact']> = {
  lat?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  lon?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  radiusM?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  timeToImpactS?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type PredictedPointResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PredictedPoint'] = ResolversParentTypes['PredictedPoint']> = {
  altM?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  lat?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  lon?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  tS?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type PredictionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Prediction'] = ResolversParentTypes['Prediction']> = {
  horizonS?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  impact?: Resolver<Maybe<ResolversTypes['PredictedImpact']>, ParentType, ContextType>;
  method?: Resolver<ResolversTypes['PredictionMethod'], ParentType, ContextType>;
  path?: Resolver<Array<ResolversTypes['PredictedPoint']>, ParentType, ContextType>;
};

export type ProposalResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Proposal'] = ResolversParentTypes['Proposal']> = {
  assignmentChanges?: Resolver<Array<ResolversTypes['AssignmentChange']>, ParentType, ContextType>;
  basedOn?: Resolver<Array<ResolversTypes['ReservationRef']>, ParentType, ContextType>;
  changes?: Resolver<Array<ResolversTypes['ReservationChange']>, ParentType, ContextType>;
  conflictId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  counterTo?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ProposalKind'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['Label'], ParentType, ContextType>;
  proposedBy?: Resolver<ResolversTypes['Proposer'], ParentType, ContextType>;
  rationale?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  responses?: Resolver<Array<ResolversTypes['ProposalResponse']>, ParentType, ContextType>;
  sanitized?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['ProposalState'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ProposalBatchResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ProposalBatch'] = ResolversParentTypes['ProposalBatch']> = {
  removals?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  reset?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  sentAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  upserts?: Resolver<Array<ResolversTypes['Proposal']>, ParentType, ContextType>;
};

export type ProposalResponseResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ProposalResponse'] = ResolversParentTypes['ProposalResponse']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  nation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  response?: Resolver<ResolversTypes['ProposalAnswer'], ParentType, ContextType>;
  username?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ProposerResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Proposer'] = ResolversParentTypes['Proposer']> = {
  nation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  username?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ProvenanceResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Provenance'] = ResolversParentTypes['Provenance']> = {
  nation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  observedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  publishedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  sourceId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  system?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  airspace?: Resolver<Array<ResolversTypes['AirspaceVolume']>, ParentType, ContextType>;
  alerts?: Resolver<Array<ResolversTypes['Alert']>, ParentType, ContextType, RequireFields<QueryAlertsArgs, 'includeCleared'>>;
  anomalies?: Resolver<Array<ResolversTypes['AnomalyEvent']>, ParentType, ContextType, RequireFields<QueryAnomaliesArgs, 'limit'>>;
  auditLog?: Resolver<Array<ResolversTypes['AuditRecord']>, ParentType, ContextType, RequireFields<QueryAuditLogArgs, 'limit'>>;
  authorizationRequests?: Resolver<Array<ResolversTypes['AuthorizationRequest']>, ParentType, ContextType, RequireFields<QueryAuthorizationRequestsArgs, 'includeFinal'>>;
  autonomy?: Resolver<Array<ResolversTypes['AutonomySetting']>, ParentType, ContextType>;
  conflict?: Resolver<Maybe<ResolversTypes['Conflict']>, ParentType, ContextType, RequireFields<QueryConflictArgs, 'id'>>;
  conflicts?: Resolver<Array<ResolversTypes['Conflict']>, ParentType, ContextType, RequireFields<QueryConflictsArgs, 'includeResolved'>>;
  detection?: Resolver<Maybe<ResolversTypes['Detection']>, ParentType, ContextType, RequireFields<QueryDetectionArgs, 'trackId'>>;
  detections?: Resolver<Array<ResolversTypes['Detection']>, ParentType, ContextType>;
  me?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  operationalArea?: Resolver<Maybe<ResolversTypes['OperationalArea']>, ParentType, ContextType>;
  proposals?: Resolver<Array<ResolversTypes['Proposal']>, ParentType, ContextType, RequireFields<QueryProposalsArgs, 'conflictId'>>;
  restrictedFrequencies?: Resolver<Array<ResolversTypes['RestrictedFrequency']>, ParentType, ContextType>;
  spectrumAssignments?: Resolver<Array<ResolversTypes['SpectrumAssignment']>, ParentType, ContextType, RequireFields<QuerySpectrumAssignmentsArgs, 'includeEnded'>>;
  spectrumSuggestions?: Resolver<Array<ResolversTypes['SpectrumSuggestion']>, ParentType, ContextType, RequireFields<QuerySpectrumSuggestionsArgs, 'conflictId'>>;
  standingAuthorities?: Resolver<Array<ResolversTypes['StandingAuthority']>, ParentType, ContextType>;
  track?: Resolver<Maybe<ResolversTypes['Track']>, ParentType, ContextType, RequireFields<QueryTrackArgs, 'id'>>;
  trackAsSeenBy?: Resolver<Maybe<ResolversTypes['PartnerView']>, ParentType, ContextType, RequireFields<QueryTrackAsSeenByArgs, 'clearance' | 'id' | 'nation'>>;
  tracks?: Resolver<Array<ResolversTypes['Track']>, ParentType, ContextType>;
};

export type RedactedFieldResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RedactedField'] = ResolversParentTypes['RedactedField']> = {
  classification?: Resolver<ResolversTypes['Classification'], ParentType, ContextType>;
  path?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  releasableTo?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ReportedPositionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ReportedPosition'] = ResolversParentTypes['ReportedPosition']> = {
  altM?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  lat?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  lon?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  speedMps?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type RequestCheckResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RequestCheck'] = ResolversParentTypes['RequestCheck']> = {
  check?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  detail?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  ok?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type RequiredApprovalResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RequiredApproval'] = ResolversParentTypes['RequiredApproval']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  nation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ReservationChangeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ReservationChange'] = ResolversParentTypes['ReservationChange']> = {
  action?: Resolver<ResolversTypes['ReservationChangeAction'], ParentType, ContextType>;
  ceilingM?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  circle?: Resolver<Maybe<ResolversTypes['Circle']>, ParentType, ContextType>;
  floorM?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  id?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  nation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  outline?: Resolver<Maybe<Array<ResolversTypes['GeoPoint']>>, ParentType, ContextType>;
  validFrom?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  validTo?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  withheld?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type ReservationRefResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ReservationRef'] = ResolversParentTypes['ReservationRef']> = {
  id?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  nation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  withheld?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type RestrictedFrequencyResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RestrictedFrequency'] = ResolversParentTypes['RestrictedFrequency']> = {
  highMHz?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['RestrictedKind'], ParentType, ContextType>;
  label?: Resolver<Maybe<ResolversTypes['Label']>, ParentType, ContextType>;
  lowMHz?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  nation?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  noTransmission?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  waived?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  waiverReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  waiverValidTo?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  withheld?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type SpectrumAssignmentResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SpectrumAssignment'] = ResolversParentTypes['SpectrumAssignment']> = {
  eirpDbm?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  guardBandMHz?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  highMHz?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  horizonKm?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['Label'], ParentType, ContextType>;
  location?: Resolver<ResolversTypes['SpectrumLocation'], ParentType, ContextType>;
  lowMHz?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  nation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  priority?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['ReservationState'], ParentType, ContextType>;
  system?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  thresholdDbm?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  tiedReservation?: Resolver<Maybe<ResolversTypes['ReservationRef']>, ParentType, ContextType>;
  tunableHighMHz?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  tunableLowMHz?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  use?: Resolver<ResolversTypes['SpectrumUse'], ParentType, ContextType>;
  validFrom?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  validTo?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SpectrumBatchResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SpectrumBatch'] = ResolversParentTypes['SpectrumBatch']> = {
  assignmentRemovals?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  assignments?: Resolver<Array<ResolversTypes['SpectrumAssignment']>, ParentType, ContextType>;
  reset?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  restricted?: Resolver<Array<ResolversTypes['RestrictedFrequency']>, ParentType, ContextType>;
  restrictedRemovals?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  sentAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SpectrumConflictInfoResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SpectrumConflictInfo'] = ResolversParentTypes['SpectrumConflictInfo']> = {
  from?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  highMHz?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['SpectrumConflictKind'], ParentType, ContextType>;
  lowMHz?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  marginDb?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  paths?: Resolver<Array<ResolversTypes['InterferencePath']>, ParentType, ContextType>;
  tiedReservation?: Resolver<Maybe<ResolversTypes['ReservationRef']>, ParentType, ContextType>;
  to?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type SpectrumLocationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SpectrumLocation'] = ResolversParentTypes['SpectrumLocation']> = {
  antennaHeightM?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  circle?: Resolver<Maybe<ResolversTypes['Circle']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['SpectrumLocationKind'], ParentType, ContextType>;
  outline?: Resolver<Maybe<Array<ResolversTypes['GeoPoint']>>, ParentType, ContextType>;
  point?: Resolver<Maybe<ResolversTypes['GeoPoint']>, ParentType, ContextType>;
};

export type SpectrumSuggestionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SpectrumSuggestion'] = ResolversParentTypes['SpectrumSuggestion']> = {
  assignment?: Resolver<ResolversTypes['ReservationRef'], ParentType, ContextType>;
  change?: Resolver<ResolversTypes['AssignmentChange'], ParentType, ContextType>;
  clearsConflict?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['SpectrumSuggestionKind'], ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type StandingAuthorityResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['StandingAuthority'] = ResolversParentTypes['StandingAuthority']> = {
  effectorClasses?: Resolver<Array<ResolversTypes['EffectorClass']>, ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  grantedBy?: Resolver<ResolversTypes['DecisionMaker'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  identities?: Resolver<Array<ResolversTypes['StandardIdentity']>, ParentType, ContextType>;
  minConfidence?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  nation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  targetKinds?: Resolver<Array<ResolversTypes['TrackKind']>, ParentType, ContextType>;
  validFrom?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  zone?: Resolver<ResolversTypes['Circle'], ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  airspaceUpdates?: SubscriptionResolver<ResolversTypes['AirspaceBatch'], "airspaceUpdates", ParentType, ContextType>;
  alertUpdates?: SubscriptionResolver<ResolversTypes['AlertBatch'], "alertUpdates", ParentType, ContextType>;
  anomalyEvents?: SubscriptionResolver<ResolversTypes['AnomalyEvent'], "anomalyEvents", ParentType, ContextType>;
  authorizationRequestUpdates?: SubscriptionResolver<ResolversTypes['AuthorizationRequestBatch'], "authorizationRequestUpdates", ParentType, ContextType>;
  conflictUpdates?: SubscriptionResolver<ResolversTypes['ConflictBatch'], "conflictUpdates", ParentType, ContextType>;
  detectionUpdates?: SubscriptionResolver<ResolversTypes['DetectionBatch'], "detectionUpdates", ParentType, ContextType>;
  proposalUpdates?: SubscriptionResolver<ResolversTypes['ProposalBatch'], "proposalUpdates", ParentType, ContextType>;
  spectrumUpdates?: SubscriptionResolver<ResolversTypes['SpectrumBatch'], "spectrumUpdates", ParentType, ContextType>;
  trackUpdates?: SubscriptionResolver<ResolversTypes['TrackBatch'], "trackUpdates", ParentType, ContextType>;
};

export type TargetWarningResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['TargetWarning'] = ResolversParentTypes['TargetWarning']> = {
  anomaly?: Resolver<ResolversTypes['AnomalyKind'], ParentType, ContextType>;
  detail?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['AnomalyAssessment'], ParentType, ContextType>;
  since?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type ThreatResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Threat'] = ResolversParentTypes['Threat']> = {
  closestApproachM?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  defendedAssetId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  defendedAssetName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  predictedImpact?: Resolver<Maybe<ResolversTypes['ImpactArea']>, ParentType, ContextType>;
  timeToClosestApproachS?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  timeToImpactS?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type TrackResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Track'] = ResolversParentTypes['Track']> = {
  assessments?: Resolver<Array<ResolversTypes['IdentityAssessment']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  identity?: Resolver<ResolversTypes['StandardIdentity'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['TrackKind'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['Label'], ParentType, ContextType>;
  position?: Resolver<ResolversTypes['Position'], ParentType, ContextType>;
  provenance?: Resolver<ResolversTypes['Provenance'], ParentType, ContextType>;
  quality?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  rcsDbsm?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  redacted?: Resolver<Array<ResolversTypes['RedactedField']>, ParentType, ContextType>;
  sidc?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  staleAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  velocity?: Resolver<ResolversTypes['Velocity'], ParentType, ContextType>;
};

export type TrackBatchResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['TrackBatch'] = ResolversParentTypes['TrackBatch']> = {
  removals?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  reset?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  sentAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  upserts?: Resolver<Array<ResolversTypes['Track']>, ParentType, ContextType>;
};

export type UserResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = {
  clearance?: Resolver<ResolversTypes['Classification'], ParentType, ContextType>;
  displayName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nation?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['Role']>, ParentType, ContextType>;
  username?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type VelocityResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Velocity'] = ResolversParentTypes['Velocity']> = {
  climbMps?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  courseDeg?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  speedMps?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type WcsChangeDetailsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['WcsChangeDetails'] = ResolversParentTypes['WcsChangeDetails']> = {
  from?: Resolver<ResolversTypes['WeaponsControlStatus'], ParentType, ContextType>;
  sectorId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  sectorNation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['WeaponsControlStatus'], ParentType, ContextType>;
};

export type Resolvers<ContextType = GraphQLContext> = {
  Acknowledgement?: AcknowledgementResolvers<ContextType>;
  Actor?: ActorResolvers<ContextType>;
  AiInputs?: AiInputsResolvers<ContextType>;
  AiProvenance?: AiProvenanceResolvers<ContextType>;
  AirspaceBatch?: AirspaceBatchResolvers<ContextType>;
  AirspaceVolume?: AirspaceVolumeResolvers<ContextType>;
  Alert?: AlertResolvers<ContextType>;
  AlertBatch?: AlertBatchResolvers<ContextType>;
  AnomalyEvent?: AnomalyEventResolvers<ContextType>;
  AssignmentChange?: AssignmentChangeResolvers<ContextType>;
  AuditRecord?: AuditRecordResolvers<ContextType>;
  AuthorizationRequest?: AuthorizationRequestResolvers<ContextType>;
  AuthorizationRequestBatch?: AuthorizationRequestBatchResolvers<ContextType>;
  AutonomyChangeDetails?: AutonomyChangeDetailsResolvers<ContextType>;
  AutonomySetting?: AutonomySettingResolvers<ContextType>;
  Circle?: CircleResolvers<ContextType>;
  ClassProbability?: ClassProbabilityResolvers<ContextType>;
  Conflict?: ConflictResolvers<ContextType>;
  ConflictBatch?: ConflictBatchResolvers<ContextType>;
  ConflictRegion?: ConflictRegionResolvers<ContextType>;
  ConflictSide?: ConflictSideResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Decision?: DecisionResolvers<ContextType>;
  DecisionMaker?: DecisionMakerResolvers<ContextType>;
  Detection?: DetectionResolvers<ContextType>;
  DetectionBatch?: DetectionBatchResolvers<ContextType>;
  EngagementDetails?: EngagementDetailsResolvers<ContextType>;
  Evidence?: EvidenceResolvers<ContextType>;
  ExplanationFactor?: ExplanationFactorResolvers<ContextType>;
  GeoPoint?: GeoPointResolvers<ContextType>;
  IdentityAssessment?: IdentityAssessmentResolvers<ContextType>;
  ImpactArea?: ImpactAreaResolvers<ContextType>;
  InterferencePath?: InterferencePathResolvers<ContextType>;
  JammingDetails?: JammingDetailsResolvers<ContextType>;
  Label?: LabelResolvers<ContextType>;
  LoginResult?: LoginResultResolvers<ContextType>;
  ModelRef?: ModelRefResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  OperationalArea?: OperationalAreaResolvers<ContextType>;
  PartnerView?: PartnerViewResolvers<ContextType>;
  Position?: PositionResolvers<ContextType>;
  PredictedImpact?: PredictedImpactResolvers<ContextType>;
  PredictedPoint?: PredictedPointResolvers<ContextType>;
  Prediction?: PredictionResolvers<ContextType>;
  Proposal?: ProposalResolvers<ContextType>;
  ProposalBatch?: ProposalBatchResolvers<ContextType>;
  ProposalResponse?: ProposalResponseResolvers<ContextType>;
  Proposer?: ProposerResolvers<ContextType>;
  Provenance?: ProvenanceResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RedactedField?: RedactedFieldResolvers<ContextType>;
  ReportedPosition?: ReportedPositionResolvers<ContextType>;
  RequestCheck?: RequestCheckResolvers<ContextType>;
  RequiredApproval?: RequiredApprovalResolvers<ContextType>;
  ReservationChange?: ReservationChangeResolvers<ContextType>;
  ReservationRef?: ReservationRefResolvers<ContextType>;
  RestrictedFrequency?: RestrictedFrequencyResolvers<ContextType>;
  SpectrumAssignment?: SpectrumAssignmentResolvers<ContextType>;
  SpectrumBatch?: SpectrumBatchResolvers<ContextType>;
  SpectrumConflictInfo?: SpectrumConflictInfoResolvers<ContextType>;
  SpectrumLocation?: SpectrumLocationResolvers<ContextType>;
  SpectrumSuggestion?: SpectrumSuggestionResolvers<ContextType>;
  StandingAuthority?: StandingAuthorityResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  TargetWarning?: TargetWarningResolvers<ContextType>;
  Threat?: ThreatResolvers<ContextType>;
  Track?: TrackResolvers<ContextType>;
  TrackBatch?: TrackBatchResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  Velocity?: VelocityResolvers<ContextType>;
  WcsChangeDetails?: WcsChangeDetailsResolvers<ContextType>;
};

