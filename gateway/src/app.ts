import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createSchema, createYoga } from 'graphql-yoga';
import { GraphQLError, NoSchemaIntrospectionCustomRule, type ExecutionArgs } from 'graphql';
import { WebSocketServer, type WebSocket } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { answered, createAuthorityClient, createRejector, healthHandler, requestParsed, type Clock, type Logger, type NatsLink } from '@tessera/service-kit';
import { createTokenIssuer } from './auth/tokens.ts';
import { createLoginLimiter } from './auth/login-limiter.ts';
import { DEFAULT_SESSION_MAX_AGE_S, createSessionRevocations } from './auth/sessions.ts';
import { subscriptionsOverWebSocketOnly, tooManySubscriptions } from './graphql/errors.ts';
import { createDecisionLimiter } from './graphql/decision-limiter.ts';
import type { UserDirectory } from './auth/users.ts';
import { identifyCaller } from './graphql/access.ts';
import type { Caller, GraphQLContext } from './graphql/context.ts';
import { resolvers } from './graphql/resolvers.ts';
import { startTrackFeed } from './nats/track-feed.ts';
import { startReferenceFeed, type ReferenceFeed } from '@tessera/service-kit';
import { createTrackHub } from './picture/track-hub.ts';
import { createKeyedHub } from './picture/keyed-hub.ts';
import { createAnomalyLog } from './picture/anomaly-log.ts';
import { startDetectionFeed } from './nats/detection-feed.ts';
import { AlertAckReply, subjects, type Alert, type AlertAckRequest, type AuthorizationRequest, type Detection, type GatewayCommand } from '@tessera/schema';
import { startAuthorityFeed, type AuthorityFeed } from './nats/authority-feed.ts';
import { startAuditFeed, type AuditFeed } from './nats/audit-feed.ts';

const typeDefs = readFileSync(fileURLToPath(import.meta.resolve('@tessera/schema/graphql/schema.graphql')), 'utf8');

export interface GatewayConfig {
  port: number;
  host: string;
  jwtSecret: string;
  tokenTtlS: number;
  /** Longest a session lasts after sign-in, however often its token is refreshed (default 12 h). */
  sessionMaxAgeS?: number;
  batchIntervalMs: number;
  trackTimeoutS: number;
  /** Origins allowed to call the API from a browser. */
  webOrigins: string[];
  devMode: boolean;
}

export interface Gateway {
  /** Listen; resolves with the bound port. */
  start(): Promise<number>;
  stop(): Promise<void>;
  server: Server;
}

type ServerContext = { caller?: Caller; req?: IncomingMessage };

/** Subscriptions one WebSocket may hold at once. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 20;
/** The only WebSocket subprotocol spoken (graphql-ws); the legacy subscriptions-transport-ws is refused. */
const SUBPROTOCOL = 'graphql-transport-ws';

/**
 * The gateway: Yoga over HTTP and graphql-ws on the same server and path, fed by NATS.
 * Everything it needs is passed in; it reads no environment and owns no connection it did not open.
 */
export function buildGateway(deps: { config: GatewayConfig; nats: NatsLink; users: UserDirectory; clock: Clock; logger: Logger }): Gateway {
  const { config, nats, users, clock, logger } = deps;
  const tokens = createTokenIssuer({ secret: config.jwtSecret, ttlS: config.tokenTtlS, maxSessionAgeS: config.sessionMaxAgeS ?? DEFAULT_SESSION_MAX_AGE_S, clock });
  const sessions = createSessionRevocations({ clock, onListenerError: (err) => logger.error({ err }, 'closing the sockets of ended sessions failed') });
  const hub = createTrackHub({ clock, batchIntervalMs: config.batchIntervalMs, trackTimeoutMs: config.trackTimeoutS * 1000 });
  const rejector = createRejector({ nc: nats.nc, service: 'gateway', logger, now: () => clock.now() });
  const detections = createKeyedHub<Detection>({ keyOf: (d) => d.trackId, clock, batchIntervalMs: config.batchIntervalMs, timeoutMs: config.trackTimeoutS * 1000 });
  const alerts = createKeyedHub<Alert>({ keyOf: (a) => a.id, clock, batchIntervalMs: config.batchIntervalMs });
  const anomalies = createAnomalyLog({ onListenerError: (err) => logger.error({ err }, 'anomaly subscriber failed; the others and the NATS feed go on') });
  const requests = createKeyedHub<AuthorizationRequest>({ keyOf: (r) => r.id, clock, batchIntervalMs: config.batchIntervalMs });
  // No usable answer (none in time, or malformed and rejected) throws: the resolvers report it.
  const authorityClient = createAuthorityClient({ nc: nats.nc, rejector, logger });
  const commandAuthority = async (command: GatewayCommand) => answered(await authorityClient.command(command), 'the authority');
  const commandStanding = async (command: GatewayCommand) => answered(await authorityClient.standing(command), 'the authority');
  const acknowledgeAlert = async (request: AlertAckRequest) =>
    answered(await requestParsed({ nc: nats.nc, subject: subjects.alertAck, body: request, reply: AlertAckReply, timeoutMs: 3000, rejector, logger, what: 'alert acknowledgement' }), 'the detector');
  const armor = new EnvelopArmor({
    // Introspection is off outside dev mode; there, its deep queries are not exempt from the depth limit either.
    maxDepth: { n: 8, ignoreIntrospection: config.devMode },
    maxAliases: { n: 10 },
    maxTokens: { n: 1500 },
    maxDirectives: { n: 10 },
    costLimit: { maxCost: 5000 },
    blockFieldSuggestion: { enabled: !config.devMode },
  });
  const decisionLimiter = createDecisionLimiter({ clock, burst: 10, perMinute: 30 });
  const loginLimiter = createLoginLimiter({ clock });
  const originAllowed = (origin: string | undefined) => origin === undefined || config.webOrigins.includes(origin);

  const yoga = createYoga<ServerContext, GraphQLContext>({
    schema: createSchema<GraphQLContext>({ typeDefs, resolvers: resolvers as never }),
    graphqlEndpoint: '/graphql',
    graphiql: config.devMode,
    landingPage: false,
    maskedErrors: true,
    cors: { origin: config.webOrigins, methods: ['GET', 'POST'], allowedHeaders: ['content-type', 'authorization'] },
    logging: {
      debug: (...args) => logger.debug({ args }, 'yoga'),
      info: (...args) => logger.info({ args }, 'yoga'),
      warn: (...args) => logger.warn({ args }, 'yoga'),
      error: (...args) => logger.error({ args }, 'yoga'),
    },
    plugins: [
      ...armor.protect().plugins,
      // The schema is public in the repository; a production endpoint still does not hand it out.
      ...(config.devMode ? [] : [{ onValidate: ({ addValidationRule }: { addValidationRule: (rule: typeof NoSchemaIntrospectionCustomRule) => void }) => addValidationRule(NoSchemaIntrospectionCustomRule) }]),
      // Subscriptions only over the WebSocket, which closes when the session's token expires or the
      // session is ended; an HTTP event stream (Yoga's default) would outlive both.
      {
        onSubscribe: ({ args, setResultAndStopExecution }: { args: { contextValue: unknown }; setResultAndStopExecution: (result: { errors: GraphQLError[] }) => void }) => {
          if (!(args.contextValue as { socket?: unknown }).socket) setResultAndStopExecution({ errors: [subscriptionsOverWebSocketOnly()] });
        },
      },
    ],
    context: async ({ request, caller, req }) => ({
      caller: caller ?? (await identifyCaller(request?.headers.get('authorization'), tokens, users, sessions)),
      loginLimiter,
      sessions,
      decisionLimiter,
      address: req?.socket.remoteAddress ?? 'unknown',
      hub,
      reference: reference!,
      detections,
      alerts,
      anomalies,
      acknowledgeAlert,
      requests,
      authority: authority!,
      audit: audit!,
      commandAuthority,
      commandStanding,
      users,
      tokens,
      clock,
    }),
  });

  // /healthz and /readyz answer anyone who reaches the port, so they say nothing about the picture:
  // no count of tracks, detections or alerts (a total over every nation is a number no user may see,
  // and a user's own count is in the API). What is left is about the gateway and the bus: NATS up,
  // open track subscriptions, malformed messages refused per subject, batches and sequence gaps.
  const health = healthHandler(() => ({
    ready: nats.connected(),
    nats: nats.connected(),
    subscribers: hub.subscribers(),
    rejected: rejector.counts(),
    feed: feed?.stats(),
  }));
  const server = createServer((req, res) => {
    if (health(req, res)) return;
    // Browsers send Origin; only the web app's origins may call the API from a page.
    if (!originAllowed(req.headers.origin)) {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: `Origin ${req.headers.origin} is not allowed.`, extensions: { code: 'FORBIDDEN_ORIGIN' } }] }));
      return;
    }
    void yoga.handle(req, res);
  });
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });

  const wss = new WebSocketServer({
    server,
    path: '/graphql',
    handleProtocols: (protocols) => (protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
    verifyClient: ({ origin }: { origin?: string }) => originAllowed(origin || undefined),
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
        const timer = setTimeout(() => socket.close(4401, 'Token expired'), Math.max(0, caller.expiresAtMs - clock.now()));
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
        if (active.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION) return [tooManySubscriptions(MAX_SUBSCRIPTIONS_PER_CONNECTION)];
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

  let feed: ReturnType<typeof startTrackFeed> | undefined;
  let reference: ReferenceFeed | undefined;
  let aiFeed: ReturnType<typeof startDetectionFeed> | undefined;
  let authority: AuthorityFeed | undefined;
  let audit: AuditFeed | undefined;

  return {
    server,
    async start() {
      hub.start();
      feed = startTrackFeed({ nc: nats.nc, hub, rejector, logger });
      reference = startReferenceFeed({ link: nats, rejector, logger });
      detections.start();
      alerts.start();
      aiFeed = startDetectionFeed({ link: nats, detections, anomalies, alerts, rejector, logger });
      requests.start();
      authority = startAuthorityFeed({ link: nats, requests, rejector, logger });
      audit = startAuditFeed({ link: nats, logger });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => resolve());
      });
      const port = (server.address() as AddressInfo).port;
      logger.info({ port, host: config.host, path: '/graphql' }, 'gateway listening');
      return port;
    },
    async stop() {
      feed?.stop();
      reference?.stop();
      aiFeed?.stop();
      authority?.stop();
      audit?.stop();
      requests.stop();
      detections.stop();
      alerts.stop();
      hub.stop();
      await ws.dispose();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
  };
}
