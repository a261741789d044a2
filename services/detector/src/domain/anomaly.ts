import type { AnomalyKind, Evidence } from '@tessera/schema';
import { distanceM } from '@tessera/service-kit/geo';
import type { Report } from './features.ts';

/**
 * Cyber-kinetic plausibility checks: reports that no real object could produce (it jumped, it
 * accelerated beyond any airframe, it froze while claiming to fly, its positions and its reported
 * velocity disagree) point at GNSS spoofing of a cooperative track or at jamming. Pure: history in,
 * findings out; thresholds are configuration with margins over the sensors' noise.
 */

export interface PlausibilityLimits {
  /** Allowed distance between reports beyond what the reported speed explains, metres (noise, rounding). */
  jumpAllowanceM: number;
  /** Beyond this, no airframe accelerates (m/s², about 15 g); a noise allowance of 10 % of speed per report is added. */
  maxAccelerationMps2: number;
  /** Reports at the exact same position while flying faster than this are frozen. */
  frozenMinSpeedMps: number;
  frozenReports: number;
  /** Position-derived and reported velocity may differ this much (m/s), or by half the speed, over the window. */
  velocityMismatchMps: number;
  mismatchWindowS: number;
  /** Reports further apart than this are not compared (a coasting gap). */
  maxGapS: number;
}

export const DEFAULT_LIMITS: PlausibilityLimits = {
  jumpAllowanceM: 2_000,
  maxAccelerationMps2: 150,
  frozenMinSpeedMps: 10,
  frozenReports: 3,
  velocityMismatchMps: 60,
  mismatchWindowS: 30,
  maxGapS: 30,
};

export interface Finding {
  kind: AnomalyKind;
  summary: string;
  evidence: Evidence[];
  /** The reports that show it, oldest first. */
  reports: Report[];
}

const round = (x: number) => Math.round(x * 10) / 10;

/** How far the object moved between two reports, and how far its reported speed (plus noise) explains. */
function jumpOf(prev: Report, cur: Report, limits: PlausibilityLimits): { moved: number; explained: number } {
  const dt = cur.tS - prev.tS;
  return {
    moved: distanceM(prev, cur),
    explained: Math.max(prev.speedMps, cur.speedMps) * dt * 1.5 + limits.jumpAllowanceM,
  };
}

/** What the latest report (the last of `history`) shows that is physically implausible. */
export function checkPlausibility(history: readonly Report[], limits: PlausibilityLimits = DEFAULT_LIMITS): Finding[] {
  const cur = history[history.length - 1];
  const prev = history[history.length - 2];
  if (!cur || !prev) return [];
  const dt = cur.tS - prev.tS;
  if (dt <= 0 || dt > limits.maxGapS) return [];
  const findings: Finding[] = [];

  const { moved, explained } = jumpOf(prev, cur, limits);
  if (moved > explained) {
    findings.push({
      kind: 'POSITION_JUMP',
      summary: `Position jumped ${(moved / 1000).toFixed(1)} km in ${round(dt)} s (implied ${Math.round(moved / dt)} m/s, reported ${Math.round(cur.speedMps)} m/s)`,
      evidence: [
        { name: 'distance between reports', value: Math.round(moved), threshold: Math.round(explained), unit: 'm' },
        { name: 'implied speed', value: Math.round(moved / dt), threshold: Math.round(explained / dt), unit: 'm/s' },
      ],
      reports: [prev, cur],
    });
  }

  const accel = Math.abs(cur.speedMps - prev.speedMps) / dt;
  const accelLimit = limits.maxAccelerationMps2 + (0.1 * Math.max(prev.speedMps, cur.speedMps)) / dt;
  if (accel > accelLimit) {
    findings.push({
      kind: 'IMPOSSIBLE_ACCELERATION',
      summary: `Speed changed from ${Math.round(prev.speedMps)} to ${Math.round(cur.speedMps)} m/s in ${round(dt)} s (${round(accel / 9.81)} g)`,
      evidence: [{ name: 'acceleration', value: round(accel), threshold: round(accelLimit), unit: 'm/s²' }],
      reports: [prev, cur],
    });
  }

  const still = history.slice(-limits.frozenReports);
  if (
    still.length === limits.frozenReports &&
    still.every((r) => r.lat === cur.lat && r.lon === cur.lon && r.speedMps > limits.frozenMinSpeedMps) &&
    cur.tS - still[0]!.tS > 0
  ) {
    const prevFrozen =
      history.length > limits.frozenReports ? history[history.length - limits.frozenReports - 1]! : undefined;
    // Report once, when it first freezes.
    if (!prevFrozen || prevFrozen.lat !== cur.lat || prevFrozen.lon !== cur.lon) {
      findings.push({
        kind: 'FROZEN_POSITION',
        summary: `Position identical in ${still.length} reports over ${round(cur.tS - still[0]!.tS)} s while reporting ${Math.round(cur.speedMps)} m/s`,
        evidence: [
          { name: 'identical reports', value: still.length, threshold: limits.frozenReports, unit: 'reports' },
          { name: 'reported speed', value: Math.round(cur.speedMps), threshold: limits.frozenMinSpeedMps, unit: 'm/s' },
        ],
        reports: still,
      });
    }
  }

  const window = history.filter((r) => cur.tS - r.tS <= limits.mismatchWindowS * 1.5);
  const start = window[0]!;
  const span = cur.tS - start.tS;
  // A jump inside the window explains the disagreement: it is reported once, as the jump.
  const jumpInWindow = window.some(
    (r, i) =>
      i > 0 &&
      r.tS - window[i - 1]!.tS <= limits.maxGapS &&
      jumpOf(window[i - 1]!, r, limits).moved > jumpOf(window[i - 1]!, r, limits).explained,
  );
  if (span >= limits.mismatchWindowS && !jumpInWindow) {
    const RAD = Math.PI / 180;
    const east = (cur.lon - start.lon) * RAD * 6_371_008.8 * Math.cos(start.lat * RAD);
    const north = (cur.lat - start.lat) * RAD * 6_371_008.8;
    let ve = 0;
    let vn = 0;
    for (const r of window) {
      ve += r.speedMps * Math.sin(r.courseDeg * RAD);
      vn += r.speedMps * Math.cos(r.courseDeg * RAD);
    }
    ve /= window.length;
    vn /= window.length;
    const diff = Math.hypot(east / span - ve, north / span - vn);
    const limit = Math.max(limits.velocityMismatchMps, 0.5 * cur.speedMps);
    if (diff > limit) {
      findings.push({
        kind: 'VELOCITY_MISMATCH',
        summary: `Positions move ${Math.round(Math.hypot(east, north) / span)} m/s but the track reports ${Math.round(Math.hypot(ve, vn))} m/s: ${Math.round(diff)} m/s apart over ${Math.round(span)} s`,
        evidence: [
          { name: 'velocity disagreement', value: Math.round(diff), threshold: Math.round(limit), unit: 'm/s' },
        ],
        reports: [start, cur],
      });
    }
  }
  return findings;
}
