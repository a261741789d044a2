import { describe, expect, it } from 'vitest';
import { defaultTabooList, type RestrictedEntry } from '@tessera/schema';
import {
  findSpectrumConflicts,
  findSpectrumConflictsPairwise,
  interference,
  spectrumConflictId,
  spectrumConflictsWith,
  SpectrumIndex,
} from './engine.ts';
import { locationDistanceKm, prepareLocation } from './location.ts';
import { fsplDb } from './propagation.ts';
import { assignment, at, boxAt, circleAt, HOUR, iso, M_PER_DEG, T0 } from './test-assignments.ts';

/** 1 km north of (50, 22). */
const KM_NORTH = 1000 / M_PER_DEG;

/** A POL radio transmitting 300-310 MHz at 40 dBm (guard band 1 MHz: widened 299-311). */
const tx = (over = {}) => assignment('tx', 'POL', 'COMMS', [300, 310], at(50, 22), { eirpDbm: 40, ...over });
/** A UKR receiver 1 km north with a −100 dBm threshold, band [low, low + 10] (guard 1 MHz). */
const rx = (low: number, over = {}) =>
  assignment('rx', 'UKR', 'COMMS', [low, low + 10], at(50 + KM_NORTH, 22), { thresholdDbm: -100, ...over });

describe('the interference rule, worked examples', () => {
  it('overlapping after guard bands, 1 km apart: margin = 40 − FSPL(1 km, 310.5 MHz) + 100 = 57.72 dB', () => {
    // rx 311.5-321.5 widens to 310.5-322.5; tx widens to 299-311: overlap 310.5-311 (0.5 MHz).
    const i = interference(tx(), rx(311.5))!;
    expect(i.overlapMHz).toBeCloseTo(0.5, 9);
    expect(i.worstMHz).toBe(310.5); // the lowest frequency of the overlap: the worst case
    expect(i.distanceKm).toBeCloseTo(1, 3);
    expect(i.receivedDbm).toBeCloseTo(40 - (20 * Math.log10(310.5) + 32.44), 2); // −42.28 dBm
    expect(i.marginDb).toBeCloseTo(57.72, 2);
  });

  it('bands that only touch after widening do not interfere (311 = 311); 1 kHz more overlap does', () => {
    expect(interference(tx(), rx(312))).toBeNull(); // widened 299-311 and 311-323
    expect(interference(tx(), rx(311.999))).not.toBeNull();
  });

  it('without guard bands the same bands would be 1.5 MHz apart: the guard band is what makes them meet', () => {
    const a = tx();
    const b = rx(311.5);
    expect(b.lowMHz - a.highMHz).toBe(1.5);
    expect(interference(a, b)).not.toBeNull();
  });

  it('an assignment that transmits and receives (a radar) does not harm itself', () => {
    const radar = tx({ use: 'RADAR', thresholdDbm: -100 });
    expect(interference(radar, radar)).toBeNull();
    expect(interference(radar, { ...radar, version: 2 })).toBeNull();
  });

  it('it is directional: a receiver does not harm a transmitter', () => {
    expect(interference(rx(305), tx())).toBeNull();
  });

  it('time windows: touching windows do not overlap; overlapping by a minute do; `at` after the overlap ends: past', () => {
    const a = tx({ validFrom: iso(T0), validTo: iso(T0 + HOUR) });
    expect(interference(a, rx(305, { validFrom: iso(T0 + HOUR), validTo: iso(T0 + 2 * HOUR) }))).toBeNull();
    const b = rx(305, { validFrom: iso(T0 + HOUR - 60_000) });
    expect(interference(a, b)).not.toBeNull();
    expect(interference(a, b, T0 + HOUR)).toBeNull();
    expect(interference(a, b, T0 + HOUR - 1)).not.toBeNull();
  });

  it('ENDED assignments harm nothing and are harmed by nothing; PROPOSED ones count', () => {
    expect(interference(tx({ state: 'ENDED' }), rx(305))).toBeNull();
    expect(interference(tx(), rx(305, { state: 'ENDED' }))).toBeNull();
    expect(interference(tx({ state: 'PROPOSED' }), rx(305))).not.toBeNull();
  });

  it('the threshold is exceeded strictly: received power equal to it is no interference', () => {
    const i = interference(tx(), rx(305))!;
    expect(interference(tx(), rx(305, { thresholdDbm: i.receivedDbm }))).toBeNull();
    expect(interference(tx(), rx(305, { thresholdDbm: i.receivedDbm - 1e-6 }))).not.toBeNull();
  });
});

describe('radio horizon: beyond it nothing interferes, whatever the power', () => {
  // Both antennas 10 m: horizon 4.12·2·√10 = 26.06 km.
  const far = (km: number) => rx(305, { location: at(50 + (km * 1000) / M_PER_DEG, 22) });
  it('at 25 km a 40 dBm radio harms a −100 dBm receiver', () => {
    const i = interference(tx(), far(25))!;
    expect(i.horizonKm).toBeCloseTo(26.06, 2);
    expect(i.worstMHz).toBe(304); // overlap of 299-311 and 304-316 starts at 304
    expect(i.marginDb).toBeCloseTo(40 - fsplDb(25, 304) + 100, 1); // 29.94 dB
  });
  it.each([40, 100, 150])('at 27 km, even at %s dBm, nothing', (eirpDbm) => {
    expect(interference(tx({ eirpDbm }), far(27))).toBeNull();
  });
  it('raising the receiver to 100 m brings 27 km back inside (4.12·(√10 + 10) = 54.2 km)', () => {
    const high = { ...far(27), location: { ...far(27).location, antennaHeightM: 100 } };
    expect(interference(tx(), high)).not.toBeNull();
  });
  it('two antennas on the ground (0 m) only interfere where they meet (distance 0)', () => {
    const ground = tx({ location: at(50, 22, 0) });
    expect(interference(ground, rx(305, { location: at(50 + KM_NORTH, 22, 0) }))).toBeNull();
    const over = interference(ground, rx(305, { location: circleAt(50, 22, 500, 0) }))!;
    expect(over.distanceKm).toBe(0);
    expect(over.receivedDbm).toBeCloseTo(40 - fsplDb(0.01, 304), 9); // d clamped to 10 m
  });
});

describe('distances between locations (shortest)', () => {
  const p = (l: Parameters<typeof prepareLocation>[0]) => prepareLocation(l);
  it('point to point: great circle', () => {
    expect(locationDistanceKm(p(at(50, 22)), p(at(50 + 10 * KM_NORTH, 22)))).toBeCloseTo(10, 4);
  });
  it('point to circle and circle to circle: centre distance less the radii, 0 inside', () => {
    expect(locationDistanceKm(p(at(50, 22)), p(circleAt(50 + 10 * KM_NORTH, 22, 3000)))).toBeCloseTo(7, 4);
    expect(locationDistanceKm(p(circleAt(50, 22, 2000)), p(circleAt(50 + 10 * KM_NORTH, 22, 3000)))).toBeCloseTo(5, 4);
    expect(locationDistanceKm(p(at(50, 22)), p(circleAt(50 + KM_NORTH, 22, 3000)))).toBe(0);
  });
  it('polygon to polygon: the gap between the boxes; 0 when they cross without a corner inside the other', () => {
    const a = p(boxAt([50, 22, 50.1, 22.1]));
    expect(locationDistanceKm(a, p(boxAt([50.2, 22, 50.3, 22.1])))).toBeCloseTo(0.1 * (M_PER_DEG / 1000), 2);
    // a cross: a tall thin box over a wide flat one, no corner of either inside the other
    expect(locationDistanceKm(p(boxAt([50, 22.04, 50.1, 22.06])), p(boxAt([50.04, 22, 50.06, 22.1])))).toBe(0);
    expect(locationDistanceKm(a, p(at(50.05, 22.05)))).toBe(0);
  });
  it('is symmetric', () => {
    const locs = [at(50, 22), circleAt(50.2, 22.3, 4000), boxAt([50.3, 21.8, 50.4, 22.0])].map(p);
    for (const x of locs)
      for (const y of locs) expect(locationDistanceKm(x, y)).toBeCloseTo(locationDistanceKm(y, x), 6);
  });
});

describe('conflicts between assignments', () => {
  it('a cross-nation pair conflicts once, with severity = the larger margin and both directions when both harm', () => {
    const a = tx({ thresholdDbm: -90 });
    const b = rx(305, { eirpDbm: 30 });
    const [c, ...rest] = findSpectrumConflicts([a, b]);
    expect(rest).toEqual([]);
    expect(c!.kind).toBe('INTERFERENCE');
    expect(c!.parties).toEqual(['POL', 'UKR']);
    expect(c!.paths).toHaveLength(2);
    expect(c!.severityDb).toBe(Math.max(...c!.paths.map((x) => x.marginDb)));
    expect(c!.basedOn).toEqual([
      { nation: 'POL', id: 'tx', version: 1 },
      { nation: 'UKR', id: 'rx', version: 1 },
    ]);
  });

  it("one nation's own assignments do not conflict, unless sameNation is asked for", () => {
    const mine = [tx(), rx(305, { nation: 'POL' })];
    expect(findSpectrumConflicts(mine)).toEqual([]);
    const [c] = findSpectrumConflicts(mine, { sameNation: true });
    expect(c!.parties).toEqual(['POL']);
  });

  it('ids are deterministic, the same in either order and at any version, keyed with idKey', () => {
    const id = spectrumConflictId({ nation: 'POL', id: 'tx' }, { nation: 'UKR', id: 'rx' });
    expect(id).toMatch(/^s-[0-9a-f]{32}$/);
    expect(spectrumConflictId({ nation: 'UKR', id: 'rx' }, { nation: 'POL', id: 'tx' })).toBe(id);
    expect(findSpectrumConflicts([rx(305, { version: 7 }), tx({ version: 3 })])[0]!.id).toBe(id);
    expect(spectrumConflictId({ nation: 'POL', id: 'tx' }, { nation: 'UKR', id: 'rx' }, 'secret')).not.toBe(id);
  });

  it('the incremental answer after an edit equals the full one, and the index follows upserts and removals', () => {
    const index = new SpectrumIndex([tx(), rx(330)]);
    expect(findSpectrumConflicts(index)).toEqual([]);
    const moved = rx(305, { version: 2 });
    const changed = spectrumConflictsWith(moved, index);
    index.upsert(moved);
    expect(changed.map((c) => c.id)).toEqual(findSpectrumConflicts(index).map((c) => c.id));
    expect(findSpectrumConflicts(index)).toEqual(findSpectrumConflictsPairwise(index.values()));
    index.upsert({ ...moved, state: 'ENDED', version: 3 });
    expect(findSpectrumConflicts(index)).toEqual([]);
    expect(index.remove('UKR', 'rx')).toBe(true);
    expect(index.size).toBe(1);
  });
});

describe('TABOO bands: any transmission in one is a conflict unless waived', () => {
  const list = defaultTabooList('NAT');
  /** A 2.5 MHz datalink (guard band 10 % = 0.25 MHz) ending at 406 MHz: widened 403.25-406.25. */
  const beacon = (over = {}) =>
    assignment('sar-link', 'LTU', 'DATALINK', [403.5, 406], at(54, 25), { eirpDbm: 30, ...over });
  it('a datalink at 403.5-406 MHz widened by 0.25 MHz reaches into COSPAS-SARSAT 406-406.1 MHz', () => {
    const [c, ...rest] = findSpectrumConflicts([beacon()], { restricted: list });
    expect(rest).toEqual([]);
    expect(c!.kind).toBe('RESTRICTED_BAND');
    expect(c!.entry!.id).toBe('taboo-cospas-sarsat');
    expect(c!.parties).toEqual(['LTU', 'NAT']);
    expect(c!.severityDb).toBeNull();
    expect(c!.overlapMHz).toBeCloseTo(0.1, 9); // 406-406.1, all of it
  });
  it('one 0.25 MHz lower (widened edge touches 406.0 exactly) is not', () => {
    expect(findSpectrumConflicts([beacon({ lowMHz: 403.25, highMHz: 405.75 })], { restricted: list })).toEqual([]);
  });
  it('a receiver in a TABOO band is no transmission', () => {
    const rxOnly = beacon({ eirpDbm: undefined, thresholdDbm: -120 });
    delete rxOnly.eirpDbm;
    expect(findSpectrumConflicts([rxOnly], { restricted: list })).toEqual([]);
  });
  it("a nation's own TABOO net (e.g. its C2): its radios transmit there, a jammer over it is a conflict", () => {
    const c2: RestrictedEntry = {
      ...list[0]!,
      noTransmission: false,
      id: 'pol-c2',
      lowMHz: 403,
      highMHz: 406.5,
      nation: 'POL',
    };
    expect(findSpectrumConflicts([beacon()], { restricted: [c2] })).toEqual([]);
    const jammer = findSpectrumConflicts([beacon({ use: 'JAMMER' })], { restricted: [c2] });
    expect(jammer.map((c) => [c.kind, c.entry?.id])).toEqual([['RESTRICTED_BAND', 'pol-c2']]);
  });
  it('a waived entry is not a conflict; a waiver that has expired is, and one that ends does not hold for ever', () => {
    const waived: RestrictedEntry[] = list.map((e) =>
      e.id === 'taboo-cospas-sarsat' ? { ...e, waiver: { by: 'NAT', reason: 'beacon test', validTo: iso(T0) } } : e,
    );
    // Without `at` the question is "at any time": a waiver that ends does not cover all of it.
    expect(findSpectrumConflicts([beacon()], { restricted: waived })).toHaveLength(1);
    expect(findSpectrumConflicts([beacon()], { restricted: waived, at: T0 - 1 })).toEqual([]);
    expect(findSpectrumConflicts([beacon()], { restricted: waived, at: T0 })).toHaveLength(1);
    const forGood = list.map((e) =>
      e.id === 'taboo-cospas-sarsat' ? { ...e, waiver: { by: 'NAT', reason: 'beacon test' } } : e,
    );
    expect(findSpectrumConflicts([beacon()], { restricted: forGood })).toEqual([]);
    const removed = list.map((e) => (e.id === 'taboo-cospas-sarsat' ? { ...e, removed: true } : e));
    expect(findSpectrumConflicts([beacon()], { restricted: removed, at: T0 })).toEqual([]);
  });
});
