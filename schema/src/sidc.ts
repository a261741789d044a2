import type { StandardIdentity, TrackKind } from './track.ts';

/**
 * APP-6 / MIL-STD-2525C symbol identification code (15 characters) of an air track, derived from
 * its kind and standard identity: S (warfighting) + identity + A (air) + P (present) + function.
 */
const IDENTITY_CODE: Record<StandardIdentity, string> = {
  PENDING: 'P',
  UNKNOWN: 'U',
  ASSUMED_FRIEND: 'A',
  FRIEND: 'F',
  NEUTRAL: 'N',
  SUSPECT: 'S',
  HOSTILE: 'H',
};

/** 2525C air function ids (positions 5-10). */
const FUNCTION_CODE: Record<TrackKind, string> = {
  FIXED_WING: 'MF----',
  ROTARY: 'MH----',
  UAS: 'MFQ---',
  CRUISE_MISSILE: 'WMCM--',
  GLIDE_BOMB: 'WM----',
  BALLISTIC: 'WMB---',
  BALLOON: 'ML----',
  UNKNOWN: '------',
};

export function airTrackSidc(kind: TrackKind, identity: StandardIdentity): string {
  return `S${IDENTITY_CODE[identity]}AP${FUNCTION_CODE[kind]}-----`;
}
