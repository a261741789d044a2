import { describe, expect, it } from 'vitest';
import type { AirspaceVolume, AuthorizationRequest, Conflict } from '@tessera/schema';
import { areaContains, polygonOf } from '@tessera/service-kit/airspace';
import { engagementRequest, iso, label, T0 } from '@tessera/service-kit/fixtures';
import { createConflictTracker } from './conflict-tracker.ts';
import { dangerOutline, engagementConflictsOf } from './engagements.ts';
import { DEFAULT_NEGOTIATION, propose } from './negotiation.ts';

/**
 * POL's interceptor drone flies from 50 N 22.40 E to an intercept at 50 N 22.50 E (300 m danger
 * radius, at T0 + 40 s): about 7 km due east. UKR's no-fire area straddles the path 3 km short of
 * the intercept point.
 */
const HOUR = 3_600_000;
const box = (south: number, west: number, north: number, east: number) => [
  { lat: south, lon: west },
  { lat: south, lon: east },
  { lat: north, lon: east },
  { lat: north, lon: west },
];
const reservation = (nation: string, id: string, kind: AirspaceVolume['kind'], over: Partial<AirspaceVolume> = {}) =>
  ({
    id,
    nation,
    name: id.toUpperCase(),
    kind,
    label: label(nation, nation === 'POL' ? ['UKR'] : ['POL']),
    outline: box(49.98, 22.44, 50.02, 22.46),
    floorM: 0,
    ceilingM: 3000,
    validFrom: iso(T0 - HOUR),
    validTo: iso(T0 + HOUR),
    state: 'ACTIVE',
    version: 1,
    ...over,
  }) as AirspaceVolume;
const nfa = reservation('UKR', 'nfa-1', 'NO_FIRE_AREA');
const base = engagementRequest();
const withEffector = (over: Partial<AuthorizationRequest> = {}): AuthorizationRequest => ({
  ...base,
  engagement: { ...base.engagement!, effectorPosition: { lat: 50, lon: 22.4 } },
  ...over,
});

describe('engagements against the airspace as conflicts', () => {
  it('a flyout path through another nation’s no-fire area is a HIGH conflict of both nations', () => {
    const [c, ...more] = engagementConflictsOf([withEffector()], [nfa], 'k');
    expect(more).toEqual([]);
    expect(c).toMatchObject({ kind: 'ENGAGEMENT', parties: ['POL', 'UKR'], severity: 'HIGH' });
    expect(c!.sides.map((s) => [s.nation, s.kind, s.id, s.version])).toEqual([
      ['POL', 'ENGAGEMENT', base.id, 1],
      ['UKR', 'NO_FIRE_AREA', 'nfa-1', 1],
    ]);
    // The region is where the path's danger meets the area: inside the no-fire area, about 1.4 km x 600 m.
    for (const p of c!.region!.outline) {
      expect(p.lon).toBeGreaterThanOrEqual(22.44 - 1e-9);
      expect(p.lon).toBeLessThanOrEqual(22.46 + 1e-9);
    }
    expect(c!.region!.areaKm2).toBeGreaterThan(0.8);
    expect(c!.region!.areaKm2).toBeLessThan(0.9);
    // The full view reveals both sides: POL's request and UKR's area are releasable to both.
    expect([c!.label?.originator, ...(c!.label?.releasableTo ?? [])].sort()).toEqual(['POL', 'UKR']);
  });

  it("tells the area's owner where its area is endangered, never the request's times or the danger beyond it", () => {
    const [c] = engagementConflictsOf([withEffector()], [nfa], 'k');
    expect(c!.region).toMatchObject({ floorM: 0, ceilingM: 3000, from: nfa.validFrom, to: nfa.validTo });
  });

  it('without an effector position only the danger circle of the intercept point counts', () => {
    expect(engagementConflictsOf([base], [nfa], 'k')).toEqual([]);
    const underIntercept = reservation('UKR', 'nfa-2', 'NO_FIRE_AREA', { outline: box(50.002, 22.49, 50.01, 22.51) });
    const [c] = engagementConflictsOf([base], [underIntercept], 'k');
    expect(c?.sides[1]?.id).toBe('nfa-2');
  });

  it('the same engagement and reservation keep one id, distinct from any pair of reservations', () => {
    const a = engagementConflictsOf([withEffector()], [nfa], 'k');
    const b = engagementConflictsOf([withEffector({ version: 3 })], [{ ...nfa, version: 2 }], 'k');
    expect(a[0]?.id).toBe(b[0]?.id);
    expect(engagementConflictsOf([withEffector()], [nfa], 'other')[0]?.id).not.toBe(a[0]?.id);
  });

  it.each<[string, Partial<AuthorizationRequest>, number]>([
    ['awaiting a decision', { state: 'PENDING' }, 1],
    ['approved and flying', { state: 'APPROVED', engagementState: 'EXECUTING' }, 1],
    ['denied', { state: 'DENIED' }, 0],
    ['expired', { state: 'EXPIRED' }, 0],
    ['completed', { state: 'APPROVED', engagementState: 'COMPLETED' }, 0],
    ['aborted', { state: 'APPROVED', engagementState: 'ABORTED' }, 0],
  ])('an engagement %s: %i conflict(s)', (_, over, n) => {
    expect(engagementConflictsOf([withEffector(over)], [nfa], 'k')).toHaveLength(n);
  });

  it('a corridor counts only when in force at the intercept; other kinds never', () => {
    const corridor = reservation('UKR', 'cor-1', 'TRANSIT_CORRIDOR');
    expect(engagementConflictsOf([withEffector()], [corridor], 'k')).toHaveLength(1);
    const later = { ...corridor, validFrom: iso(T0 + 60_000) };
    expect(engagementConflictsOf([withEffector()], [later], 'k')).toEqual([]);
    const proposed = { ...corridor, state: 'PROPOSED' as const };
    expect(engagementConflictsOf([withEffector()], [proposed], 'k')).toEqual([]);
    expect(engagementConflictsOf([withEffector()], [reservation('UKR', 'roz-1', 'ROZ')], 'k')).toEqual([]);
    // A corridor above the flyout (it climbs from 0 to 300 m) is not met.
    const high = { ...corridor, floorM: 1000 };
    expect(engagementConflictsOf([withEffector()], [high], 'k')).toEqual([]);
  });

  it("the requesting nation's own no-fire area is a conflict with one party", () => {
    const own = reservation('POL', 'nfa-own', 'NO_FIRE_AREA');
    const [c] = engagementConflictsOf([withEffector()], [own], 'k');
    expect(c?.parties).toEqual(['POL']);
  });

  it('the danger outline holds the danger circle and the flyout path', () => {
    const e = withEffector().engagement!;
    for (const [engagement, inside] of [
      [base.engagement!, []],
      [e, [e.effectorPosition!, { lat: 50, lon: 22.45 }]],
    ] as const) {
      const area = polygonOf(dangerOutline(engagement))!;
      const { lat, lon } = engagement.interceptPoint;
      const r = (engagement.dangerRadiusM * 0.999) / 111_320;
      for (let i = 0; i < 16; i++) {
        const a = (i * Math.PI) / 8;
        const p = { lat: lat + r * Math.sin(a), lon: lon + (r * Math.cos(a)) / Math.cos((lat * Math.PI) / 180) };
        expect(areaContains(area, p)).toBe(true);
      }
      for (const p of inside) expect(areaContains(area, p)).toBe(true);
      expect(areaContains(area, { lat: lat + (2 * r) / 0.999, lon })).toBe(false);
    }
  });
});

describe("an engagement's conflict over time", () => {
  const tracker = createConflictTracker();
  const stored = (changes: { conflict: Conflict }[], into = new Map<string, Conflict>()) => {
    for (const { conflict } of changes) into.set(conflict.id, conflict);
    return into;
  };

  it('opens with the request, survives re-evaluations of the airspace and the clock, resolves with the request', () => {
    const detected = tracker.engagements([withEffector()], [nfa], new Map(), T0);
    expect(detected.map((c) => [c.action, c.conflict.state])).toEqual([['CONFLICT_DETECTED', 'OPEN']]);
    const state = stored(detected);
    expect(tracker.all([nfa], state, T0)).toEqual([]);
    expect(tracker.past(state, T0 + 48 * HOUR)).toEqual([]);
    expect(tracker.engagements([withEffector()], [nfa], state, T0 + 1000)).toEqual([]);
    // Approved: the conflict does not change (its version would tell the other party when commanders acted).
    const decided = tracker.engagements(
      [withEffector({ state: 'APPROVED', engagementState: 'AUTHORIZED', version: 2 })],
      [nfa],
      state,
      T0 + 2000,
    );
    expect(decided).toEqual([]);
    // A restart: the requests not read yet leave their conflicts as they are.
    expect(tracker.engagements([], [nfa], state, T0 + 2500)).toEqual([]);
    const resolved = tracker.engagements(
      [withEffector({ state: 'APPROVED', engagementState: 'ABORTED', version: 3 })],
      [nfa],
      state,
      T0 + 3000,
    );
    expect(resolved.map((c) => [c.action, c.conflict.state])).toEqual([['CONFLICT_RESOLVED', 'RESOLVED']]);
  });

  it('is not negotiated: a proposal is refused naming the rule', () => {
    const [c] = tracker.engagements([withEffector()], [nfa], new Map(), T0);
    const refused = propose(
      {
        type: 'PROPOSE',
        commandId: 'cmd-00000001',
        conflictId: c!.conflict.id,
        kind: 'ACCEPT_RISK',
        rationale: 'we accept it',
        basedOn: [{ nation: 'UKR', id: 'nfa-1', version: 1 }],
        changes: [],
        assignmentChanges: [],
        counterTo: null,
        by: { username: 'ukr-liaison', nation: 'UKR', roles: ['LIAISON'] },
      },
      {
        conflict: c!.conflict,
        open: undefined,
        sides: { reservations: () => nfa, assignments: () => undefined },
        nowMs: T0,
        policy: DEFAULT_NEGOTIATION,
      },
    );
    expect(refused).toMatchObject({ ok: false, rule: 'NOT_NEGOTIABLE' });
  });
});
