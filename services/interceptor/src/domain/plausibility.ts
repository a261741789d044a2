import {
  isFresh,
  staleReason,
  unnamedWarnings,
  warningText,
  type AuthorizationRequest,
  type TargetWarning,
  type Track,
} from '@tessera/schema';

/**
 * Spoofing and stale data at the human-machine boundary (docs/authority.md, "Spoofing and stale
 * tracks at the decision"), in pure functions of the track, the detector's alerts, the request and
 * the picture's clock (the twin's scenario time, as the agents use it everywhere); the rules of a
 * fit target themselves (freshness, the warnings) are in `schema/src/targets.ts`, which the
 * authority applies too:
 *
 * - a track whose latest report is older than its coast time is never offered as a target: not
 *   proposed, a waiting request about it withdrawn, an approved one not launched;
 * - a target the detector flags as implausible (an open ANOMALY alert: possible GNSS spoofing or
 *   jamming) may be proposed, but the request names every flag (`targetWarnings` and its reason);
 *   a flag the request does not name withdraws a waiting request (asked again with the flag) and
 *   holds the launch of an approved one (it then lapses at its deadline).
 */

/**
 * A request's reason with its warnings first, in words, so that no reader of the reason alone can
 * miss them; the assignment's reason follows, cut to `max` characters.
 */
export function reasonWithWarnings(reason: string, warnings: readonly TargetWarning[], max = 300): string {
  if (warnings.length === 0) return reason;
  return `WARNING: ${warningText(warnings)}. ${reason}`.slice(0, max);
}

/**
 * What a request about a target needs now, before anything else: `ok`, or why it must not proceed.
 * `withdraw` for one still waiting for a decision (the deciders would decide on a ghost or without
 * the flag), `hold` for one approved (never launched; it lapses at its deadline unless the target
 * is fresh again and its flags were named).
 */
export type TargetCheck = { ok: true } | { ok: false; stale: boolean; why: string };

export function checkTarget(
  request: Pick<AuthorizationRequest, 'targetWarnings'>,
  track: Pick<Track, 'id' | 'updatedAt' | 'staleAt'>,
  warnings: readonly TargetWarning[],
  nowMs: number,
  maxCoastS?: number,
): TargetCheck {
  if (!isFresh(track, nowMs, maxCoastS)) return { ok: false, stale: true, why: staleReason(track, nowMs) };
  const unnamed = unnamedWarnings(request, warnings);
  if (unnamed.length > 0)
    return {
      ok: false,
      stale: false,
      why: `target ${track.id} flagged after the request: ${warningText(unnamed)}; not shown to the deciders`,
    };
  return { ok: true };
}
