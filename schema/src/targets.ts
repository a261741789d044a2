import { assessmentOfAnomaly, type Alert } from './detection.ts';
import type { Track } from './track.ts';
import { TARGET_WARNING_TEXT, type AuthorizationRequest, type TargetWarning } from './authority.ts';
import { canSee, type Viewer } from './policy.ts';

/**
 * What makes a track a target to decide on (docs/authority.md, "Spoofing and stale tracks at the
 * decision"): it is fresh (reported within its coast time), and every implausibility flag the
 * detector raised on it is named, in the words a decider reads. The rules are used twice: an
 * interceptor agent proposes only fresh targets and names their flags, and the authority checks both
 * itself from its own picture and its own copy of the detector's alerts, so an agent that lies about
 * either gains nothing.
 */

/**
 * The longest a track may coast without a report and still be a target, seconds: the scenario's
 * default `coastS` (a fusion centre drops a track it has not seen for this long).
 */
export const DEFAULT_MAX_COAST_S = 30;

/**
 * When a track stops being a target (ms, scenario time): its `staleAt`, which its fusion centre sets
 * from the reporting sensor (three update periods in the twin), but never later than `maxCoastS`
 * after its latest report, whatever the feed claims.
 */
export function coastEndMs(track: Pick<Track, 'updatedAt' | 'staleAt'>, maxCoastS = DEFAULT_MAX_COAST_S): number {
  return Math.min(Date.parse(track.staleAt), Date.parse(track.updatedAt) + maxCoastS * 1000);
}

/** Whether a track is fresh enough to be a target at `nowMs` (its feed's clock: scenario time). */
export const isFresh = (track: Pick<Track, 'updatedAt' | 'staleAt'>, nowMs: number, maxCoastS?: number): boolean =>
  nowMs < coastEndMs(track, maxCoastS);

/** Why a track is no longer a target, for logs and withdrawals. */
export const staleReason = (track: Pick<Track, 'id' | 'updatedAt'>, nowMs: number): string =>
  `target ${track.id} is stale: no report for ${Math.round((nowMs - Date.parse(track.updatedAt)) / 1000)} s`;

/**
 * The warnings on a track: the detector's open ANOMALY alerts about it that `viewer` may see, the
 * oldest first, at most one per anomaly kind (four kinds: a request holds them all).
 */
export function targetWarningsOn(trackId: string, alerts: Iterable<Alert>, viewer: Viewer): TargetWarning[] {
  const byAnomaly = new Map<string, TargetWarning>();
  for (const a of alerts) {
    if (a.kind !== 'ANOMALY' || a.trackId !== trackId || a.clearedAt !== null || a.anomalyKind === null) continue;
    if (!canSee(viewer, a.label)) continue;
    const had = byAnomaly.get(a.anomalyKind);
    if (had && Date.parse(had.since) <= Date.parse(a.raisedAt)) continue;
    const prefix = `${trackId}: `;
    byAnomaly.set(a.anomalyKind, {
      kind: assessmentOfAnomaly(a.anomalyKind),
      anomaly: a.anomalyKind,
      detail: (a.title.startsWith(prefix) ? a.title.slice(prefix.length) : a.title).slice(0, 200),
      since: a.raisedAt,
    });
  }
  return sortWarnings([...byAnomaly.values()]);
}

/** The warnings in `current` a request does not name (by anomaly kind): the deciders have not seen them. */
export const unnamedWarnings = (
  request: Pick<AuthorizationRequest, 'targetWarnings'>,
  current: readonly TargetWarning[],
): TargetWarning[] => current.filter((w) => !request.targetWarnings.some((n) => n.anomaly === w.anomaly));

/** The words for a list of warnings: `Possible GNSS spoofing — position may be false (POSITION_JUMP)`. */
export function warningText(warnings: readonly TargetWarning[]): string {
  const byKind = new Map<TargetWarning['kind'], string[]>();
  for (const w of warnings) byKind.set(w.kind, [...(byKind.get(w.kind) ?? []), w.anomaly]);
  return [...byKind].map(([kind, anomalies]) => `${TARGET_WARNING_TEXT[kind]} (${anomalies.join(', ')})`).join('; ');
}

/**
 * What a request names: every warning its asker named (a warning only makes the deciders more
 * careful) and every one established from the detector's alerts that the asker left out, the oldest
 * first.
 */
export const withEstablishedWarnings = (
  named: readonly TargetWarning[],
  established: readonly TargetWarning[],
): TargetWarning[] => sortWarnings([...named, ...unnamedWarnings({ targetWarnings: [...named] }, established)]);

const sortWarnings = (warnings: TargetWarning[]) =>
  warnings.sort((x, y) => Date.parse(x.since) - Date.parse(y.since) || x.anomaly.localeCompare(y.anomaly));
