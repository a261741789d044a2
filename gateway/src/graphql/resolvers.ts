import { GraphQLScalarType, Kind } from 'graphql';
import { randomUUID } from 'node:crypto';
import { autonomyRequestLabel, EFFECTOR_CLASSES, isOpenRequest, isProtectedIdentity, canSee, type ReleasedTrack, airTrackSidc, compareAlertUrgency, type Alert, type AuthorityReply, type AuthorizationRequest, type ReleasedDetection, type ReleasedAnomalyEvent } from '@tessera/schema';
import type { Resolvers } from '../generated/resolvers.ts';
import {
  acknowledgedByCaller,
  awaitsDecisionBy,
  previewAsPartner,
  releaseRequest,
  requireCommander,
  releaseAlert,
  releaseAll,
  releaseAnomaly,
  releaseDetection,
  releaseTrack,
  releaseTracks,
  requireAlertAcknowledger,
  requireAdmin,
  requireSession,
  requireUser,
  viewerOf,
} from './access.ts';
import { alreadyAcknowledged, badCredentials, badInput, forbidden, notFound, outcomeUnknown, rateLimited, refused, unavailable } from './errors.ts';
import type { GraphQLContext } from './context.ts';
import { releasedUpdates, type ReleasedBatch } from './released-stream.ts';
import { anomalyStream } from '../picture/anomaly-log.ts';

function parseDateTime(value: unknown): string {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw badInput('DateTime must be an ISO 8601 string such as 2026-11-26T06:42:10Z');
  return new Date(value).toISOString();
}

const DateTime = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (value) => (value instanceof Date ? value.toISOString() : String(value)),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

/**
 * Send a command to the authority; its refusal becomes a typed error naming the rule. When it does
 * not answer in time the command may or may not have been applied: the caller is told the outcome is
 * unknown (the request's live state shows it when known), never that nothing was recorded.
 */
async function commandAuthority(ctx: GraphQLContext, command: Parameters<GraphQLContext['commandAuthority']>[0]): Promise<AuthorizationRequest> {
  let reply: AuthorityReply;
  try {
    reply = await ctx.commandAuthority(command);
  } catch {
    throw outcomeUnknown('The authority did not answer in time: this may or may not have been recorded. The request shows its state as soon as it is known; check it before trying again.');
  }
  if (!reply.ok) throw refused(reply.rule, reply.message);
  return reply.request;
}

/** An id no other request has (a readable prefix, then random). */
const newRequestId = (prefix: string) => `${prefix.slice(0, 27)}-${randomUUID()}`;

/** Thin resolvers: check the caller, call the picture, release through access.ts. */
export const resolvers: Resolvers = {
  DateTime,
  Query: {
    me: (_parent, _args, ctx) => requireUser(ctx),
    tracks: (_parent, _args, ctx) => releaseTracks(requireUser(ctx), ctx.hub.tracks()),
    track: (_parent, { id }, ctx) => releaseTrack(requireUser(ctx), ctx.hub.track(id)),
    trackAsSeenBy: (_parent, { id, nation, clearance }, ctx) => previewAsPartner(requireUser(ctx), ctx.hub.track(id), nation, clearance),
    // Sectors show the WCS the authority has in force (after an approved change), else the reference data's.
    airspace: (_parent, _args, ctx) =>
      releaseAll(requireUser(ctx), ctx.reference.volumes()).map((v) => (v.kind === 'SECTOR' ? { ...v, wcs: ctx.authority.wcs(v.nation, v.id) ?? v.wcs } : v)),
    operationalArea: (_parent, _args, ctx) => {
      requireUser(ctx);
      return ctx.reference.area() ?? null;
    },
    detections: (_parent, _args, ctx) => {
      const user = requireUser(ctx);
      return [...ctx.detections.all()].map((d) => releaseDetection(user, d)).filter((d) => d !== null);
    },
    detection: (_parent, { trackId }, ctx) => releaseDetection(requireUser(ctx), ctx.detections.get(trackId)),
    anomalies: (_parent, { limit }, ctx) => {
      const user = requireUser(ctx);
      if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw badInput('limit must be between 1 and 200');
      return ctx.anomalies.recent().map((e) => releaseAnomaly(user, e)).filter((e) => e !== null).slice(0, limit);
    },
    alerts: (_parent, { includeCleared }, ctx) => {
      const user = requireUser(ctx);
      return [...ctx.alerts.all()]
        .filter((a) => includeCleared || a.clearedAt === null)
        .map((a) => releaseAlert(user, a))
        .filter((a) => a !== null)
        .sort(compareAlertUrgency);
    },
    auditLog: (_parent, { limit, subject }, ctx) => {
      const user = requireCommander(requireUser(ctx));
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw badInput('limit must be between 1 and 500');
      const sectors = new Set(releaseAll(user, ctx.reference.volumes()).filter((v) => v.kind === 'SECTOR').map((v) => `${v.nation}/${v.id}`));
      // A record is shown when what it is about is releasable to the caller: a request, or a sector.
      // ...or the caller's own nation's business (its standing authorities and autonomy modes).
      const visible = (s: string) => sectors.has(s) || s.startsWith(`${user.nation}/`) || releaseRequest(user, ctx.requests.get(s)) !== null;
      const out = [];
      const records = ctx.audit.recent();
      for (let i = records.length - 1; i >= 0 && out.length < limit; i--) {
        const r = records[i]!;
        if ((subject == null || r.subject === subject) && visible(r.subject)) out.push(r);
      }
      return out;
    },
    standingAuthorities: (_parent, _args, ctx) => {
      const user = requireCommander(requireUser(ctx));
      return [...ctx.authority.standing()].filter((sa) => sa.nation === user.nation).sort((a, b) => a.id.localeCompare(b.id));
    },
    autonomy: (_parent, _args, ctx) => {
      const user = requireUser(ctx);
      if (user.nation === null) return [];
      // A mode in force is the outcome of the nation's AUTONOMY_CHANGE requests, which carry this label
      // (see requestAutonomyChange): who may not see those requests may not see their outcome, nor the
      // default either (IN_THE_LOOP would say that no change was approved).
      if (!canSee(viewerOf(user), autonomyRequestLabel(user.nation))) return [];
      return EFFECTOR_CLASSES.map((effectorClass) => ({ effectorClass, mode: ctx.authority.autonomy(user.nation!, effectorClass) ?? 'IN_THE_LOOP' }));
    },
    authorizationRequests: (_parent, { includeFinal }, ctx) => {
      const user = requireUser(ctx);
      return [...ctx.requests.all()]
        .filter((r) => includeFinal || isOpenRequest(r))
        .map((r) => releaseRequest(user, r))
        .filter((r) => r !== null)
        .sort((a, b) => Date.parse(a.deadline) - Date.parse(b.deadline));
    },
  },
  Mutation: {
    login: async (_parent, { username, password }, ctx) => {
      // The attempt is counted before the password is checked (asynchronously): parallel guesses each take a turn.
      const reserved = ctx.loginLimiter.begin(username.length <= 64 ? username : '(too long)', ctx.address);
      if (!reserved.ok) throw rateLimited(reserved.retryAfterMs);
      const user = username.length <= 64 && password.length <= 256 ? await ctx.users.checkPassword(username, password) : undefined;
      if (!user) {
        reserved.attempt.failed();
        throw badCredentials();
      }
      reserved.attempt.succeeded();
      const issued = await ctx.tokens.issue({ username: user.username, sessionId: randomUUID(), loginAtMs: ctx.clock.now() });
      return { ...issued, user };
    },
    refreshToken: async (_parent, _args, ctx) => {
      // The same session goes on (its sign-in instant with it), so it still ends at sign-in + the maximum age.
      const { user, session } = requireSession(ctx);
      const issued = await ctx.tokens.issue(session);
      return { ...issued, user };
    },
    logout: (_parent, _args, ctx) => {
      const user = requireUser(ctx);
      ctx.sessions.revoke(user.username, user.username);
      return true;
    },
    revokeSessions: (_parent, { username }, ctx) => {
      const admin = requireAdmin(requireUser(ctx));
      if (!ctx.users.find(username)) throw notFound(`No user ${username}.`);
      return new Date(ctx.sessions.revoke(username, admin.username)).toISOString();
    },
    acknowledgeAlert: async (_parent, { id }, ctx) => {
      const user = requireAlertAcknowledger(requireUser(ctx));
      // An alert the caller may not see does not exist for them.
      if (!releaseAlert(user, ctx.alerts.get(id))) throw notFound(`No alert ${id}.`);
      let reply;
      try {
        reply = await ctx.acknowledgeAlert({ alertId: id, nation: user.nation, username: user.username, displayName: user.displayName });
      } catch {
        throw unavailable('The detector did not answer; the acknowledgement was not recorded. Try again.');
      }
      if (reply.ok) return releaseAlert(user, reply.alert)!;
      if (reply.code === 'ALREADY_ACKNOWLEDGED') throw alreadyAcknowledged(`Alert ${id} is already acknowledged by ${user.nation}.`);
      if (reply.code === 'INVALID') throw badInput(reply.message);
      throw notFound(`No alert ${id}.`);
    },
    decideRequest: async (_parent, { id, decision, reason }, ctx) => {
      // Only commanders decide: anyone else is refused here, before a command (and an audit record) exists.
      const user = requireCommander(requireUser(ctx));
      // A request the caller may not see does not exist for them.
      if (!releaseRequest(user, ctx.requests.get(id))) throw notFound(`No authorization request ${id}.`);
      if (reason.trim().length === 0 || reason.length > 500) throw badInput('Give a reason (1-500 characters): it goes into the audit log.');
      const wait = ctx.decisionLimiter.take(user.username);
      if (wait > 0) throw rateLimited(wait);
      const decided = await commandAuthority(ctx, { type: 'DECIDE', commandId: randomUUID(), requestId: id, decision, reason: reason.trim(), by: { username: user.username, nation: user.nation, roles: user.roles } });
      return releaseRequest(user, decided)!;
    },
    requestAutonomyChange: async (_parent, { effectorClass, to, reason }, ctx) => {
      const user = requireCommander(requireUser(ctx));
      if (reason.trim().length === 0 || reason.length > 500) throw badInput('Give a reason (1-500 characters): it goes into the audit log.');
      const from = ctx.authority.autonomy(user.nation, effectorClass) ?? 'IN_THE_LOOP';
      if (from === to) throw badInput(`${effectorClass} is already ${to}.`);
      return commandAuthority(ctx, {
        type: 'OPEN',
        commandId: randomUUID(),
        request: {
          id: newRequestId(`autonomy-${user.nation}-${effectorClass}`),
          kind: 'AUTONOMY_CHANGE',
          nation: user.nation,
          // National business: the nation's own commanders decide it, nobody else sees it.
          label: autonomyRequestLabel(user.nation),
          requestedBy: { username: user.username, nation: user.nation, roles: user.roles },
          wcsChange: null,
          autonomyChange: { effectorClass, from, to },
        },
      });
    },
    setStandingAuthority: async (_parent, { input }, ctx) => {
      const user = requireCommander(requireUser(ctx));
      if (input.minConfidence < 0 || input.minConfidence > 1) throw badInput('minConfidence must be between 0 and 1.');
      if (!(input.zone.radiusM > 0) || input.zone.radiusM > 200_000) throw badInput('The zone radius must be between 0 and 200 km.');
      if (input.effectorClasses.length === 0 || input.targetKinds.length === 0 || input.identities.length === 0) throw badInput('Name at least one effector class, target kind and identity.');
      if (input.identities.some(isProtectedIdentity)) throw badInput('Standing authority never covers FRIEND, ASSUMED_FRIEND or NEUTRAL tracks.');
      let reply;
      try {
        reply = await ctx.commandStanding({
          type: 'SET_STANDING',
          commandId: randomUUID(),
          authority: { ...input, nation: user.nation, zone: { center: { lat: input.zone.lat, lon: input.zone.lon }, radiusM: input.zone.radiusM } },
          by: { username: user.username, nation: user.nation, roles: user.roles },
        });
      } catch {
        throw outcomeUnknown('The authority did not answer in time: this may or may not have been recorded. The standing authorities show it as soon as it is known; check them before trying again.');
      }
      if (!reply.ok) throw refused(reply.rule, reply.message);
      return reply.standing;
    },
    revokeStandingAuthority: async (_parent, { id }, ctx) => {
      const user = requireCommander(requireUser(ctx));
      let reply;
      try {
        reply = await ctx.commandStanding({ type: 'REVOKE_STANDING', commandId: randomUUID(), nation: user.nation, standingId: id, by: { username: user.username, nation: user.nation, roles: user.roles } });
      } catch {
        throw outcomeUnknown('The authority did not answer in time: this may or may not have been recorded. The standing authorities show it as soon as it is known; check them before trying again.');
      }
      if (!reply.ok) throw refused(reply.rule, reply.message);
      return reply.standing;
    },
    requestWcsChange: async (_parent, { sectorId, to, reason }, ctx) => {
      const user = requireCommander(requireUser(ctx));
      const sector = releaseAll(user, ctx.reference.volumes()).find((v) => v.kind === 'SECTOR' && v.id === sectorId);
      if (!sector) throw notFound(`No sector ${sectorId}.`);
      if (sector.nation !== user.nation) throw forbidden(`Sector ${sectorId} is ${sector.nation}'s: only its commanders change its WCS.`);
      if (reason.trim().length === 0 || reason.length > 500) throw badInput('Give a reason (1-500 characters): it goes into the audit log.');
      const from = ctx.authority.wcs(sector.nation, sector.id) ?? sector.wcs ?? 'HOLD';
      if (from === to) throw badInput(`Sector ${sectorId} is already ${to}.`);
      return commandAuthority(ctx, {
        type: 'OPEN',
        commandId: randomUUID(),
        request: {
          id: newRequestId(`wcs-${sector.id}`),
          kind: 'WCS_CHANGE',
          nation: sector.nation,
          label: sector.label,
          requestedBy: { username: user.username, nation: user.nation, roles: user.roles },
          wcsChange: { sectorId: sector.id, sectorNation: sector.nation, from, to },
          autonomyChange: null,
        },
      });
    },
  },
  Subscription: {
    trackUpdates: {
      // The whole releasable picture first, then coalesced, filtered changes (a slow consumer never builds a queue).
      subscribe: (_parent, _args, ctx) => {
        const user = requireUser(ctx);
        return releasedUpdates({
          hub: { all: () => ctx.hub.tracks(), subscribe: (listener) => ctx.hub.subscribe(listener) },
          keyOf: (t) => t.id,
          releasedKeyOf: (t: ReleasedTrack) => t.id,
          release: (t) => releaseTrack(user, t),
          clock: ctx.clock,
          wrap: (batch) => ({ trackUpdates: batch }),
        });
      },
      resolve: (payload: { trackUpdates: ReleasedBatch<ReleasedTrack> }) => payload.trackUpdates,
    },
    detectionUpdates: {
      subscribe: (_parent, _args, ctx) => {
        const user = requireUser(ctx);
        return releasedUpdates({
          hub: ctx.detections,
          keyOf: (d) => d.trackId,
          releasedKeyOf: (d: ReleasedDetection) => d.trackId,
          release: (d) => releaseDetection(user, d),
          clock: ctx.clock,
          wrap: (batch) => ({ detectionUpdates: batch }),
        });
      },
      resolve: (payload: { detectionUpdates: ReleasedBatch<ReleasedDetection> }) => payload.detectionUpdates,
    },
    alertUpdates: {
      subscribe: (_parent, _args, ctx) => {
        const user = requireUser(ctx);
        return releasedUpdates({
          hub: ctx.alerts,
          keyOf: (a) => a.id,
          releasedKeyOf: (a: Alert) => a.id,
          release: (a) => releaseAlert(user, a),
          clock: ctx.clock,
          wrap: (batch) => ({ alertUpdates: batch }),
        });
      },
      resolve: (payload: { alertUpdates: ReleasedBatch<Alert> }) => payload.alertUpdates,
    },
    authorizationRequestUpdates: {
      subscribe: (_parent, _args, ctx) => {
        const user = requireUser(ctx);
        return releasedUpdates({
          hub: ctx.requests,
          keyOf: (r) => r.id,
          releasedKeyOf: (r: AuthorizationRequest) => r.id,
          release: (r) => releaseRequest(user, r),
          clock: ctx.clock,
          wrap: (batch) => ({ authorizationRequestUpdates: batch }),
        });
      },
      resolve: (payload: { authorizationRequestUpdates: ReleasedBatch<AuthorizationRequest> }) => payload.authorizationRequestUpdates,
    },
    anomalyEvents: {
      subscribe: (_parent, _args, ctx) => {
        const user = requireUser(ctx);
        // Bounded per subscriber: one that does not read loses its oldest events, never stalls the feed.
        return anomalyStream(ctx.anomalies, (event) => {
          const released = releaseAnomaly(user, event);
          return released && { anomalyEvents: released };
        });
      },
      resolve: (payload: { anomalyEvents: ReleasedAnomalyEvent }) => payload.anomalyEvents,
    },
  },
  AuditRecord: {
    details: (record) => JSON.stringify(record.details),
  },
  AuthorizationRequest: {
    awaitingYou: (request, _args, ctx) => awaitsDecisionBy(requireUser(ctx), request),
    outcome: (request) => request.outcome,
  },
  Alert: {
    acknowledged: (alert, _args, ctx) => acknowledgedByCaller(requireUser(ctx), alert),
  },
  Track: {
    sidc: (track) => airTrackSidc(track.kind, track.identity),
  },
};

