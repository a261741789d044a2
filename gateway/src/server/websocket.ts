import type { IncomingMessage, Server } from 'node:http';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import { WebSocketServer, type WebSocket } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import type { Clock, Logger } from '@tessera/service-kit';
import type { SessionRevocations } from '../auth/sessions.ts';
import type { TokenIssuer } from '../auth/tokens.ts';
import type { UserDirectory } from '../auth/users.ts';
import { identifyCaller } from '../graphql/access.ts';
import type { Caller } from '../graphql/context.ts';
import { tooManySubscriptions } from '../graphql/errors.ts';
import { audienceRunner } from '../fanout/audience-runner.ts';
import type { SharedSubscriptions } from '../fanout/shared-subscriptions.ts';
import type { GatewayYoga } from './yoga.ts';

/** Subscriptions one WebSocket may hold at once. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 20;
/** The only WebSocket subprotocol spoken (graphql-ws); the legacy subscriptions-transport-ws is refused. */
const SUBPROTOCOL = 'graphql-transport-ws';

export interface GraphqlWebSocket {
  /** Close every socket and stop accepting new ones. */
  close(): Promise<void>;
}

/**
 * graphql-ws on the HTTP server's /graphql path, where subscriptions are served. A socket is
 * authenticated once, when it connects, and lives no longer than its session: it closes when the
 * token expires (4401) or the session is ended (4403).
 */
export function startGraphqlWebSocket(deps: {
  server: Server;
  yoga: GatewayYoga;
  originAllowed: (origin: string | undefined) => boolean;
  tokens: TokenIssuer;
  users: UserDirectory;
  sessions: SessionRevocations;
  clock: Clock;
  logger: Logger;
  /** Subscriptions served once per audience (track picture, detections, alerts, requests). */
  shared: SharedSubscriptions;
}): GraphqlWebSocket {
  const { yoga, tokens, users, sessions, clock, logger } = deps;
  const wss = new WebSocketServer({
    server: deps.server,
    path: '/graphql',
    handleProtocols: (protocols) => (protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
    verifyClient: ({ origin }: { origin?: string }) => deps.originAllowed(origin || undefined),
  });
  type Extra = { caller?: Caller; request: IncomingMessage; socket: WebSocket };
  const subscriptionsOf = new WeakMap<object, Set<string>>();
  // Open WebSockets per user with the sign-in instant of their session: ending a user's sessions
  // (logout, revokeSessions) closes those started before it with 4403, which the web app takes as the
  // end of the session (4401 would make it reconnect with a refreshed token).
  const socketsOf = new Map<string, Map<WebSocket, number>>();
  sessions.onRevoked(({ username, by }) => {
    logger.info({ username, by }, 'sessions ended');
    for (const [socket, loginAtMs] of socketsOf.get(username) ?? []) {
      if (sessions.isRevoked(username, loginAtMs)) socket.close(4403, 'Session ended');
    }
  });
  const ws = useServer<Record<string, unknown> | undefined, Extra>(
    {
      execute: (args) => (args.rootValue as { execute: (a: ExecutionArgs) => never }).execute(args),
      subscribe: (args) => (args.rootValue as { subscribe: (a: ExecutionArgs) => never }).subscribe(args),
      // A socket without a valid token is closed with 4403 Forbidden before any operation.
      onComplete: (ctx, id) => {
        subscriptionsOf.get(ctx.extra)?.delete(id);
      },
      onConnect: async (ctx) => {
        const caller = await identifyCaller(ctx.connectionParams?.authorization, tokens, users, sessions);
        if (!caller.ok) {
          logger.info({ reason: caller.reason }, 'websocket refused');
          return false;
        }
        ctx.extra.caller = caller;
        // A session ends when its token does: the socket closes with 4401 and a client that refreshed
        // its token reconnects with the new one (4403 is for tokens that were never valid or were revoked).
        const socket = ctx.extra.socket;
        const timer = setTimeout(
          () => socket.close(4401, 'Token expired'),
          Math.max(0, caller.expiresAtMs - clock.now()),
        );
        const { username, loginAtMs } = caller.session;
        let open = socketsOf.get(username);
        if (!open) socketsOf.set(username, (open = new Map()));
        open.set(socket, loginAtMs);
        socket.once('close', () => {
          clearTimeout(timer);
          open.delete(socket);
          if (open.size === 0 && socketsOf.get(username) === open) socketsOf.delete(username);
        });
        return true;
      },
      onSubscribe: async (ctx, id, payload) => {
        let active = subscriptionsOf.get(ctx.extra);
        if (!active) subscriptionsOf.set(ctx.extra, (active = new Set()));
        if (active.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION)
          return [tooManySubscriptions(MAX_SUBSCRIPTIONS_PER_CONNECTION)];
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params: payload,
          caller: ctx.extra.caller,
        });
        let document;
        try {
          document = parse(payload.query);
        } catch (err) {
          if (err instanceof GraphQLError) return [err];
          throw err;
        }
        try {
          const errors = validate(schema, document);
          if (errors.length > 0) return errors;
        } catch (err) {
          // graphql-armor rules throw inside validate; report them, don't drop the socket.
          if (err instanceof GraphQLError) return [err];
          throw err;
        }
        active.add(id);
        const stream = deps.shared.streamOf(document, payload.operationName);
        const caller = ctx.extra.caller;
        if (stream && caller?.ok) {
          // Served with everyone who may receive the same: released and rendered once, written as bytes.
          return {
            schema,
            document,
            rootValue: {
              subscribe: () =>
                deps.shared.open({
                  stream,
                  user: caller.user,
                  operationKey: `${payload.operationName ?? ''}\n${payload.query}\n${JSON.stringify(payload.variables ?? {})}`,
                  socket: ctx.extra.socket,
                  id,
                  runAs: audienceRunner({
                    yoga,
                    document,
                    operationName: payload.operationName,
                    variables: payload.variables,
                    logger,
                  }),
                }),
            },
          };
        }
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
      },
    },
    wss,
  );
  return {
    async close() {
      await ws.dispose();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
