import { z } from 'zod';
import { envVars, parseEnv, serviceEnv } from '@tessera/service-kit';

const InterceptorEnv = z.object({
  ...serviceEnv,
  /**
   * Per-nation agent credentials, JSON {"POL": {"user": "interceptor-pol", "pass": "..."}}: each
   * nation's agents ask the authority over their own NATS user, which may ask only for that nation.
   * Without it (tests without auth), they ask over the service's connection.
   */
  NATS_AGENT_CREDENTIALS: envVars.credentialsByNation,
  /** Seed of the outcome draws; unset: the scenario's seed from reference data (else 42). */
  SEED: z.coerce.number().int().optional(),
  /** Scenario seconds per wall-clock second: set it to the twin's, so a flyout lasts as long as the target's flight. */
  TIME_SCALE: z.coerce.number().positive().max(1000).default(1),
  /** Wall-clock milliseconds between the agents' looks at the picture. */
  TICK_MS: z.coerce.number().int().min(20).max(5000).default(250),
  /** Health endpoint (/healthz, /readyz) on 127.0.0.1; 0 picks a free port. */
  HEALTH_PORT: envVars.port(4104),
});

export type InterceptorEnv = z.infer<typeof InterceptorEnv>;
export const readEnv = (): InterceptorEnv => parseEnv(InterceptorEnv, process.env);
