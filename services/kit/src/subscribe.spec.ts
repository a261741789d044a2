import type { Msg, NatsConnection, SubscriptionOptions } from '@nats-io/transport-node';
import { subjects } from '@tessera/schema';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { parseTrackBatch } from './batches.ts';
import { recordingRejector, WAIT } from './fixtures.ts';
import { createLogger } from './logger.ts';
import { isInbox, parseJson, serveParsed, subscribeParsed } from './subscribe.ts';

const bytes = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

/** Just enough of a connection to deliver messages to one subscription's callback, and see the replies. */
function fakeConnection() {
  let callback: SubscriptionOptions['callback'];
  const replies: unknown[] = [];
  const nc = {
    subscribe: (_subject: string, opts: SubscriptionOptions) => {
      callback = opts.callback;
      return { unsubscribe: () => undefined };
    },
  } as unknown as NatsConnection;
  const deliver = (subject: string, data: Uint8Array, reply?: string) =>
    callback!(null, {
      subject,
      data,
      reply,
      respond: (body: string) => replies.push(JSON.parse(body)),
    } as unknown as Msg);
  const fail = (err: Error) => callback!(err as never, {} as Msg);
  return { nc, deliver, fail, replies };
}

const Ping = z.object({ n: z.number() });
const logger = createLogger('subscribe-spec', 'silent');

function setup() {
  const conn = fakeConnection();
  const { rejector, rejected } = recordingRejector();
  const log = { error: vi.spyOn(logger, 'error') };
  log.error.mockClear();
  return { ...conn, rejector, rejected, log };
}

describe('parseJson', () => {
  it('decodes and validates, never throws', () => {
    expect(parseJson(Ping, bytes({ n: 1 }))).toEqual({ ok: true, value: { n: 1 } });
    expect(parseJson(Ping, bytes('{"n":'))).toEqual({ ok: false, error: expect.stringMatching(/^not JSON: /) });
    expect(parseJson(Ping, bytes({ n: 'one' }))).toEqual({ ok: false, error: expect.stringMatching(/^n: /) });
  });
});

describe('subscribeParsed', () => {
  it("hands valid messages to the handler and rejects the rest (with the schema's reason), never both", () => {
    const { nc, deliver, rejector, rejected } = setup();
    const handled: unknown[] = [];
    const invalid: string[] = [];
    subscribeParsed({
      nc,
      subject: 'ping.>',
      parse: Ping,
      rejector,
      logger,
      what: 'ping',
      handle: (v) => handled.push(v),
      onInvalid: (error) => invalid.push(error),
    });
    deliver('ping.a', bytes({ n: 1 }));
    deliver('ping.b', bytes('{"n":'));
    deliver('ping.c', bytes({ n: 'two' }));
    expect(handled).toEqual([{ n: 1 }]);
    expect(rejected).toEqual([
      { subject: 'ping.b', reason: expect.stringMatching(/^not JSON: /) },
      { subject: 'ping.c', reason: expect.stringMatching(/^n: /) },
    ]);
    expect(invalid).toEqual(rejected.map((r) => r.reason));
  });

  it('takes a kit parser that also checks the subject', () => {
    const { nc, deliver, rejector, rejected } = setup();
    const handled: unknown[] = [];
    subscribeParsed({
      nc,
      subject: subjects.allTrackBatches,
      parse: parseTrackBatch,
      rejector,
      logger,
      what: 'track batch',
      handle: (b) => handled.push(b),
    });
    const batch = {
      source: { nation: 'LTU', system: 'LTU-FUSION' },
      seq: 1,
      publishedAt: '2026-11-26T10:00:00.000Z',
      upserts: [],
      removals: [],
    };
    deliver(subjects.trackBatch('POL'), bytes(batch));
    deliver(subjects.trackBatch('LTU'), bytes(batch));
    expect(rejected).toEqual([
      { subject: subjects.trackBatch('POL'), reason: `batch of LTU published on ${subjects.trackBatch('POL')}` },
    ]);
    expect(handled).toEqual([batch]);
  });

  it('logs a handler that throws or rejects, and goes on with the next message', async () => {
    const { nc, deliver, rejector, rejected, log } = setup();
    const handled: number[] = [];
    subscribeParsed({
      nc,
      subject: 'ping',
      parse: Ping,
      rejector,
      logger,
      what: 'ping',
      handle: ({ n }) => {
        if (n === 1) throw new Error('boom');
        if (n === 2) return Promise.reject(new Error('later'));
        handled.push(n);
      },
    });
    expect(() => deliver('ping', bytes({ n: 1 }))).not.toThrow();
    deliver('ping', bytes({ n: 2 }));
    deliver('ping', bytes({ n: 3 }));
    await vi.waitFor(() => expect(log.error).toHaveBeenCalledTimes(2), WAIT);
    expect(log.error.mock.calls.map(([fields, message]) => [(fields as { err: Error }).err.message, message])).toEqual([
      ['boom', 'could not handle ping'],
      ['later', 'could not handle ping'],
    ]);
    expect(handled).toEqual([3]);
    expect(rejected).toEqual([]); // valid input that failed is not the sender's fault
  });

  it('logs a subscription error', () => {
    const { nc, fail, rejector, log } = setup();
    subscribeParsed({ nc, subject: 'ping', parse: Ping, rejector, logger, what: 'ping', handle: () => undefined });
    fail(new Error('permissions violation'));
    expect(log.error).toHaveBeenCalledWith({ err: expect.any(Error) }, 'ping subscription error');
  });
});

describe('serveParsed', () => {
  const serve = (answer: (v: { n: number }) => unknown, failure?: (err: unknown) => unknown) => {
    const s = setup();
    serveParsed({
      nc: s.nc,
      subject: 'ping',
      parse: Ping,
      rejector: s.rejector,
      logger,
      what: 'ping',
      answer,
      refusal: (error) => ({ ok: false, error }),
      ...(failure ? { failure } : {}),
    });
    return s;
  };

  it('answers a request with the answer, a malformed one with the refusal (and rejects it)', async () => {
    const { deliver, replies, rejected } = serve(async ({ n }) => ({ ok: true, twice: 2 * n }));
    deliver('ping', bytes({ n: 21 }), '_INBOX.1');
    deliver('ping', bytes({ n: 'x' }), '_INBOX.2');
    await vi.waitFor(() => expect(replies).toHaveLength(2), WAIT);
    expect(replies).toEqual([
      { ok: false, error: expect.stringMatching(/^n: /) },
      { ok: true, twice: 42 },
    ]);
    expect(rejected).toHaveLength(1);
  });

  it('sends nothing when the message asked for no reply', async () => {
    const { deliver, replies } = serve(({ n }) => n);
    deliver('ping', bytes({ n: 1 }));
    deliver('ping', bytes('nope'));
    await new Promise((r) => setTimeout(r, 10));
    expect(replies).toEqual([]);
  });

  it("refuses, unread and unanswered, a request whose reply subject is not an inbox (a bucket's key, the audit stream)", async () => {
    const answered: number[] = [];
    const { deliver, replies, rejected } = serve(({ n }) => (answered.push(n), { ok: true }));
    deliver('ping', bytes({ n: 1 }), '$KV.TESSERA_AUTHORITY.request.eng-1');
    deliver('ping', bytes({ n: 2 }), 'tessera.v1.audit');
    deliver('ping', bytes('nope'), 'tessera.v1.tracks.POL');
    deliver('ping', bytes({ n: 3 }), '_INBOX_gateway.abc.1');
    await vi.waitFor(() => expect(replies).toHaveLength(1), WAIT);
    expect(answered).toEqual([3]);
    expect(replies).toEqual([{ ok: true }]);
    expect(rejected).toEqual([
      { subject: 'ping', reason: 'reply subject $KV.TESSERA_AUTHORITY.request.eng-1 is not an inbox' },
      { subject: 'ping', reason: 'reply subject tessera.v1.audit is not an inbox' },
      { subject: 'ping', reason: 'reply subject tessera.v1.tracks.POL is not an inbox' },
    ]);
    expect(['_INBOX.x', '_INBOX_interceptor-pol.x.y', '_INBOXES.x', '_INBOX_a.b.>'].map(isInbox)).toEqual([
      true,
      true,
      false,
      true,
    ]);
  });

  it('answers with the failure reply when answering throws; without one, logs and sends nothing', async () => {
    const withFailure = serve(
      () => {
        throw new Error('disk full');
      },
      (err) => ({ ok: false, error: `failed: ${(err as Error).message}` }),
    );
    withFailure.deliver('ping', bytes({ n: 1 }), '_INBOX.1');
    await vi.waitFor(() => expect(withFailure.replies).toEqual([{ ok: false, error: 'failed: disk full' }]), WAIT);
    expect(withFailure.log.error).toHaveBeenCalledWith(
      { err: expect.any(Error), subject: 'ping' },
      'could not answer ping',
    );

    const without = serve(() => Promise.reject(new Error('disk full')));
    without.deliver('ping', bytes({ n: 1 }), '_INBOX.2');
    await vi.waitFor(
      () =>
        expect(without.log.error).toHaveBeenCalledWith(
          { err: expect.any(Error), subject: 'ping' },
          'could not handle ping',
        ),
      WAIT,
    );
    expect(without.replies).toEqual([]);
  });
});
