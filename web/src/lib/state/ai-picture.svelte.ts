import {
  AcknowledgeAlertDocument,
  AlertUpdatesDocument,
  DetectionUpdatesDocument,
  type AlertFieldsFragment,
  type AlertUpdatesSubscription,
  type DetectionFieldsFragment,
  type DetectionUpdatesSubscription,
} from '@tessera/schema/operations';
import type { SignedInApi } from '../api/client.ts';
import { attempt } from '../api/errors.ts';
import { isAlarming } from '../view/alerts.ts';
import { announcer } from '../view/picture.ts';
import { feed, LiveCollection } from './live-collection.svelte.ts';

export type Detection = DetectionFieldsFragment;
export type Alert = AlertFieldsFragment;
type AlertBatch = AlertUpdatesSubscription['alertUpdates'];
type DetectionBatch = DetectionUpdatesSubscription['detectionUpdates'];

/**
 * The AI layer as the signed-in user may see it: the detector's latest assessment of each track
 * (keyed by track id, republished at most twice a second) and the alerts (at once), with the one
 * thing a user does to them: acknowledge. `onCritical` is called when a new critical alert needs
 * the watch officer.
 */
export class AiPicture {
  readonly detections: LiveCollection<Detection, DetectionBatch>;
  readonly alerts: LiveCollection<Alert, AlertBatch>;
  #api: SignedInApi;

  constructor(api: SignedInApi, onCritical: (alerts: Alert[]) => void) {
    this.#api = api;
    this.detections = new LiveCollection(
      feed(api, DetectionUpdatesDocument, (d) => d.detectionUpdates),
      {
        keyOf: (d) => d.trackId,
        publishEveryMs: 500,
      },
    );
    this.alerts = new LiveCollection(
      feed(api, AlertUpdatesDocument, (d) => d.alertUpdates),
      {
        onApplied: announcer(isAlarming, onCritical),
      },
    );
  }

  start(): void {
    this.detections.start();
    this.alerts.start();
  }

  stop(): void {
    this.detections.stop();
    this.alerts.stop();
  }

  /** Acknowledges an alert for this user's nation: null when recorded, else why not. */
  acknowledge(alert: Alert): Promise<string | null> {
    return attempt(async () => {
      const { acknowledgeAlert } = await this.#api.request(AcknowledgeAlertDocument, { id: alert.id });
      this.alerts.upsert(acknowledgeAlert);
    });
  }
}
