import { z } from 'zod';

export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

/**
 * Parse configuration from an environment-like record. Fails fast, naming every bad variable and why,
 * so a misconfigured service never starts half-way.
 */
export function parseEnv<S extends z.ZodObject>(schema: S, source: Record<string, string | undefined>): z.infer<S> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.map(String).join('.') || '(env)'}: ${i.message}`);
  throw new ConfigurationError(`invalid configuration:\n${lines.join('\n')}`);
}

/** Shared variable shapes. */
export const envVars = {
  natsUrl: z
    .string()
    .regex(/^(nats|tls):\/\/[^\s]+$/, 'must be a nats:// URL such as nats://127.0.0.1:4222')
    .default('nats://127.0.0.1:4222'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  optionalString: z.string().min(1).optional(),
  /** Per-nation NATS credentials, JSON {"POL": {"user": "...", "pass": "..."}} (default: none). */
  credentialsByNation: z
    .string()
    .default('{}')
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON such as {"POL": {"user": "...", "pass": "..."}}' });
        return z.NEVER;
      }
    })
    .pipe(z.record(z.string().regex(/^[A-Z]{3}$/), z.object({ user: z.string().min(1), pass: z.string().min(1) }))),
};

/** What every service reads: where NATS is and its user there (none without auth), and how much it logs. */
export const serviceEnv = {
  NATS_URL: envVars.natsUrl,
  NATS_USER: envVars.optionalString,
  NATS_PASS: envVars.optionalString,
  LOG_LEVEL: envVars.logLevel,
};
