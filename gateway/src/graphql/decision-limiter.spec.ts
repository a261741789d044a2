import { describe, expect, it } from 'vitest';
import { createDecisionLimiter } from './decision-limiter.ts';

describe('decision limiter', () => {
  it('allows a burst, then one decision per refill interval, per person', () => {
    let now = 0;
    const limiter = createDecisionLimiter({ clock: { now: () => now }, burst: 3, perMinute: 30 });
    expect([limiter.take('pol-cmdr'), limiter.take('pol-cmdr'), limiter.take('pol-cmdr')]).toEqual([0, 0, 0]);
    expect(limiter.take('pol-cmdr')).toBe(2000);
    // Another commander is not slowed by the first.
    expect(limiter.take('pol-cmdr2')).toBe(0);
    now = 1999;
    expect(limiter.take('pol-cmdr')).toBeGreaterThan(0);
    now = 2001;
    expect(limiter.take('pol-cmdr')).toBe(0);
    expect(limiter.take('pol-cmdr')).toBeGreaterThan(0);
  });

  it('refills no further than the burst after a long pause', () => {
    let now = 0;
    const limiter = createDecisionLimiter({ clock: { now: () => now }, burst: 2, perMinute: 60 });
    now = 3_600_000;
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a') > 0]).toEqual([0, 0, true]);
  });
});
