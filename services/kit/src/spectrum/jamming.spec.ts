import { describe, expect, it } from 'vitest';
import { defaultTabooList, type RestrictedEntry } from '@tessera/schema';
import { findSpectrumConflicts, SpectrumIndex } from './engine.ts';
import { jammingCheck } from './jamming.ts';
import { fsplDb } from './propagation.ts';
import { assignment, circleAt, M_PER_DEG, iso, T0, HOUR } from './test-assignments.ts';

/**
 * A UKR jammer over GNSS L1 (1560-1600 MHz, 50 dBm, over a 5 km circle, antenna 10 m; guard band
 * 25 % = 10 MHz: widened 1550-1610) and a POL interceptor drone's GNSS receiver (1574-1577 MHz,
 * threshold −120 dBm, drones flying a 3 km circle at 120 m).
 */
const KM = 1000 / M_PER_DEG;
const jammer = (over = {}) =>
  assignment('ew-1', 'UKR', 'JAMMER', [1560, 1600], circleAt(50, 22, 5000, 10), { eirpDbm: 50, ...over });
const drones = (km: number) =>
  assignment('drone-gnss', 'POL', 'GNSS_RX', [1574, 1577], circleAt(50 + km * KM, 22, 3000, 120), {
    thresholdDbm: -120,
  });

describe('a jammer over GNSS L1 near a partner drone GNSS receiver', () => {
  const list = defaultTabooList('NAT', ['POL', 'UKR']);

  it('20 km apart (12 km between the areas): a conflict of 52.0 dB', () => {
    const cs = findSpectrumConflicts([jammer(), drones(20)], { restricted: list });
    expect(cs.map((x) => x.kind).sort()).toEqual(['INTERFERENCE', 'RESTRICTED_BAND']); // the jammer itself sits in L1
    const c = cs.find((x) => x.kind === 'INTERFERENCE');
    expect(c!.parties).toEqual(['POL', 'UKR']);
    const [p] = c!.paths;
    expect(p!.interferer.id).toBe('ew-1');
    expect(p!.distanceKm).toBeCloseTo(12, 3);
    expect(p!.horizonKm).toBeCloseTo(4.12 * (Math.sqrt(10) + Math.sqrt(120)), 9); // 58.16 km
    expect(p!.worstMHz).toBeCloseTo(1573.7, 9); // the receiver's widened low edge (guard 0.3 MHz)
    expect(p!.marginDb).toBeCloseTo(50 - fsplDb(12, 1573.7) + 120, 3);
    expect(p!.marginDb).toBeCloseTo(52.04, 2); // 50 − (21.58 + 63.94 + 32.44) + 120
  });

  it('200 km apart: beyond the 58 km horizon, no interference conflict', () => {
    const cs = findSpectrumConflicts([jammer(), drones(200)], { restricted: list });
    expect(cs.map((c) => c.kind)).toEqual(['RESTRICTED_BAND']);
  });

  it('the jamming request is refused, naming GNSS L1; its victims are listed with margins', () => {
    const check = jammingCheck(jammer(), list, new SpectrumIndex([drones(20)]));
    expect(check.refusal).toBe(
      'jamming over TABOO band: GNSS L1 (GPS L1, Galileo E1, GLONASS G1, BeiDou B1) (1559-1610 MHz)',
    );
    expect(check.taboo.map((h) => h.entry.id)).toEqual(['taboo-gnss-l1']);
    expect(check.victims.map((v) => [v.assignment.id, Math.round(v.marginDb * 10) / 10])).toEqual([['drone-gnss', 52]]);
  });

  it('waived (a trial with a NOTAM), it is not refused and makes no RESTRICTED_BAND conflict, but the drones remain victims', () => {
    const waived: RestrictedEntry[] = list.map((e) =>
      e.id === 'taboo-gnss-l1' ? { ...e, waiver: { by: 'NAT', reason: 'GNSS jamming trial, NOTAM A1234/26' } } : e,
    );
    const check = jammingCheck(jammer(), waived, new SpectrumIndex([drones(20)]));
    expect(check.refusal).toBeNull();
    expect(check.victims).toHaveLength(1);
    expect(findSpectrumConflicts([jammer(), drones(20)], { restricted: waived }).map((c) => c.kind)).toEqual([
      'INTERFERENCE',
    ]);
  });
});

describe('jamming over PROTECTED and GUARDED bands needs the owners', () => {
  const label = (n: string) => ({ policy: n, classification: 'SECRET' as const, originator: n, releasableTo: [] });
  const list: RestrictedEntry[] = [
    ...defaultTabooList(),
    {
      id: 'pol-link16',
      kind: 'PROTECTED',
      version: 1,
      lowMHz: 960,
      highMHz: 1215,
      nation: 'POL',
      label: label('POL'),
      reason: 'Link 16',
    },
    {
      id: 'ltu-guard',
      kind: 'GUARDED',
      version: 1,
      lowMHz: 1000,
      highMHz: 1010,
      nation: 'LTU',
      label: label('LTU'),
      reason: 'SIGINT',
    },
    {
      id: 'ukr-own',
      kind: 'PROTECTED',
      version: 1,
      lowMHz: 1100,
      highMHz: 1110,
      nation: 'UKR',
      label: label('UKR'),
      reason: 'own link',
    },
  ];
  // 990-1110 MHz, guard 30 MHz: widened 960-1140, below L5 (1164).
  const request = {
    nation: 'UKR',
    lowMHz: 990,
    highMHz: 1110,
    eirpDbm: 60,
    location: circleAt(50, 22, 5000, 10),
    validFrom: iso(T0),
    validTo: iso(T0 + HOUR),
  };

  it('not refused; the LTU and POL commanders must concur; its own entry needs nobody else', () => {
    const check = jammingCheck(request, list);
    expect(check.refusal).toBeNull();
    expect(check.concurrence.map((c) => [c.nation, c.hits.map((h) => h.entry.id)])).toEqual([
      ['LTU', ['ltu-guard']],
      ['POL', ['pol-link16']],
    ]);
    expect(check.own.map((h) => h.entry.id)).toEqual(['ukr-own']);
    expect(check.victims).toEqual([]);
  });

  it('30 MHz higher its widened band (990-1170) reaches GNSS L5 (1164-1189): refused', () => {
    const check = jammingCheck({ ...request, lowMHz: 1020, highMHz: 1140 }, list);
    expect(check.refusal).toMatch(/GNSS L5.*1164-1189 MHz/);
  });
});
