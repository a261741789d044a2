import { describe, expect, it } from 'vitest';
import { H, iso, T0, volume } from './fixtures.ts';
import { altitudeBand, inForceAt, reservationGroups, sliderLabel, timeWindow, volumesAt } from './airspace.ts';

describe('the airspace at a time', () => {
  it.each([
    [null, null, T0, true],
    [iso(T0), iso(T0 + H), T0, true], // starts at its start
    [iso(T0), iso(T0 + H), T0 + H, false], // and has ended at its end
    [iso(T0), null, T0 + 100 * H, true],
    [null, iso(T0), T0 - 1, true],
    [iso(T0), iso(T0 + H), T0 - 1, false],
  ])('a window %s – %s covers %s: %s', (from, to, t, expected) => {
    expect(inForceAt(from, to, t)).toBe(expected);
  });

  it('shows volumes in force at the slider time, never ended ones', () => {
    const volumes = [
      volume('now'),
      volume('later', { validFrom: iso(T0 + 6 * H), validTo: iso(T0 + 8 * H) }),
      volume('ended', { state: 'ENDED' }),
      volume('sector', { kind: 'SECTOR', validFrom: null, validTo: null }),
    ];
    expect(volumesAt(volumes, T0 + H).map((v) => v.id)).toEqual(['now', 'sector']);
    expect(volumesAt(volumes, T0 + 7 * H).map((v) => v.id)).toEqual(['later', 'sector']);
  });
});

describe('the reservation list', () => {
  it('groups reservations by nation, the user’s own first, active before proposed before ended; sectors are not reservations', () => {
    const groups = reservationGroups(
      [
        volume('b-ended', { state: 'ENDED' }),
        volume('corridor', { nation: 'UKR', kind: 'TRANSIT_CORRIDOR' }),
        volume('a-proposed', { state: 'PROPOSED' }),
        volume('z-active'),
        volume('sector', { kind: 'SECTOR' }),
        volume('ltu', { nation: 'LTU' }),
      ],
      'UKR',
    );
    expect(groups.map((g) => [g.nation, g.reservations.map((v) => v.id)])).toEqual([
      ['UKR', ['corridor']],
      ['LTU', ['ltu']],
      ['POL', ['z-active', 'a-proposed', 'b-ended']],
    ]);
  });

  it('reads altitudes and times the way the watch floor says them', () => {
    expect(altitudeBand(500, 12_000)).toBe('500–12,000 m');
    expect(timeWindow(iso(T0), iso(T0 + 4 * H), T0)).toBe('21:00Z – 01 Dec 01:00Z');
    expect(timeWindow(null, null, T0)).toBe('… – …');
  });

  it('labels the time slider relative to now', () => {
    expect(sliderLabel(T0, T0)).toBe('now');
    expect(sliderLabel(T0 + 45 * 60_000, T0)).toBe('+45 min · 21:45Z');
    expect(sliderLabel(T0 + 150 * 60_000, T0)).toBe('+2 h 30 min · 23:30Z');
    expect(sliderLabel(T0 + 24 * H, T0)).toBe('+24 h · 01 Dec 21:00Z');
  });
});
