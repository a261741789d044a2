import { describe, expect, it } from 'vitest';
import type { Track } from '@tessera/schema';
import {
  FEATURES,
  featuresOf,
  NO_RCS_DBSM,
  reportOf,
  WINDOW_REPORTS,
  WINDOW_S,
  windowOf,
  type Report,
} from './features.ts';

/** 1 degree of latitude = R·π/180 = 6 371 008.8 × 0.0174533 = 111 194.93 m: a flight due north is easy to measure. */
const M_PER_DEG_LAT = 111_194.93;
const north = (m: number) => ({ lat: 50 + m / M_PER_DEG_LAT, lon: 24 });

const report = (tS: number, over: Partial<Report> = {}): Report => ({
  tS,
  ...north(0),
  altM: 1000,
  speedMps: 100,
  courseDeg: 0,
  climbMps: 0,
  ...over,
});

describe('features', () => {
  it('names each feature once, with a unit and a meaning (the model file lists them in this order)', () => {
    const names = FEATURES.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const f of FEATURES) expect(f.description.length, f.name).toBeGreaterThan(10);
    expect(names.slice(0, 8)).toEqual([
      'speed',
      'altitude',
      'climb',
      'flight path angle',
      'turn rate',
      'acceleration',
      'speed variation',
      'track speed',
    ]);
  });

  it('computes a known window by hand', () => {
    // Three reports 2 s apart flying north 400 m in 4 s:
    //   speeds 100, 104, 102     -> median 102; spread (104 - 100) / 102 = 3.9216 %; acceleration (102 - 100) / 4 = 0.5 m/s²
    //   altitudes 1000, 1010, 990 -> median 1000
    //   climbs 2, 4, 3           -> median 3; flight path angle atan2(3, 102) = 0.029403 rad = 1.6847°
    //   courses 10, 350, 20      -> turns of 20° (across north) and 30°: 50° in 4 s = 12.5 °/s
    //   positions 0, 200, 400 m north -> 400 m / 4 s = 100 m/s
    //   cross-sections -10, -14, -12 dBsm -> median -12
    const history: Report[] = [
      { tS: 1000, ...north(0), altM: 1000, speedMps: 100, courseDeg: 10, climbMps: 2, rcsDbsm: -10 },
      { tS: 1002, ...north(200), altM: 1010, speedMps: 104, courseDeg: 350, climbMps: 4, rcsDbsm: -14 },
      { tS: 1004, ...north(400), altM: 990, speedMps: 102, courseDeg: 20, climbMps: 3, rcsDbsm: -12 },
    ];
    const f = featuresOf(history);
    const expected: Record<string, number> = {
      speed: 102,
      altitude: 1000,
      climb: 3,
      'flight path angle': 1.6847,
      'turn rate': 12.5,
      acceleration: 0.5,
      'speed variation': 3.9216,
      'track speed': 100,
      'radar cross-section': -12,
    };
    // a new feature needs its hand-computed value here
    expect(FEATURES.map((x) => x.name)).toEqual(Object.keys(expected));
    expect(f).toHaveLength(FEATURES.length);
    FEATURES.forEach(({ name }, i) => expect(f[i], name).toBeCloseTo(expected[name]!, 3));
  });

  it('takes the median of an even window as the mean of the middle two', () => {
    const h = [100, 110, 120, 200].map((s, i) => report(1000 + i, { speedMps: s }));
    expect(featuresOf(h)[0]).toBe(115);
  });

  it('a single report: its own values, no turn or acceleration, track speed = reported speed', () => {
    const f = featuresOf([report(1000, { speedMps: 55, altM: 150, climbMps: -1, courseDeg: 270 })]);
    expect(f[0]).toBe(55);
    expect(f[1]).toBe(150);
    expect(f[2]).toBe(-1);
    expect(f[4]).toBe(0);
    expect(f[5]).toBe(0);
    expect(f[6]).toBe(0);
    expect(f[7]).toBe(55);
  });

  it('a hovering object (speed 0) has no speed spread and a vertical flight path when it climbs', () => {
    const f = featuresOf([report(1000, { speedMps: 0, climbMps: 2 }), report(1002, { speedMps: 0, climbMps: 2 })]);
    expect(f[3]).toBeCloseTo(87.14, 2); // atan2(2, 0.1)
    expect(f[6]).toBe(0);
  });

  it('takes the cross-section from the reports that have one, a fixed value when none has', () => {
    const rcs = (h: Report[]) => featuresOf(h)[FEATURES.findIndex((f) => f.name === 'radar cross-section')];
    expect(rcs([report(1000), report(1002)])).toBe(NO_RCS_DBSM);
    expect(rcs([report(1000, { rcsDbsm: 5 }), report(1002), report(1004, { rcsDbsm: 1 })])).toBe(3);
  });

  it('needs at least one report', () => {
    expect(() => featuresOf([])).toThrow(/at least one report/);
    expect(windowOf([])).toEqual([]);
  });

  it('looks at the last 8 reports only', () => {
    expect(WINDOW_REPORTS).toBe(8);
    const h = Array.from({ length: 12 }, (_, i) => report(1000 + i, { speedMps: i < 4 ? 1000 : 100 }));
    expect(windowOf(h)).toEqual(h.slice(4));
    // the four 1000 m/s reports before the window change nothing
    expect(featuresOf(h)).toEqual(featuresOf(h.slice(4)));
  });

  it('and only those at most 60 s older than the last', () => {
    expect(WINDOW_S).toBe(60);
    const h = [0, 14, 15, 70, 75].map((t) => report(1000 + t));
    expect(windowOf(h).map((r) => r.tS - 1000)).toEqual([15, 70, 75]); // 75 - 15 = 60 is still in
  });

  it('reads a report from a track: observation time, position and velocity', () => {
    const track = {
      id: 'UKR-owa-01',
      label: { policy: 'NATO', classification: 'RESTRICTED', originator: 'UKR', releasableTo: ['POL'] },
      provenance: {
        nation: 'UKR',
        system: 'UKR-FUSION',
        sourceId: 'ukr-radar-1',
        observedAt: '2026-11-26T12:00:10.500Z',
        publishedAt: '2026-11-26T12:00:11.000Z',
      },
      kind: 'UAS',
      identity: 'HOSTILE',
      assessments: [],
      position: { lat: 50.1, lon: 23.9, altM: 150 },
      velocity: { speedMps: 50, courseDeg: 240, climbMps: -0.3 },
      quality: 0.9,
      updatedAt: '2026-11-26T12:00:11.000Z',
      staleAt: '2026-11-26T12:00:20.000Z',
      fieldLabels: [],
    } satisfies Track;
    expect(reportOf(track)).toEqual({
      tS: Date.UTC(2026, 10, 26, 12, 0, 10, 500) / 1000,
      lat: 50.1,
      lon: 23.9,
      altM: 150,
      speedMps: 50,
      courseDeg: 240,
      climbMps: -0.3,
    });
  });
});
