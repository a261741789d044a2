import { beforeEach, describe, expect, it } from 'vitest';
import { backoffMs, createLoginLimiter, type LoginLimiter } from './login-limiter.ts';

const policy = { freePerUserAddress: 3, freePerAddress: 5, baseDelayMs: 1000, maxDelayMs: 8000, forgetAfterMs: 60_000 };

describe('login limiter', () => {
  let now = 0;
  /** A fresh limiter at time 0 for every test. */
  let l: LoginLimiter;
  beforeEach(() => {
    now = 0;
    l = createLoginLimiter({ clock: { now: () => now }, policy });
  });
  /** A wrong password: reserve, then report the failure. */
  const fail = (l: LoginLimiter, username: string, address: string) => {
    const r = l.begin(username, address);
    if (!r.ok) return r.retryAfterMs;
    r.attempt.failed();
    return 0;
  };

  it('doubles the wait after the free failures, up to the maximum', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((n) => backoffMs(n, 3, policy))).toEqual([
      0, 0, 0, 1000, 2000, 4000, 8000, 8000,
    ]);
  });

  it('makes a username from one address wait longer after each failure, not lock it', () => {
    for (let i = 0; i < 3; i++) expect(fail(l, 'pol-cmdr', '10.0.0.1')).toBe(0);
    expect(l.begin('pol-cmdr', '10.0.0.1')).toEqual({ ok: false, retryAfterMs: 1000 });
    now += 1000;
    expect(fail(l, 'pol-cmdr', '10.0.0.1')).toBe(0);
    expect(l.begin('pol-cmdr', '10.0.0.1')).toEqual({ ok: false, retryAfterMs: 2000 });
    now += 2000;
    expect(l.begin('pol-cmdr', '10.0.0.1').ok).toBe(true);
  });

  it('never makes the real user wait for failures from another address', () => {
    for (let i = 0; i < 3; i++) fail(l, 'pol-cmdr', '10.6.6.6');
    expect(l.begin('pol-cmdr', '10.6.6.6').ok).toBe(false);
    const real = l.begin('pol-cmdr', '10.0.0.1');
    expect(real.ok).toBe(true);
  });

  it('counts an attempt when it is reserved, so parallel attempts cannot all pass before the first is counted', () => {
    const inFlight = Array.from({ length: 10 }, () => l.begin('ukr-watch', '10.0.0.9'));
    expect(inFlight.filter((r) => r.ok)).toHaveLength(3);
    expect(inFlight.slice(3).every((r) => !r.ok && r.retryAfterMs === 1000)).toBe(true);
  });

  it('gives the reservation back on success and starts the username afresh', () => {
    fail(l, 'pol-watch', 'x');
    fail(l, 'pol-watch', 'x');
    const r = l.begin('pol-watch', 'x');
    if (!r.ok) throw new Error('expected an attempt');
    r.attempt.succeeded();
    r.attempt.failed(); // reported once only
    for (let i = 0; i < 3; i++) expect(fail(l, 'pol-watch', 'x')).toBe(0);
    // The address kept its two earlier failures (a success does not excuse them): 2 + 3 = 5 = free.
    expect(l.begin('deu-watch', 'x')).toEqual({ ok: false, retryAfterMs: 1000 });
  });

  it('makes an address that tries many usernames wait', () => {
    for (const u of ['a', 'b', 'c', 'd', 'e']) expect(fail(l, u, '10.9.9.9')).toBe(0);
    expect(l.begin('f', '10.9.9.9')).toEqual({ ok: false, retryAfterMs: 1000 });
    expect(l.begin('f', '10.9.9.8').ok).toBe(true);
  });

  it('forgets failures after a quiet period', () => {
    for (let i = 0; i < 3; i++) fail(l, 'ltu-watch', 'y');
    expect(l.begin('ltu-watch', 'y').ok).toBe(false);
    now += 60_001;
    expect(l.begin('ltu-watch', 'y').ok).toBe(true);
  });
});
