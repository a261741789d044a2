import { SignJWT, errors, jwtVerify } from 'jose';
import type { Clock } from '@tessera/service-kit';

const ISSUER = 'tessera-gateway';
const AUDIENCE = 'tessera';

/**
 * One sign-in: who, which session (`sid`, kept by every refresh) and when the password was given.
 * The login instant is in milliseconds (`auth_time_ms`), not the JWT's whole seconds, so that a
 * revocation ends exactly the sessions started before it, not one started in the same second after.
 */
export interface Session {
  username: string;
  sessionId: string;
  loginAtMs: number;
}

export type VerifiedToken =
  | { ok: true; session: Session; expiresAtMs: number; sessionEndsAtMs: number }
  | { ok: false; reason: 'expired' | 'invalid' };

export interface TokenIssuer {
  /**
   * A token for the session: valid for the token lifetime, but never past the session's end (login +
   * maximum session age), however often it is refreshed.
   */
  issue(session: Session): Promise<{ token: string; expiresAt: string; sessionEndsAt: string }>;
  /** The session of a valid token, or a reason it is not valid. */
  verify(token: string): Promise<VerifiedToken>;
}

/** Session tokens: HS256 JWTs with expiry, the clock injected. */
export function createTokenIssuer(opts: {
  secret: string;
  ttlS: number;
  maxSessionAgeS: number;
  clock: Clock;
}): TokenIssuer {
  const key = new TextEncoder().encode(opts.secret);
  const sessionEnd = (loginAtMs: number) => loginAtMs + opts.maxSessionAgeS * 1000;
  return {
    async issue(session) {
      const now = opts.clock.now();
      const nowS = Math.floor(now / 1000);
      const exp = Math.min(nowS + opts.ttlS, Math.floor(sessionEnd(session.loginAtMs) / 1000));
      const token = await new SignJWT({ sid: session.sessionId, auth_time_ms: session.loginAtMs })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(session.username)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(nowS)
        .setExpirationTime(exp)
        .sign(key);
      return {
        token,
        expiresAt: new Date(exp * 1000).toISOString(),
        sessionEndsAt: new Date(sessionEnd(session.loginAtMs)).toISOString(),
      };
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: ['HS256'],
          currentDate: new Date(opts.clock.now()),
        });
        const { sub, exp, sid, auth_time_ms: loginAtMs } = payload;
        // A token without its session (signed before sessions were capped) is not accepted: sign in again.
        if (
          typeof sub !== 'string' ||
          typeof exp !== 'number' ||
          typeof sid !== 'string' ||
          typeof loginAtMs !== 'number' ||
          !Number.isFinite(loginAtMs)
        ) {
          return { ok: false, reason: 'invalid' };
        }
        // Checked here too, so a cap lowered since the token was signed applies at once.
        if (opts.clock.now() >= sessionEnd(loginAtMs)) return { ok: false, reason: 'expired' };
        return {
          ok: true,
          session: { username: sub, sessionId: sid, loginAtMs },
          expiresAtMs: Math.min(exp * 1000, sessionEnd(loginAtMs)),
          sessionEndsAtMs: sessionEnd(loginAtMs),
        };
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
