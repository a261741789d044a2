import { describe, expect, it } from 'vitest';
import { derivedLabel, type Classification, type Conflict, type Label, type User } from '@tessera/schema';
import { label } from '@tessera/service-kit/fixtures';
import { conflict, reservation } from '../../test/fixtures.ts';
import { releaseConflict, type ReservationLabels } from './access-airspace.ts';

/**
 * An engagement's conflict (a POL engagement whose flyout crosses UKR's no-fire area) is released
 * like any conflict: whole to whoever may see the request and the area, sanitized for a party that
 * may not see the other side (the engagement withheld to its nation and kind), nothing to others.
 */
const user = (nation: string, clearance: Classification = 'SECRET'): User => ({
  username: `${nation}-viewer`.toLowerCase(),
  displayName: 'viewer',
  nation,
  roles: ['LIAISON'],
  clearance,
});

function engagementConflict(requestLabel: Label, areaLabel: Label): Conflict {
  const area = reservation('UKR', 'ukr-nfa-1', { name: 'NFA KOVEL', kind: 'NO_FIRE_AREA', label: areaLabel });
  const [, areaSide] = conflict('c', area, area).sides;
  const sides: Conflict['sides'] = [
    {
      nation: 'POL',
      id: 'pol-eng-POL-t1-1',
      name: 'Engagement of POL-t1 by e1',
      kind: 'ENGAGEMENT',
      version: 2,
      label: requestLabel,
    },
    areaSide!,
  ];
  const label = derivedLabel(
    'POL',
    sides.map((s) => s.label),
  );
  return conflict('c-engagement', area, area, { kind: 'ENGAGEMENT', parties: ['POL', 'UKR'], sides, label });
}

/** The gateway knows every side now as the conflict saw it. */
const asSeen =
  (c: Conflict): ReservationLabels =>
  (ref) =>
    c.sides.filter((s) => s.nation === ref.nation && s.id === ref.id).map((s) => s.label);

const ukrArea = label('UKR', ['POL'], 'CONFIDENTIAL');
const polArea = label('POL', ['UKR'], 'RESTRICTED');

describe("an engagement's conflict as each viewer receives it", () => {
  it('shared both ways: both parties get the whole conflict, a third nation nothing', () => {
    const c = engagementConflict(label('POL', ['UKR'], 'SECRET'), ukrArea);
    for (const nation of ['POL', 'UKR']) {
      expect(releaseConflict(user(nation), c, asSeen(c))).toMatchObject({ sanitized: false, kind: 'ENGAGEMENT' });
    }
    expect(releaseConflict(user('LTU'), c, asSeen(c))).toBeNull();
    // Below the request's classification: the party gets its side and the region, not the engagement.
    const low = releaseConflict(user('UKR', 'CONFIDENTIAL'), c, asSeen(c));
    expect(low?.sides[0]).toMatchObject({ withheld: true, kind: 'ENGAGEMENT', id: null, name: null });
  });

  it('a national request: UKR learns that a POL engagement meets its area and where, never which', () => {
    const c = engagementConflict(label('POL', [], 'SECRET'), ukrArea);
    const ukr = releaseConflict(user('UKR'), c, asSeen(c))!;
    expect(ukr.sanitized).toBe(true);
    expect(ukr.sides).toEqual([
      { nation: 'POL', kind: 'ENGAGEMENT', withheld: true, id: null, name: null, version: null, label: null },
      { ...c.sides[1], withheld: false },
    ]);
    expect(ukr.region).toEqual(c.region);
    expect(JSON.stringify(ukr)).not.toMatch(/POL-t1|pol-eng|e1\b/);
    expect(releaseConflict(user('POL'), c, asSeen(c))?.sanitized).toBe(false);
  });

  it("one party: a POL liaison who may see POL's area but not POL's SECRET request gets the area and the region", () => {
    const area = reservation('POL', 'pol-nfa-1', { name: 'NFA OWN', kind: 'NO_FIRE_AREA', label: polArea });
    const c = engagementConflict(label('POL', [], 'SECRET'), polArea);
    const own = { ...c, parties: ['POL'], sides: [c.sides[0]!, { ...c.sides[1]!, nation: 'POL', id: area.id }] };
    const liaison = releaseConflict(user('POL', 'CONFIDENTIAL'), own, asSeen(own))!;
    expect(liaison.sanitized).toBe(true);
    expect(liaison.sides.map((s) => [s.kind, s.withheld])).toEqual([
      ['ENGAGEMENT', true],
      ['NO_FIRE_AREA', false],
    ]);
    expect(releaseConflict(user('POL'), own, asSeen(own))?.sanitized).toBe(false);
    expect(releaseConflict(user('UKR'), own, asSeen(own))).toBeNull();
  });

  it("the request's label as the authority has it now counts: made national after the conflict, it is withheld", () => {
    const c = engagementConflict(label('POL', ['UKR'], 'SECRET'), ukrArea);
    const now: ReservationLabels = (ref) => (ref.kind === 'ENGAGEMENT' ? [label('POL', [], 'SECRET')] : [ukrArea]);
    const ukr = releaseConflict(user('UKR'), c, now)!;
    expect(ukr.sides[0]).toMatchObject({ withheld: true, id: null });
  });
});
