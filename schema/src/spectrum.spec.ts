import { describe, expect, it } from 'vitest';
import {
  defaultTabooList,
  guardBandMHz,
  isWaived,
  restricts,
  RestrictedEntry,
  SpectrumAssignment,
  type SpectrumAssignment as Assignment,
} from './spectrum.ts';
import type { Label } from './label.ts';
import { describeIssues } from './validation.ts';

const label: Label = { policy: 'NATO', classification: 'RESTRICTED', originator: 'POL', releasableTo: ['UKR'] };
const valid: Assignment = {
  id: 'pol-dl-1',
  nation: 'POL',
  system: 'FlyEye datalink',
  use: 'DATALINK',
  lowMHz: 2400,
  highMHz: 2410,
  eirpDbm: 30,
  thresholdDbm: -90,
  tunable: { lowMHz: 2400, highMHz: 2483.5 },
  location: { kind: 'AREA', area: { circle: { center: { lat: 50, lon: 22 }, radiusM: 3000 } }, antennaHeightM: 120 },
  validFrom: '2026-11-26T12:00:00Z',
  validTo: '2026-11-26T18:00:00Z',
  priority: 5,
  label,
  state: 'PROPOSED',
  version: 1,
  tiedReservation: { nation: 'POL', id: 'roz-7' },
};
const problems = (x: unknown) => {
  const r = SpectrumAssignment.safeParse(x);
  return r.success ? '' : describeIssues(r.error);
};

describe('SpectrumAssignment validation', () => {
  it('accepts a drone datalink over an area tied to a reservation, and a point receiver', () => {
    expect(problems(valid)).toBe('');
    expect(
      problems({
        ...valid,
        use: 'GNSS_RX',
        eirpDbm: undefined,
        tunable: undefined,
        location: { kind: 'POINT', point: { lat: 50, lon: 22 }, antennaHeightM: 0 },
      }),
    ).toBe('');
  });

  it.each<[string, Partial<Assignment> | Record<string, unknown>, string]>([
    ['low equal to high', { lowMHz: 2410 }, 'highMHz: lowMHz must be below highMHz'],
    ['low above high', { lowMHz: 2500, tunable: undefined }, 'highMHz: lowMHz must be below highMHz'],
    ['NaN frequency', { lowMHz: Number.NaN }, 'lowMHz'],
    ['infinite power', { eirpDbm: Number.POSITIVE_INFINITY }, 'eirpDbm'],
    [
      'negative antenna height',
      { location: { kind: 'POINT', point: { lat: 50, lon: 22 }, antennaHeightM: -5 } },
      'location.antennaHeightM: an antenna height is metres above ground, never negative',
    ],
    ['above 300 GHz', { highMHz: 400_000, tunable: undefined }, 'highMHz: must be at most 300000 MHz'],
    ['neither EIRP nor threshold', { eirpDbm: undefined, thresholdDbm: undefined }, 'eirpDbm: an assignment transmits'],
    ['a jammer without EIRP', { use: 'JAMMER', eirpDbm: undefined }, 'eirpDbm: a JAMMER must state its EIRP'],
    [
      'a GNSS receiver without threshold',
      { use: 'GNSS_RX', thresholdDbm: undefined },
      'thresholdDbm: a GNSS_RX must state its interference threshold',
    ],
    [
      'band outside the tunable range',
      { tunable: { lowMHz: 2402, highMHz: 2480 } },
      'tunable: the tunable range must contain',
    ],
    [
      'window ending before it starts',
      { validTo: '2026-11-26T11:00:00Z' },
      'validTo: validFrom must be before validTo',
    ],
    [
      'an outline crossing itself',
      {
        location: {
          kind: 'AREA',
          area: {
            outline: [
              { lat: 50, lon: 22 },
              { lat: 50.1, lon: 22.1 },
              { lat: 50, lon: 22.1 },
              { lat: 50.1, lon: 22 },
            ],
          },
          antennaHeightM: 10,
        },
      },
      'cross or touch',
    ],
    ['version 0', { version: 0 }, 'version'],
  ])('refuses %s', (_, over, message) => {
    expect(problems({ ...valid, ...over })).toContain(message);
  });
});

describe('the restricted list', () => {
  it('the default TABOO list: the DOMAIN.md protected bands, 121.5 and 243 MHz as ±50 kHz', () => {
    const list = defaultTabooList('NAT', ['POL', 'UKR']);
    expect(list.map((e) => [e.id, e.kind, e.lowMHz, e.highMHz])).toEqual([
      ['taboo-gnss-l1', 'TABOO', 1559, 1610],
      ['taboo-gnss-l2', 'TABOO', 1215, 1240],
      ['taboo-gnss-l5', 'TABOO', 1164, 1189],
      ['taboo-aero-121-5', 'TABOO', 121.45, 121.55],
      ['taboo-mil-243', 'TABOO', 242.95, 243.05],
      ['taboo-cospas-sarsat', 'TABOO', 406, 406.1],
    ]);
    for (const e of list) expect(RestrictedEntry.parse(e)).toEqual(e);
    expect(list[0]!.label.releasableTo).toEqual(['POL', 'UKR']);
  });

  it('refuses an entry whose band is empty', () => {
    const r = RestrictedEntry.safeParse({ ...defaultTabooList()[0], lowMHz: 1610 });
    expect(r.success).toBe(false);
  });

  it('a waiver holds until its end (exclusive), or for ever without one', () => {
    const entry = { waiver: { by: 'POL', reason: 'trial', validTo: '2026-11-26T12:00:00Z' } };
    expect(isWaived({})).toBe(false);
    expect(isWaived(entry)).toBe(false);
    expect(isWaived(entry, Date.parse('2026-11-26T11:59:59Z'))).toBe(true);
    expect(isWaived(entry, Date.parse('2026-11-26T12:00:00Z'))).toBe(false);
    expect(isWaived({ waiver: { by: 'POL', reason: 'trial' } }, Date.parse('2099-01-01T00:00:00Z'))).toBe(true);
    expect(restricts(entry, Date.parse('2026-11-26T11:59:59Z'))).toBe(false);
    expect(restricts(entry, Date.parse('2026-11-26T12:00:00Z'))).toBe(true);
    expect(restricts({ ...entry, removed: true }, Date.parse('2026-11-26T12:00:00Z'))).toBe(false);
    expect(restricts({})).toBe(true);
  });
});

describe('guard band: a share of the bandwidth per side, at least 25 kHz', () => {
  it.each<[string, Assignment['use'], number, number, number]>([
    ['a 25 kHz VHF voice channel: the 25 kHz floor', 'COMMS', 30.025, 30.05, 0.025],
    ['a 10 MHz drone datalink: 10 %', 'DATALINK', 2400, 2410, 1],
    ['a 40 MHz barrage jammer: 25 %', 'JAMMER', 1560, 1600, 10],
    ['a 20 MHz radar: 25 %', 'RADAR', 2900, 2920, 5],
    ['a GNSS L1 C/A receiver (2.046 MHz): 10 %', 'GNSS_RX', 1574.397, 1576.443, 0.2046],
  ])('%s', (_, use, lowMHz, highMHz, guard) => {
    expect(guardBandMHz({ use, lowMHz, highMHz })).toBeCloseTo(guard, 9);
  });
});
