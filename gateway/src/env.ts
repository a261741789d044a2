import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { envVars, parseEnv } from '@tessera/service-kit';
import { DEFAULT_SESSION_MAX_AGE_S } from './auth/sessions.ts';

const demoUsers = fileURLToPath(new URL('../config/demo-users.json', import.meta.url));

const flag = z
  .enum(['true', 'false', '1', '0'])
  .default('false')
  .transform((v) => v === 'true' || v === '1');

export const GatewayEnv = z.object({
  /** HTTP and WebSocket port (path /graphql). */
  PORT: envVars.port(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  NATS_URL: envVars.natsUrl,
  NATS_USER: envVars.optionalString,
  NATS_PASS: envVars.optionalString,
  LOG_LEVEL: envVars.logLevel,
  /** Users file (JSON, scrypt hashes); the demo users by default. */
  USERS_FILE: z.string().min(1).default(demoUsers),
  /** HMAC key for session tokens; `./tessera up` generates one into .data/. */
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters (generate one with: openssl rand -hex 32)'),
  /** Session token lifetime, seconds. */
  TOKEN_TTL_S: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 24 * 3600)
    .default(8 * 3600),
  /**
   * Longest a session lasts after its password was given, seconds (default 12 h, a watch and its
   * handover). Refreshing a token never goes past it, so a stolen token cannot be kept alive forever.
   */
  SESSION_MAX_AGE_S: z.coerce
    .number()
    .int()
    .min(300)
    .max(7 * 24 * 3600)
    .default(DEFAULT_SESSION_MAX_AGE_S),
  /** Longest a subscriber waits for coalesced track changes, milliseconds. */
  BATCH_INTERVAL_MS: z.coerce.number().int().min(10).max(5000).default(100),
  /** A track with no update for this long (wall clock) is dropped, in case its source died. */
  TRACK_TIMEOUT_S: z.coerce.number().int().min(5).max(3600).default(120),
  /** Origins of the web app (CORS), comma-separated. */
  WEB_ORIGIN: z
    .string()
    .default('http://localhost:3000,http://127.0.0.1:3000')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url()).min(1)),
  /**
   * The audit notary's Ed25519 key pair (PEM files; `./tessera up` generates them into
   * .data/secrets/audit-anchor-ed25519.*): the gateway signs checkpoints of the audit chain with it
   * (audit-notary.ts). Without them the chain is not anchored.
   */
  AUDIT_ANCHOR_KEY_FILE: envVars.optionalString,
  AUDIT_ANCHOR_PUBLIC_KEY_FILE: envVars.optionalString,
  /** Development mode: GraphiQL and introspection. Off unless asked for. */
  DEV_MODE: flag,
});

export type GatewayEnv = z.infer<typeof GatewayEnv>;
export const readEnv = (): GatewayEnv => parseEnv(GatewayEnv, process.env);
