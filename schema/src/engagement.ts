import type { StandardIdentity, Track, TrackKind } from './track.ts';

/**
 * What a nation may engage, and how it sees a target: one home for the rules the interceptor agents
 * (who ask) and the authority (who checks) must agree on.
 */

/** Kinds of object that are weapons themselves (one-way attack drones, missiles, bombs). */
export const WEAPON_KINDS: ReadonlySet<TrackKind> = new Set(['UAS', 'CRUISE_MISSILE', 'GLIDE_BOMB', 'BALLISTIC']);

/** Identities never engaged, under any weapons control status. */
export const PROTECTED_IDENTITIES: ReadonlySet<StandardIdentity> = new Set(['FRIEND', 'ASSUMED_FRIEND', 'NEUTRAL']);
export const isProtectedIdentity = (identity: StandardIdentity): boolean => PROTECTED_IDENTITIES.has(identity);

/** A nation's identity of a track: its own assessment when it made one, else the originator's. */
export const identityAsSeenBy = (track: Pick<Track, 'identity' | 'assessments'>, nation: string): StandardIdentity =>
  track.assessments.find((a) => a.nation === nation)?.identity ?? track.identity;

/** Whether a nation holds a track friendly (a friendly track near an intercept point aborts it). */
export const isFriendlyTo = (track: Pick<Track, 'identity' | 'assessments'>, nation: string): boolean => {
  const identity = identityAsSeenBy(track, nation);
  return identity === 'FRIEND' || identity === 'ASSUMED_FRIEND';
};

/** What kind of object a target is: the track's kind, else the detector's top class. */
export const targetKindOf = (track: Pick<Track, 'kind'>, detectorTopClass?: TrackKind): TrackKind =>
  track.kind !== 'UNKNOWN' ? track.kind : (detectorTopClass ?? 'UNKNOWN');
