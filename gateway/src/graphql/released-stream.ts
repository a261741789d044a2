import { Repeater } from 'graphql-yoga';
import type { User } from '@tessera/schema';
import type { Clock } from '@tessera/service-kit';
import type { KeyedHub } from '../picture/keyed-hub.ts';
import { createReleasedView } from '../picture/subscriber-view.ts';
import type { ReleasedBatch } from '../fanout/audience.ts';
import { createChangeAccumulator, type Change } from '../picture/track-picture.ts';
import { requireUser, type AudienceOf } from './access.ts';
import type { GraphQLContext } from './context.ts';

/**
 * A subscription field served once per audience over the WebSocket (fanout/): who shares an
 * audience (`audienceOf`, from access.ts, next to the release rule it must match), where the items
 * come from and how each is released.
 */
export interface SharedStream<T extends { id: string } = { id: string }, R = unknown> {
  field: string;
  audienceOf: (user: User) => AudienceOf;
  hubOf: (ctx: GraphQLContext) => Pick<KeyedHub<T>, 'all' | 'subscribe'>;
  release: (user: User, item: T, ctx: GraphQLContext) => R | null;
  keyOf: (item: T) => string;
}

/**
 * One subscriber's stream of a keyed hub, released item by item (the caller passes the release
 * function from access.ts): the releasable whole first (reset), then coalesced changes. Like the
 * track stream, it remembers what it has shown: an item that stops being releasable is removed, and
 * a removal is only sent for an item the subscriber was shown. A slow consumer never builds a queue.
 */
export function releasedUpdates<T extends { id: string }, R extends { id: string }, P>(opts: {
  hub: Pick<KeyedHub<T>, 'all' | 'subscribe'>;
  keyOf: (item: T) => string;
  releasedKeyOf: (item: R) => string;
  release: (item: T) => R | null;
  clock: Clock;
  wrap: (batch: ReleasedBatch<R>) => P;
}): Repeater<P> {
  return new Repeater<P>(async (push, stop) => {
    const view = createReleasedView(opts.release, opts.keyOf);
    const pending = createChangeAccumulator<R>(opts.releasedKeyOf);
    let seq = 0;
    let inFlight = false;
    let stopped = false;

    const send = (batch: Change<R>, reset: boolean) => {
      inFlight = true;
      push(opts.wrap({ ...batch, reset, seq: ++seq, sentAt: new Date(opts.clock.now()).toISOString() })).then(
        () => {
          inFlight = false;
          drain();
        },
        () => undefined,
      );
    };
    const drain = () => {
      if (inFlight || stopped) return;
      const change = pending.take();
      if (change) send(change, false);
    };

    send(view.snapshot(opts.hub.all()) as Change<R>, true);
    const unsubscribe = opts.hub.subscribe((change) => {
      const visible = view.filter(change) as Change<R> | null;
      if (!visible) return;
      pending.add(visible);
      drain();
    });
    await stop;
    stopped = true;
    unsubscribe();
  });
}

/** The fields of these subscription resolvers that are served per audience. */
export function sharedStreamsOf(subscription: Record<string, unknown>): Map<string, SharedStream> {
  const out = new Map<string, SharedStream>();
  for (const resolver of Object.values(subscription)) {
    const shared = (resolver as { shared?: SharedStream }).shared;
    if (shared) out.set(shared.field, shared);
  }
  return out;
}

/**
 * A subscription field streaming one keyed hub: each subscriber gets the items `release` (a function
 * of access.ts, given the context for what else it must look up) lets the signed-in user see, as
 * released batches under `field`. Items are keyed by `keyOf` (their id unless told otherwise),
 * before and after release alike.
 */
export function releasedSubscription<F extends string, T extends { id: string }, R extends { id: string }>(
  field: F,
  hubOf: (ctx: GraphQLContext) => Pick<KeyedHub<T>, 'all' | 'subscribe'>,
  release: (user: User, item: T, ctx: GraphQLContext) => R | null,
  keyOf: (item: T | R) => string = (item) => item.id,
  audienceOf?: (user: User) => AudienceOf,
) {
  type Payload = { [K in F]: ReleasedBatch<R> };
  return {
    /** Over the WebSocket, subscribers of one audience are served together (fanout/); this is the fallback. */
    shared: audienceOf ? ({ field, audienceOf, hubOf, release, keyOf } as unknown as SharedStream) : undefined,
    subscribe: (_parent: unknown, _args: unknown, ctx: GraphQLContext) => {
      const user = requireUser(ctx);
      return releasedUpdates({
        hub: hubOf(ctx),
        keyOf,
        releasedKeyOf: keyOf,
        release: (item: T) => release(user, item, ctx),
        clock: ctx.clock,
        wrap: (batch): Payload => ({ [field]: batch }) as Payload,
      });
    },
    resolve: (payload: Payload) => payload[field],
  };
}
