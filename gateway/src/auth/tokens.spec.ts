import { describe, expect, it } from 'vitest';
import { bearerToken, createTokenIssuer } from './tokens.ts';

describe('session tokens', () => {
  let now = Date.UTC(2026, 10, 26, 12);
  const clock = { now: () => now };
  const issuer = createTokenIssuer({ secret: 'x'.repeat(32), ttlS: 3600, clock });

  it('verify until they expire', async () => {
    const { token, expiresAt } = await issuer.issue('pol-watch');
    expect(expiresAt).toBe('2026-11-26T13:00:00.000Z');
    await expect(issuer.verify(token)).resolves.toEqual({ ok: true, username: 'pol-watch', expiresAtMs: Date.parse(expiresAt) });
    now += 3601_000;
    await expect(issuer.verify(token)).resolves.toEqual({ ok: false, reason: 'expired' });
  });

  it('refuse tokens signed with another key or tampered with', async () => {
    const other = createTokenIssuer({ secret: 'y'.repeat(32), ttlS: 3600, clock });
    const { token } = await other.issue('pol-cmdr');
    await expect(issuer.verify(token)).resolves.toEqual({ ok: false, reason: 'invalid' });
    const mine = (await issuer.issue('ukr-watch')).token;
    const [h, p, s] = mine.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), sub: 'pol-cmdr' })).toString('base64url');
    await expect(issuer.verify(`${h}.${forged}.${s}`)).resolves.toEqual({ ok: false, reason: 'invalid' });
    await expect(issuer.verify('garbage')).resolves.toEqual({ ok: false, reason: 'invalid' });
  });

  it('read "Bearer <token>" or a bare token', () => {
    expect(bearerToken('Bearer abc.def')).toBe('abc.def');
    expect(bearerToken('abc.def')).toBe('abc.def');
    expect(bearerToken('')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken({})).toBeUndefined();
  });
});
