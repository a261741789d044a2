import { GraphQLScalarType, Kind } from 'graphql';
import { airTrackSidc, compareAlertUrgency, type Alert, type ReleasedDetection, type ReleasedAnomalyEvent } from '@tessera/schema';
import { Repeater } from 'graphql-yoga';
import type { Resolvers } from '../generated/resolvers.ts';
import {
  acknowledgedByCaller,
  previewAsPartner,
  releaseAlert,
  releaseAll,
  releaseAnomaly,
  releaseDetection,
  releaseTrack,
  releaseTracks,
  requireAlertAcknowledger,
  requireUser,
} from './access.ts';
import { alreadyAcknowledged, badCredentials, badInput, notFound, rateLimited, unavailable } from './errors.ts';
import { releasedUpdates, type ReleasedBatch } from './released-stream.ts';
import { trackUpdates, type TrackUpdatesPayload } from './track-stream.ts';

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

/** Thin resolvers: check the caller, call the picture, release through access.ts. */
export const resolvers: Resolvers = {
  DateTime,
  Query: {
    me: (_parent, _args, ctx) => requireUser(ctx),
    tracks: (_parent, _args, ctx) => releaseTracks(requireUser(ctx), ctx.hub.tracks()),
    track: (_parent, { id }, ctx) => releaseTrack(requireUser(ctx), ctx.hub.track(id)),
    trackAsSeenBy: (_parent, { id, nation, clearance }, ctx) => previewAsPartner(requireUser(ctx), ctx.hub.track(id), nation, clearance),
    airspace: (_parent, _args, ctx) => releaseAll(requireUser(ctx), ctx.reference.volumes()),
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
  },
  Mutation: {
    login: async (_parent, { username, password }, ctx) => {
      const wait = ctx.loginLimiter.retryAfterMs(username, ctx.address);
      if (wait > 0) throw rateLimited(wait);
      const user = username.length <= 64 && password.length <= 256 ? await ctx.users.checkPassword(username, password) : undefined;
      if (!user) {
        ctx.loginLimiter.failed(username, ctx.address);
        throw badCredentials();
      }
      ctx.loginLimiter.succeeded(username);
      const { token, expiresAt } = await ctx.tokens.issue(user.username);
      return { token, expiresAt, user };
    },
    refreshToken: async (_parent, _args, ctx) => {
      const user = requireUser(ctx);
      const { token, expiresAt } = await ctx.tokens.issue(user.username);
      return { token, expiresAt, user };
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
  },
  Subscription: {
    trackUpdates: {
      subscribe: (_parent, _args, ctx) => trackUpdates(requireUser(ctx), ctx.hub, ctx.clock),
      resolve: (payload: TrackUpdatesPayload) => payload.trackUpdates,
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
    anomalyEvents: {
      subscribe: (_parent, _args, ctx) => {
        const user = requireUser(ctx);
        return new Repeater<{ anomalyEvents: ReleasedAnomalyEvent }>(async (push, stop) => {
          const unsubscribe = ctx.anomalies.subscribe((event) => {
            const released = releaseAnomaly(user, event);
            if (released) void push({ anomalyEvents: released });
          });
          await stop;
          unsubscribe();
        });
      },
      resolve: (payload: { anomalyEvents: ReleasedAnomalyEvent }) => payload.anomalyEvents,
    },
  },
  Alert: {
    acknowledged: (alert, _args, ctx) => acknowledgedByCaller(requireUser(ctx), alert),
  },
  Track: {
    sidc: (track) => airTrackSidc(track.kind, track.identity),
  },
};

