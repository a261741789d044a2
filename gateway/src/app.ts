import { createHmac } from 'node:crypto';
import type { Server } from 'node:http';
import {
  answered,
  createAuthorityClient,
  createRejector,
  healthHandler,
  requestParsed,
  startReferenceFeed,
  type Clock,
  type Logger,
  type NatsLink,
  type ReferenceFeed,
} from '@tessera/service-kit';
import {
  AlertAckReply,
  DeconflictionReply,
  subjects,
  type AirspaceVolume,
  type Alert,
  type AlertAckRequest,
  type AuthorizationRequest,
  type Conflict,
  type DeconflictionCommand,
  type Detection,
  type GatewayCommand,
  type Proposal,
  type RestrictedEntry,
} from '@tessera/schema';
import { createTokenIssuer } from './auth/tokens.ts';
import { createLoginLimiter } from './auth/login-limiter.ts';
import { DEFAULT_SESSION_MAX_AGE_S, createSessionRevocations } from './auth/sessions.ts';
import type { UserDirectory } from './auth/users.ts';
import { identifyCaller } from './graphql/access.ts';
import { withheldIdOf } from './graphql/access-spectrum.ts';
import { createDecisionLimiter } from './graphql/decision-limiter.ts';
import { reservationKey, startAirspaceFeed } from './nats/airspace-feed.ts';
import { startAuditFeed, type AuditFeed } from './nats/audit-feed.ts';
import { startAuthorityFeed, type AuthorityFeed } from './nats/authority-feed.ts';
import { startDetectionFeed } from './nats/detection-feed.ts';
import { startTrackFeed } from './nats/track-feed.ts';
import { createAnomalyLog } from './picture/anomaly-log.ts';
import { createAssignmentHub } from './picture/assignment-hub.ts';
import { createKeyedHub } from './picture/keyed-hub.ts';
import { createTrackHub } from './picture/track-hub.ts';
import { createHttpServer } from './server/http.ts';
import { startGraphqlWebSocket } from './server/websocket.ts';
import { createFanoutScheduler } from './fanout/scheduler.ts';
import { createSharedSubscriptions } from './fanout/shared-subscriptions.ts';
import { sharedStreams } from './graphql/resolvers.ts';

/** How long a subscriber may be unable to take its batches before it is closed (4413). */
export const DEFAULT_SLOW_SUBSCRIBER_LIMIT_MS = 10_000;
import { createGatewayYoga } from './server/yoga.ts';

export interface GatewayConfig {
  port: number;
  host: string;
  jwtSecret: string;
  tokenTtlS: number;
  /** Longest a session lasts after sign-in, however often its token is refreshed (default 12 h). */
  sessionMaxAgeS?: number;
  batchIntervalMs: number;
  trackTimeoutS: number;
  /** A subscriber that cannot take its batches for this long is closed with 4413 (default 10 s). */
  slowSubscriberLimitMs?: number;
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

/**
 * The gateway: Yoga over HTTP and graphql-ws on the same server and path, fed by NATS.
 * Everything it needs is passed in; it reads no environment and owns no connection it did not open.
 */
export function buildGateway(deps: {
  config: GatewayConfig;
  nats: NatsLink;
  users: UserDirectory;
  clock: Clock;
  logger: Logger;
}): Gateway {
  const { config, nats, users, clock, logger } = deps;
  const tokens = createTokenIssuer({
    secret: config.jwtSecret,
    ttlS: config.tokenTtlS,
    maxSessionAgeS: config.sessionMaxAgeS ?? DEFAULT_SESSION_MAX_AGE_S,
    clock,
  });
  const sessions = createSessionRevocations({
    clock,
    onListenerError: (err) => logger.error({ err }, 'closing the sockets of ended sessions failed'),
  });
  const hub = createTrackHub({
    clock,
    batchIntervalMs: config.batchIntervalMs,
    trackTimeoutMs: config.trackTimeoutS * 1000,
  });
  const rejector = createRejector({ nc: nats.nc, service: 'gateway', logger, now: () => clock.now() });
  const detections = createKeyedHub<Detection>({
    keyOf: (d) => d.trackId,
    clock,
    batchIntervalMs: config.batchIntervalMs,
    timeoutMs: config.trackTimeoutS * 1000,
  });
  // A critical alert and any change of an authorization request reach subscribers at once.
  const alerts = createKeyedHub<Alert>({
    keyOf: (a) => a.id,
    clock,
    batchIntervalMs: config.batchIntervalMs,
    urgent: (a) => a.severity === 'CRITICAL',
  });
  const anomalies = createAnomalyLog({
    onListenerError: (err) => logger.error({ err }, 'anomaly subscriber failed; the others and the NATS feed go on'),
  });
  const requests = createKeyedHub<AuthorizationRequest>({
    keyOf: (r) => r.id,
    clock,
    batchIntervalMs: config.batchIntervalMs,
    urgent: () => true,
  });
  // No usable answer (none in time, or malformed and rejected) throws: the resolvers report it.
  const authorityClient = createAuthorityClient({ nc: nats.nc, rejector, logger });
  const commandAuthority = async (command: GatewayCommand) =>
    answered(await authorityClient.command(command), 'the authority');
  const commandStanding = async (command: GatewayCommand) =>
    answered(await authorityClient.standing(command), 'the authority');
  const acknowledgeAlert = async (request: AlertAckRequest) =>
    answered(
      await requestParsed({
        nc: nats.nc,
        subject: subjects.alertAck,
        body: request,
        reply: AlertAckReply,
        timeoutMs: 3000,
        rejector,
        logger,
        what: 'alert acknowledgement',
      }),
      'the detector',
    );
  // The deconfliction service's reservations (keyed NATION/id: ids are unique per nation), conflicts and proposals.
  const reservations = createKeyedHub<AirspaceVolume>({
    keyOf: reservationKey,
    clock,
    batchIntervalMs: config.batchIntervalMs,
  });
  const conflicts = createKeyedHub<Conflict>({ keyOf: (c) => c.id, clock, batchIntervalMs: config.batchIntervalMs });
  const proposals = createKeyedHub<Proposal>({ keyOf: (p) => p.id, clock, batchIntervalMs: config.batchIntervalMs });
  // Its spectrum assignments (with the engine's index) and restricted frequency list, keyed NATION/id too.
  const assignments = createAssignmentHub({
    clock,
    batchIntervalMs: config.batchIntervalMs,
    reservationOf: (nation, id) => reservations.get(reservationKey({ nation, id })),
  });
  const restricted = createKeyedHub<RestrictedEntry>({
    keyOf: reservationKey,
    clock,
    batchIntervalMs: config.batchIntervalMs,
  });
  // A key of its own for the ids of withheld entries, derived from the gateway's secret (never the signing key itself).
  const withheldEntryId = withheldIdOf(
    createHmac('sha256', config.jwtSecret).update('tessera-gateway/withheld-restricted-entry-ids').digest(),
  );
  const commandDeconfliction = async (command: DeconflictionCommand) =>
    answered(
      await requestParsed({
        nc: nats.nc,
        subject: subjects.deconflictionFromGateway,
        body: command,
        reply: DeconflictionReply,
        timeoutMs: 5000,
        rejector,
        logger,
        what: command.type,
        context: { commandId: command.commandId },
      }),
      'the deconfliction service',
    );
  const decisionLimiter = createDecisionLimiter({ clock, burst: 10, perMinute: 30 });
  // Drawing and dragging a reservation's vertices sends an edit per drop: more room than decisions.
  const airspaceLimiter = createDecisionLimiter({ clock, burst: 20, perMinute: 60 });
  const loginLimiter = createLoginLimiter({ clock });
  const originAllowed = (origin: string | undefined) => origin === undefined || config.webOrigins.includes(origin);

  const yoga = createGatewayYoga({
    devMode: config.devMode,
    webOrigins: config.webOrigins,
    logger,
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
      reservations,
      conflicts,
      proposals,
      assignments,
      restricted,
      withheldEntryId,
      commandDeconfliction,
      airspaceLimiter,
      users,
      tokens,
      clock,
    }),
  });

  // /healthz and /readyz answer anyone who reaches the port, so they say nothing about the picture:
  // no count of tracks, detections or alerts (a total over every nation is a number no user may see,
  // and a user's own count is in the API). What is left is about the gateway and the bus: NATS up,
  // open track subscriptions, malformed messages refused per subject, batches and sequence gaps.
  const shared = createSharedSubscriptions({
    streams: sharedStreams,
    scheduler: createFanoutScheduler({ onError: (err) => logger.error({ err }, 'fan-out task failed') }),
    clock,
    slowLimitMs: config.slowSubscriberLimitMs ?? DEFAULT_SLOW_SUBSCRIBER_LIMIT_MS,
    logger,
  });
  const health = healthHandler(() => ({
    ready: nats.connected(),
    nats: nats.connected(),
    fanout: shared.stats(),
    rejected: rejector.counts(),
    feed: feed?.stats(),
  }));
  const http = createHttpServer({ yoga, health, originAllowed });
  const ws = startGraphqlWebSocket({
    server: http.server,
    yoga,
    originAllowed,
    tokens,
    users,
    sessions,
    clock,
    logger,
    shared,
  });

  let feed: ReturnType<typeof startTrackFeed> | undefined;
  let reference: ReferenceFeed | undefined;
  let aiFeed: ReturnType<typeof startDetectionFeed> | undefined;
  let authority: AuthorityFeed | undefined;
  let audit: AuditFeed | undefined;
  let airspace: ReturnType<typeof startAirspaceFeed> | undefined;

  return {
    server: http.server,
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
      reservations.start();
      conflicts.start();
      proposals.start();
      assignments.start();
      // The engine judges a tied assignment where its reservation is: place it again when that moves.
      reservations.subscribe(assignments.reservationsChanged);
      restricted.start();
      airspace = startAirspaceFeed({
        link: nats,
        hubs: { reservations, conflicts, proposals, assignments, restricted },
        rejector,
        logger,
      });
      const port = await http.listen(config.port, config.host);
      logger.info({ port, host: config.host, path: '/graphql' }, 'gateway listening');
      return port;
    },
    async stop() {
      feed?.stop();
      reference?.stop();
      aiFeed?.stop();
      authority?.stop();
      audit?.stop();
      airspace?.stop();
      reservations.stop();
      conflicts.stop();
      proposals.stop();
      assignments.stop();
      restricted.stop();
      requests.stop();
      detections.stop();
      alerts.stop();
      hub.stop();
      await ws.close();
      await http.close();
    },
  };
}
