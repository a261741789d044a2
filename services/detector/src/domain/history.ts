import type { AnomalyKind, Track } from '@tessera/schema';
import { reportOf, type Report } from './features.ts';

/** The latest reports of each track, oldest first (at most `keep`): what features and plausibility are computed from. */
export function createReportHistories(keep = 24) {
  const histories = new Map<string, Report[]>();
  return {
    /** Add the track's report; null when it is a repeat or older than the last one (nothing to assess). */
    add(t: Track): Report[] | null {
      const report = reportOf(t);
      const history = histories.get(t.id) ?? [];
      const previous = history[history.length - 1];
      if (previous && report.tS <= previous.tS) return null;
      history.push(report);
      if (history.length > keep) history.shift();
      histories.set(t.id, history);
      return history;
    },
    /** Forget a removed track; whether it was known. */
    forget: (trackId: string): boolean => histories.delete(trackId),
    size: () => histories.size,
  };
}

/** An anomaly of one kind on one track is reported at most once per `cooldownS` (of observation time). */
export function createAnomalyCooldown(cooldownS: number) {
  const last = new Map<string, number>();
  const keyOf = (trackId: string, kind: AnomalyKind) => `${trackId}|${kind}`;
  return {
    /** Whether it is reported now (and the cooldown starts again), observed at `atMs`. */
    due(trackId: string, kind: AnomalyKind, atMs: number): boolean {
      const previous = last.get(keyOf(trackId, kind));
      if (previous !== undefined && atMs - previous < cooldownS * 1000) return false;
      last.set(keyOf(trackId, kind), atMs);
      return true;
    },
    forget(trackId: string) {
      for (const key of last.keys()) if (key.startsWith(`${trackId}|`)) last.delete(key);
    },
  };
}
