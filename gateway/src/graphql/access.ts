import {
  NationCode,
  canSee,
  isAcknowledgedBy,
  isAwaitingDecision,
  releasable,
  releaseAlert as releaseAlertTo,
  releaseTrackAsSeenBy,
  releaseTrack as releaseTrackTo,
  releaseWithRedactions,
  type Alert,
  type AirspaceVolume,
  type AuthorizationRequest,
  type Label,
  type AnomalyEvent,
  type Classification,
  type Detection,
  type ReleasedAnomalyEvent,
  type ReleasedDetection,
  type ReleasedTrack,
  type Track,
  type User,
  type Viewer,
} from '@tessera/schema';
import type { TokenIssuer } from '../auth/tokens.ts';
import { bearerToken } from '../auth/tokens.ts';
import type { UserDirectory } from '../auth/users.ts';
import type { SessionRevocations } from '../auth/sessions.ts';
import type { Caller, GraphQLContext } from './context.ts';
import { badInput, forbidden, unauthenticated } from './errors.ts';

/**
 * The one place where the gateway decides who is calling and what they may receive. Resolvers and
 * subscriptions call these; none decides visibility on its own.
 */
export async function identifyCaller(
  authorization: unknown,
  tokens: TokenIssuer,
  users: UserDirectory,
  sessions: SessionRevocations,
): Promise<Caller> {
  const token = bearerToken(authorization);
  if (!token) return { ok: false, reason: 'missing' };
  const verified = await tokens.verify(token);
  if (!verified.ok) return { ok: false, reason: verified.reason };
  const { session } = verified;
  // A signed token is not enough: its session may have been ended (logout, revokeSessions) since.
  if (sessions.isRevoked(session.username, session.loginAtMs)) return { ok: false, reason: 'revoked' };
  const user = users.find(session.username);
  return user
    ? { ok: true, user, session, expiresAtMs: verified.expiresAtMs, sessionEndsAtMs: verified.sessionEndsAtMs }
    : { ok: false, reason: 'unknown-user' };
}

export function requireUser(ctx: GraphQLContext): User {
  return requireSession(ctx).user;
}

/** The signed-in caller with their session. */
export function requireSession(ctx: GraphQLContext): Extract<Caller, { ok: true }> {
  if (!ctx.caller.ok) throw unauthenticated(ctx.caller.reason);
  return ctx.caller;
}

/** Administrators manage users, and so their sessions. */
export function requireAdmin(user: User): User {
  if (!user.roles.includes('ADMIN'))
    throw forbidden("Only an administrator ends other users' sessions; to sign yourself out everywhere, use logout.");
  return user;
}

export function viewerOf(user: User): Viewer {
  return { nation: user.nation, clearance: user.clearance };
}

/**
 * Who receives exactly the same stream, so the gateway may release and render it once for all of
 * them (fanout/): `key` names the audience, and `user` is who the stream is rendered as. It must
 * carry nothing the key does not: the whole audience receives what it may see.
 */
export interface AudienceOf {
  key: string;
  user: User;
}

/**
 * Everyone of one nation at one clearance. Tracks, detections and alerts are released by the viewer
 * (nation and clearance) alone, and their fields (Alert.acknowledged: by your nation) by no more.
 */
export function viewerAudience(user: User): AudienceOf {
  const { nation, clearance } = viewerOf(user);
  return {
    key: `viewer/${nation ?? '-'}/${clearance}`,
    user: {
      username: `audience-${nation ?? 'none'}`,
      displayName: `${nation} at ${clearance}`,
      nation,
      clearance,
      roles: [],
    },
  };
}

/** One person (their screens and tabs): authorization requests say what awaits *your* decision. */
export function personalAudience(user: User): AudienceOf {
  return { key: `user/${user.username}`, user };
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
  if (!user.roles.some((r) => r === 'COMMANDER' || r === 'LIAISON'))
    throw forbidden('Only commanders and liaison officers may preview what a partner sees.');
  if (!NationCode.safeParse(nation).success) throw badInput('nation must be an ISO 3166-1 alpha-3 code such as UKR');
  return track ? releaseTrackAsSeenBy(viewerOf(user), { nation, clearance }, track) : null;
}

/** AI outputs are released like tracks: whole-object label, then field labels (threat, sensor ids). */
export function releaseDetection(user: User, detection: Detection | undefined): ReleasedDetection | null {
  return detection ? releaseWithRedactions(viewerOf(user), detection) : null;
}

export function releaseAnomaly(user: User, event: AnomalyEvent): ReleasedAnomalyEvent | null {
  return releaseWithRedactions(viewerOf(user), event);
}

/** Alerts carry a derived label; a viewer sees only their own nation's acknowledgements. */
export function releaseAlert(user: User, alert: Alert | undefined): Alert | null {
  return alert ? releaseAlertTo(viewerOf(user), alert) : null;
}

export function acknowledgedByCaller(user: User, alert: Alert): boolean {
  return user.nation !== null && isAcknowledgedBy(alert, user.nation);
}

/** Who may acknowledge alerts: the watch floor (watch officers) and commanders, for their own nation. */
export function requireAlertAcknowledger(user: User): User & { nation: string } {
  if (user.nation === null || !user.roles.some((r) => r === 'WATCH_OFFICER' || r === 'COMMANDER')) {
    throw forbidden('Only watch officers and commanders of a nation acknowledge alerts.');
  }
  return user as User & { nation: string };
}

/** Authorization requests are released by their label like everything else. */
export function releaseRequest(user: User, request: AuthorizationRequest | undefined): AuthorizationRequest | null {
  return request && canSee(viewerOf(user), request.label) ? request : null;
}

/** Whether the caller may decide the request now: a commander of a nation that must concur, not yet decided, still waiting. */
export function awaitsDecisionBy(user: User, request: AuthorizationRequest): boolean {
  return (
    user.roles.includes('COMMANDER') &&
    isAwaitingDecision(request) &&
    request.requiredApprovals.some((r) => r.nation === user.nation) &&
    !request.decisions.some((d) => d.by.username === user.username)
  );
}

/** Commanders decide, and only of a nation. */
export function requireCommander(user: User): User & { nation: string } {
  if (user.nation === null || !user.roles.includes('COMMANDER'))
    throw forbidden('Only a commander of a nation decides authorization requests and asks for WCS changes.');
  return user as User & { nation: string };
}

/** Liaison officers and commanders, of a nation: who reserve airspace, assign spectrum and negotiate conflicts. */
const isNationalEditor = (user: User): user is User & { nation: string } =>
  user.nation !== null && user.roles.some((r) => r === 'LIAISON' || r === 'COMMANDER');

/** Who changes airspace: liaison officers and commanders, of a nation (the service decides whose reservations). */
export function requireAirspaceEditor(user: User): User & { nation: string } {
  if (!isNationalEditor(user))
    throw forbidden('Only liaison officers and commanders of a nation reserve airspace and negotiate its conflicts.');
  return user;
}

/** Who changes spectrum (assignments, the restricted list): the same people as airspace, of a nation. */
export function requireSpectrumEditor(user: User): User & { nation: string } {
  if (!isNationalEditor(user))
    throw forbidden('Only liaison officers and commanders of a nation assign spectrum and keep its restricted list.');
  return user;
}

/** Whether the viewer may see every one of these labels (none known: no, never guessed). */
export function seesEvery(viewer: Viewer, labels: readonly Label[]): boolean {
  return labels.length > 0 && labels.every((l) => canSee(viewer, l));
}

/**
 * A label the caller puts on what they reserve must be one they can see themselves (the service
 * does not know clearances: this is the only place that can check it).
 */
export function requireLabelVisibleToCaller(user: User, label: Label): Label {
  if (!canSee(viewerOf(user), label))
    throw badInput(`Label it so that you may see it yourself: ${label.originator}, at most ${user.clearance}.`);
  return label;
}

/** An airspace volume (sector, asset, reservation) is released by its label. */
export function releaseVolume(user: User, volume: AirspaceVolume | undefined): AirspaceVolume | null {
  return volume && canSee(viewerOf(user), volume.label) ? volume : null;
}
