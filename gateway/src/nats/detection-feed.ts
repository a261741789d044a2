import { ALERT_BUCKET, Alert, AnomalyEvent, DetectionBatch, parseWith, subjects, type Detection } from '@tessera/schema';
import { decodeJson, mirrorKvBucket, type Logger, type NatsLink, type Rejector } from '@tessera/service-kit';
import type { KeyedHub } from '../picture/keyed-hub.ts';
import type { AnomalyLog } from '../picture/anomaly-log.ts';

/**
 * The AI layer's outputs into the gateway: detection batches and anomaly events from NATS (validated;
 * a message about another nation's tracks than its subject names is rejected), alerts mirrored from
 * the detector's JetStream KV bucket.
 */
export function startDetectionFeed(deps: { link: NatsLink; detections: KeyedHub<Detection>; anomalies: AnomalyLog; alerts: KeyedHub<Alert>; rejector: Rejector; logger: Logger }) {
  const { link, rejector, logger } = deps;
  const nationOf = (subject: string) => subject.slice(subject.lastIndexOf('.') + 1);

  const detectionSub = link.nc.subscribe(subjects.allDetections, {
    callback: (err, msg) => {
      if (err) return logger.error({ err }, 'detection subscription error');
      const decoded = decodeJson(msg.data);
      const parsed = decoded.ok ? parseWith(DetectionBatch, decoded.value) : decoded;
      if (!parsed.ok) return rejector.reject(msg.subject, msg.data, parsed.error);
      const nation = nationOf(msg.subject);
      if (parsed.value.upserts.some((d) => d.label.originator !== nation)) {
        return rejector.reject(msg.subject, msg.data, `detections on ${msg.subject} must be about ${nation}'s tracks`);
      }
      deps.detections.ingest({ upserts: parsed.value.upserts, removals: parsed.value.removals });
    },
  });
  const anomalySub = link.nc.subscribe(subjects.allAnomalies, {
    callback: (err, msg) => {
      if (err) return logger.error({ err }, 'anomaly subscription error');
      const decoded = decodeJson(msg.data);
      const parsed = decoded.ok ? parseWith(AnomalyEvent, decoded.value) : decoded;
      if (!parsed.ok) return rejector.reject(msg.subject, msg.data, parsed.error);
      if (parsed.value.label.originator !== nationOf(msg.subject)) {
        return rejector.reject(msg.subject, msg.data, `anomalies on ${msg.subject} must be about ${nationOf(msg.subject)}'s tracks`);
      }
      deps.anomalies.add(parsed.value);
    },
  });
  const alertIdOfKey = new Map<string, string>();
  const alertMirror = mirrorKvBucket<Alert>({
    link,
    rejector,
    logger,
    bucket: ALERT_BUCKET,
    schemaFor: () => Alert,
    onChange: (key, alert) => {
      if (alert) {
        alertIdOfKey.set(key, alert.id);
        return deps.alerts.ingest({ upserts: [alert], removals: [] });
      }
      const id = alertIdOfKey.get(key);
      alertIdOfKey.delete(key);
      if (id !== undefined) deps.alerts.ingest({ upserts: [], removals: [id] });
    },
  });
  return {
    stop() {
      detectionSub.unsubscribe();
      anomalySub.unsubscribe();
      alertMirror.stop();
    },
  };
}
