import type { NatsConnection } from '@nats-io/transport-node';
import type { z } from 'zod';
import type { Rejector } from './dead-letter.ts';
import type { Logger } from './logger.ts';
import { parseJson } from './subscribe.ts';

/** No usable answer: none in time (or no responder, or refused by permissions), or a malformed one. */
export class NoAnswerError extends Error {
  override name = 'NoAnswerError';
}

export interface RequestOptions<T> {
  nc: NatsConnection | Promise<NatsConnection>;
  subject: string;
  body: unknown;
  /** The contract of the reply. */
  reply: z.ZodType<T>;
  timeoutMs: number;
  /** A malformed reply is rejected with it (counted, logged, dead-lettered under `subject`). */
  rejector: Rejector;
  logger: Logger;
  /** What is asked ("OPEN"): logged as "no answer to OPEN", rejected as "reply to OPEN: <error>". */
  what: string;
  /** Logged with a request that got no answer. */
  context?: Record<string, unknown>;
}

/**
 * Request/reply with the reply validated against its contract. Null when there is no usable answer:
 * none came in time (logged; the caller may ask again) or it was malformed (rejected). Never throws.
 */
export async function requestParsed<T>(opts: RequestOptions<T>): Promise<T | null> {
  let data: Uint8Array;
  try {
    data = (await (await opts.nc).request(opts.subject, JSON.stringify(opts.body), { timeout: opts.timeoutMs })).data;
  } catch (err) {
    opts.logger.warn({ err, subject: opts.subject, ...opts.context }, `no answer to ${opts.what}`);
    return null;
  }
  const parsed = parseJson(opts.reply, data);
  if (parsed.ok) return parsed.value;
  opts.rejector.reject(opts.subject, data, `reply to ${opts.what}: ${parsed.error}`);
  return null;
}

/** The answer, or a NoAnswerError naming who did not answer (for callers that report a failure by throwing). */
export function answered<T>(reply: T | null, from: string): T {
  if (reply === null) throw new NoAnswerError(`${from} gave no usable answer`);
  return reply;
}
