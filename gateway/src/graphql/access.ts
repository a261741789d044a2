import { NationCode, releasable, releaseTrackAsSeenBy, releaseTrack as releaseTrackTo, type Classification, type ReleasedTrack, type Track, type User, type Viewer } from '@tessera/schema';
import type { TokenIssuer } from '../auth/tokens.ts';
import { bearerToken } from '../auth/tokens.ts';
import type { UserDirectory } from '../auth/users.ts';
import type { Caller, GraphQLContext } from './context.ts';
import { badInput, forbidden, unauthenticated } from './errors.ts';

/**
 * The one place where the gateway decides who is calling and what they may receive. Resolvers and
 * subscriptions call these; none decides visibility on its own.
 */
export async function identifyCaller(authorization: unknown, tokens: TokenIssuer, users: UserDirectory): Promise<Caller> {
  const token = bearerToken(authorization);
  if (!token) return { ok: false, reason: 'missing' };
  const verified = await tokens.verify(token);
  if (!verified.ok) return { ok: false, reason: verified.reason };
  const user = users.find(verified.username);
  return user ? { ok: true, user, expiresAtMs: verified.expiresAtMs } : { ok: false, reason: 'unknown-user' };
}

export function requireUser(ctx: GraphQLContext): User {
  if (!ctx.caller.ok) throw unauthenticated(ctx.caller.reason);
  return ctx.caller.user;
}

export function viewerOf(user: User): Viewer {
  return { nation: user.nation, clearance: user.clearance };
}

export function releaseTrack(user: User, track: Track | undefined): ReleasedTrack | null {
  return track ? releaseTrackTo(viewerOf(user), track) : null;
}

export function releaseTracks(user: User, tracks: Iterable<Track>): ReleasedTrack[] {
  const viewer = viewerOf(user);
  const out: ReleasedTrack[] = [];
  for (const t of tracks) {
    const released = releaseTrackTo(viewer, t);
    if (released) out.push(released);
  }
  return out;
}

/** Anything labelled (airspace volumes, later alerts and conflicts) goes through the same rule. */
export function releaseAll<T extends { label: Track['label'] }>(user: User, items: Iterable<T>): T[] {
  return releasable(viewerOf(user), items);
}

/** "View as partner" is for the people who negotiate releases: commanders and liaisons. */
export function previewAsPartner(user: User, track: Track | undefined, nation: string, clearance: Classification) {
  if (!user.roles.some((r) => r === 'COMMANDER' || r === 'LIAISON')) throw forbidden('Only commanders and liaison officers may preview what a partner sees.');
  if (!NationCode.safeParse(nation).success) throw badInput('nation must be an ISO 3166-1 alpha-3 code such as UKR');
  return track ? releaseTrackAsSeenBy(viewerOf(user), { nation, clearance }, track) : null;
}
