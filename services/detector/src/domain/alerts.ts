import {
  derivedLabel,
  isAcknowledgedBy,
  type Alert,
  type AlertAckReply,
  type AlertAckRequest,
  type AlertSeverity,
  type Label,
  type Threat,
} from '@tessera/schema';
import type { Finding } from './anomaly.ts';

/** When threats and anomalies become alerts, and how long alerts live. Configuration, not code. */
export interface AlertPolicy {
  /** A threat whose time to impact is at most this becomes an alert (seconds). */
  thresholdS: number;
  /** ... and a CRITICAL one at most this. */
  criticalS: number;
  /** A threat alert clears when the threat has not been seen for this long (seconds). */
  threatClearS: number;
  /** An anomaly alert clears when the anomaly has not recurred for this long. */
  anomalyClearS: number;
  /** Cleared alerts are kept this long for the record, then purged. */
  retainS: number;
}

export const DEFAULT_ALERT_POLICY: AlertPolicy = {
  thresholdS: 600,
  criticalS: 120,
  threatClearS: 20,
  anomalyClearS: 300,
  retainS: 900,
};

export interface TrackRef {
  id: string;
  label: Label;
}

export interface AlertChanges {
  changed: Alert[];
  purged: string[];
}

const iso = (ms: number) => new Date(ms).toISOString();
export const threatAlertId = (trackId: string, assetId: string) => `threat:${trackId}:${assetId}`;
export const anomalyAlertId = (trackId: string, kind: string) => `anomaly:${trackId}:${kind}`;

/**
 * The detector's alerts: raised from threats and anomaly findings, updated as the time to impact
 * changes, cleared when the condition ends, purged after a while; acknowledged per nation. Pure
 * state with the clock passed in; the service persists what changes.
 */
export function createAlertBook(policy: AlertPolicy, initial: Iterable<Alert> = []) {
  const alerts = new Map<string, Alert>();
  /** Last time each open alert's condition was seen (ms). */
  const seen = new Map<string, number>();
  for (const a of initial) {
    alerts.set(a.id, a);
    if (!a.clearedAt) seen.set(a.id, Date.parse(a.updatedAt));
  }

  function upsert(next: Alert, nowMs: number, significant: (prev: Alert) => boolean): Alert | null {
    seen.set(next.id, nowMs);
    const prev = alerts.get(next.id);
    if (prev && !prev.clearedAt && !significant(prev)) return null;
    const reopened = !prev || prev.clearedAt !== null;
    const alert: Alert = {
      ...next,
      raisedAt: reopened ? iso(nowMs) : prev.raisedAt,
      acknowledgements: reopened ? [] : prev.acknowledgements,
    };
    alerts.set(alert.id, alert);
    return alert;
  }

  return {
    get: (id: string) => alerts.get(id),
    all: () => [...alerts.values()],

    /** The current threats of a track (each with its defended asset's label): raise or update their alerts. */
    threats(track: TrackRef, threats: readonly { threat: Threat; assetLabel: Label }[], nowMs: number): Alert[] {
      const out: Alert[] = [];
      for (const { threat, assetLabel } of threats) {
        const tti = threat.timeToImpactS;
        if (tti === null || tti > policy.thresholdS) continue;
        // A national marking stays national when both inputs carry it; mixed inputs are marked NATO.
        const label = derivedLabel(
          assetLabel.originator,
          [track.label, assetLabel],
          track.label.policy === assetLabel.policy ? track.label.policy : 'NATO',
        );
        if (!label) continue; // nobody may see both the track and the asset
        const severity: AlertSeverity = tti <= policy.criticalS ? 'CRITICAL' : 'WARNING';
        const impactExpectedAt = iso(nowMs + tti * 1000);
        const alert = upsert(
          {
            id: threatAlertId(track.id, threat.defendedAssetId),
            kind: 'THREAT',
            severity,
            label,
            trackId: track.id,
            title: `${track.id} threatens ${threat.defendedAssetName}`,
            defendedAssetId: threat.defendedAssetId,
            impactExpectedAt,
            predictedImpact: threat.predictedImpact,
            anomalyKind: null,
            raisedAt: iso(nowMs),
            updatedAt: iso(nowMs),
            clearedAt: null,
            acknowledgements: [],
          },
          nowMs,
          (prev) =>
            prev.severity !== severity ||
            Math.abs(Date.parse(prev.impactExpectedAt ?? impactExpectedAt) - Date.parse(impactExpectedAt)) > 5_000,
        );
        if (alert) out.push(alert);
      }
      return out;
    },

    /** A cyber-kinetic finding on a track: raise (or refresh) its anomaly alert. */
    anomaly(track: TrackRef, finding: Finding, nowMs: number): Alert | null {
      return upsert(
        {
          id: anomalyAlertId(track.id, finding.kind),
          kind: 'ANOMALY',
          severity: 'WARNING',
          label: track.label,
          trackId: track.id,
          title: `${track.id}: ${finding.summary}`.slice(0, 200),
          defendedAssetId: null,
          impactExpectedAt: null,
          predictedImpact: null,
          anomalyKind: finding.kind,
          raisedAt: iso(nowMs),
          updatedAt: iso(nowMs),
          clearedAt: null,
          acknowledgements: [],
        },
        nowMs,
        () => false,
      );
    },

    /** The track left the picture: its open alerts clear. */
    trackGone(trackId: string, nowMs: number): Alert[] {
      const out: Alert[] = [];
      for (const a of alerts.values()) {
        if (a.trackId !== trackId || a.clearedAt) continue;
        const cleared = { ...a, clearedAt: iso(nowMs), updatedAt: iso(nowMs) };
        alerts.set(a.id, cleared);
        seen.delete(a.id);
        out.push(cleared);
      }
      return out;
    },

    /**
     * Clear alerts whose condition has not been seen for a while; purge old cleared ones. `now` is
     * the time, or the time by which to judge each alert (the clock of its track's feed).
     */
    sweep(now: number | ((a: Alert) => number)): AlertChanges {
      const changed: Alert[] = [];
      const purged: string[] = [];
      for (const a of alerts.values()) {
        const nowMs = typeof now === 'number' ? now : now(a);
        if (a.clearedAt) {
          if (nowMs - Date.parse(a.clearedAt) >= policy.retainS * 1000) {
            alerts.delete(a.id);
            purged.push(a.id);
          }
          continue;
        }
        const lastSeen = seen.get(a.id) ?? Date.parse(a.updatedAt);
        const clearS = a.kind === 'THREAT' ? policy.threatClearS : policy.anomalyClearS;
        if (nowMs - lastSeen >= clearS * 1000) {
          const cleared = { ...a, clearedAt: iso(nowMs), updatedAt: iso(nowMs) };
          alerts.set(a.id, cleared);
          seen.delete(a.id);
          changed.push(cleared);
        }
      }
      return { changed, purged };
    },

    /** A watch officer acknowledges an alert for their nation, at its current severity. */
    acknowledge(req: AlertAckRequest, nowMs: number): AlertAckReply {
      const alert = alerts.get(req.alertId);
      if (!alert) return { ok: false, code: 'NOT_FOUND', message: `no alert ${req.alertId}` };
      if (alert.label.originator !== req.nation && !alert.label.releasableTo.includes(req.nation)) {
        return {
          ok: false,
          code: 'NOT_RELEASABLE',
          message: `alert ${req.alertId} is not releasable to ${req.nation}`,
        };
      }
      if (isAcknowledgedBy(alert, req.nation)) {
        return {
          ok: false,
          code: 'ALREADY_ACKNOWLEDGED',
          message: `alert ${req.alertId} is already acknowledged by ${req.nation} at ${alert.severity}`,
        };
      }
      const ack = {
        nation: req.nation,
        username: req.username,
        displayName: req.displayName,
        at: iso(nowMs),
        severity: alert.severity,
      };
      const next = {
        ...alert,
        acknowledgements: [...alert.acknowledgements.filter((a) => a.nation !== req.nation), ack],
      };
      alerts.set(next.id, next);
      return { ok: true, alert: next };
    },
  };
}
export type AlertBook = ReturnType<typeof createAlertBook>;
