import { Kind, getOperationAST, type DocumentNode, type ExecutionResult } from 'graphql';
import type { WebSocket } from 'ws';
import type { User } from '@tessera/schema';
import type { Clock, Logger } from '@tessera/service-kit';
import type { GraphQLContext } from '../graphql/context.ts';
import type { SharedStream } from '../graphql/released-stream.ts';
import { createAudience, type Audience } from './audience.ts';
import type { FanoutScheduler } from './scheduler.ts';

/** How an audience runs its operation: as its own user, in its own context. */
export type AudienceRunner = (user: User) => Promise<{
  context: GraphQLContext;
  execute: (rootValue: unknown) => Promise<ExecutionResult> | ExecutionResult;
}>;

export interface SharedSubscriptions {
  /** The shared stream an operation subscribes to: one root field that is shared, no directives, or null. */
  streamOf(document: DocumentNode, operationName?: string | null): SharedStream | null;
  /**
   * Join the subscriber's audience (made on first use). graphql-ws holds the handle as the
   * subscription: its first `next()` joins, `return()` (complete, socket closed) leaves; the batches
   * go straight to the socket as graphql-ws `next` messages under `id`.
   */
  open(opts: {
    stream: SharedStream;
    user: User;
    /** The operation and its variables: subscribers share an audience only for the same one. */
    operationKey: string;
    socket: WebSocket;
    id: string;
    runAs: AudienceRunner;
  }): AsyncGenerator<never, void, unknown>;
  /** For /healthz: counts about the gateway's fan-out, nothing about what it carries. */
  stats(): { audiences: number; subscribers: number; closedTooSlow: number };
}

const TAIL = Buffer.from('}');

/**
 * The WebSocket side of per-audience fan-out: which operations are served this way, one audience
 * per (stream, audience of access.ts, operation), and each subscriber's frames written as prepared
 * bytes. Everything about order, slowness and release is the audience's (audience.ts).
 */
export function createSharedSubscriptions(deps: {
  streams: Map<string, SharedStream>;
  scheduler: FanoutScheduler;
  clock: Clock;
  slowLimitMs: number;
  logger: Logger;
}): SharedSubscriptions {
  const audiences = new Map<string, Promise<Audience>>();
  let subscribers = 0;
  let closedTooSlow = 0;

  const audienceFor = (stream: SharedStream, user: User, operationKey: string, runAs: AudienceRunner) => {
    const audienceOf = stream.audienceOf(user);
    const key = `${stream.field}\n${audienceOf.key}\n${operationKey}`;
    let audience = audiences.get(key);
    if (!audience) {
      audience = runAs(audienceOf.user).then(({ context, execute }) =>
        createAudience({
          source: stream.hubOf(context),
          keyOf: stream.keyOf,
          release: (item) => stream.release(audienceOf.user, item, context) as { id: string } | null,
          render: async (batch) => JSON.stringify(await execute({ [stream.field]: batch })),
          scheduler: deps.scheduler,
          clock: deps.clock,
          slowLimitMs: deps.slowLimitMs,
          onEmpty: () => audiences.delete(key),
          onTooSlow: () => closedTooSlow++,
          onError: (err) => deps.logger.error({ err, field: stream.field }, 'audience batch failed'),
        }),
      );
      audience.catch(() => audiences.delete(key));
      audiences.set(key, audience);
    }
    return audience;
  };

  return {
    streamOf(document, operationName) {
      const operation = getOperationAST(document, operationName);
      if (operation?.operation !== 'subscription') return null;
      const [root, ...more] = operation.selectionSet.selections;
      if (!root || more.length > 0 || root.kind !== Kind.FIELD || root.directives?.length) return null;
      return deps.streams.get(root.name.value) ?? null;
    },

    open({ stream, user, operationKey, socket, id, runAs }) {
      const head = Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`);
      let leave: (() => void) | null = null;
      let ended = false;
      let end!: (r: IteratorResult<never, void>) => void;
      const done = new Promise<IteratorResult<never, void>>((resolve) => (end = resolve));
      const stop = () => {
        if (ended) return;
        ended = true;
        if (leave) subscribers--;
        leave?.();
        end({ done: true, value: undefined });
      };
      const handle: AsyncGenerator<never, void, unknown> = {
        [Symbol.asyncIterator]: () => handle,
        [Symbol.asyncDispose]: async () => stop(),
        next: () => {
          if (!ended && !leave) {
            subscribers++;
            leave = () => undefined;
            audienceFor(stream, user, operationKey, runAs).then(
              (audience) => {
                if (ended) return;
                leave = audience.join({
                  send: (payload, sent) => {
                    if (socket.readyState !== socket.OPEN) return sent();
                    // One text message in three fragments, so the audience's payload is written as it
                    // is, never copied per subscriber. Nothing else can be sent between them: the three
                    // calls run together, and ws keeps their order.
                    socket.send(head, { binary: false, fin: false });
                    socket.send(payload, { binary: false, fin: false });
                    socket.send(TAIL, { binary: false, fin: true }, () => sent());
                  },
                  close: (code, reason) => socket.close(code, reason),
                });
              },
              (err: unknown) => {
                deps.logger.error({ err, field: stream.field }, 'audience could not start');
                socket.close(1011, 'Internal error');
                stop();
              },
            );
          }
          return done;
        },
        return: async () => {
          stop();
          return { done: true, value: undefined };
        },
        throw: async (err: unknown) => {
          stop();
          throw err;
        },
      };
      return handle;
    },

    stats: () => ({ audiences: audiences.size, subscribers, closedTooSlow }),
  };
}
