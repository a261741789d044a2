import { randomUUID } from 'node:crypto';
import type { MutationResolvers, QueryResolvers } from '../../generated/resolvers.ts';
import { requireAdmin, requireSession, requireUser } from '../access.ts';
import { badCredentials, notFound, rateLimited } from '../errors.ts';

/** Who is signed in, signing in and out, and ending sessions. */
export const sessionResolvers = {
  Query: {
    me: (_parent, _args, ctx) => requireUser(ctx),
  } satisfies QueryResolvers,
  Mutation: {
    login: async (_parent, { username, password }, ctx) => {
      // The attempt is counted before the password is checked (asynchronously): parallel guesses each take a turn.
      const reserved = ctx.loginLimiter.begin(username.length <= 64 ? username : '(too long)', ctx.address);
      if (!reserved.ok) throw rateLimited(reserved.retryAfterMs);
      const user =
        username.length <= 64 && password.length <= 256 ? await ctx.users.checkPassword(username, password) : undefined;
      if (!user) {
        reserved.attempt.failed();
        throw badCredentials();
      }
      reserved.attempt.succeeded();
      const issued = await ctx.tokens.issue({
        username: user.username,
        sessionId: randomUUID(),
        loginAtMs: ctx.clock.now(),
      });
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
  } satisfies MutationResolvers,
};
