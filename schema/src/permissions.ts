import { AUDIT_ANCHOR_STREAM, AUDIT_STREAM } from './audit.ts';
import { AIRSPACE_BUCKET, ALERT_BUCKET, AUTHORITY_BUCKET, REFERENCE_BUCKET, subjects } from './subjects.ts';

/** What one service's NATS user may publish and subscribe to. */
export interface NatsPermissions {
  publish: string[];
  subscribe: string[];
  /** May reply to requests it received (the server allows the reply subject once), without publishing to all inboxes. */
  respond?: boolean;
  /** Subjects refused even where `publish` allows them (JetStream API calls that would change or destroy a stream). */
  denyPublish?: string[];
}

/**
 * The audit chain and its anchors are append-only for every service: neither stream may be deleted,
 * purged, reconfigured, nor single messages removed (only the operator, i.e. a person at the
 * console, may).
 */
export const AUDIT_GUARD = [AUDIT_STREAM, AUDIT_ANCHOR_STREAM].flatMap((stream) =>
  ['DELETE', 'PURGE', 'UPDATE', 'MSG.DELETE'].map((op) => `$JS.API.STREAM.${op}.${stream}`),
);

/** The JetStream stream behind a KV bucket; it holds the subjects `$KV.<bucket>.>`. */
export const kvStream = (bucket: string) => `KV_${bucket}`;

/**
 * The inbox prefix of a NATS user: its requests (request/reply, every JetStream API call, KV watch
 * and consumer deliveries) are answered under it, and only that user may subscribe to it, so no
 * service reads another's replies. The kit's connectNats passes it to nats.js (`inboxPrefix`).
 */
export function inboxPrefix(user: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(user))
    throw new Error(`not a valid NATS user name for an inbox prefix: ${JSON.stringify(user)}`);
  return `_INBOX_${user}`;
}
const inbox = (user: string) => `${inboxPrefix(user)}.>`;

const API = '$JS.API';
/** Account-wide JetStream information (limits, usage); nats.js asks it before the first API call. Read-only. */
const JS_ACCOUNT_INFO = `${API}.INFO`;

/**
 * Read-only JetStream API on one stream, what a KV get, keys and watch and an ordered consumer
 * need: stream info, one message (by the API or direct get), ephemeral consumers (create with or
 * without name and filter, info, fetch, delete; ack policy none) and the flow-control replies of a
 * push consumer. Nothing here changes the stream's messages or its configuration.
 */
export function streamReadApi(stream: string): string[] {
  return [
    `${API}.STREAM.INFO.${stream}`,
    `${API}.STREAM.MSG.GET.${stream}`,
    `${API}.DIRECT.GET.${stream}`,
    `${API}.DIRECT.GET.${stream}.>`,
    `${API}.CONSUMER.CREATE.${stream}`,
    `${API}.CONSUMER.CREATE.${stream}.>`,
    `${API}.CONSUMER.INFO.${stream}.*`,
    `${API}.CONSUMER.MSG.NEXT.${stream}.*`,
    `${API}.CONSUMER.DELETE.${stream}.*`,
    `$JS.FC.${stream}.>`,
  ];
}

/**
 * The owner of a stream may also create it when it is missing. It may not update, purge or delete
 * it, nor delete messages: no code needs that (a KV delete is a marker the owner publishes), and
 * the operator still can.
 */
export function streamOwnerApi(stream: string): string[] {
  return [`${API}.STREAM.CREATE.${stream}`, ...streamReadApi(stream)];
}

/** Reads a KV bucket (get, keys, watch); it may neither write nor create it. */
const kvReader = (bucket: string) => streamReadApi(kvStream(bucket));
/** Owns a KV bucket: creates it, writes and deletes its keys, reads it. */
const kvOwner = (bucket: string) => [`$KV.${bucket}.>`, ...streamOwnerApi(kvStream(bucket))];

/**
 * Refused to every service even where an allow-list would let it through: changing or destroying
 * any stream or its messages (a purged authority bucket would reset a weapons HOLD to its default),
 * and durable consumers (state on someone else's stream). Only the operator may.
 */
export const STREAM_GUARD = [
  ...['DELETE', 'PURGE', 'UPDATE', 'MSG.DELETE'].map((op) => `${API}.STREAM.${op}.>`),
  `${API}.CONSUMER.DURABLE.CREATE.>`,
];
const GUARD = [...AUDIT_GUARD, ...STREAM_GUARD];

/**
 * Each service's NATS user gets the subjects it needs and nothing else, derived from the same
 * subject builders the code uses. The twin's own user runs the simulation (control, status,
 * reference data); the tracks of each nation go out through that nation's fusion-centre user.
 *
 * JetStream: a service calls the API only on the streams it owns (create, read, append) and reads
 * the buckets it watches (streamReadApi); it never changes or destroys a stream (STREAM_GUARD).
 * Replies come back under its own inbox prefix only (inboxPrefix). Dead letters are plain publishes
 * into the operator's TESSERA_DEADLETTER stream.
 */
export const SERVICE_PERMISSIONS = {
  /** Owns the reference bucket (operational area, airspace volumes, effectors). */
  twin: {
    publish: [subjects.twinStatus, subjects.deadLetter('twin'), JS_ACCOUNT_INFO, ...kvOwner(REFERENCE_BUCKET)],
    denyPublish: GUARD,
    subscribe: [subjects.twinControl, subjects.effectOutcome, inbox('twin')],
    respond: true,
  },
  /**
   * Reads alerts, the authority's state, the airspace (reservations, conflicts, proposals), reference
   * data and the audit chain; asks the authority, the detector and the deconfliction service. Is the
   * audit chain's notary: the only user that may publish its anchors (and create their stream when
   * missing); the chain's writer, the authority, may not.
   */
  gateway: {
    publish: [
      subjects.deadLetter('gateway'),
      subjects.auditAnchor('gateway'),
      subjects.alertAck,
      subjects.authorityFromGateway,
      subjects.deconflictionFromGateway,
      JS_ACCOUNT_INFO,
      ...kvReader(ALERT_BUCKET),
      ...kvReader(AUTHORITY_BUCKET),
      ...kvReader(AIRSPACE_BUCKET),
      ...kvReader(REFERENCE_BUCKET),
      ...streamReadApi(AUDIT_STREAM),
      ...streamOwnerApi(AUDIT_ANCHOR_STREAM),
    ],
    denyPublish: GUARD,
    subscribe: [subjects.allTrackBatches, subjects.allDetections, subjects.allAnomalies, inbox('gateway')],
  },
  /**
   * The coalition AI detector: reads every nation's tracks and the defended assets (airspace),
   * publishes detections and anomalies per nation, owns alerts.
   */
  detector: {
    publish: [
      subjects.allDetections,
      subjects.allAnomalies,
      subjects.deadLetter('detector'),
      JS_ACCOUNT_INFO,
      ...kvOwner(ALERT_BUCKET),
      ...kvReader(AIRSPACE_BUCKET),
      ...kvReader(REFERENCE_BUCKET),
    ],
    denyPublish: GUARD,
    subscribe: [subjects.allTrackBatches, subjects.alertAck, inbox('detector')],
    respond: true,
  },
  /**
   * The authority: answers commands from the gateway and from every nation's agents, owns its KV
   * bucket and appends to the audit chain; reads tracks and detections for its own situation checks,
   * the detector's alerts (the flags a request about a target must name) and the airspace (sectors,
   * no-fire areas) from the deconfliction service's bucket; reports what a completed engagement did
   * (the twin removes a destroyed target).
   */
  authority: {
    publish: [
      subjects.deadLetter('authority'),
      subjects.audit,
      subjects.effectOutcome,
      JS_ACCOUNT_INFO,
      ...kvOwner(AUTHORITY_BUCKET),
      ...streamOwnerApi(AUDIT_STREAM),
      ...kvReader(ALERT_BUCKET),
      ...kvReader(AIRSPACE_BUCKET),
      ...kvReader(REFERENCE_BUCKET),
    ],
    denyPublish: GUARD,
    subscribe: [
      subjects.allTrackBatches,
      subjects.allDetections,
      subjects.authorityFromGateway,
      subjects.allAuthorityAgentSubjects,
      subjects.allAuditAppends,
      inbox('authority'),
    ],
    respond: true,
  },
  /**
   * The interceptor service: reads the picture, the airspace, the authority's requests and the
   * detector's alerts (an open ANOMALY alert flags a target as implausible). It asks the authority
   * only through each nation's agent user (interceptorAgentPermissions), never through this one.
   */
  interceptor: {
    publish: [
      subjects.deadLetter('interceptor'),
      JS_ACCOUNT_INFO,
      ...kvReader(ALERT_BUCKET),
      ...kvReader(AUTHORITY_BUCKET),
      ...kvReader(AIRSPACE_BUCKET),
      ...kvReader(REFERENCE_BUCKET),
    ],
    denyPublish: GUARD,
    subscribe: [subjects.allTrackBatches, subjects.allDetections, inbox('interceptor')],
  },
  /**
   * The deconfliction service: owns the airspace bucket (reservations, conflicts, proposals), seeds it
   * from reference data, answers the gateway's airspace commands, reads the picture and the
   * authority's requests (engagement conflicts), and has the chain's writer audit for it.
   */
  deconfliction: {
    publish: [
      subjects.deadLetter('deconfliction'),
      subjects.auditAppend('deconfliction'),
      JS_ACCOUNT_INFO,
      ...kvOwner(AIRSPACE_BUCKET),
      ...kvReader(REFERENCE_BUCKET),
      ...kvReader(AUTHORITY_BUCKET),
      ...streamReadApi(AUDIT_STREAM),
    ],
    denyPublish: GUARD,
    subscribe: [subjects.allTrackBatches, subjects.deconflictionFromGateway, inbox('deconfliction')],
    respond: true,
  },
} as const satisfies Record<string, NatsPermissions>;

export type ServiceName = keyof typeof SERVICE_PERMISSIONS;

/** A nation's fusion centre (played by the twin): may publish that nation's tracks and nothing else. */
export function fusionCentrePermissions(nation: string): NatsPermissions {
  return { publish: [subjects.trackBatch(nation)], subscribe: [] };
}

export const fusionCentreUser = (nation: string) => `fusion-${nation.toLowerCase()}`;

/**
 * A nation's interceptor agents: may ask the authority on that nation's agent subject and read the
 * replies under their own inbox prefix, nothing else, so an agent can neither decide (the gateway's
 * subject) nor act for another nation, nor read anybody's replies.
 */
export function interceptorAgentPermissions(nation: string): NatsPermissions {
  return { publish: [subjects.authorityFromAgents(nation)], subscribe: [inbox(interceptorAgentUser(nation))] };
}

export const interceptorAgentUser = (nation: string) => `interceptor-${nation.toLowerCase()}`;

/** The operator (stack launcher, tools): sets up streams, controls the twin, reads dead letters. */
export const OPERATOR_PERMISSIONS: NatsPermissions = { publish: ['>'], subscribe: ['>'] };
