import { SignJWT, errors, jwtVerify } from 'jose';
import type { Clock } from '@tessera/service-kit';

const ISSUER = 'tessera-gateway';
const AUDIENCE = 'tessera';

export interface TokenIssuer {
  issue(username: string): Promise<{ token: string; expiresAt: string }>;
  /** The username of a valid token, or a reason it is not valid. */
  verify(token: string): Promise<{ ok: true; username: string; expiresAtMs: number } | { ok: false; reason: 'expired' | 'invalid' }>;
}

/** Session tokens: HS256 JWTs with expiry, the clock injected. */
export function createTokenIssuer(opts: { secret: string; ttlS: number; clock: Clock }): TokenIssuer {
  const key = new TextEncoder().encode(opts.secret);
  return {
    async issue(username) {
      const nowS = Math.floor(opts.clock.now() / 1000);
      const exp = nowS + opts.ttlS;
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(username)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(nowS)
        .setExpirationTime(exp)
        .sign(key);
      return { token, expiresAt: new Date(exp * 1000).toISOString() };
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: ['HS256'],
          currentDate: new Date(opts.clock.now()),
        });
        return typeof payload.sub === 'string' && typeof payload.exp === 'number'
          ? { ok: true, username: payload.sub, expiresAtMs: payload.exp * 1000 }
          : { ok: false, reason: 'invalid' };
      } catch (err) {
        return { ok: false, reason: err instanceof errors.JWTExpired ? 'expired' : 'invalid' };
      }
    },
  };
}

/** Accepts "Bearer <token>" or a bare token. */
export function bearerToken(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(?:Bearer\s+)?(\S+)\s*$/i.exec(value);
  return m?.[1];
}
