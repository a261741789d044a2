import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs on stdout, one logger per service, named so merged stack output stays readable. */
export function createLogger(service: string, level: string = 'info'): Logger {
  return pino({ name: service, level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime });
}
