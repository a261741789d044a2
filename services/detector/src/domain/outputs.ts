import {
  isProtectedIdentity,
  WEAPON_KINDS,
  type AnomalyEvent,
  type AnomalyKind,
  type Detection,
  type ModelRef,
  type Track,
  type TrackKind,
} from '@tessera/schema';
import type { Finding } from './anomaly.ts';

/**
 * What the detector says about a track, built the same way for every output: about the track's
 * nation, labelled like the track (never more visible than it), citing the track and its sensor.
 */

export const DETECTOR_SYSTEM = 'tessera-detector';

/** Where an output comes from: the model that made it from this track (and its sensor), reported by the track's nation. */
export function provenanceOf(t: Track, model: ModelRef, publishedAt: string): Detection['provenance'] {
  return {
    nation: t.label.originator,
    system: DETECTOR_SYSTEM,
    sourceId: model.name,
    observedAt: t.provenance.observedAt,
    publishedAt,
    model,
    inputs: { trackIds: [t.id], ...(t.provenance.sourceId ? { sensorIds: [t.provenance.sourceId] } : {}) },
  };
}

/** The sensor ids an output cites are labelled like the track's sensor id. */
export function sensorFieldLabels(t: Track) {
  return t.fieldLabels
    .filter((f) => f.path === 'provenance.sourceId')
    .map((f) => ({ path: 'provenance.inputs.sensorIds' as const, label: f.label }));
}

/** Whether a track is checked against the defended assets: not held friendly or neutral, and a weapon by its reported or classified kind. */
export const mayThreatenAssets = (t: Track, topClass: TrackKind): boolean =>
  !isProtectedIdentity(t.identity) && (WEAPON_KINDS.has(topClass) || WEAPON_KINDS.has(t.kind));

/** What an anomaly suggests: a position that jumps, freezes or contradicts the reported velocity points at GNSS spoofing; the rest at jamming. */
export const assessmentOf = (kind: AnomalyKind): AnomalyEvent['assessment'] =>
  kind === 'FROZEN_POSITION' || kind === 'POSITION_JUMP' || kind === 'VELOCITY_MISMATCH'
    ? 'POSSIBLE_GNSS_SPOOFING'
    : 'POSSIBLE_JAMMING';

/** The anomaly event about `t` for a plausibility finding, detected at `nowIso`. */
export function anomalyEventOf(t: Track, finding: Finding, nowIso: string): AnomalyEvent {
  const observedMs = Date.parse(t.provenance.observedAt);
  return {
    id: `${t.id}:${finding.kind}:${observedMs}`,
    trackId: t.id,
    label: t.label,
    fieldLabels: sensorFieldLabels(t),
    provenance: provenanceOf(t, { name: 'kinematic-plausibility', version: '1' }, nowIso),
    kind: finding.kind,
    assessment: assessmentOf(finding.kind),
    summary: finding.summary,
    evidence: finding.evidence,
    reports: finding.reports.map((r) => ({
      at: new Date(r.tS * 1000).toISOString(),
      lat: r.lat,
      lon: r.lon,
      altM: r.altM,
      speedMps: r.speedMps,
    })),
    detectedAt: nowIso,
  };
}
