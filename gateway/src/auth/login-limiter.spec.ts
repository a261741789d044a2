import { describe, expect, it } from 'vitest';
import { createLoginLimiter } from './login-limiter.ts';

describe('login limiter', () => {
  let now = 0;
  const limiter = () => createLoginLimiter({ clock: { now: () => now }, windowMs: 60_000, perUsername: 3, perAddress: 5 });

  it('refuses a username after its limit of failures until the oldest ages out', () => {
    now = 0;
    const l = limiter();
    for (let i = 0; i < 3; i++) {
      expect(l.retryAfterMs('pol-cmdr', '10.0.0.1')).toBe(0);
      l.failed('pol-cmdr', '10.0.0.1');
      now += 1000;
    }
    expect(l.retryAfterMs('pol-cmdr', '10.0.0.2')).toBe(57_000); // another address does not help
    expect(l.retryAfterMs('ukr-cmdr', '10.0.0.3')).toBe(0); // another user is not locked out
    now = 60_001;
    expect(l.retryAfterMs('pol-cmdr', '10.0.0.1')).toBe(0);
  });

  it('refuses an address that tries many usernames', () => {
    now = 0;
    const l = limiter();
    for (const u of ['a', 'b', 'c', 'd', 'e']) l.failed(u, '10.9.9.9');
    expect(l.retryAfterMs('f', '10.9.9.9')).toBe(60_000);
    expect(l.retryAfterMs('f', '10.9.9.8')).toBe(0);
  });

  it('forgets a username\'s failures after a successful login', () => {
    now = 0;
    const l = limiter();
    l.failed('pol-watch', 'x');
    l.failed('pol-watch', 'x');
    l.succeeded('pol-watch');
    l.failed('pol-watch', 'x');
    expect(l.retryAfterMs('pol-watch', 'y')).toBe(0);
  });
});
