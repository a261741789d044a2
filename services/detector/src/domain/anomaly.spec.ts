import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AnomalyKind, Raid, Scenario } from '@tessera/schema';
import { destination, offset } from '@tessera/service-kit/geo';
import { loadScenarioFile } from '@tessera/twin/scenario-file';
import { createSimulation } from '@tessera/twin/simulation';
import { checkPlausibility, DEFAULT_LIMITS, type Finding } from './anomaly.ts';
import { reportOf, type Report } from './features.ts';

/** A small seeded generator (mulberry32) and a standard normal from it: noisy but repeatable. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()) };
}

interface FlightOptions {
  n: number;
  periodS?: number;
  speedMps?: number;
  courseDeg?: number;
  /** One-sigma position noise (m), relative speed noise and course noise (deg), like the twin's sensors. */
  noiseM?: number;
  speedNoise?: number;
  courseNoiseDeg?: number;
  seed?: number;
}

/** Reports of an honest straight flight from 50 N 24 E, every `periodS`. */
function flight(o: FlightOptions): Report[] {
  const { n, periodS = 2, speedMps = 50, courseDeg = 90, noiseM = 0, speedNoise = 0, courseNoiseDeg = 0, seed = 1 } = o;
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const truth = destination({ lat: 50, lon: 24 }, speedMps * periodS * i, courseDeg);
    const p = offset(truth, noiseM * r.normal(), noiseM * r.normal());
    return {
      tS: 1_000 + periodS * i,
      lat: p.lat,
      lon: p.lon,
      altM: 300,
      speedMps: speedMps * (1 + speedNoise * r.normal()),
      courseDeg: (courseDeg + courseNoiseDeg * r.normal() + 360) % 360,
      climbMps: 0,
    };
  });
}

/** Findings after each report, as the detector checks them: one entry per report. */
const everyStep = (history: Report[]) => history.map((_, i) => checkPlausibility(history.slice(0, i + 1)));
const kinds = (fs: Finding[]) => fs.map((f) => f.kind);

describe('checkPlausibility', () => {
  it('needs two reports and an advancing clock', () => {
    const [a, b] = flight({ n: 2 });
    expect(checkPlausibility([])).toEqual([]);
    expect(checkPlausibility([a!])).toEqual([]);
    expect(checkPlausibility([a!, { ...b!, tS: a!.tS, lon: b!.lon + 1 }])).toEqual([]);
  });

  const honest: [string, FlightOptions][] = [
    [
      'a drone at 50 m/s, 2 s radar, 50 m noise',
      { n: 40, speedMps: 50, noiseM: 50, speedNoise: 0.02, courseNoiseDeg: 1 },
    ],
    [
      'a slow FPV at 15 m/s, 5 s period, 150 m noise',
      { n: 40, periodS: 5, speedMps: 15, noiseM: 150, speedNoise: 0.02, courseNoiseDeg: 1, seed: 2 },
    ],
    [
      'an airliner at 240 m/s, 4 s period, 80 m noise',
      { n: 40, periodS: 4, speedMps: 240, courseDeg: 225, noiseM: 80, speedNoise: 0.02, courseNoiseDeg: 1, seed: 3 },
    ],
    [
      'a ballistic missile at 2000 m/s, 1 s period',
      { n: 60, periodS: 1, speedMps: 2000, courseDeg: 300, noiseM: 30, speedNoise: 0.02, courseNoiseDeg: 1, seed: 4 },
    ],
    [
      'a balloon at 5 m/s, 150 m noise',
      { n: 40, periodS: 3, speedMps: 5, noiseM: 150, speedNoise: 0.02, courseNoiseDeg: 5, seed: 5 },
    ],
  ];
  it.each(honest)('finds nothing in honest noisy reports: %s', (_, o) => {
    expect(everyStep(flight(o)).flat()).toEqual([]);
  });

  it('POSITION_JUMP: 10 km in 2 s at 50 m/s (explained: 50·2·1.5 + 2000 = 2150 m)', () => {
    // 40 s of history: the velocity check would see the jump too, but a jump is reported as a jump only
    const h = flight({ n: 20 });
    const last = h[h.length - 1]!;
    const jumped = { ...last, tS: last.tS + 2, ...offset(destination(last, 100, 90), 0, 10_000) };
    const fs = checkPlausibility([...h, jumped]);
    expect(kinds(fs)).toEqual(['POSITION_JUMP']);
    const [f] = fs;
    expect(f!.reports).toEqual([last, jumped]);
    const distance = f!.evidence.find((e) => e.name === 'distance between reports')!;
    expect(distance.value).toBeGreaterThan(9_950);
    expect(distance.value).toBeLessThan(10_050);
    expect(distance).toMatchObject({ threshold: 2_150, unit: 'm' });
    expect(f!.evidence.find((e) => e.name === 'implied speed')).toMatchObject({ threshold: 1_075, unit: 'm/s' });
    expect(f!.summary).toMatch(/^Position jumped 10\.0 km in 2 s/);
    // 2 km in 2 s is still within the allowance
    const near = { ...last, tS: last.tS + 2, ...offset(destination(last, 100, 90), 0, 2_000) };
    expect(checkPlausibility([...h, near])).toEqual([]);
  });

  it('IMPOSSIBLE_ACCELERATION: 50 to 400 m/s in 1 s (350 m/s² > 150 + 0.1·400/1 = 190)', () => {
    const h = flight({ n: 10, periodS: 1 });
    const last = h[h.length - 1]!;
    const next = { ...last, tS: last.tS + 1, ...destination(last, 50, 90), speedMps: 400 };
    const fs = checkPlausibility([...h, next]);
    expect(kinds(fs)).toEqual(['IMPOSSIBLE_ACCELERATION']);
    expect(fs[0]!.evidence).toEqual([{ name: 'acceleration', value: 350, threshold: 190, unit: 'm/s²' }]);
    expect(fs[0]!.summary).toBe('Speed changed from 50 to 400 m/s in 1 s (35.7 g)');
    // a fighter pulling 50 -> 150 m/s in 1 s (100 m/s²) is possible
    expect(checkPlausibility([...h, { ...next, speedMps: 150 }])).toEqual([]);
  });

  it('FROZEN_POSITION: three identical positions at 50 m/s, reported once (not again on the 4th)', () => {
    const h = flight({ n: 10 });
    const last = h[h.length - 1]!;
    const frozen = [1, 2, 3].map((i) => ({ ...last, tS: last.tS + 2 * i }));
    const steps = everyStep([...h, ...frozen]).slice(h.length - 1);
    // last honest, 2nd identical, 3rd identical (finding), 4th identical (quiet)
    expect(steps.map(kinds)).toEqual([[], [], ['FROZEN_POSITION'], []]);
    const f = steps[2]![0]!;
    expect(f.reports).toEqual([last, frozen[0], frozen[1]]);
    expect(f.evidence).toEqual([
      { name: 'identical reports', value: 3, threshold: 3, unit: 'reports' },
      { name: 'reported speed', value: 50, threshold: 10, unit: 'm/s' },
    ]);
    // frozen from the very first report counts too; a hovering object (slower than 10 m/s) does not
    expect(kinds(checkPlausibility(frozen))).toEqual(['FROZEN_POSITION']);
    expect(checkPlausibility(frozen.map((r) => ({ ...r, speedMps: 5 })))).toEqual([]);
  });

  it('VELOCITY_MISMATCH: positions drifting off at 150 m/s while the track reports 50 m/s east, once 30 s are in view', () => {
    const r = rng(9);
    const start = { lat: 50, lon: 24 };
    // truth 50 m/s east plus 150 m/s north of drift: 316 m per 2 s report, well inside the jump allowance
    const h: Report[] = Array.from({ length: 26 }, (_, i) => ({
      tS: 2_000 + 2 * i,
      ...offset(start, 100 * i + 20 * r.normal(), 300 * i + 20 * r.normal()),
      altM: 300,
      speedMps: 50,
      courseDeg: 90,
      climbMps: 0,
    }));
    const steps = everyStep(h);
    // nothing until the window spans 30 s (report 16, t = 30 s), then the mismatch every report
    expect(steps.slice(0, 15).flat()).toEqual([]);
    for (const s of steps.slice(15)) expect(kinds(s)).toEqual(['VELOCITY_MISMATCH']);
    const f = steps[25]![0]!;
    const diff = f.evidence[0]!;
    expect(diff).toMatchObject({ name: 'velocity disagreement', threshold: 60, unit: 'm/s' });
    expect(diff.value).toBeGreaterThan(145);
    expect(diff.value).toBeLessThan(155);
    expect(f.reports[1]).toBe(h[25]);
  });

  it('says nothing across a gap longer than maxGapS, even a large jump', () => {
    const h = flight({ n: 10 });
    const last = h[h.length - 1]!;
    // 10 km in 31 s at 50 m/s: more than 50·31·1.5 + 2000 = 4325 m explain
    const after = { ...last, tS: last.tS + DEFAULT_LIMITS.maxGapS + 1, ...offset(last, 0, 10_000) };
    expect(checkPlausibility([...h, after])).toEqual([]);
    // the same jump within the gap limit is found
    expect(kinds(checkPlausibility([...h, { ...after, tS: last.tS + DEFAULT_LIMITS.maxGapS }]))).toContain(
      'POSITION_JUMP',
    );
  });
});

describe('plausibility on the digital twin', () => {
  const scenarioPath = (name: string) =>
    fileURLToPath(new URL(`../../../twin/scenarios/${name}.json`, import.meta.url));

  /** Every finding on every track over `untilS` of the scenario, checked as the detector does (bounded history, reset on removal). */
  function findings(scenario: Scenario, untilS: number, stepS = 5) {
    const sim = createSimulation(scenario, Date.UTC(2026, 10, 26, 12));
    const histories = new Map<string, Report[]>();
    const out: { trackId: string; kind: AnomalyKind; atS: number }[] = [];
    let reports = 0;
    for (let t = stepS; t <= untilS; t += stepS) {
      for (const e of sim.advanceTo(t)) {
        if (e.type === 'removal') {
          histories.delete(e.removal.id);
          continue;
        }
        const h = histories.get(e.track.id) ?? [];
        h.push(reportOf(e.track));
        if (h.length > 24) h.shift();
        histories.set(e.track.id, h);
        reports++;
        for (const f of checkPlausibility(h)) out.push({ trackId: e.track.id, kind: f.kind, atS: e.atS });
      }
    }
    return { out, reports, flights: sim.flights };
  }
  const spoofedRaids = (s: Scenario) => new Set(s.raids.filter((r) => r.spoofing).map((r) => r.id));
  const raidOf = (trackId: string) => trackId.replace(/^[A-Z]{3}-/, '').replace(/-\d+$/, '');

  it('raises no false alarm on any honest track of the demo in 30 minutes, and catches its spoofed raid', async () => {
    const demo = await loadScenarioFile(scenarioPath('demo'));
    const spoofed = spoofedRaids(demo);
    expect(spoofed.size).toBeGreaterThan(0);
    const { out, reports } = findings(demo, 1_800);
    expect(reports).toBeGreaterThan(10_000);
    expect(out.filter((f) => !spoofed.has(raidOf(f.trackId)))).toEqual([]);
    for (const raid of demo.raids.filter((r) => r.spoofing)) {
      const expected = { JUMP: 'POSITION_JUMP', FREEZE: 'FROZEN_POSITION', DRIFT: 'VELOCITY_MISMATCH' }[
        raid.spoofing!.mode
      ];
      const onset = raid.startS + raid.spoofing!.afterS;
      const first = out.find((f) => raidOf(f.trackId) === raid.id && f.kind === expected);
      expect(first, `${raid.id} ${raid.spoofing!.mode}`).toBeDefined();
      // found within a few reports of the onset, never before it
      expect(first!.atS).toBeGreaterThanOrEqual(onset);
      expect(first!.atS).toBeLessThanOrEqual(onset + (raid.spoofing!.mode === 'DRIFT' ? 60 : 15));
      expect(out.filter((f) => raidOf(f.trackId) === raid.id).every((f) => f.atS >= onset)).toBe(true);
    }
  });

  it('catches each spoofing mode in the test scenario and nothing else', async () => {
    const small = await loadScenarioFile(scenarioPath('test-small'));
    const base = small.raids.find((r) => r.id === 'stray')!;
    const spoofedRaid = (id: string, spoofing: NonNullable<Raid['spoofing']>): Raid => ({
      ...base,
      id,
      kind: 'UAS',
      identity: 'HOSTILE',
      spoofing,
      speedMps: 50,
      route: [
        { lat: 50.15, lon: 22.9, altM: 400 },
        { lat: 50.05, lon: 22.6, altM: 0 },
      ],
    });
    const scenario: Scenario = {
      ...small,
      raids: [
        ...small.raids.filter((r) => !r.spoofing),
        spoofedRaid('jump', { afterS: 60, mode: 'JUMP', offsetKm: 10, bearingDeg: 0, driftMps: 150 }),
        spoofedRaid('freeze', { afterS: 60, mode: 'FREEZE', offsetKm: 10, bearingDeg: 0, driftMps: 150 }),
        spoofedRaid('drift', { afterS: 60, mode: 'DRIFT', offsetKm: 10, bearingDeg: 0, driftMps: 150 }),
      ],
    };
    const { out } = findings(scenario, 400, 1);
    const byTrack = (id: string) => [...new Set(out.filter((f) => f.trackId === id).map((f) => f.kind))];
    expect(out.filter((f) => !['POL-jump-01', 'POL-freeze-01', 'POL-drift-01'].includes(f.trackId))).toEqual([]);
    expect(byTrack('POL-jump-01')[0]).toBe('POSITION_JUMP');
    expect(byTrack('POL-freeze-01')).toEqual(['FROZEN_POSITION']);
    expect(byTrack('POL-drift-01')).toEqual(['VELOCITY_MISMATCH']);
    for (const f of out) expect(f.atS).toBeGreaterThanOrEqual(60);
  });
});
