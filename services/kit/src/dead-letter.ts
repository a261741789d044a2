import { subjects } from '@tessera/schema';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from './logger.ts';

export interface Rejection {
  service: string;
  subject: string;
  reason: string;
  at: string;
  /** The rejected payload as text (truncated to 64 KiB). */
  payload: string;
}

export interface Rejector {
  /** Count, log and dead-letter a message that failed validation. Never throws. */
  reject(subject: string, payload: Uint8Array, reason: string): void;
  /** Rejections so far, per subject. */
  counts(): Record<string, number>;
  total(): number;
}

const MAX_PAYLOAD = 64 * 1024;
const decoder = new TextDecoder('utf-8', { fatal: false });

/**
 * Bad input loses nothing and crashes nothing: the message goes to `tessera.v1.deadletter.<service>`
 * (kept by the TESSERA_DEADLETTER stream when it exists) with the reason, and is counted.
 */
export function createRejector(deps: {
  nc: NatsConnection;
  service: string;
  logger: Logger;
  now?: () => number;
}): Rejector {
  const bySubject = new Map<string, number>();
  let total = 0;
  const now = deps.now ?? Date.now;
  return {
    reject(subject, payload, reason) {
      total++;
      bySubject.set(subject, (bySubject.get(subject) ?? 0) + 1);
      deps.logger.warn({ subject, reason, bytes: payload.length, rejected: total }, 'rejected malformed message');
      const letter: Rejection = {
        service: deps.service,
        subject,
        reason,
        at: new Date(now()).toISOString(),
        payload: decoder.decode(payload.subarray(0, MAX_PAYLOAD)),
      };
      try {
        deps.nc.publish(subjects.deadLetter(deps.service), JSON.stringify(letter));
      } catch (err) {
        deps.logger.error({ err, subject }, 'could not publish dead letter');
      }
    },
    counts: () => Object.fromEntries(bySubject),
    total: () => total,
  };
}

/** Decode a NATS payload as JSON; returns an error string instead of throwing. */
export function decodeJson(data: Uint8Array): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(decoder.decode(data)) };
  } catch (err) {
    return { ok: false, error: `not JSON: ${(err as Error).message}` };
  }
}
