import { describe, expect, it } from 'vitest';
import { createSessionRevocations } from './sessions.ts';

describe('session revocations', () => {
  it("end the sessions a user started before the revocation, not later ones nor other users'", () => {
    let now = 1_000;
    const r = createSessionRevocations({ clock: { now: () => now } });
    expect(r.isRevoked('pol-watch', 500)).toBe(false);
    now = 2_000;
    expect(r.revoke('pol-watch', 'admin')).toBe(2_000);
    expect(r.isRevoked('pol-watch', 1_999)).toBe(true);
    expect(r.isRevoked('pol-watch', 2_000)).toBe(false); // signed in again right after
    expect(r.isRevoked('ukr-watch', 1_999)).toBe(false);
  });

  it('never move a revocation back, even when the clock does', () => {
    let now = 5_000;
    const r = createSessionRevocations({ clock: { now: () => now } });
    r.revoke('pol-watch', 'pol-watch');
    now = 4_000;
    expect(r.revoke('pol-watch', 'admin')).toBe(5_000);
    expect(r.isRevoked('pol-watch', 4_500)).toBe(true);
  });

  it('tell listeners, each isolated from the others', () => {
    const errors: unknown[] = [];
    const r = createSessionRevocations({ clock: { now: () => 7 }, onListenerError: (err) => errors.push(err) });
    const heard: unknown[] = [];
    r.onRevoked(() => {
      throw new Error('broken');
    });
    const stop = r.onRevoked((rev) => heard.push(rev));
    r.revoke('ltu-watch', 'admin');
    stop();
    r.revoke('ltu-watch', 'admin');
    expect(heard).toEqual([{ username: 'ltu-watch', notBeforeMs: 7, by: 'admin' }]);
    expect(errors).toHaveLength(2);
  });
});
