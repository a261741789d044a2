import type { Clock } from '@tessera/service-kit';

/** Twelve hours: a watch, with its handover. A session is never refreshed past it; sign in again. */
export const DEFAULT_SESSION_MAX_AGE_S = 12 * 3600;

/**
 * Ended sessions, per user: a "not before" instant. Every session of the user that started (password
 * given) before it is over, whatever its tokens say; sessions started later are not affected. Held in
 * this gateway process only (see docs/architecture.md, Sessions). Pure state, clock injected.
 */
export interface SessionRevocations {
  /** End every session of `username` started before now; listeners hear of it. Returns the instant. */
  revoke(username: string, by: string): number;
  /** Whether the session of `username` that started at `loginAtMs` has been ended. */
  isRevoked(username: string, loginAtMs: number): boolean;
  /** Called after each revocation (e.g. to close the user's open WebSockets). */
  onRevoked(listener: (revocation: { username: string; notBeforeMs: number; by: string }) => void): () => void;
}

export function createSessionRevocations(opts: {
  clock: Clock;
  onListenerError?: (err: unknown) => void;
}): SessionRevocations {
  const notBefore = new Map<string, number>();
  const listeners = new Set<(revocation: { username: string; notBeforeMs: number; by: string }) => void>();
  return {
    revoke(username, by) {
      // Never earlier than a previous revocation, even if the clock stepped back.
      const notBeforeMs = Math.max(opts.clock.now(), notBefore.get(username) ?? 0);
      notBefore.set(username, notBeforeMs);
      for (const l of listeners) {
        try {
          l({ username, notBeforeMs, by });
        } catch (err) {
          opts.onListenerError?.(err);
        }
      }
      return notBeforeMs;
    },
    isRevoked: (username, loginAtMs) => loginAtMs < (notBefore.get(username) ?? -Infinity),
    onRevoked(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
