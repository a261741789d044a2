import { airTrackSidc } from '@tessera/schema';
import type { QueryResolvers, SubscriptionResolvers, TrackResolvers } from '../../generated/resolvers.ts';
import { previewAsPartner, releaseTrack, releaseTracks, requireUser, viewerAudience } from '../access.ts';
import type { GraphQLContext } from '../context.ts';
import { releasedSubscription } from '../released-stream.ts';

/** The track picture and the area of operations (the airspace is in airspace.ts). */
export const pictureResolvers = {
  Query: {
    tracks: (_parent, _args, ctx) => releaseTracks(requireUser(ctx), ctx.hub.tracks()),
    track: (_parent, { id }, ctx) => releaseTrack(requireUser(ctx), ctx.hub.track(id)),
    trackAsSeenBy: (_parent, { id, nation, clearance }, ctx) =>
      previewAsPartner(requireUser(ctx), ctx.hub.track(id), nation, clearance),
    operationalArea: (_parent, _args, ctx) => {
      requireUser(ctx);
      return ctx.reference.area() ?? null;
    },
  } satisfies QueryResolvers,
  Subscription: {
    // The whole releasable picture first, then coalesced, filtered changes (a slow consumer never builds a queue).
    trackUpdates: releasedSubscription(
      'trackUpdates',
      (ctx: GraphQLContext) => ({ all: () => ctx.hub.tracks(), subscribe: (listener) => ctx.hub.subscribe(listener) }),
      releaseTrack,
      undefined,
      viewerAudience,
    ),
  } satisfies SubscriptionResolvers,
  Track: {
    sidc: (track) => airTrackSidc(track.kind, track.identity),
  } satisfies TrackResolvers,
};
