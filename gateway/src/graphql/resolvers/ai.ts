import { compareAlertUrgency, type ReleasedAnomalyEvent } from '@tessera/schema';
import type {
  AlertResolvers,
  MutationResolvers,
  QueryResolvers,
  SubscriptionResolvers,
} from '../../generated/resolvers.ts';
import { anomalyStream } from '../../picture/anomaly-log.ts';
import {
  acknowledgedByCaller,
  releaseAlert,
  releaseAnomaly,
  releaseDetection,
  requireAlertAcknowledger,
  requireUser,
  viewerAudience,
} from '../access.ts';
import type { GraphQLContext } from '../context.ts';
import { alreadyAcknowledged, badInput, notFound, unavailable } from '../errors.ts';
import { releasedSubscription } from '../released-stream.ts';

/** The AI layer's outputs: detections, anomaly events and alerts (acknowledged through the detector). */
export const aiResolvers = {
  Query: {
    detections: (_parent, _args, ctx) => {
      const user = requireUser(ctx);
      return [...ctx.detections.all()].map((d) => releaseDetection(user, d)).filter((d) => d !== null);
    },
    detection: (_parent, { trackId }, ctx) => releaseDetection(requireUser(ctx), ctx.detections.get(trackId)),
    anomalies: (_parent, { limit }, ctx) => {
      const user = requireUser(ctx);
      if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw badInput('limit must be between 1 and 200');
      return ctx.anomalies
        .recent()
        .map((e) => releaseAnomaly(user, e))
        .filter((e) => e !== null)
        .slice(0, limit);
    },
    alerts: (_parent, { includeCleared }, ctx) => {
      const user = requireUser(ctx);
      return [...ctx.alerts.all()]
        .filter((a) => includeCleared || a.clearedAt === null)
        .map((a) => releaseAlert(user, a))
        .filter((a) => a !== null)
        .sort(compareAlertUrgency);
    },
  } satisfies QueryResolvers,
  Mutation: {
    acknowledgeAlert: async (_parent, { id }, ctx) => {
      const user = requireAlertAcknowledger(requireUser(ctx));
      // An alert the caller may not see does not exist for them.
      if (!releaseAlert(user, ctx.alerts.get(id))) throw notFound(`No alert ${id}.`);
      let reply;
      try {
        reply = await ctx.acknowledgeAlert({
          alertId: id,
          nation: user.nation,
          username: user.username,
          displayName: user.displayName,
        });
      } catch {
        throw unavailable('The detector did not answer; the acknowledgement was not recorded. Try again.');
      }
      if (reply.ok) return releaseAlert(user, reply.alert)!;
      if (reply.code === 'ALREADY_ACKNOWLEDGED')
        throw alreadyAcknowledged(`Alert ${id} is already acknowledged by ${user.nation}.`);
      if (reply.code === 'INVALID') throw badInput(reply.message);
      throw notFound(`No alert ${id}.`);
    },
  } satisfies MutationResolvers,
  Subscription: {
    // Detections are keyed by their track: one per track.
    detectionUpdates: releasedSubscription(
      'detectionUpdates',
      (ctx: GraphQLContext) => ctx.detections,
      releaseDetection,
      (d) => d.trackId,
      viewerAudience,
    ),
    alertUpdates: releasedSubscription(
      'alertUpdates',
      (ctx: GraphQLContext) => ctx.alerts,
      releaseAlert,
      undefined,
      viewerAudience,
    ),
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
  } satisfies SubscriptionResolvers,
  Alert: {
    acknowledged: (alert, _args, ctx) => acknowledgedByCaller(requireUser(ctx), alert),
  } satisfies AlertResolvers,
};
