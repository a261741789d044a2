import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { envVars, parseEnv, serviceEnv } from '@tessera/service-kit';

const defaultScenario = fileURLToPath(new URL('../scenarios/demo.json', import.meta.url));

const TwinEnv = z.object({
  ...serviceEnv,
  /** Scenario file (JSON); the demo scenario by default. */
  SCENARIO_FILE: z.string().min(1).default(defaultScenario),
  /** Scenario seconds per wall-clock second. */
  TIME_SCALE: z.coerce.number().positive().max(1000).default(1),
  /** Wall-clock milliseconds between simulation steps. */
  TICK_MS: z.coerce.number().int().min(20).max(5000).default(250),
  /**
   * Per-nation fusion-centre credentials, JSON {"POL": {"user": "...", "pass": "..."}}: each nation's
   * tracks are published over its own NATS user. Without it, tracks go out on the twin's connection.
   */
  NATS_FUSION_CREDENTIALS: envVars.credentialsByNation,
  /** Health endpoint (/healthz, /readyz) on 127.0.0.1; 0 picks a free port. */
  HEALTH_PORT: envVars.port(4101),
});

export type TwinEnv = z.infer<typeof TwinEnv>;
export const readEnv = (): TwinEnv => parseEnv(TwinEnv, process.env);
