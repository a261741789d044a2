/**
 * NATS subject names, versioned. Every subject Tessera uses is built here and nowhere else, so a
 * contract change is one edit and the NATS permissions (later) derive from the same names.
 */
export const SUBJECT_VERSION = 'v1';
const root = `tessera.${SUBJECT_VERSION}`;

function token(value: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(value)) throw new Error(`not a valid NATS subject token: ${JSON.stringify(value)}`);
  return value;
}

export const subjects = {
  /** Track batches published by the fusion centre of one nation. */
  trackBatch: (nation: string) => `${root}.tracks.${token(nation)}`,
  /** Wildcard over every nation's track batches. */
  allTrackBatches: `${root}.tracks.*`,
  /** Detection batches (classification, prediction, threat) about one nation's tracks. */
  detections: (nation: string) => `${root}.detections.${token(nation)}`,
  allDetections: `${root}.detections.*`,
  /** Cyber-kinetic anomaly events about one nation's tracks. */
  anomalies: (nation: string) => `${root}.anomalies.${token(nation)}`,
  allAnomalies: `${root}.anomalies.*`,
  /** Request/reply: a watch officer acknowledges an alert (the detector owns alerts). */
  alertAck: `${root}.alerts.ack`,
  /**
   * Request/reply: commands a person gave through the gateway (decide, standing authority, WCS and
   * autonomy changes). Only the gateway's NATS user may publish here: the identity in such a command
   * is the one the gateway authenticated, and nothing on any other subject may name a person.
   */
  authorityFromGateway: `${root}.authority.gateway`,
  /**
   * Request/reply: commands of one nation's interceptor agents (open an engagement or jamming request,
   * withdraw, launch, complete). Only that nation's agent user may publish here; the authority takes
   * the nation and the acting agent from the subject, never from the body.
   */
  authorityFromAgents: (nation: string) => `${root}.authority.agent.${token(nation)}`,
  allAuthorityAgentSubjects: `${root}.authority.agent.*`,
  /**
   * Request/reply: airspace commands a person gave through the gateway (reservations, proposals,
   * responses). Only the gateway's NATS user may publish here.
   */
  deconflictionFromGateway: `${root}.deconfliction.gateway`,
  /**
   * Request/reply: a service asks the audit chain's one writer (the authority) to append a record
   * for it; the service is the subject's, so a service can only write in its own name (or the
   * person it vouches for).
   */
  auditAppend: (service: string) => `${root}.audit.append.${token(service)}`,
  allAuditAppends: `${root}.audit.append.*`,
  /** Request/reply control of the digital twin (pause, resume, reset, time scale, status). */
  twinControl: `${root}.twin.control`,
  /** Twin status, published on every change. */
  twinStatus: `${root}.twin.status`,
  /** Messages a service rejected, with the reason, for later inspection. */
  deadLetter: (service: string) => `${root}.deadletter.${token(service)}`,
  allDeadLetters: `${root}.deadletter.>`,
  /** The audit chain: signed records appended by the authority service only (stream TESSERA_AUDIT). */
  audit: `${root}.audit`,
  /**
   * Anchors of the audit chain (AuditAnchor, stream TESSERA_AUDIT_ANCHORS), signed by the notary the
   * subject names; only that notary's NATS user (the gateway's) may publish there, never the chain's
   * writer.
   */
  auditAnchor: (notary: string) => `${root}.audit.anchor.${token(notary)}`,
  allAuditAnchors: `${root}.audit.anchor.*`,
  /**
   * What an executed engagement did to its target (EffectOutcome), published by the interceptor
   * after the authority recorded the completion; the twin removes a DESTROYED target.
   */
  effectOutcome: `${root}.effects.outcome`,
} as const;

/**
 * JetStream KV bucket of reference data (state, not events): `area` (the operational area),
 * `volume.<nation>.<id>` (airspace volumes) and `effector.<nation>.<id>` (effectors, EffectorRef).
 * A late or restarted consumer reads it at once.
 */
export const REFERENCE_BUCKET = 'TESSERA_REFERENCE';
export const referenceKeys = {
  area: 'area',
  volume: (nation: string, id: string) => `volume.${token(nation)}.${token(id)}`,
  /** The scenario's spectrum plan, seeded into the deconfliction service (SpectrumAssignment, RestrictedEntry). */
  assignment: (nation: string, id: string) => `assignment.${token(nation)}.${token(id)}`,
  restricted: (nation: string, id: string) => `restricted.${token(nation)}.${token(id)}`,
  effector: (nation: string, id: string) => `effector.${token(nation)}.${token(id)}`,
} as const;

/** The JetStream stream that keeps dead letters (file storage). */
export const DEAD_LETTER_STREAM = 'TESSERA_DEADLETTER';

/**
 * JetStream KV bucket of alerts, owned by the detector: `alert.<encoded id>`. The gateway watches it,
 * so a restarted gateway (or detector) has every open alert and its acknowledgements at once.
 */
export const ALERT_BUCKET = 'TESSERA_ALERTS';
export const alertKey = (alertId: string) => `alert.${alertId.replaceAll('=', '=3D').replaceAll(':', '=3A')}`;

/**
 * JetStream KV bucket of the authority service (file storage): `request.<id>` (authorization
 * requests, updated with revision checks), `wcs.<nation>.<sector>`, `autonomy.<nation>.<class>`,
 * `standing.<nation>.<id>`, and `command.<id>` (the reply to each command, so a repeated command
 * is answered, never applied twice).
 */
export const AUTHORITY_BUCKET = 'TESSERA_AUTHORITY';
export const authorityKeys = {
  request: (id: string) => `request.${token(id)}`,
  command: (id: string) => `command.${token(id)}`,
  wcs: (nation: string, sectorId: string) => `wcs.${token(nation)}.${token(sectorId)}`,
  autonomy: (nation: string, effectorClass: string) => `autonomy.${token(nation)}.${token(effectorClass)}`,
  standing: (nation: string, id: string) => `standing.${token(nation)}.${token(id)}`,
} as const;

/**
 * JetStream KV bucket of the deconfliction service (file storage), the owner of the airspace:
 * `reservation.<nation>.<id>` (AirspaceVolume with state and version), `conflict.<id>`,
 * `proposal.<id>`, `assignment.<nation>.<id>` (SpectrumAssignment), `restricted.<nation>.<id>`
 * (RestrictedEntry), `command.<id>` (the reply to each command) and `applied.audit` (replay checkpoint).
 */
export const AIRSPACE_BUCKET = 'TESSERA_AIRSPACE';
export const airspaceKeys = {
  reservation: (nation: string, id: string) => `reservation.${token(nation)}.${token(id)}`,
  conflict: (id: string) => `conflict.${token(id)}`,
  proposal: (id: string) => `proposal.${token(id)}`,
  assignment: (nation: string, id: string) => `assignment.${token(nation)}.${token(id)}`,
  restricted: (nation: string, id: string) => `restricted.${token(nation)}.${token(id)}`,
  command: (id: string) => `command.${token(id)}`,
} as const;
