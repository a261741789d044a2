import type { Clock } from '@tessera/service-kit';

/**
 * Brute-force protection for login: failures are counted per username and per client address in a
 * sliding window; over the limit, further attempts are refused until the oldest failure ages out.
 * Successful logins clear the username's count. Pure state with the clock injected.
 */
export interface LoginLimiter {
  /** Milliseconds until another attempt is allowed, or 0 when it is allowed now. */
  retryAfterMs(username: string, address: string): number;
  failed(username: string, address: string): void;
  succeeded(username: string): void;
}

export function createLoginLimiter(opts: { clock: Clock; windowMs: number; perUsername: number; perAddress: number }): LoginLimiter {
  const failures = new Map<string, number[]>();
  const recent = (key: string) => {
    const since = opts.clock.now() - opts.windowMs;
    const kept = (failures.get(key) ?? []).filter((t) => t > since);
    if (kept.length) failures.set(key, kept);
    else failures.delete(key);
    return kept;
  };
  const wait = (key: string, limit: number) => {
    const list = recent(key);
    return list.length < limit ? 0 : list[list.length - limit]! + opts.windowMs - opts.clock.now();
  };
  return {
    retryAfterMs: (username, address) => Math.max(wait(`u:${username}`, opts.perUsername), wait(`a:${address}`, opts.perAddress)),
    failed(username, address) {
      const now = opts.clock.now();
      for (const key of [`u:${username}`, `a:${address}`]) failures.set(key, [...recent(key), now]);
    },
    succeeded(username) {
      failures.delete(`u:${username}`);
    },
  };
}
