import { z } from 'zod';
import { envVars, parseEnv, serviceEnv } from '@tessera/service-kit';

const DeconflictionEnv = z.object({
  ...serviceEnv,
  /** Minutes a proposal waits for the other parties' answers before it expires. */
  PROPOSAL_TTL_MIN: z.coerce
    .number()
    .min(1)
    .max(24 * 60)
    .default(30),
  /**
   * Secret for conflict ids (an id must not confirm a guessed pair of reservations, nor which track
   * an engagement is on: request ids name their target); required, stable, at least 16 characters.
   */
  CONFLICT_ID_KEY: z.string().min(16, 'must be a secret of at least 16 characters'),
  /** Health endpoint (/healthz, /readyz) on 127.0.0.1; 0 picks a free port. */
  HEALTH_PORT: envVars.port(4105),
});

export type DeconflictionEnv = z.infer<typeof DeconflictionEnv>;
export const readEnv = (): DeconflictionEnv => parseEnv(DeconflictionEnv, process.env);
