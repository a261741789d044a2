import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CLASSIFICATIONS,
  ROLES,
  TRACK_REDACTABLE_PATHS,
  type Alert,
  type Label,
  type Track,
  type User,
} from '@tessera/schema';
import { makeTrack } from '../picture/test-tracks.ts';
import { acknowledgedByCaller, personalAudience, releaseAlert, releaseTrack, viewerAudience } from './access.ts';

// The gateway renders a shared stream once, as the audience's user (fanout/). That is only right if
// every member would have received exactly the same on their own: these properties say so for every
// stream served by viewer audience, over random users, labels and field labels.

const NATIONS = ['POL', 'UKR', 'LTU', 'DEU', 'USA'] as const;
const RUNS = Number(process.env.POLICY_RUNS ?? 20_000);
const nation = fc.constantFrom(...NATIONS);
const label: fc.Arbitrary<Label> = fc.record({
  policy: fc.constant('NATO'),
  classification: fc.constantFrom(...CLASSIFICATIONS),
  originator: nation,
  releasableTo: fc.uniqueArray(nation, { maxLength: NATIONS.length }),
});
const user: fc.Arbitrary<User> = fc.record({
  username: fc.stringMatching(/^[a-z][a-z0-9-]{2,20}$/),
  displayName: fc.string({ minLength: 1, maxLength: 20 }),
  nation: fc.option(nation, { nil: null, freq: 10 }),
  roles: fc.uniqueArray(fc.constantFrom(...ROLES), { minLength: 1 }),
  clearance: fc.constantFrom(...CLASSIFICATIONS),
});
const track: fc.Arbitrary<Track> = fc
  .record({
    label,
    fieldLabels: fc.array(fc.record({ path: fc.constantFrom(...TRACK_REDACTABLE_PATHS), label }), { maxLength: 3 }),
  })
  .map(({ label, fieldLabels }) => {
    const t = makeTrack(`${label.originator}-t1`, {
      originator: label.originator,
      releasableTo: label.releasableTo,
      classification: label.classification,
      fieldLabels,
    });
    return { ...t, label };
  });
const alert: fc.Arbitrary<Alert> = fc
  .record({ label, acks: fc.uniqueArray(nation, { maxLength: 3 }) })
  .map(({ label, acks }) => ({
    id: 'alert-1',
    kind: 'THREAT',
    severity: 'CRITICAL',
    label,
    trackId: `${label.originator}-t1`,
    title: 'Threat to the airfield',
    defendedAssetId: null,
    impactExpectedAt: null,
    predictedImpact: null,
    anomalyKind: null,
    raisedAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
    clearedAt: null,
    acknowledgements: acks.map((n) => ({
      nation: n,
      username: `${n.toLowerCase()}-watch`,
      displayName: n,
      at: '2026-12-01T10:00:01.000Z',
      severity: 'CRITICAL' as const,
    })),
  }));

describe(`audiences, ${RUNS} random cases per property`, () => {
  it('a track is released to the viewer audience exactly as to each of its members', () => {
    fc.assert(
      fc.property(user, track, (u, t) => {
        expect(releaseTrack(viewerAudience(u).user, t)).toEqual(releaseTrack(u, t));
      }),
      { numRuns: RUNS },
    );
  });

  it('an alert, and whether it is acknowledged, are the same for the viewer audience and each member', () => {
    fc.assert(
      fc.property(user, alert, (u, a) => {
        const audience = viewerAudience(u).user;
        expect(releaseAlert(audience, a)).toEqual(releaseAlert(u, a));
        expect(acknowledgedByCaller(audience, a)).toBe(acknowledgedByCaller(u, a));
      }),
      { numRuns: RUNS },
    );
  });

  it('users share a viewer audience exactly when their nation and clearance are the same', () => {
    fc.assert(
      fc.property(user, user, (a, b) => {
        const same = a.nation === b.nation && a.clearance === b.clearance;
        expect(viewerAudience(a).key === viewerAudience(b).key).toBe(same);
      }),
      { numRuns: RUNS },
    );
  });

  it('the viewer audience runs as nobody in particular: no name, no role', () => {
    const u: User = {
      username: 'pol-cmdr',
      displayName: 'P',
      nation: 'POL',
      roles: ['COMMANDER'],
      clearance: 'SECRET',
    };
    const { user: as } = viewerAudience(u);
    expect(as).toMatchObject({ nation: 'POL', clearance: 'SECRET', roles: [] });
    expect(as.username).not.toBe('pol-cmdr');
  });

  it('a personal audience is one person, running as them', () => {
    const u: User = {
      username: 'pol-cmdr',
      displayName: 'P',
      nation: 'POL',
      roles: ['COMMANDER'],
      clearance: 'SECRET',
    };
    const other = { ...u, username: 'pol-deputy-cmdr' };
    expect(personalAudience(u).user).toBe(u);
    expect(personalAudience(u).key).not.toBe(personalAudience(other).key);
  });
});
