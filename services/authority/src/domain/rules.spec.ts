import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AuthorizationRequest, StandardIdentity, StandingAuthority, WeaponsControlStatus } from '@tessera/schema';
import { abortReason, engagementChecks, type Situation, type SituationVolume } from './checks.ts';
import {
  DEFAULT_POLICY,
  abort,
  advance,
  complete,
  decide,
  launch,
  mayExecute,
  openRequest,
  requiredApprovals,
  wcsAllows,
  withdraw,
  type Decider,
  type NewRequest,
  type Outcome,
} from './rules.ts';
import { grantStanding, revokeStanding, standingAuthorityCovers } from './standing.ts';

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();
const LABEL = { policy: 'NATO', classification: 'SECRET', originator: 'POL', releasableTo: ['UKR'] } as const;
/** Intercept point in the POL sector near Rzeszow. */
const POINT = { lat: 50.1, lon: 22.1, altM: 200 };

function engagement(over: Partial<NonNullable<NewRequest['engagement']>> = {}): NewRequest {
  return {
    id: 'eng-1',
    kind: 'ENGAGEMENT',
    nation: 'POL',
    label: { ...LABEL, releasableTo: [...LABEL.releasableTo] },
    requestedBy: { kind: 'SERVICE', id: 'pol-interceptor', nation: 'POL' },
    engagement: {
      effectorId: 'pol-interceptor-1',
      effectorClass: 'INTERCEPTOR_DRONE',
      targetTrackId: 'owa-01',
      targetIdentity: 'HOSTILE',
      targetKind: 'UAS',
      confidence: 0.9,
      interceptPoint: POINT,
      interceptAt: iso(T0 + 42_000),
      dangerRadiusM: 500,
      sectorId: 'pol-south',
      sectorNation: 'POL',
      reason: 'highest expected threat reduction',
      ...over,
    },
    jamming: null,
    wcsChange: null,
    autonomyChange: null,
  };
}

function wcsChange(to: WeaponsControlStatus): NewRequest {
  return {
    ...engagement(),
    id: 'wcs-1',
    kind: 'WCS_CHANGE',
    engagement: null,
    wcsChange: { sectorId: 'pol-south', sectorNation: 'POL', from: 'TIGHT', to },
  };
}

const value = <T>(o: Outcome<T>): T => {
  if (!o.ok) throw new Error(`refused: ${o.rule}: ${o.message}`);
  return o.value;
};
const rule = <T>(o: Outcome<T>) => (o.ok ? 'ok' : o.rule);
const open = (req: NewRequest, ctx: Partial<Parameters<typeof openRequest>[1]> = {}) =>
  value(openRequest(req, { nowMs: T0, policy: DEFAULT_POLICY, sectorWcs: 'TIGHT', autonomy: 'IN_THE_LOOP', ...ctx }));

const polCmdr: Decider = { username: 'pol-cmdr', nation: 'POL', roles: ['COMMANDER'] };
const polCmdr2: Decider = { username: 'pol-cmdr-2', nation: 'POL', roles: ['COMMANDER'] };
const polWatch: Decider = { username: 'pol-watch', nation: 'POL', roles: ['WATCH_OFFICER'] };
const ukrCmdr: Decider = { username: 'ukr-cmdr', nation: 'UKR', roles: ['COMMANDER'] };
const approve = { decision: 'APPROVE' as const, reason: 'clear hostile, no friendlies' };

const calm: Situation = { targetIdentity: 'HOSTILE', wcs: 'TIGHT', friendlies: [], noFireAreas: [], corridors: [] };

/** A UKR volume releasable to POL (so shareable with the request's parties unless told), 0-3000 m, always in force. */
function volume(
  id: string,
  kind: 'NO_FIRE_AREA' | 'TRANSIT_CORRIDOR',
  footprint: Pick<SituationVolume, 'circle' | 'outline'>,
  over: Partial<SituationVolume> = {},
): SituationVolume {
  return {
    id,
    name: id,
    kind,
    nation: 'UKR',
    label: { policy: 'NATO', classification: 'SECRET', originator: 'UKR', releasableTo: ['POL'] },
    floorM: 0,
    ceilingM: 3000,
    version: 1,
    ...footprint,
    ...over,
  } as SituationVolume;
}
/** A circular no-fire area. */
const nfa = (id: string, center: { lat: number; lon: number }, radiusM: number, over: Partial<SituationVolume> = {}) =>
  volume(id, 'NO_FIRE_AREA', { circle: { center, radiusM } }, over);
/** A transit corridor over the box [south, west, north, east]. */
const corridor = (id: string, [s, w, n, e]: [number, number, number, number], over: Partial<SituationVolume> = {}) =>
  volume(
    id,
    'TRANSIT_CORRIDOR',
    {
      outline: [
        { lat: s, lon: w },
        { lat: s, lon: e },
        { lat: n, lon: e },
        { lat: n, lon: w },
      ],
    },
    over,
  );
/** Metres to degrees near the intercept point. */
const M_LAT = 111_195;
const M_LON = 111_195 * Math.cos((POINT.lat * Math.PI) / 180);

describe('weapons control status gates what may be requested', () => {
  const table: [WeaponsControlStatus, StandardIdentity, string][] = [
    ['HOLD', 'HOSTILE', 'WCS_HOLD'],
    ['TIGHT', 'HOSTILE', 'ok'],
    ['TIGHT', 'SUSPECT', 'WCS_TIGHT_NOT_HOSTILE'],
    ['TIGHT', 'UNKNOWN', 'WCS_TIGHT_NOT_HOSTILE'],
    ['FREE', 'SUSPECT', 'ok'],
    ['FREE', 'UNKNOWN', 'ok'],
    ['FREE', 'PENDING', 'ok'],
    ['FREE', 'FRIEND', 'WCS_FREE_PROTECTED_IDENTITY'],
    ['FREE', 'ASSUMED_FRIEND', 'WCS_FREE_PROTECTED_IDENTITY'],
    ['FREE', 'NEUTRAL', 'WCS_FREE_PROTECTED_IDENTITY'],
  ];
  it.each(table)('%s against a %s track: %s', (wcs, identity, expected) => {
    expect(rule(wcsAllows(wcs, identity))).toBe(expected);
    expect(
      rule(
        openRequest(engagement({ targetIdentity: identity }), { nowMs: T0, policy: DEFAULT_POLICY, sectorWcs: wcs }),
      ),
    ).toBe(expected);
  });
  it('treats an unknown sector as HOLD', () => {
    expect(rule(openRequest(engagement(), { nowMs: T0, policy: DEFAULT_POLICY }))).toBe('WCS_HOLD');
  });
});

describe('who must concur', () => {
  it.each([
    [
      'an intercept in the own sector: one commander of the effector nation',
      engagement(),
      [{ nation: 'POL', count: 1 }],
    ],
    [
      "an intercept in another nation's sector: that nation too (two-nation rule)",
      engagement({ sectorId: 'ukr-west', sectorNation: 'UKR' }),
      [
        { nation: 'POL', count: 1 },
        { nation: 'UKR', count: 1 },
      ],
    ],
    [
      'WCS to FREE: two distinct commanders of the sector nation (two-person rule)',
      wcsChange('FREE'),
      [{ nation: 'POL', count: 2 }],
    ],
    ['WCS to TIGHT: one', wcsChange('TIGHT'), [{ nation: 'POL', count: 1 }]],
  ] as const)('%s', (_name, req, expected) => {
    expect(requiredApprovals(req, DEFAULT_POLICY)).toEqual(expected);
  });
});

describe('opening a request', () => {
  it('waits for a human until its deadline', () => {
    const r = open(engagement());
    expect(r).toMatchObject({
      state: 'PENDING',
      deadline: iso(T0 + 60_000),
      vetoUntil: null,
      version: 1,
      decisions: [],
    });
  });
  it('ON_THE_LOOP, confident: proceeds after a veto window unless vetoed', () => {
    expect(open(engagement(), { autonomy: 'ON_THE_LOOP' })).toMatchObject({
      state: 'PENDING_VETO',
      vetoUntil: iso(T0 + 10_000),
    });
  });
  it('ON_THE_LOOP below the confidence threshold: waits for approval like IN_THE_LOOP', () => {
    expect(open(engagement({ confidence: 0.79 }), { autonomy: 'ON_THE_LOOP' }).state).toBe('PENDING');
  });
  it('ON_THE_LOOP never skips the other nation of a two-nation intercept', () => {
    expect(open(engagement({ sectorId: 'ukr-west', sectorNation: 'UKR' }), { autonomy: 'ON_THE_LOOP' }).state).toBe(
      'PENDING',
    );
  });
});

describe('deciding', () => {
  it('a commander of the effector nation approves: APPROVED and AUTHORIZED', () => {
    const r = value(decide(open(engagement()), approve, polCmdr, T0 + 5_000));
    expect(r).toMatchObject({ state: 'APPROVED', engagementState: 'AUTHORIZED', version: 2 });
    expect(r.decisions).toEqual([
      { decision: 'APPROVE', by: { username: 'pol-cmdr', nation: 'POL' }, reason: approve.reason, at: iso(T0 + 5_000) },
    ]);
  });
  it.each([
    ['a watch officer', polWatch, 'NOT_A_COMMANDER'],
    ['a commander of the wrong nation', ukrCmdr, 'WRONG_NATION'],
    [
      'a user without nation',
      { username: 'admin', nation: null, roles: ['COMMANDER', 'ADMIN'] } satisfies Decider,
      'WRONG_NATION',
    ],
  ] as const)('%s is refused', (_name, who, expected) => {
    expect(rule(decide(open(engagement()), approve, who, T0 + 1))).toBe(expected);
  });
  it('expires exactly at the deadline: 1 ms before is in time, at the deadline is refused', () => {
    const r = open(engagement());
    expect(rule(decide(r, approve, polCmdr, T0 + 59_999))).toBe('ok');
    expect(rule(decide(r, approve, polCmdr, T0 + 60_000))).toBe('EXPIRED');
    expect(advance(r, T0 + 59_999)).toBeNull();
    expect(advance(r, T0 + 60_000)).toMatchObject({ state: 'EXPIRED', version: 2 });
  });
  it('two-nation rule: the effector nation alone is not enough', () => {
    const r = open(engagement({ sectorId: 'ukr-west', sectorNation: 'UKR' }));
    const half = value(decide(r, approve, polCmdr, T0 + 1));
    expect(half.state).toBe('PENDING');
    expect(value(decide(half, approve, ukrCmdr, T0 + 2))).toMatchObject({
      state: 'APPROVED',
      engagementState: 'AUTHORIZED',
    });
  });
  it('two-person rule: the same commander twice is refused, a second commander completes it', () => {
    const r = open(wcsChange('FREE'));
    const once = value(decide(r, approve, polCmdr, T0 + 1));
    expect(once.state).toBe('PENDING');
    expect(rule(decide(once, approve, polCmdr, T0 + 2))).toBe('ALREADY_DECIDED');
    const twice = value(decide(once, approve, polCmdr2, T0 + 3));
    expect(twice).toMatchObject({ state: 'APPROVED', engagementState: null });
  });
  it('one denial denies; nothing is decided twice', () => {
    const denied = value(
      decide(open(engagement()), { decision: 'DENY', reason: 'civil traffic nearby' }, polCmdr, T0 + 1),
    );
    expect(denied.state).toBe('DENIED');
    expect(rule(decide(denied, approve, polCmdr2, T0 + 2))).toBe('NOT_PENDING');
    expect(advance(denied, T0 + 120_000)).toBeNull();
  });
  it('a veto is only possible inside the veto window', () => {
    const onLoop = open(engagement(), { autonomy: 'ON_THE_LOOP' });
    expect(value(decide(onLoop, { decision: 'VETO', reason: 'not sure' }, polCmdr, T0 + 9_999)).state).toBe('VETOED');
    expect(rule(decide(onLoop, { decision: 'VETO', reason: 'late' }, polCmdr, T0 + 10_000))).toBe('NOT_IN_VETO_WINDOW');
    expect(rule(decide(open(engagement()), { decision: 'VETO', reason: 'x' }, polCmdr, T0 + 1))).toBe(
      'NOT_IN_VETO_WINDOW',
    );
    expect(rule(decide(onLoop, { decision: 'VETO', reason: 'x' }, polWatch, T0 + 1))).toBe('NOT_A_COMMANDER');
  });
  it('a closed veto window auto-approves; an early explicit approval approves at once', () => {
    const onLoop = open(engagement(), { autonomy: 'ON_THE_LOOP' });
    expect(advance(onLoop, T0 + 9_999)).toBeNull();
    expect(advance(onLoop, T0 + 10_000)).toMatchObject({ state: 'AUTO_APPROVED', engagementState: 'AUTHORIZED' });
    expect(value(decide(onLoop, approve, polCmdr, T0 + 1)).state).toBe('APPROVED');
  });
  it('the requester withdraws a waiting request, not a decided one', () => {
    expect(value(withdraw(open(engagement()), T0 + 1)).state).toBe('WITHDRAWN');
    expect(rule(withdraw(value(decide(open(engagement()), approve, polCmdr, T0 + 1)), T0 + 2))).toBe('NOT_PENDING');
  });
});

describe('an approval is bound to its situation', () => {
  const approved = () => value(decide(open(engagement()), approve, polCmdr, T0 + 1));
  it.each<[string, Situation, RegExp | null]>([
    ['nothing changed', calm, null],
    ['the target turned FRIEND', { ...calm, targetIdentity: 'FRIEND' }, /now FRIEND/],
    ['the target turned NEUTRAL', { ...calm, targetIdentity: 'NEUTRAL' }, /now NEUTRAL/],
    ['the target turned ASSUMED_FRIEND', { ...calm, targetIdentity: 'ASSUMED_FRIEND' }, /now ASSUMED_FRIEND/],
    [
      'the target became SUSPECT under weapons FREE (still engageable under the approval)',
      { ...calm, wcs: 'FREE', targetIdentity: 'SUSPECT' },
      null,
    ],
    ['the target is no longer tracked', { ...calm, targetIdentity: null }, /no longer tracked/],
    [
      'a friendly 300 m from the intercept point',
      { ...calm, friendlies: [{ id: 'pol-heli-1', lat: POINT.lat + 300 / 111_195, lon: POINT.lon }] },
      /friendly track pol-heli-1/,
    ],
    [
      'a friendly 800 m away (outside the 500 m danger radius)',
      { ...calm, friendlies: [{ id: 'pol-heli-1', lat: POINT.lat + 800 / 111_195, lon: POINT.lon }] },
      null,
    ],
    [
      'a no-fire area whose edge is 400 m away',
      { ...calm, noFireAreas: [nfa('nfa-1', { lat: POINT.lat + 1_400 / 111_195, lon: POINT.lon }, 1_000)] },
      /no-fire area nfa-1/,
    ],
    [
      'a no-fire area whose edge is 700 m away',
      { ...calm, noFireAreas: [nfa('nfa-1', { lat: POINT.lat + 1_700 / 111_195, lon: POINT.lon }, 1_000)] },
      null,
    ],
    // Weapons control status is checked again at launch and while the engagement runs, not only when asked.
    ['the sector was set to weapons HOLD after the approval', { ...calm, wcs: 'HOLD' }, /WEAPONS HOLD now/],
    [
      'the sector is weapons TIGHT and the target became SUSPECT',
      { ...calm, wcs: 'TIGHT', targetIdentity: 'SUSPECT' },
      /WEAPONS TIGHT now: .*SUSPECT/,
    ],
    [
      'the sector is weapons FREE and the target became SUSPECT',
      { ...calm, wcs: 'FREE', targetIdentity: 'SUSPECT' },
      null,
    ],
    ["the sector's weapons control status is not known", { ...calm, wcs: null }, /unknown \(treated as HOLD\)/],
  ])('%s', (_name, situation, expected) => {
    const why = abortReason(approved(), situation);
    if (expected === null) expect(why).toBeNull();
    else expect(why).toMatch(expected);
    expect(rule(mayExecute(approved(), situation, T0 + 2))).toBe(expected === null ? 'ok' : 'SITUATION_CHANGED');
  });
});

describe('nothing executes without a valid, unexpired authorization', () => {
  const approved = () => value(decide(open(engagement()), approve, polCmdr, T0 + 1));
  it.each<[string, () => AuthorizationRequest, number, string]>([
    ['approved, in time', approved, T0 + 2, 'ok'],
    ['approved, at the deadline', approved, T0 + 60_000, 'EXPIRED'],
    ['still pending', () => open(engagement()), T0 + 2, 'NO_VALID_AUTHORIZATION'],
    [
      'denied',
      () => value(decide(open(engagement()), { decision: 'DENY', reason: 'no' }, polCmdr, T0 + 1)),
      T0 + 2,
      'NO_VALID_AUTHORIZATION',
    ],
    ['expired', () => advance(open(engagement()), T0 + 60_000)!, T0 + 60_001, 'NO_VALID_AUTHORIZATION'],
    [
      'vetoed',
      () =>
        value(
          decide(open(engagement(), { autonomy: 'ON_THE_LOOP' }), { decision: 'VETO', reason: 'no' }, polCmdr, T0 + 1),
        ),
      T0 + 2,
      'NO_VALID_AUTHORIZATION',
    ],
    [
      'auto-approved after the veto window',
      () => advance(open(engagement(), { autonomy: 'ON_THE_LOOP' }), T0 + 10_000)!,
      T0 + 10_001,
      'ok',
    ],
    [
      'already executing (no second launch)',
      () => value(launch(approved(), calm, T0 + 2)),
      T0 + 3,
      'NO_VALID_AUTHORIZATION',
    ],
  ])('%s: %s', (_name, make, now, expected) => {
    expect(rule(mayExecute(make(), calm, now))).toBe(expected);
  });

  it('runs its lifecycle: AUTHORIZED -> EXECUTING -> COMPLETED, or ABORTED', () => {
    const running = value(launch(approved(), calm, T0 + 2));
    expect(running.engagementState).toBe('EXECUTING');
    expect(value(complete(running, 'DESTROYED'))).toMatchObject({ engagementState: 'COMPLETED', outcome: 'DESTROYED' });
    expect(value(abort(running, 'target now FRIEND'))).toMatchObject({
      engagementState: 'ABORTED',
      abortReason: 'target now FRIEND',
    });
    expect(rule(complete(approved(), 'MISSED'))).toBe('NO_VALID_AUTHORIZATION');
    expect(rule(abort(value(complete(running, 'MISSED')), 'late'))).toBe('NO_VALID_AUTHORIZATION');
  });
});

describe('standing authority is bounded', () => {
  const sa: StandingAuthority = {
    id: 'sa-1',
    nation: 'POL',
    grantedBy: { username: 'pol-cmdr', nation: 'POL' },
    zone: { center: { lat: 50.1, lon: 22.1 }, radiusM: 20_000 },
    effectorClasses: ['INTERCEPTOR_DRONE'],
    targetKinds: ['UAS'],
    identities: ['HOSTILE'],
    minConfidence: 0.85,
    validFrom: iso(T0 - 60_000),
    expiresAt: iso(T0 + 3_600_000),
    revokedAt: null,
  };
  it.each<[string, StandingAuthority, NewRequest, number, RegExp | null]>([
    ['inside every bound', sa, engagement(), T0, null],
    ["another nation's effector", sa, { ...engagement(), nation: 'UKR' }, T0, /UKR's/],
    [
      'intercept point outside the zone',
      sa,
      engagement({ interceptPoint: { lat: 50.5, lon: 22.1, altM: 100 } }),
      T0,
      /outside its zone/,
    ],
    ['effector class not listed', sa, engagement({ effectorClass: 'SAM' }), T0, /SAM is not listed/],
    ['target kind not listed', sa, engagement({ targetKind: 'CRUISE_MISSILE' }), T0, /CRUISE_MISSILE is not listed/],
    ['identity not listed', sa, engagement({ targetIdentity: 'SUSPECT' }), T0, /SUSPECT is not listed/],
    ['confidence too low', sa, engagement({ confidence: 0.84 }), T0, /below 0.85/],
    ['at its expiry', sa, engagement(), T0 + 3_600_000, /not valid now/],
    ['before it starts', sa, engagement(), T0 - 60_001, /not valid now/],
    ['revoked', { ...sa, revokedAt: iso(T0 - 1) }, engagement(), T0, /revoked/],
  ])('%s', (_name, authority, req, now, expected) => {
    const covered = standingAuthorityCovers(authority, req, now);
    if (expected === null) expect(covered.ok).toBe(true);
    else expect(covered.ok ? 'covered' : covered.message).toMatch(expected);
  });
  it('approves a covered engagement at once, recording the standing authority as the decision', () => {
    const r = open(engagement(), { standing: [sa] });
    expect(r).toMatchObject({ state: 'APPROVED', engagementState: 'AUTHORIZED' });
    expect(r.decisions[0]).toMatchObject({ decision: 'APPROVE', by: sa.grantedBy, standingAuthorityId: 'sa-1' });
  });
  it("does not approve outside its bounds, nor for another nation's sector", () => {
    expect(open(engagement({ confidence: 0.5 }), { standing: [sa] }).state).toBe('PENDING');
    expect(open(engagement({ sectorId: 'ukr-west', sectorNation: 'UKR' }), { standing: [sa] }).state).toBe('PENDING');
  });
});

describe('a target the detector flags as implausible', () => {
  const spoofed: NewRequest = {
    ...engagement(),
    targetWarnings: [
      { kind: 'POSSIBLE_GNSS_SPOOFING', anomaly: 'POSITION_JUMP', detail: 'moved 10 km in 2 s', since: iso(T0 - 5000) },
    ],
  };
  const sa: StandingAuthority = {
    id: 'sa-1',
    nation: 'POL',
    grantedBy: { username: 'pol-cmdr', nation: 'POL' },
    zone: { center: { lat: POINT.lat, lon: POINT.lon }, radiusM: 20_000 },
    effectorClasses: ['INTERCEPTOR_DRONE'],
    targetKinds: ['UAS'],
    identities: ['HOSTILE'],
    minConfidence: 0.8,
    validFrom: iso(T0 - 60_000),
    expiresAt: iso(T0 + 3_600_000),
    revokedAt: null,
  };

  it('the request carries the warning to the deciders; none is the default', () => {
    expect(open(spoofed).targetWarnings).toEqual(spoofed.targetWarnings);
    expect(open(engagement()).targetWarnings).toEqual([]);
  });

  it('waits for a commander: no standing authority, no ON_THE_LOOP approves it', () => {
    expect(open(engagement(), { standing: [sa] }).state).toBe('APPROVED');
    expect(open(spoofed, { standing: [sa] })).toMatchObject({ state: 'PENDING', decisions: [], engagementState: null });
    expect(open(engagement(), { autonomy: 'ON_THE_LOOP' }).state).toBe('PENDING_VETO');
    expect(open(spoofed, { autonomy: 'ON_THE_LOOP' })).toMatchObject({ state: 'PENDING', vetoUntil: null });
    // ...and a commander may approve it, having seen it
    expect(value(decide(open(spoofed), approve, polCmdr, T0 + 1)).state).toBe('APPROVED');
  });

  it('the WCS still gates it', () => {
    expect(rule(openRequest(spoofed, { nowMs: T0, policy: DEFAULT_POLICY, sectorWcs: 'HOLD' }))).toBe('WCS_HOLD');
  });
});

describe('granting and revoking standing authority', () => {
  const grant = {
    id: 'sa-2',
    nation: 'POL',
    zone: { center: { lat: 50.1, lon: 22.1 }, radiusM: 20_000 },
    effectorClasses: ['INTERCEPTOR_DRONE' as const],
    targetKinds: ['UAS' as const],
    identities: ['HOSTILE' as const],
    minConfidence: 0.9,
    validFrom: iso(T0),
    expiresAt: iso(T0 + 3_600_000),
  };
  it.each<[string, Decider, typeof grant, string]>([
    ['a commander of the nation, one hour', polCmdr, grant, 'ok'],
    ['a watch officer', polWatch, grant, 'NOT_A_COMMANDER'],
    ["another nation's commander", ukrCmdr, grant, 'WRONG_NATION'],
    ['more than 24 hours', polCmdr, { ...grant, expiresAt: iso(T0 + 25 * 3_600_000) }, 'STANDING_AUTHORITY_BOUNDS'],
    ['ending before it starts', polCmdr, { ...grant, expiresAt: iso(T0 - 1) }, 'INVALID'],
  ])('%s: %s', (_name, by, sa, expected) => {
    expect(rule(grantStanding(sa, by, T0))).toBe(expected);
  });
  it('records who granted it; revokes once, by a commander of its nation', () => {
    const sa = value(grantStanding(grant, polCmdr, T0));
    expect(sa).toMatchObject({ grantedBy: { username: 'pol-cmdr', nation: 'POL' }, revokedAt: null });
    expect(rule(revokeStanding(sa, ukrCmdr, T0 + 1))).toBe('WRONG_NATION');
    const revoked = value(revokeStanding(sa, polCmdr2, T0 + 1));
    expect(revoked.revokedAt).toBe(iso(T0 + 1));
    expect(rule(revokeStanding(revoked, polCmdr, T0 + 2))).toBe('NOT_PENDING');
  });
});

describe('what the deciders are shown', () => {
  it('lists the WCS, the target now, the nearest friendly and no-fire area against the danger radius, and who must concur', () => {
    const r = open(engagement({ sectorId: 'ukr-west', sectorNation: 'UKR' }), { sectorWcs: 'FREE' });
    const checks = engagementChecks(r, {
      targetIdentity: 'HOSTILE',
      wcs: 'FREE',
      friendlies: [
        { id: 'far', lat: POINT.lat + 0.1, lon: POINT.lon },
        { id: 'near', lat: POINT.lat + 200 / 111_195, lon: POINT.lon },
      ],
      noFireAreas: [],
      corridors: [],
    });
    expect(checks.map((c) => [c.check, c.ok])).toEqual([
      ['WCS', true],
      ['Target', true],
      ['Friendlies', false],
      ['No-fire areas', true],
      ['Concurrence', true],
    ]);
    expect(checks[2]!.detail).toMatch(/nearest friendly near 0\.2 km/);
    expect(checks[4]!.detail).toBe('1 commander of POL and 1 commander of UKR');
    expect(engagementChecks(r, { ...calm, wcs: 'HOLD' })[0]).toMatchObject({ check: 'WCS', ok: false });
    expect(engagementChecks(r, { ...calm, targetIdentity: null })[1]).toMatchObject({
      check: 'Target',
      ok: false,
      detail: 'owa-01 is not in the picture',
    });
  });
});

describe('what a request may say about objects not every party may see', () => {
  it('aborts for a national friendly track or no-fire area without naming it', () => {
    const approved = value(decide(open(engagement()), approve, polCmdr, T0 + 1));
    const near = { lat: POINT.lat + 100 / 111_195, lon: POINT.lon };
    // No distance either: repeated requests would triangulate the track.
    expect(abortReason(approved, { ...calm, friendlies: [{ id: 'pol-secret-heli', ...near, shareable: false }] })).toBe(
      'a friendly track not releasable to every party is within the danger radius of the intercept point',
    );
    expect(
      abortReason(approved, { ...calm, noFireAreas: [nfa('pol-secret-nfa', near, 50, { shareable: false })] }),
    ).toBe('a no-fire area not releasable to every party is within the danger radius of the intercept point');
    expect(
      abortReason(approved, {
        ...calm,
        corridors: [
          corridor('pol-secret-corridor', [near.lat - 0.001, near.lon - 0.001, near.lat + 0.001, near.lon + 0.001], {
            shareable: false,
          }),
        ],
      }),
    ).toBe('a transit corridor not releasable to every party is within the danger radius of the intercept point');
    const checks = engagementChecks(approved, {
      ...calm,
      friendlies: [{ id: 'pol-secret-heli', ...near, shareable: false }],
    });
    expect(JSON.stringify(checks)).not.toContain('pol-secret-heli');
    expect(checks[2]).toMatchObject({ check: 'Friendlies', ok: false });
  });
});

describe('checks and reasons reveal nothing numeric about what not every party may see', () => {
  // Property: move, add or remove unshareable friendlies, no-fire areas and corridors anywhere,
  // keeping only whether any is within the danger radius: every check and reason stays word for word the same.
  const approved = value(decide(open(engagement()), approve, polCmdr, T0 + 1));
  const shareableFriend = { id: 'ukr-heli', lat: POINT.lat + 2_000 / 111_195, lon: POINT.lon, shareable: true };
  const at = (m: number, bearing: number) => ({
    lat: POINT.lat + (m * Math.cos(bearing)) / 111_195,
    lon: POINT.lon + (m * Math.sin(bearing)) / (111_195 * Math.cos((POINT.lat * Math.PI) / 180)),
  });
  const hidden = (inside: boolean) =>
    fc.array(
      fc.record({
        m: inside ? fc.double({ min: 0, max: 450, noNaN: true }) : fc.double({ min: 560, max: 50_000, noNaN: true }),
        bearing: fc.double({ min: 0, max: 6.28, noNaN: true }),
      }),
      { minLength: inside ? 1 : 0, maxLength: 4 },
    );
  const say = (req: AuthorizationRequest, s: Situation) =>
    JSON.stringify([abortReason(req, s), engagementChecks(req, s), rule(mayExecute(req, s, T0 + 2))]);
  type Place = { lat: number; lon: number };
  const secretly = { shareable: false, label: { ...LABEL, originator: 'POL', releasableTo: [] } };
  const situation = (friends: Place[], nfas: Place[], corridors: Place[]): Situation => ({
    ...calm,
    friendlies: [shareableFriend, ...friends.map((f, i) => ({ id: `pol-secret-${i}`, ...f, shareable: false }))],
    // circles of 100 m about each place: their edge is 100 m nearer than the place
    noFireAreas: nfas.map((n, i) => nfa(`pol-nfa-${i}`, n, 100, secretly)),
    corridors: corridors.map((c, i) =>
      volume(`pol-corridor-${i}`, 'TRANSIT_CORRIDOR', { circle: { center: c, radiusM: 100 } }, secretly),
    ),
  });
  const places = (ps: { m: number; bearing: number }[], edge = 0) => ps.map((p) => at(p.m + edge, p.bearing));
  it.each([
    ['none within the danger radius', false, false, false],
    ['a hidden friendly within it', true, false, false],
    ['a hidden no-fire area within it', false, true, false],
    ['a hidden corridor within it', false, false, true],
    ['all three within it', true, true, true],
  ])('%s', (_name, friendInside, nfaInside, corridorInside) => {
    fc.assert(
      fc.property(
        hidden(friendInside),
        hidden(friendInside),
        hidden(nfaInside),
        hidden(nfaInside),
        hidden(corridorInside),
        hidden(corridorInside),
        (f1, f2, n1, n2, c1, c2) => {
          expect(say(approved, situation(places(f1), places(n1, 100), places(c1, 100)))).toBe(
            say(approved, situation(places(f2), places(n2, 100), places(c2, 100))),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  // With a flyout path (from 10 km west): what a reason may say of a hidden object is whether it is
  // near the intercept point, or else on the path; nothing about where on it, or how far.
  const fromWest = value(
    decide(
      open(engagement({ effectorPosition: { lat: POINT.lat, lon: POINT.lon - 10_000 / M_LON } })),
      approve,
      polCmdr,
      T0 + 1,
    ),
  );
  /** Places near the path (within 90 m of it), 1-9 km from the intercept point; or at least 700 m from path and point. */
  const onPath = fc.array(
    fc.record({
      x: fc.double({ min: 1_000, max: 9_000, noNaN: true }),
      y: fc.double({ min: -90, max: 90, noNaN: true }),
    }),
    { minLength: 1, maxLength: 3 },
  );
  const offPath = fc.array(
    fc.record({
      x: fc.double({ min: -20_000, max: 20_000, noNaN: true }),
      y: fc.double({ min: 700, max: 30_000, noNaN: true }),
      side: fc.boolean(),
    }),
    { maxLength: 3 },
  );
  const west = (ps: { x: number; y: number; side?: boolean }[]) =>
    ps.map((p) => ({ lat: POINT.lat + ((p.side ? -1 : 1) * p.y) / M_LAT, lon: POINT.lon - p.x / M_LON }));
  it.each([
    ['nothing hidden in the way', false, false, false],
    ['a hidden friendly near the path', true, false, false],
    ['a hidden no-fire area across the path', false, true, false],
    ['a hidden corridor across the path', false, false, true],
  ])('%s', (_name, friendOn, nfaOn, corridorOn) => {
    const set = (on: boolean) =>
      on ? fc.tuple(onPath, offPath).map(([a, b]) => [...west(a), ...west(b)]) : offPath.map(west);
    fc.assert(
      fc.property(
        set(friendOn),
        set(friendOn),
        set(nfaOn),
        set(nfaOn),
        set(corridorOn),
        set(corridorOn),
        (f1, f2, n1, n2, c1, c2) => {
          expect(say(fromWest, situation(f1, n1, c1))).toBe(say(fromWest, situation(f2, n2, c2)));
        },
      ),
      { numRuns: 150 },
    );
    if (friendOn || nfaOn || corridorOn)
      expect(
        abortReason(
          fromWest,
          situation(
            friendOn ? west([{ x: 5000, y: 0 }]) : [],
            nfaOn ? west([{ x: 5000, y: 0 }]) : [],
            corridorOn ? west([{ x: 5000, y: 0 }]) : [],
          ),
        ),
      ).toMatch(/flyout path/);
  });
});

describe('the engagement against the airspace: one geometry, from the service kit', () => {
  /** The effector 10 km west of the intercept point (the flyout runs east along the parallel). */
  const fromWest = () =>
    value(
      decide(
        open(engagement({ effectorPosition: { lat: POINT.lat, lon: POINT.lon - 10_000 / M_LON } })),
        approve,
        polCmdr,
        T0 + 1,
      ),
    );
  const box = (cx: number, cy: number, w: number, h: number): [number, number, number, number] => [
    POINT.lat + (cy - h / 2) / M_LAT,
    POINT.lon + (cx - w / 2) / M_LON,
    POINT.lat + (cy + h / 2) / M_LAT,
    POINT.lon + (cx + w / 2) / M_LON,
  ];
  const interceptAt = Date.parse(engagement().engagement!.interceptAt);
  it.each<[string, Partial<Situation>, RegExp | null]>([
    [
      'a no-fire area across the flyout path, 5 km short of the intercept point',
      { noFireAreas: [volume('school', 'NO_FIRE_AREA', { outline: corridor('x', box(-5000, 0, 400, 400)).outline })] },
      /^the flyout path crosses no-fire area school$/,
    ],
    [
      'a no-fire area beside the path (1 km north of it)',
      { noFireAreas: [nfa('school', { lat: POINT.lat + 1_200 / M_LAT, lon: POINT.lon - 5000 / M_LON }, 200)] },
      null,
    ],
    // Its enclosing circle about the corners' mean (10 km radius, 5 km north) covered the intercept point; the strip does not.
    [
      'a long thin no-fire strip 5 km north: its true outline',
      { noFireAreas: [volume('strip', 'NO_FIRE_AREA', { outline: corridor('x', box(0, 5000, 20_000, 200)).outline })] },
      null,
    ],
    [
      'a transit corridor in force around the intercept point',
      { corridors: [corridor('l31', box(0, 0, 4000, 2000))] },
      /^transit corridor l31 \(in force\) is within the danger radius of the intercept point$/,
    ],
    [
      'a corridor in force 400 m above the intercept point',
      { corridors: [corridor('l31', box(0, 0, 4000, 2000), { floorM: 600 })] },
      /transit corridor l31/,
    ],
    [
      'a corridor 600 m above it (the path climbs to 200 m only)',
      { corridors: [corridor('l31', box(0, 0, 4000, 2000), { floorM: 800 })] },
      null,
    ],
    [
      'a corridor not in force at the intercept time',
      { corridors: [corridor('l31', box(0, 0, 4000, 2000), { validFrom: iso(interceptAt + 1) })] },
      null,
    ],
    [
      'a corridor that ended before it',
      { corridors: [corridor('l31', box(0, 0, 4000, 2000), { validTo: iso(interceptAt) })] },
      null,
    ],
    ['a corridor only PROPOSED', { corridors: [corridor('l31', box(0, 0, 4000, 2000), { state: 'PROPOSED' })] }, null],
    [
      'a corridor the path passes through',
      { corridors: [corridor('l31', box(-5000, 0, 400, 400))] },
      /^the flyout path passes through transit corridor l31 \(in force\)$/,
    ],
    [
      'a friendly 300 m from the middle of the path',
      { friendlies: [{ id: 'ukr-heli', lat: POINT.lat + 300 / M_LAT, lon: POINT.lon - 5000 / M_LON }] },
      /^friendly track ukr-heli is 300 m from the flyout path \(danger radius 500 m\)$/,
    ],
    ['an ENDED no-fire area', { noFireAreas: [nfa('nfa-1', POINT, 100, { state: 'ENDED' })] }, null],
  ])('%s', (_name, over, expected) => {
    const why = abortReason(fromWest(), { ...calm, ...over });
    if (expected === null) expect(why).toBeNull();
    else expect(why).toMatch(expected);
  });

  it('shows a transit corridor check when one is in force, with its distance', () => {
    const checks = engagementChecks(fromWest(), { ...calm, corridors: [corridor('l31', box(3000, 0, 2000, 2000))] });
    expect(checks.map((c) => c.check)).toEqual([
      'WCS',
      'Target',
      'Friendlies',
      'No-fire areas',
      'Transit corridors',
      'Concurrence',
    ]);
    expect(checks[4]).toEqual({
      check: 'Transit corridors',
      ok: true,
      detail: 'nearest transit corridor in force l31 2.0 km from the intercept point',
    });
    const blocked = engagementChecks(fromWest(), {
      ...calm,
      noFireAreas: [volume('school', 'NO_FIRE_AREA', { outline: corridor('x', box(-5000, 0, 400, 400)).outline })],
    });
    expect(blocked[3]).toEqual({
      check: 'No-fire areas',
      ok: false,
      detail: 'the flyout path crosses no-fire area school',
    });
    // none in force, or only hidden ones out of the way: no such check
    expect(
      engagementChecks(fromWest(), {
        ...calm,
        corridors: [corridor('l31', box(3000, 0, 2000, 2000), { state: 'ENDED' })],
      }).map((c) => c.check),
    ).not.toContain('Transit corridors');
    expect(
      engagementChecks(fromWest(), {
        ...calm,
        corridors: [corridor('l31', box(3000, 0, 2000, 2000), { shareable: false })],
      }).map((c) => c.check),
    ).not.toContain('Transit corridors');
  });
});
