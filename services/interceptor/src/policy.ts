import { DEFAULT_URGENCY, type UrgencyPolicy } from './domain/assignment.ts';
import { DEFAULT_JAMMING, type JammingPolicy } from './domain/jamming.ts';
import { DEFAULT_MAX_COAST_S } from '@tessera/schema';

export interface InterceptorPolicy {
  urgency: UrgencyPolicy;
  /** Band, area, duration and time to effect of the JAMMING the agents ask for. */
  jamming: JammingPolicy;
  /** After an expiry, abort, withdrawal or miss: wait this long (wall ms) before asking again about the target. */
  retryAfterMs: number;
  /** After the authority refused to open a request (e.g. weapons HOLD): wait this long before asking again. */
  refusedRetryMs: number;
  /** Requests per target at most (a commander who wants more can say so by standing authority). */
  maxAttempts: number;
  /** How long to wait for the authority's answer, ms. */
  commandTimeoutMs: number;
  /** After a restart, ended requests younger than this (wall ms) still count: a denied target is not asked for again. */
  memoryMs: number;
  /** A track is a target at most this long (scenario s) after its latest report, even if its staleAt is later. */
  maxCoastS: number;
}

export const DEFAULT_INTERCEPTOR_POLICY: InterceptorPolicy = {
  urgency: DEFAULT_URGENCY,
  jamming: DEFAULT_JAMMING,
  retryAfterMs: 1000,
  refusedRetryMs: 30_000,
  maxAttempts: 3,
  commandTimeoutMs: 5000,
  memoryMs: 10 * 60_000,
  maxCoastS: DEFAULT_MAX_COAST_S,
};

/** What the agents did, counted (health endpoint, tests). */
export const emptyStats = () => ({
  opened: 0,
  refused: 0,
  withdrawn: 0,
  launched: 0,
  launchRefused: 0,
  completed: 0,
  destroyed: 0,
  missed: 0,
  aborted: 0,
  /** Waiting requests withdrawn because the target went stale or was flagged after it was asked for. */
  withdrawnForTarget: 0,
});
export type InterceptorStats = ReturnType<typeof emptyStats>;
