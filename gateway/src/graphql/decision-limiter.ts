import type { Clock } from '@tessera/service-kit';

/**
 * How fast one person may send decisions: a token bucket per username (`burst` at once, refilled at
 * `perMinute`). Each decision costs the authority a signed audit record and a stored reply; a flood
 * from one account must not push real decisions past their deadline. Pure state, clock injected.
 */
export interface DecisionLimiter {
  /** Take one decision's token: 0 when allowed now, else ms until one is. */
  take(username: string): number;
}

export function createDecisionLimiter(opts: { clock: Clock; burst: number; perMinute: number }): DecisionLimiter {
  const buckets = new Map<string, { tokens: number; atMs: number }>();
  const refillPerMs = opts.perMinute / 60_000;
  return {
    take(username) {
      const now = opts.clock.now();
      const b = buckets.get(username) ?? { tokens: opts.burst, atMs: now };
      const tokens = Math.min(opts.burst, b.tokens + (now - b.atMs) * refillPerMs);
      if (tokens < 1) {
        buckets.set(username, { tokens, atMs: now });
        return Math.ceil((1 - tokens) / refillPerMs);
      }
      buckets.set(username, { tokens: tokens - 1, atMs: now });
      return 0;
    },
  };
}
