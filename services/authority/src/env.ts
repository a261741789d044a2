import { z } from 'zod';
import { envVars, parseEnv, serviceEnv } from '@tessera/service-kit';

const AuthorityEnv = z.object({
  ...serviceEnv,
  /** Ed25519 key pair of the audit chain (generated at setup into .data/secrets, never committed). */
  AUDIT_KEY_FILE: z.string().min(1),
  AUDIT_PUBLIC_KEY_FILE: z.string().min(1),
  /** Seconds to decide an engagement before it expires (fail-safe). */
  ENGAGEMENT_DEADLINE_S: z.coerce.number().int().min(5).max(3600).default(60),
  /** ON_THE_LOOP veto window, seconds. */
  VETO_WINDOW_S: z.coerce.number().int().min(1).max(600).default(10),
  /** Health endpoint (/healthz, /readyz) on 127.0.0.1; 0 picks a free port. */
  HEALTH_PORT: envVars.port(4103),
});

export type AuthorityEnv = z.infer<typeof AuthorityEnv>;
export const readEnv = (): AuthorityEnv => parseEnv(AuthorityEnv, process.env);
