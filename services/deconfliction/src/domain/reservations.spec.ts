import { describe, expect, it } from 'vitest';
import type { AirspaceVolume, ReservationDraft } from '@tessera/schema';
import { iso, label, T0 } from '@tessera/service-kit/fixtures';
import {
  applyChange,
  createReservation,
  editReservation,
  endReservation,
  seeded,
  type Reservations,
} from './reservations.ts';
import { admin, person, polCmdr, polLiaison, polWatch, ukrLiaison } from './fixtures.ts';

const square = [
  { lat: 50.0, lon: 23.0 },
  { lat: 50.0, lon: 23.2 },
  { lat: 50.2, lon: 23.2 },
  { lat: 50.2, lon: 23.0 },
];
const draft = (over: Partial<ReservationDraft> = {}): ReservationDraft =>
  ({
    name: 'ROZ ZAMOSC',
    kind: 'ROZ',
    label: label('POL', ['UKR']),
    outline: square,
    floorM: 0,
    ceilingM: 1500,
    validFrom: iso(T0),
    validTo: iso(T0 + 3_600_000),
    ...over,
  }) as ReservationDraft;

const stored: AirspaceVolume[] = [
  { ...(draft() as AirspaceVolume), id: 'roz-1', nation: 'POL', state: 'ACTIVE', version: 2 },
  { ...(draft({ name: 'ended' }) as AirspaceVolume), id: 'roz-old', nation: 'POL', state: 'ENDED', version: 3 },
  {
    id: 'pol-south',
    name: 'SOUTH',
    kind: 'SECTOR',
    nation: 'POL',
    label: label('POL'),
    outline: square,
    floorM: 0,
    ceilingM: 15_000,
    wcs: 'HOLD',
    version: 1,
  },
];
const reservations: Reservations = (nation, id) => stored.find((v) => v.nation === nation && v.id === id);

describe('who may create, edit and end a reservation', () => {
  it.each([
    ['a liaison, of their own nation', polLiaison, 'ok'],
    ['a commander, of their own nation', polCmdr, 'ok'],
    ['a watch officer', polWatch, 'NOT_A_LIAISON'],
    ['an admin (no nation)', admin, 'NOT_A_LIAISON'],
    ['a liaison without a nation', person('x', null, 'LIAISON'), 'NOT_A_LIAISON'],
  ])('create: %s → %s', (_who, by, expected) => {
    const made = createReservation(by, 'roz-new', draft({ label: label(by.nation ?? 'POL') }), reservations);
    expect(made.ok ? 'ok' : made.rule).toBe(expected);
  });

  it("creates for the person's nation at version 1, ACTIVE, whatever the draft", () => {
    const made = createReservation(
      ukrLiaison,
      'corridor-1',
      draft({ kind: 'TRANSIT_CORRIDOR', label: label('UKR', ['POL']) }),
      reservations,
    );
    expect(made).toMatchObject({
      ok: true,
      value: { nation: 'UKR', id: 'corridor-1', kind: 'TRANSIT_CORRIDOR', state: 'ACTIVE', version: 1 },
    });
  });

  const ref = { nation: 'POL', id: 'roz-1', version: 2 };
  it.each([
    ['its liaison', polLiaison, ref, 'ok'],
    ['its commander', polCmdr, ref, 'ok'],
    ['a liaison of another nation', ukrLiaison, ref, 'NOT_YOUR_RESERVATION'],
    ['a watch officer of its nation', polWatch, ref, 'NOT_A_LIAISON'],
    ['an admin', admin, ref, 'NOT_A_LIAISON'],
    // Ownership before existence: another nation cannot learn which ids exist.
    [
      'another nation, of a reservation that does not exist',
      ukrLiaison,
      { nation: 'POL', id: 'nothing', version: 1 },
      'NOT_YOUR_RESERVATION',
    ],
    [
      'its liaison, of a reservation that does not exist',
      polLiaison,
      { nation: 'POL', id: 'nothing', version: 1 },
      'INVALID',
    ],
    ['its liaison, having seen an older version', polLiaison, { ...ref, version: 1 }, 'STALE_VERSION'],
    ['its liaison, of an ended reservation', polLiaison, { nation: 'POL', id: 'roz-old', version: 3 }, 'NOT_OPEN'],
    ['its liaison, of a sector', polLiaison, { nation: 'POL', id: 'pol-south', version: 1 }, 'INVALID'],
  ])('edit and end: %s → %s', (_who, by, r, expected) => {
    const edited = editReservation(by, r, draft(), reservations);
    const ended = endReservation(by, r, reservations);
    expect(edited.ok ? 'ok' : edited.rule).toBe(expected);
    expect(ended.ok ? 'ok' : ended.rule).toBe(expected);
  });

  it('refuses a stale edit with the current version', () => {
    expect(editReservation(polLiaison, { ...ref, version: 1 }, draft(), reservations)).toMatchObject({
      ok: false,
      rule: 'STALE_VERSION',
      current: [{ nation: 'POL', id: 'roz-1', version: 2 }],
    });
  });

  it.each([
    ['another kind', draft({ kind: 'TRANSIT_CORRIDOR' }), /stays one/],
    ['another nation as originator', draft({ label: label('UKR', ['POL']) }), /originator/],
    ['a floor at the ceiling', draft({ floorM: 1500, ceilingM: 1500 }), /floor/],
    ['an end before its start', draft({ validFrom: iso(T0 + 1000), validTo: iso(T0) }), /start/],
  ])('refuses an edit to %s as INVALID', (_what, d, message) => {
    expect(editReservation(polLiaison, ref, d, reservations)).toMatchObject({
      ok: false,
      rule: 'INVALID',
      message: expect.stringMatching(message),
    });
  });

  it('refuses to create an id that exists', () => {
    expect(createReservation(polLiaison, 'roz-1', draft(), reservations)).toMatchObject({ ok: false, rule: 'INVALID' });
  });

  it('bumps the version with every edit and keeps an ended reservation, ENDED', () => {
    expect(editReservation(polLiaison, ref, draft({ ceilingM: 900 }), reservations)).toMatchObject({
      ok: true,
      value: { version: 3, ceilingM: 900, state: 'ACTIVE' },
    });
    expect(endReservation(polLiaison, ref, reservations)).toMatchObject({
      ok: true,
      value: { version: 3, state: 'ENDED', ceilingM: 1500 },
    });
  });

  it('replaces the footprint as a whole: an outline edited into a circle has no outline left', () => {
    const circle = { center: { lat: 50.1, lon: 23.1 }, radiusM: 5000 };
    const edited = editReservation(
      polLiaison,
      ref,
      draft({ outline: undefined, circle } as Partial<ReservationDraft>),
      reservations,
    );
    expect(edited.ok && edited.value).toMatchObject({ circle });
    expect(edited.ok && 'outline' in edited.value && edited.value.outline !== undefined).toBe(false);
  });
});

describe('an agreed change to a reservation', () => {
  const roz = stored[0]!;
  it.each([
    [
      'a new altitude block',
      { action: 'MODIFY', floorM: 2000, ceilingM: 3000 },
      { floorM: 2000, ceilingM: 3000, outline: square, version: 3 },
    ],
    [
      'a new window',
      { action: 'MODIFY', validTo: iso(T0 + 600_000) },
      { validFrom: iso(T0), validTo: iso(T0 + 600_000), version: 3 },
    ],
    ['its end', { action: 'END' }, { state: 'ENDED', version: 3, ceilingM: 1500 }],
  ] as const)('applies %s and bumps the version', (_what, change, expected) => {
    expect(applyChange(roz, { reservation: { nation: 'POL', id: 'roz-1' }, ...change })).toMatchObject(expected);
  });

  it('moves it to a new footprint', () => {
    const circle = { center: { lat: 50.5, lon: 23.5 }, radiusM: 2000 };
    const moved = applyChange(roz, {
      reservation: { nation: 'POL', id: 'roz-1' },
      action: 'MODIFY',
      footprint: { circle },
    });
    expect(moved).toMatchObject({ circle, version: 3 });
    expect(moved.outline).toBeUndefined();
  });
});

describe('seeding', () => {
  it('takes a scenario volume over as ACTIVE version 1', () => {
    expect(seeded({ ...stored[2]!, version: 7 })).toMatchObject({
      id: 'pol-south',
      state: 'ACTIVE',
      version: 1,
      wcs: 'HOLD',
    });
  });
});
