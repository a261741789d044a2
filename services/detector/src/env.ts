import { z } from 'zod';
import { envVars, parseEnv, serviceEnv } from '@tessera/service-kit';
import { MODEL_PATH } from './model-file.ts';

const DetectorEnv = z.object({
  ...serviceEnv,
  /** The trained model file (services/detector/model/threat-classifier.json by default). */
  MODEL_FILE: z.string().min(1).default(MODEL_PATH),
  /** A threat reaching a defended asset within this many seconds raises an alert ... */
  ALERT_THRESHOLD_S: z.coerce.number().positive().default(600),
  /** ... a CRITICAL one within this many. */
  ALERT_CRITICAL_S: z.coerce.number().positive().default(120),
  /** How far ahead paths are predicted (seconds). */
  PREDICTION_HORIZON_S: z.coerce.number().min(30).max(3600).default(600),
  /** Health endpoint (/healthz, /readyz) on 127.0.0.1; 0 picks a free port. */
  HEALTH_PORT: envVars.port(4102),
});

export type DetectorEnv = z.infer<typeof DetectorEnv>;
export const readEnv = (): DetectorEnv => parseEnv(DetectorEnv, process.env);
