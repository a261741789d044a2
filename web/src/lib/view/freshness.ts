/** How a track looks by its age: fresh, stale (faded), or expired (hidden until it updates or is removed). */
export type Freshness = 'fresh' | 'stale' | 'expired';

/** A stale track stays visible (faded) this long after `staleAt` before the COP hides it. */
export const HIDE_AFTER_STALE_MS = 30_000;

export function freshness(track: { staleAt: string }, nowMs: number): Freshness {
  const staleAt = Date.parse(track.staleAt);
  if (nowMs <= staleAt) return 'fresh';
  return nowMs - staleAt <= HIDE_AFTER_STALE_MS ? 'stale' : 'expired';
}
