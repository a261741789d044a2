import {
  identityAsSeenBy,
  isFresh,
  isProtectedIdentity,
  targetKindOf,
  WEAPON_KINDS,
  type Label,
  type StandardIdentity,
  type TargetWarning,
  type Track,
  type TrackKind,
} from '@tessera/schema';
import { offset } from '@tessera/service-kit/geo';
import type { ThreatInput } from './assignment.ts';
import { covers, type DetectionView } from './picture.ts';

/** A threat as an agent engages it: where it is now (extrapolated to the picture's clock) and what the nation thinks it is. */
export interface Threat extends ThreatInput {
  track: Track;
  label: Label;
  /** The nation's own identity assessment, else the originator's. */
  identity: StandardIdentity;
  kind: TrackKind;
  /** Detector confidence in its class; 0 without a detection. */
  confidence: number;
  /** The detector's implausibility flags on it (possible GNSS spoofing, jamming): the request names them. */
  warnings: TargetWarning[];
}

export interface ThreatOptions {
  /** The longest a track may coast without a report and still be a target (plausibility.ts). */
  maxCoastS?: number;
  /** The open implausibility flags on a track. */
  warningsOf?: (trackId: string) => TargetWarning[];
}

/** Where a track is at `nowMs` on its reported course (at most `maxS` seconds ahead of its report). */
export function extrapolate(t: Track, nowMs: number, maxS = 30): Track['position'] {
  const dt = Math.min(maxS, Math.max(0, (nowMs - Date.parse(t.provenance.observedAt)) / 1000));
  if (dt === 0) return t.position;
  const c = (t.velocity.courseDeg * Math.PI) / 180;
  const d = t.velocity.speedMps * dt;
  const p = offset(t.position, d * Math.sin(c), d * Math.cos(c));
  return { lat: p.lat, lon: p.lon, altM: Math.max(0, t.position.altM + t.velocity.climbMps * dt) };
}

/**
 * The threats in a nation's picture: fresh tracks (a latest report within its coast time at `nowMs`,
 * the picture's scenario clock) the nation does not hold FRIEND, ASSUMED FRIEND or NEUTRAL that
 * either threaten a defended asset (a visible detector threat) or are HOSTILE weapons (one-way
 * attack drones, missiles, bombs) by the nation's own assessment. Each carries its implausibility flags.
 */
export function threatsFor(
  nation: string,
  tracks: Iterable<Track>,
  detectionOf: (trackId: string) => DetectionView | undefined,
  nowMs: number,
  opts: ThreatOptions = {},
): Threat[] {
  const out: Threat[] = [];
  for (const t of tracks) {
    if (!isFresh(t, nowMs, opts.maxCoastS)) continue;
    const identity = identityAsSeenBy(t, nation);
    if (isProtectedIdentity(identity)) continue;
    const d = detectionOf(t.id);
    const weapon = WEAPON_KINDS.has(t.kind) || (d !== undefined && WEAPON_KINDS.has(d.topClass));
    const threat = d?.threat ?? null;
    if (!threat && !(identity === 'HOSTILE' && weapon)) continue;
    out.push({
      trackId: t.id,
      track: t,
      label: t.label,
      identity,
      kind: targetKindOf(t, d?.topClass),
      confidence: d?.confidence ?? 0,
      warnings: opts.warningsOf?.(t.id) ?? [],
      position: extrapolate(t, nowMs),
      velocity: t.velocity,
      timeToImpactS: threat?.timeToImpactS ?? null,
      revealImpact: threat !== null && d!.threatLabel !== null && covers(t.label, d!.threatLabel),
    });
  }
  return out.sort((a, b) => a.trackId.localeCompare(b.trackId));
}
