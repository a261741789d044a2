import { AUDIT_STREAM } from './audit.ts';
import { ALERT_BUCKET, AUTHORITY_BUCKET, REFERENCE_BUCKET, subjects } from './subjects.ts';

/** What one service's NATS user may publish and subscribe to. */
export interface NatsPermissions {
  publish: string[];
  subscribe: string[];
  /** May reply to requests it received (the server allows the reply subject once), without publishing to all inboxes. */
  respond?: boolean;
  /** Subjects refused even where `publish` allows them (JetStream API calls that would destroy the audit trail). */
  denyPublish?: string[];
}

/**
 * The audit chain is append-only for every service: the stream itself may not be deleted, purged,
 * reconfigured, nor single messages removed (only the operator, i.e. a person at the console, may).
 */
export const AUDIT_GUARD = ['DELETE', 'PURGE', 'UPDATE', 'MSG.DELETE'].map((op) => `$JS.API.STREAM.${op}.${AUDIT_STREAM}`);

/** Request/reply and JetStream answers come back on inboxes. */
const INBOX = '_INBOX.>';
/**
 * JetStream API. nats-server 2.9 cannot scope KV access more finely without accounts; the bucket's
 * own subjects are still limited per service below. Narrowing this to the exact API calls is future work.
 */
const JS_API = '$JS.API.>';
const kv = (bucket: string) => `$KV.${bucket}.>`;

/**
 * Each service's NATS user gets the subjects it needs and nothing else, derived from the same
 * subject builders the code uses. The twin's own user runs the simulation (control, status,
 * reference data); the tracks of each nation go out through that nation's fusion-centre user.
 */
export const SERVICE_PERMISSIONS = {
  twin: {
    publish: [subjects.twinStatus, subjects.deadLetter('twin'), JS_API, kv(REFERENCE_BUCKET)],
    denyPublish: AUDIT_GUARD,
    subscribe: [subjects.twinControl, subjects.effectOutcome, INBOX],
    respond: true,
  },
  gateway: {
    publish: [subjects.deadLetter('gateway'), subjects.alertAck, subjects.authorityCommand, JS_API],
    denyPublish: AUDIT_GUARD,
    subscribe: [subjects.allTrackBatches, subjects.allDetections, subjects.allAnomalies, INBOX],
  },
  /** The coalition AI detector: reads every nation's tracks, publishes detections and anomalies per nation, owns alerts. */
  detector: {
    publish: [subjects.allDetections, subjects.allAnomalies, subjects.deadLetter('detector'), JS_API, kv(ALERT_BUCKET)],
    denyPublish: AUDIT_GUARD,
    subscribe: [subjects.allTrackBatches, subjects.alertAck, INBOX],
    respond: true,
  },
  /** The authority: answers commands, owns its KV bucket and appends to the audit chain; reads tracks for situation checks. */
  authority: {
    publish: [subjects.deadLetter('authority'), subjects.audit, JS_API, kv(AUTHORITY_BUCKET)],
    denyPublish: AUDIT_GUARD,
    subscribe: [subjects.allTrackBatches, subjects.authorityCommand, INBOX],
    respond: true,
  },
  /** The interceptor agents: read the picture and the authority's requests, ask the authority, report outcomes. */
  interceptor: {
    publish: [subjects.authorityCommand, subjects.effectOutcome, subjects.deadLetter('interceptor'), JS_API],
    denyPublish: AUDIT_GUARD,
    subscribe: [subjects.allTrackBatches, subjects.allDetections, INBOX],
  },
} as const satisfies Record<string, NatsPermissions>;

export type ServiceName = keyof typeof SERVICE_PERMISSIONS;

/** A nation's fusion centre (played by the twin): may publish that nation's tracks and nothing else. */
export function fusionCentrePermissions(nation: string): NatsPermissions {
  return { publish: [subjects.trackBatch(nation)], subscribe: [] };
}

export const fusionCentreUser = (nation: string) => `fusion-${nation.toLowerCase()}`;

/** The operator (stack launcher, tools): sets up streams, controls the twin, reads dead letters. */
export const OPERATOR_PERMISSIONS: NatsPermissions = { publish: ['>'], subscribe: ['>'] };

