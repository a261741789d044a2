import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { parseWith, type Parsed } from '@tessera/schema';
import type { z } from 'zod';
import { decodeJson, type Rejector } from './dead-letter.ts';
import type { Logger } from './logger.ts';

/** Reads one message: the value, or why it is refused. Never throws (parseTrackBatch and its kind). */
export type MessageParser<T> = (subject: string, data: Uint8Array) => Parsed<T>;

/** A NATS payload as JSON, validated against a contract; an error string instead of throwing. */
export function parseJson<S extends z.ZodType>(schema: S, data: Uint8Array): Parsed<z.infer<S>> {
  const decoded = decodeJson(data);
  return decoded.ok ? parseWith(schema, decoded.value) : decoded;
}

export interface ParsedSubscriptionOptions<T> {
  nc: NatsConnection;
  /** A subject or a wildcard (`subjects.allTrackBatches`). */
  subject: string;
  /** The contract, or a parser that also checks the subject (parseTrackBatch, parseDetectionBatch, parseAnomalyEvent). */
  parse: z.ZodType<T> | MessageParser<T>;
  rejector: Rejector;
  logger: Logger;
  /** What the messages are, for the logs ("track batch"). */
  what: string;
  /** Called with every valid message. An exception, or a rejected promise, is logged: the subscription goes on. */
  handle(value: T, msg: Msg): unknown;
  /** Called once a message was rejected (counted, logged, dead-lettered), e.g. to answer a request with the error. */
  onInvalid?(error: string, msg: Msg): void;
  /** Why a message is refused whatever its body (a request whose reply subject is not an inbox); null: read it. */
  refuse?(msg: Msg): string | null;
}

/**
 * The one way a service reads a NATS subject: decode, validate, hand valid messages to `handle`,
 * reject the rest with the Rejector (counted, logged, dead-lettered) and use nothing of them. No
 * input reaches the connection as an exception: a throwing handler would stop the client's reader.
 */
export function subscribeParsed<T>(opts: ParsedSubscriptionOptions<T>): Subscription {
  const { logger, rejector, what } = opts;
  const parse: MessageParser<T> =
    typeof opts.parse === 'function' ? opts.parse : (_subject, data) => parseJson(opts.parse as z.ZodType<T>, data);
  const failed = (err: unknown, subject: string) => logger.error({ err, subject }, `could not handle ${what}`);
  return opts.nc.subscribe(opts.subject, {
    callback: (err, msg) => {
      if (err) return logger.error({ err }, `${what} subscription error`);
      try {
        const refused = opts.refuse?.(msg);
        const parsed: Parsed<T> = refused ? { ok: false, error: refused } : parse(msg.subject, msg.data);
        if (!parsed.ok) {
          rejector.reject(msg.subject, msg.data, parsed.error);
          return opts.onInvalid?.(parsed.error, msg);
        }
        const done = opts.handle(parsed.value, msg);
        if (done instanceof Promise) done.catch((e: unknown) => failed(e, msg.subject));
      } catch (e) {
        failed(e, msg.subject);
      }
    },
  });
}

export interface ServedSubjectOptions<T, R> extends Omit<ParsedSubscriptionOptions<T>, 'handle' | 'onInvalid'> {
  /** The reply to a valid request. */
  answer(value: T, msg: Msg): R | Promise<R>;
  /** The reply to a refused (rejected) request; undefined: no reply. */
  refusal(error: string, msg: Msg): R | undefined;
  /** The reply when `answer` failed (logged); default: none, the requester times out. */
  failure?(err: unknown, msg: Msg): R | undefined;
}

/**
 * Whether `reply` is a requester's inbox (`_INBOX.…`, or a user's own `_INBOX_<user>.…`). A reply
 * subject is the requester's to choose: answering to any other would let a peer make the responder
 * publish with the responder's own permissions, e.g. into a KV bucket or the audit stream it owns.
 */
export const isInbox = (reply: string): boolean => /^_INBOX(_[A-Za-z0-9_-]+)?\./.test(reply);

/**
 * A request/reply responder on top of subscribeParsed: every reply goes out as JSON when the request
 * asked for one. A request whose reply subject is not an inbox is rejected unread and unanswered.
 */
export function serveParsed<T, R>(opts: ServedSubjectOptions<T, R>): Subscription {
  const respond = (msg: Msg, reply: R | undefined) => {
    if (reply !== undefined && msg.reply && isInbox(msg.reply)) msg.respond(JSON.stringify(reply));
  };
  return subscribeParsed<T>({
    ...opts,
    refuse: (msg) => (msg.reply && !isInbox(msg.reply) ? `reply subject ${msg.reply} is not an inbox` : null),
    handle: async (value, msg) => {
      let reply: R;
      try {
        reply = await opts.answer(value, msg);
      } catch (err) {
        if (!opts.failure) throw err;
        opts.logger.error({ err, subject: msg.subject }, `could not answer ${opts.what}`);
        return respond(msg, opts.failure(err, msg));
      }
      respond(msg, reply);
    },
    onInvalid: (error, msg) => respond(msg, opts.refusal(error, msg)),
  });
}
