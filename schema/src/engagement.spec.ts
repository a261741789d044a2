import { describe, expect, it } from 'vitest';
import {
  ENGAGEMENT_STATES,
  isAwaitingDecision,
  isEngagementActive,
  isOpenRequest,
  REQUEST_STATES,
  type EngagementState,
  type RequestState,
} from './authority.ts';
import { identityAsSeenBy, isFriendlyTo, isProtectedIdentity, targetKindOf } from './engagement.ts';
import { kindsConflict } from './deconfliction.ts';
import { STANDARD_IDENTITIES } from './track.ts';

describe('which identities are never engaged, and which are friendly', () => {
  it.each(
    STANDARD_IDENTITIES.map(
      (i) =>
        [i, ['FRIEND', 'ASSUMED_FRIEND', 'NEUTRAL'].includes(i), ['FRIEND', 'ASSUMED_FRIEND'].includes(i)] as const,
    ),
  )('%s: protected %s, friendly %s', (identity, protectedIdentity, friendly) => {
    expect(isProtectedIdentity(identity)).toBe(protectedIdentity);
    expect(isFriendlyTo({ identity, assessments: [] }, 'POL')).toBe(friendly);
  });
});

describe('a track as a nation sees it', () => {
  const track = {
    identity: 'HOSTILE' as const,
    assessments: [{ nation: 'UKR', identity: 'SUSPECT' as const }],
    kind: 'UNKNOWN' as const,
  };
  it("takes the nation's own assessment, else the originator's identity", () => {
    expect(identityAsSeenBy(track, 'UKR')).toBe('SUSPECT');
    expect(identityAsSeenBy(track, 'POL')).toBe('HOSTILE');
  });
  it("takes the track's kind, else the detector's top class", () => {
    expect(targetKindOf(track, 'UAS')).toBe('UAS');
    expect(targetKindOf(track)).toBe('UNKNOWN');
    expect(targetKindOf({ kind: 'GLIDE_BOMB' }, 'UAS')).toBe('GLIDE_BOMB');
  });
});

describe('whether a request is still open', () => {
  const cases: [RequestState, EngagementState | null, boolean, boolean][] = [
    ['PENDING', null, true, false],
    ['PENDING_VETO', null, true, false],
    ['APPROVED', 'AUTHORIZED', false, true],
    ['AUTO_APPROVED', 'EXECUTING', false, true],
    ['APPROVED', 'COMPLETED', false, false],
    ['APPROVED', 'ABORTED', false, false],
    ['APPROVED', null, false, false], // a WCS or autonomy change, in force
    ['DENIED', null, false, false],
    ['VETOED', null, false, false],
    ['EXPIRED', null, false, false],
    ['WITHDRAWN', null, false, false],
  ];
  it.each(cases)(
    '%s / %s: awaiting a decision %s, engagement active %s',
    (state, engagementState, awaiting, active) => {
      expect(isAwaitingDecision({ state, engagementState })).toBe(awaiting);
      expect(isEngagementActive({ state, engagementState })).toBe(active);
      expect(isOpenRequest({ state, engagementState })).toBe(awaiting || active);
    },
  );
  it('covers every state', () => {
    expect(new Set(cases.map((c) => c[0]))).toEqual(new Set(REQUEST_STATES));
    expect(ENGAGEMENT_STATES.filter((e) => isEngagementActive({ state: 'APPROVED', engagementState: e }))).toEqual([
      'AUTHORIZED',
      'EXECUTING',
    ]);
  });
});

describe('which kinds of reservation conflict', () => {
  it.each([
    ['ROZ', 'TRANSIT_CORRIDOR', true],
    ['TRANSIT_CORRIDOR', 'ROZ', true],
    ['ENGAGEMENT_ZONE', 'TRANSIT_CORRIDOR', true],
    ['ROZ', 'ROZ', true],
    ['ENGAGEMENT_ZONE', 'NO_FIRE_AREA', true],
    ['ROZ', 'NO_FIRE_AREA', false],
    ['SECTOR', 'ROZ', false],
    ['DEFENDED_ASSET', 'ENGAGEMENT_ZONE', false],
    ['NO_FIRE_AREA', 'NO_FIRE_AREA', false],
  ] as const)('%s vs %s: %s', (a, b, expected) => {
    expect(kindsConflict(a, b)).toBe(expected);
    expect(kindsConflict(b, a)).toBe(expected);
  });
});
