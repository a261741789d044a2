import { assessmentOfAnomaly, type Alert } from './detection.ts';
import { TARGET_WARNING_TEXT, type AuthorizationRequest, type TargetWarning } from './authority.ts';
import { canSee, type Viewer } from './policy.ts';

/**
 * The warnings on a target (docs/authority.md, "Spoofing and stale tracks at the decision"): the
 * detector's open ANOMALY alerts about a track, in the words a decider reads. One rule, used twice:
 * an interceptor agent names them in its request, and the authority establishes them itself from
 * its own copy of the detector's alerts, so an agent that leaves one out cannot hide it.
 */

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
