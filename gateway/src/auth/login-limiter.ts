import type { Clock } from '@tessera/service-kit';

/**
 * Brute-force protection for login, by exponential backoff rather than a lock-out:
 * - per username *from one address*: after `freePerUserAddress` failures each further attempt waits
 *   twice as long as the previous one (base, 2x base, ... up to `maxDelayMs`). Keyed by the address
 *   too, so an attacker elsewhere guessing `pol-cmdr`'s password never makes the real `pol-cmdr`
 *   wait;
 * - per address (any username): the same, after `freePerAddress` failures, so one address cannot
 *   spray guesses over many usernames.
 *
 * An attempt is reserved *before* the password is checked (the hash is asynchronous, so attempts
 * overlap): a reservation counts as a failure at once, and a success gives it back. Parallel
 * attempts therefore each take a turn instead of all passing the check before any is counted.
 * A key's failures are forgotten after `forgetAfterMs` without a failure. Pure state, clock injected.
 */
export interface LoginLimiter {
  /** Reserve an attempt, or say how long to wait before the next one is allowed. */
  begin(username: string, address: string): { ok: true; attempt: LoginAttempt } | { ok: false; retryAfterMs: number };
}

/** A reserved attempt: report how it ended (once). */
export interface LoginAttempt {
  /** The password was right: this username from this address starts afresh, the reservation is given back. */
  succeeded(): void;
  /** The password was wrong: the reservation stays a failure, and the wait counts from now. */
  failed(): void;
}

export interface LoginLimiterPolicy {
  /** Failures of one username from one address before attempts have to wait. */
  freePerUserAddress: number;
  /** Failures from one address (any usernames) before attempts have to wait. */
  freePerAddress: number;
  /** The first wait; each further failure doubles it. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures are forgotten after this long without one. */
  forgetAfterMs: number;
}

/** Five typos cost nothing, then 1 s, 2 s, 4 s ... up to 15 min between guesses; forgotten after an hour of quiet. */
export const DEFAULT_LOGIN_POLICY: LoginLimiterPolicy = {
  freePerUserAddress: 5,
  freePerAddress: 20,
  baseDelayMs: 1000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
};

/** Entries kept before a sweep of forgotten ones (so guessing random usernames cannot grow memory unbounded). */
const SWEEP_ABOVE = 10_000;

interface Failures {
  count: number;
  /** When the last failure (or reservation) happened. */
  lastAt: number;
}

/** How long after the last of `count` failures the next attempt must wait. */
export function backoffMs(
  count: number,
  free: number,
  policy: Pick<LoginLimiterPolicy, 'baseDelayMs' | 'maxDelayMs'>,
): number {
  if (count < free) return 0;
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(count - free, 30));
}

export function createLoginLimiter(opts: { clock: Clock; policy?: LoginLimiterPolicy }): LoginLimiter {
  const policy = opts.policy ?? DEFAULT_LOGIN_POLICY;
  const failures = new Map<string, Failures>();
  const current = (key: string, now: number): Failures | undefined => {
    const f = failures.get(key);
    if (f && now - f.lastAt > policy.forgetAfterMs) {
      failures.delete(key);
      return undefined;
    }
    return f;
  };
  const wait = (key: string, free: number, now: number) => {
    const f = current(key, now);
    return f ? Math.max(0, f.lastAt + backoffMs(f.count, free, policy) - now) : 0;
  };
  const sweep = (now: number) => {
    if (failures.size <= SWEEP_ABOVE) return;
    for (const key of [...failures.keys()]) current(key, now);
  };
  return {
    begin(username, address) {
      const now = opts.clock.now();
      sweep(now);
      // Username and address are joined with a character neither may contain in a header or a name.
      const userKey = `u:${address}\n${username}`;
      const addressKey = `a:${address}`;
      const retryAfterMs = Math.max(
        wait(userKey, policy.freePerUserAddress, now),
        wait(addressKey, policy.freePerAddress, now),
      );
      if (retryAfterMs > 0) return { ok: false, retryAfterMs };
      for (const key of [userKey, addressKey]) {
        const f = current(key, now);
        failures.set(key, { count: (f?.count ?? 0) + 1, lastAt: now });
      }
      let settled = false;
      return {
        ok: true,
        attempt: {
          succeeded() {
            if (settled) return;
            settled = true;
            failures.delete(userKey);
            const f = failures.get(addressKey);
            if (f && f.count > 1) failures.set(addressKey, { ...f, count: f.count - 1 });
            else failures.delete(addressKey);
          },
          failed() {
            if (settled) return;
            settled = true;
            const at = opts.clock.now();
            for (const key of [userKey, addressKey]) {
              const f = failures.get(key);
              if (f) failures.set(key, { ...f, lastAt: Math.max(f.lastAt, at) });
            }
          },
        },
      };
    },
  };
}
