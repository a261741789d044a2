import { AlertUpdatesDocument, DetectionUpdatesDocument, type AlertFieldsFragment, type DetectionFieldsFragment } from '@tessera/schema/operations';
import type { Api } from '../api/client.ts';
import { applyBatch } from '../view/picture.ts';
import { newCriticalAlerts } from '../view/alerts.ts';

export type Detection = DetectionFieldsFragment;
export type Alert = AlertFieldsFragment;

/**
 * The AI layer as the signed-in user may see it: the detector's latest assessment of each track
 * (by track id) and the alerts. Plain maps for the globe, a version for components (bumped at most
 * twice a second), and a callback when a new critical alert needs the watch officer.
 */
export class AiPicture {
  readonly detections = new Map<string, Detection>();
  readonly alerts = new Map<string, Alert>();
  version = $state(0);
  #seq = { detections: 0, alerts: 0 };
  #stops: (() => void)[] = [];
  #timer: ReturnType<typeof setInterval> | undefined;
  #dirty = false;
  /** Ids of alerts already announced at CRITICAL: each is announced once. */
  #announced = new Set<string>();
  #api: Api;
  #token: () => string | null;
  #onCritical: (alerts: Alert[]) => void;

  constructor(api: Api, token: () => string | null, onCritical: (alerts: Alert[]) => void) {
    this.#api = api;
    this.#token = token;
    this.#onCritical = onCritical;
  }

  start(): void {
    this.#subscribeDetections();
    this.#subscribeAlerts();
    this.#timer = setInterval(() => {
      if (!this.#dirty) return;
      this.#dirty = false;
      this.version++;
    }, 500);
  }

  stop(): void {
    for (const s of this.#stops) s();
    this.#stops = [];
    clearInterval(this.#timer);
  }

  /** An acknowledgement came back from the gateway: show it at once. */
  update(alert: Alert): void {
    this.alerts.set(alert.id, alert);
    this.version++;
  }

  #subscribeDetections(): void {
    this.#seq.detections = 0;
    const stop = this.#api.subscribe(DetectionUpdatesDocument, this.#token, {
      next: ({ detectionUpdates: batch }) => {
        const result = applyBatch(this.detections, this.#seq.detections, batch, (d) => d.trackId);
        if (!result.ok) return this.#restart(stop, () => this.#subscribeDetections());
        this.#seq.detections = batch.seq;
        this.#dirty = true;
      },
    });
    this.#stops.push(stop);
  }

  #subscribeAlerts(): void {
    this.#seq.alerts = 0;
    const stop = this.#api.subscribe(AlertUpdatesDocument, this.#token, {
      next: ({ alertUpdates: batch }) => {
        const result = applyBatch(this.alerts, this.#seq.alerts, batch);
        if (!result.ok) return this.#restart(stop, () => this.#subscribeAlerts());
        this.#seq.alerts = batch.seq;
        const fresh = newCriticalAlerts(batch.upserts, this.#announced);
        for (const a of fresh) this.#announced.add(a.id);
        // The first snapshot is what was already there: announced silently.
        if (fresh.length > 0 && !batch.reset) this.#onCritical(fresh);
        this.version++;
      },
    });
    this.#stops.push(stop);
  }

  #restart(stop: () => void, again: () => void): void {
    stop();
    this.#stops = this.#stops.filter((s) => s !== stop);
    again();
  }
}
