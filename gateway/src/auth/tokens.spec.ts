import { describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { bearerToken, createTokenIssuer } from './tokens.ts';

describe('session tokens', () => {
  let now = Date.UTC(2026, 10, 26, 12);
  const clock = { now: () => now };
  const issuer = createTokenIssuer({ secret: 'x'.repeat(32), ttlS: 3600, maxSessionAgeS: 12 * 3600, clock });
  const session = (username: string) => ({ username, sessionId: 's-1', loginAtMs: now });

  it('verify until they expire', async () => {
    now = Date.UTC(2026, 10, 26, 12);
    const { token, expiresAt, sessionEndsAt } = await issuer.issue(session('pol-watch'));
    expect(expiresAt).toBe('2026-11-26T13:00:00.000Z');
    expect(sessionEndsAt).toBe('2026-11-27T00:00:00.000Z');
    await expect(issuer.verify(token)).resolves.toEqual({
      ok: true,
      session: { username: 'pol-watch', sessionId: 's-1', loginAtMs: Date.UTC(2026, 10, 26, 12) },
      expiresAtMs: Date.parse(expiresAt),
      sessionEndsAtMs: Date.parse(sessionEndsAt),
    });
    now += 3601_000;
    await expect(issuer.verify(token)).resolves.toEqual({ ok: false, reason: 'expired' });
  });

  it("never run past the session's maximum age, however often they are reissued", async () => {
    now = Date.UTC(2026, 10, 26, 12);
    const login = session('pol-cmdr');
    let last = await issuer.issue(login);
    // Refresh every 50 minutes, as the web app does before expiry.
    for (let i = 0; i < 16; i++) {
      now += 50 * 60_000;
      const verified = await issuer.verify(last.token);
      if (!verified.ok) break;
      last = await issuer.issue(verified.session);
    }
    expect(Date.parse(last.expiresAt)).toBe(login.loginAtMs + 12 * 3600_000);
    now = login.loginAtMs + 12 * 3600_000;
    await expect(issuer.verify(last.token)).resolves.toEqual({ ok: false, reason: 'expired' });
  });

  it('end sessions at once when the maximum age is lowered', async () => {
    now = Date.UTC(2026, 10, 26, 12);
    const { token } = await issuer.issue(session('pol-cmdr'));
    now += 2 * 3600_000 - 60_000;
    const stricter = createTokenIssuer({ secret: 'x'.repeat(32), ttlS: 3 * 3600, maxSessionAgeS: 3600, clock });
    await expect(stricter.verify(token)).resolves.toEqual({ ok: false, reason: 'expired' });
  });

  it('refuse tokens signed with another key, tampered with, or without a session', async () => {
    now = Date.UTC(2026, 10, 26, 12);
    const other = createTokenIssuer({ secret: 'y'.repeat(32), ttlS: 3600, maxSessionAgeS: 12 * 3600, clock });
    const { token } = await other.issue(session('pol-cmdr'));
    await expect(issuer.verify(token)).resolves.toEqual({ ok: false, reason: 'invalid' });
    const mine = (await issuer.issue(session('ukr-watch'))).token;
    const [h, p, s] = mine.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), sub: 'pol-cmdr' }),
    ).toString('base64url');
    await expect(issuer.verify(`${h}.${forged}.${s}`)).resolves.toEqual({ ok: false, reason: 'invalid' });
    await expect(issuer.verify('garbage')).resolves.toEqual({ ok: false, reason: 'invalid' });
    // A token of the right key but without sid / auth_time_ms (as issued before sessions were capped).
    const old = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('pol-cmdr')
      .setIssuer('tessera-gateway')
      .setAudience('tessera')
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(Math.floor(now / 1000) + 3600)
      .sign(new TextEncoder().encode('x'.repeat(32)));
    await expect(issuer.verify(old)).resolves.toEqual({ ok: false, reason: 'invalid' });
  });

  it('read "Bearer <token>" or a bare token', () => {
    expect(bearerToken('Bearer abc.def')).toBe('abc.def');
    expect(bearerToken('abc.def')).toBe('abc.def');
    expect(bearerToken('')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken({})).toBeUndefined();
  });
});
