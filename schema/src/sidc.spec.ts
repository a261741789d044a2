import { describe, expect, it } from 'vitest';
import { airTrackSidc } from './sidc.ts';
import { STANDARD_IDENTITIES, TRACK_KINDS } from './track.ts';

describe('airTrackSidc', () => {
  it('encodes identity in position 2 and the air battle dimension', () => {
    expect(airTrackSidc('UAS', 'HOSTILE')).toBe('SHAPMFQ--------');
    expect(airTrackSidc('FIXED_WING', 'FRIEND')).toBe('SFAPMF---------');
    expect(airTrackSidc('ROTARY', 'NEUTRAL')).toBe('SNAPMH---------');
  });
  it('is 15 characters for every kind and identity, all distinct', () => {
    const codes = new Set<string>();
    for (const k of TRACK_KINDS)
      for (const i of STANDARD_IDENTITIES) {
        const code = airTrackSidc(k, i);
        expect(code).toHaveLength(15);
        codes.add(code);
      }
    expect(codes.size).toBe(TRACK_KINDS.length * STANDARD_IDENTITIES.length);
  });
});
