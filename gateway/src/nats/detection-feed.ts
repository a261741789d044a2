import { ALERT_BUCKET, Alert, subjects, type Detection } from '@tessera/schema';
import {
  parseAnomalyEvent,
  parseDetectionBatch,
  subscribeParsed,
  type Logger,
  type NatsLink,
  type Rejector,
} from '@tessera/service-kit';
import type { KeyedHub } from '../picture/keyed-hub.ts';
import type { AnomalyLog } from '../picture/anomaly-log.ts';
import { mirrorKvIntoHub } from './kv-into-hub.ts';

/**
 * The AI layer's outputs into the gateway: detection batches and anomaly events from NATS (validated
 * by parseDetectionBatch / parseAnomalyEvent: a message touching another nation's tracks than its
 * subject names is rejected as a whole), alerts mirrored from the detector's JetStream KV bucket.
 */
export function startDetectionFeed(deps: {
  link: NatsLink;
  detections: KeyedHub<Detection>;
  anomalies: AnomalyLog;
  alerts: KeyedHub<Alert>;
  rejector: Rejector;
  logger: Logger;
}) {
  const { link, rejector, logger } = deps;
  const common = { nc: link.nc, rejector, logger };
  const detectionSub = subscribeParsed({
    ...common,
    subject: subjects.allDetections,
    parse: parseDetectionBatch,
    what: 'detection batch',
    handle: ({ batch }) => deps.detections.ingest({ upserts: batch.upserts, removals: batch.removals }),
  });
  const anomalySub = subscribeParsed({
    ...common,
    subject: subjects.allAnomalies,
    parse: parseAnomalyEvent,
    what: 'anomaly event',
    handle: ({ event }) => deps.anomalies.add(event),
  });
  const alertMirror = mirrorKvIntoHub(deps.alerts, {
    link,
    rejector,
    logger,
    bucket: ALERT_BUCKET,
    schemaFor: () => Alert,
  });
  return {
    stop() {
      detectionSub.unsubscribe();
      anomalySub.unsubscribe();
      alertMirror.stop();
    },
  };
}
