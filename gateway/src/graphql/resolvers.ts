import { GraphQLScalarType, Kind } from 'graphql';
import { airTrackSidc } from '@tessera/schema';
import type { Resolvers } from '../generated/resolvers.ts';
import { previewAsPartner, releaseAll, releaseTrack, releaseTracks, requireUser } from './access.ts';
import { badCredentials, badInput, rateLimited } from './errors.ts';
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
  },
  Subscription: {
    trackUpdates: {
      subscribe: (_parent, _args, ctx) => trackUpdates(requireUser(ctx), ctx.hub, ctx.clock),
      resolve: (payload: TrackUpdatesPayload) => payload.trackUpdates,
    },
  },
  Track: {
    sidc: (track) => airTrackSidc(track.kind, track.identity),
  },
};

