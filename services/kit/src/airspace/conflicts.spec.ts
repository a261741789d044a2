import { describe, expect, it } from 'vitest';
import {
  Conflict,
  ConflictRegion,
  kindsConflict,
  VOLUME_KINDS,
  type AirspaceVolume,
  type VolumeKind,
} from '@tessera/schema';
import {
  conflictId,
  conflictsWith,
  findConflicts,
  findConflictsPairwise,
  ReservationIndex,
  severityOf,
} from './conflicts.ts';
import { box, disc, hours, HOUR, T0 } from './test-volumes.ts';

/** POL's volume and UKR's overlap over [50.05, 22.05, 50.1, 22.1], a quarter of each. */
const pol = (kind: VolumeKind, over: Partial<AirspaceVolume> = {}) =>
  box('pol-a', 'POL', kind, [50.0, 22.0, 50.1, 22.1], over);
const ukr = (kind: VolumeKind, over: Partial<AirspaceVolume> = {}) =>
  box('ukr-b', 'UKR', kind, [50.05, 22.05, 50.15, 22.15], over);

describe('which overlapping reservations conflict', () => {
  it.each<[string, AirspaceVolume[], number]>([
    ['a POL ROZ over a UKR transit corridor', [pol('ROZ'), ukr('TRANSIT_CORRIDOR')], 1],
    ["two nations' ROZ", [pol('ROZ'), ukr('ROZ')], 1],
    ['an engagement zone over a no-fire area', [pol('ENGAGEMENT_ZONE'), ukr('NO_FIRE_AREA')], 1],
    ['compatible kinds: a ROZ over a no-fire area', [pol('ROZ'), ukr('NO_FIRE_AREA')], 0],
    ['compatible kinds: a transit corridor over a no-fire area', [pol('TRANSIT_CORRIDOR'), ukr('NO_FIRE_AREA')], 0],
    ['sectors never conflict by kind', [pol('SECTOR'), ukr('ROZ')], 0],
    ['defended assets never conflict by kind', [pol('DEFENDED_ASSET'), ukr('ENGAGEMENT_ZONE')], 0],
    ["one nation's own reservations", [pol('ROZ'), { ...ukr('TRANSIT_CORRIDOR'), nation: 'POL' }], 0],
    ['an ENDED reservation never conflicts', [pol('ROZ', { state: 'ENDED' }), ukr('TRANSIT_CORRIDOR')], 0],
    ['a PROPOSED one does', [pol('ROZ', { state: 'PROPOSED' }), ukr('TRANSIT_CORRIDOR')], 1],
    [
      'conflicting kinds that only touch in altitude',
      [pol('ROZ', { ceilingM: 1000 }), ukr('TRANSIT_CORRIDOR', { floorM: 1000 })],
      0,
    ],
    ['conflicting kinds one after the other', [pol('ROZ', hours(0, 2)), ukr('TRANSIT_CORRIDOR', hours(2, 4))], 0],
  ])('%s: %i', (_name, reservations, count) => {
    expect(findConflicts(reservations)).toHaveLength(count);
    expect(findConflictsPairwise(reservations)).toHaveLength(count);
  });

  it("follows the schema's table for every pair of kinds", () => {
    for (const a of VOLUME_KINDS)
      for (const b of VOLUME_KINDS)
        expect(findConflicts([pol(a), ukr(b)]).length, `${a} vs ${b}`).toBe(kindsConflict(a, b) ? 1 : 0);
  });

  it('takes another table when given one', () => {
    expect(findConflicts([pol('ROZ'), ukr('NO_FIRE_AREA')], { kindsConflict: () => true })).toHaveLength(1);
  });

  it('describes the conflict: parties sorted, sides and the versions they were at, the region, a severity', () => {
    const [c] = findConflicts([
      ukr('TRANSIT_CORRIDOR', { version: 7, ...hours(1, 5) }),
      pol('ROZ', { version: 3, floorM: 500, ...hours(0, 3) }),
    ]);
    expect(c).toMatchObject({
      parties: ['POL', 'UKR'],
      basedOn: [
        { nation: 'POL', id: 'pol-a', version: 3 },
        { nation: 'UKR', id: 'ukr-b', version: 7 },
      ],
      severity: 'MEDIUM',
    });
    expect(c!.sides.map((s) => s.id)).toEqual(['pol-a', 'ukr-b']);
    expect(c!.region).toMatchObject({
      floorM: 500,
      ceilingM: 3000,
      from: hours(1, 5).validFrom,
      to: hours(0, 3).validTo,
    });
    expect(ConflictRegion.parse(c!.region)).toEqual(c!.region);
    // What the deconfliction service makes of it fits the contract.
    const asContract = {
      id: c!.id,
      kind: 'AIRSPACE',
      parties: c!.parties,
      sides: c!.sides.map((s) => ({
        nation: s.nation,
        id: s.id,
        name: s.name,
        kind: s.kind,
        version: s.version,
        label: s.label,
      })),
      region: c!.region,
      severity: c!.severity,
      state: 'OPEN',
      label: c!.sides[0].label,
      detectedAt: new Date(T0).toISOString(),
      updatedAt: new Date(T0).toISOString(),
      resolvedBy: null,
      version: 1,
    };
    expect(Conflict.safeParse(asContract).success).toBe(true);
  });

  it('at a given time: overlaps already over are past', () => {
    const pair = [pol('ROZ', hours(0, 2)), ukr('TRANSIT_CORRIDOR', hours(1, 3))];
    expect(findConflicts(pair, { at: T0 })).toHaveLength(1);
    expect(findConflicts(pair, { at: T0 + 1.5 * HOUR })).toHaveLength(1);
    expect(findConflicts(pair, { at: new Date(T0 + 2 * HOUR).toISOString() })).toHaveLength(0);
    expect(findConflicts([pol('ROZ'), ukr('TRANSIT_CORRIDOR')], { at: T0 + 1000 * HOUR })).toHaveLength(1); // unbounded
  });
});

describe('conflict ids', () => {
  it("are the same for the pair in any order and at any version, fit the contract's id, and name neither reservation", () => {
    const id = conflictId({ nation: 'POL', id: 'pol-roz-secret' }, { nation: 'UKR', id: 'ukr-corridor' });
    expect(id).toBe(conflictId({ nation: 'UKR', id: 'ukr-corridor' }, { nation: 'POL', id: 'pol-roz-secret' }));
    expect(id).toMatch(/^c-[0-9a-f]{32}$/);
    expect(id).not.toContain('secret');
    expect(findConflicts([pol('ROZ', { version: 1 }), ukr('ROZ')])[0]!.id).toBe(
      findConflicts([ukr('ROZ'), pol('ROZ', { version: 9 })])[0]!.id,
    );
  });
  it('differ between pairs, and with a key', () => {
    const a = { nation: 'POL', id: 'a' };
    expect(conflictId(a, { nation: 'UKR', id: 'b' })).not.toBe(conflictId(a, { nation: 'UKR', id: 'c' }));
    expect(conflictId(a, { nation: 'UKR', id: 'b' }, 'secret')).not.toBe(conflictId(a, { nation: 'UKR', id: 'b' }));
    expect(findConflicts([pol('ROZ'), ukr('ROZ')], { idKey: 'k' })[0]!.id).toBe(
      conflictId({ nation: 'POL', id: 'pol-a' }, { nation: 'UKR', id: 'ukr-b' }, 'k'),
    );
  });
});

describe('severity', () => {
  it.each<[string, [VolumeKind, VolumeKind], [number, number], string]>([
    ['a weapons zone over a corridor, however small', ['ENGAGEMENT_ZONE', 'TRANSIT_CORRIDOR'], [0.001, 0.001], 'HIGH'],
    ['a weapons zone over a ROZ', ['ROZ', 'ENGAGEMENT_ZONE'], [0.01, 0.01], 'HIGH'],
    ['a weapons zone over a no-fire area', ['NO_FIRE_AREA', 'ENGAGEMENT_ZONE'], [0.01, 0.01], 'HIGH'],
    ['two weapons zones, a sliver', ['ENGAGEMENT_ZONE', 'ENGAGEMENT_ZONE'], [0.05, 0.02], 'LOW'],
    ['two ROZ, a sliver', ['ROZ', 'ROZ'], [0.05, 0.09], 'LOW'],
    ['a tenth of one side', ['ROZ', 'TRANSIT_CORRIDOR'], [0.1, 0.01], 'MEDIUM'],
    ['half of one side', ['ROZ', 'TRANSIT_CORRIDOR'], [0.02, 0.5], 'HIGH'],
  ])('%s: %s', (_name, kinds, shares, expected) => {
    expect(severityOf(kinds, shares)).toBe(expected);
  });
  it('is judged on the share of area times share of altitude block of the more affected side', () => {
    // a quarter of each box's area, full altitude: MEDIUM
    expect(findConflicts([pol('ROZ'), ukr('ROZ')])[0]!).toMatchObject({ severity: 'MEDIUM' });
    // a small ROZ wholly inside a corridor: all of the ROZ
    const inside = box('pol-small', 'POL', 'ROZ', [50.06, 22.06, 50.07, 22.07], { floorM: 500, ceilingM: 1000 });
    const [c] = findConflicts([inside, ukr('TRANSIT_CORRIDOR')]);
    expect(c!.shares[0]).toBeCloseTo(1, 6);
    expect(c!.severity).toBe('HIGH');
    // a sliver: LOW
    const sliver = box('pol-sliver', 'POL', 'ROZ', [50.0, 22.0, 50.1, 22.051], { ceilingM: 1000 });
    expect(findConflicts([sliver, ukr('TRANSIT_CORRIDOR')])[0]!.severity).toBe('LOW');
  });
});

describe('after one edit: the edited reservation against the index', () => {
  const field = [
    box('ukr-cor-1', 'UKR', 'TRANSIT_CORRIDOR', [50.0, 22.0, 50.05, 23.0]),
    box('ukr-cor-2', 'UKR', 'TRANSIT_CORRIDOR', [50.2, 22.0, 50.25, 23.0]),
    disc('ltu-roz-1', 'LTU', 'ROZ', { lat: 50.22, lon: 22.5 }, 4000),
    box('pol-roz-far', 'POL', 'ROZ', [52, 20, 52.1, 20.1]),
  ];
  it('finds the conflicts the full evaluation finds for it, and none with its own older version', () => {
    const index = new ReservationIndex(field);
    const moved = disc('pol-roz-far', 'POL', 'ROZ', { lat: 50.2, lon: 22.5 }, 5000, { version: 2 });
    const found = conflictsWith(moved, index);
    expect(found.map((c) => c.sides.find((s) => s.nation !== 'POL')!.id).sort()).toEqual(['ltu-roz-1', 'ukr-cor-2']);
    index.upsert(moved);
    expect(findConflicts(index).filter((c) => c.sides.some((s) => s.id === 'pol-roz-far'))).toEqual(found);
    expect(index.get('POL', 'pol-roz-far')?.version).toBe(2);
    expect(index.size).toBe(4);
  });
  it('ENDED: no conflicts; removed from the index: gone from the full evaluation', () => {
    const index = new ReservationIndex([...field, disc('pol-roz', 'POL', 'ROZ', { lat: 50.2, lon: 22.5 }, 5000)]);
    const ofPol = () => findConflicts(index).filter((c) => c.parties.includes('POL')).length;
    expect(findConflicts(index)).toHaveLength(3); // ukr-cor-2 and ltu-roz-1 conflict too
    expect(ofPol()).toBe(2);
    const ended = { ...index.get('POL', 'pol-roz')!, state: 'ENDED' as const, version: 2 };
    expect(conflictsWith(ended, index)).toEqual([]);
    index.upsert(ended);
    expect(ofPol()).toBe(0);
    index.upsert({ ...ended, state: 'ACTIVE', version: 3 });
    expect(ofPol()).toBe(2);
    expect(index.remove('POL', 'pol-roz')).toBe(true);
    expect(index.remove('POL', 'pol-roz')).toBe(false);
    expect(ofPol()).toBe(0);
    expect(findConflicts(index)).toHaveLength(1);
  });
});
