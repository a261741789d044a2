// Spectrum interference engine (issue #13): re-evaluating 5,000 assignments after one edit (target
// p99 < 20 ms on one core) and a full evaluation, each against brute force (every pair compared) in
// the same run. One thread; the assignments are random but seeded, so every run sees the same
// spectrum. Times are CPU time of the process (see `time`).
// Run: pnpm --filter @tessera/service-kit bench (or `node bench/spectrum.bench.ts` in services/kit).
import os from 'node:os';
import { HOUR, n, NATIONS, pct, rng, T0, time } from './support.ts';
import { defaultTabooList, type SpectrumAssignment, type SpectrumLocation, type SpectrumUse } from '@tessera/schema';
import {
  findSpectrumConflicts,
  findSpectrumConflictsPairwise,
  spectrumConflictsWith,
  SpectrumIndex,
  suggestResolutions,
  type SpectrumConflict,
} from '@tessera/service-kit/spectrum';

/**
 * Where the assignments lie. THEATRE: the eastern flank, 46-56 N 14-32 E (about 1,110 x 1,250 km).
 * DENSE: the same number packed into 49.5-51.5 N 21-24 E (about 220 x 215 km), a stress case.
 */
const THEATRE = { south: 46, north: 56, west: 14, east: 32 };
const DENSE = { south: 49.5, north: 51.5, west: 21, east: 24 };
type Region = typeof THEATRE;
let AREA: Region = THEATRE;

interface Kind {
  use: SpectrumUse;
  share: number;
  /** Bands the systems are placed in, MHz. */
  bands: [number, number][];
  /** Bandwidth range, MHz. */
  bw: [number, number];
  eirp?: [number, number];
  threshold?: number;
  /** Antenna height range, m; `area`: a circle of that radius range (km) instead of a point. */
  h: [number, number];
  area?: [number, number];
  /** Channel raster, MHz. */
  raster: number;
}
const KINDS: Kind[] = [
  {
    use: 'COMMS',
    share: 0.35,
    bands: [
      [30, 88],
      [225, 400],
    ],
    bw: [0.025, 0.025],
    eirp: [37, 47],
    threshold: -110,
    h: [2, 15],
    raster: 0.025,
  },
  {
    use: 'DATALINK',
    share: 0.2,
    bands: [
      [2400, 2483.5],
      [5725, 5875],
    ],
    bw: [2, 20],
    eirp: [20, 33],
    threshold: -95,
    h: [50, 300],
    area: [2, 15],
    raster: 1,
  },
  {
    use: 'GNSS_RX',
    share: 0.1,
    bands: [[1574.397, 1574.397]],
    bw: [2.046, 2.046],
    threshold: -130,
    h: [50, 300],
    area: [2, 15],
    raster: 1,
  },
  {
    use: 'RADAR',
    share: 0.15,
    bands: [
      [2700, 3100],
      [8500, 10500],
    ],
    bw: [2, 20],
    eirp: [80, 100],
    threshold: -100,
    h: [8, 30],
    raster: 1,
  },
  {
    use: 'NAVAID',
    share: 0.1,
    bands: [[962, 1213]],
    bw: [1, 1],
    eirp: [50, 60],
    threshold: -90,
    h: [5, 20],
    raster: 1,
  },
  {
    use: 'JAMMER',
    share: 0.05,
    bands: [[400, 6000]],
    bw: [10, 60],
    eirp: [40, 60],
    h: [5, 30],
    area: [2, 10],
    raster: 1,
  },
  { use: 'ESM_RX', share: 0.05, bands: [[30, 6000]], bw: [20, 200], threshold: -80, h: [5, 30], raster: 1 },
];

function assignment(i: number, r: () => number, version = 1): SpectrumAssignment {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const range = ([a, b]: [number, number]) => a + r() * (b - a);
  let u = r();
  const k = KINDS.find((x) => (u -= x.share) < 0) ?? KINDS[0]!;
  const nation = pick(NATIONS);
  const bw = range(k.bw);
  const [lo, hi] = pick(k.bands);
  const low = Math.round(Math.max(lo, Math.min(hi - bw, range([lo, hi]))) / k.raster) * k.raster;
  const lat = AREA.south + r() * (AREA.north - AREA.south);
  const lon = AREA.west + r() * (AREA.east - AREA.west);
  const antennaHeightM = Math.round(range(k.h));
  const location: SpectrumLocation = k.area
    ? { kind: 'AREA', area: { circle: { center: { lat, lon }, radiusM: range(k.area) * 1000 } }, antennaHeightM }
    : { kind: 'POINT', point: { lat, lon }, antennaHeightM };
  const start = r() < 0.3 ? null : Math.floor(r() * 24 * 4) / 4;
  return {
    id: `s${i}`,
    nation,
    system: `${k.use.toLowerCase()} ${i}`,
    use: k.use,
    lowMHz: low,
    highMHz: low + bw,
    ...(k.eirp ? { eirpDbm: Math.round(range(k.eirp)) } : {}),
    ...(k.threshold === undefined ? {} : { thresholdDbm: k.threshold }),
    ...(k.bands.length ? { tunable: { lowMHz: lo, highMHz: Math.max(hi, low + bw) } } : {}),
    location,
    ...(start === null
      ? {}
      : {
          validFrom: new Date(T0 + start * HOUR).toISOString(),
          validTo: new Date(T0 + (start + 1 + Math.floor(r() * 8)) * HOUR).toISOString(),
        }),
    priority: Math.floor(r() * 10),
    label: {
      policy: 'NATO',
      classification: 'CONFIDENTIAL',
      originator: nation,
      releasableTo: NATIONS.filter((n) => n !== nation),
    },
    state: r() < 0.1 ? 'PROPOSED' : r() < 0.05 ? 'ENDED' : 'ACTIVE',
    version,
  };
}

const field = (n: number, seed: number) => {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => assignment(i, r));
};
/** CPU time of this process (user + system), ms; wall time kept as third. */
const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 3 : 0)} ms`);
const same = (a: SpectrumConflict[], b: SpectrumConflict[]) =>
  a.length === b.length && a.every((c, i) => c.id === b[i]!.id && c.severityDb === b[i]!.severityDb);
const stats = (xs: number[]) => `p50 ${ms(pct(xs, 0.5))}, p99 ${ms(pct(xs, 0.99))}, max ${ms(Math.max(...xs))}`;
const restricted = defaultTabooList('NAT', NATIONS);

// Warm up.
findSpectrumConflicts(field(500, 99), { restricted });

console.log(
  `spectrum interference engine, one thread, CPU time (Node ${process.version}, load average ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}), seeded random assignments, 5 nations:`,
);
console.log(
  `  ${KINDS.map((k) => `${Math.round(k.share * 100)} % ${k.use}`).join(', ')}; drones' datalinks, GNSS receivers and jammers over 2-15 km circles;`,
);
console.log('  70 % with a 1-8 h window in the next 24 h; 10 % PROPOSED, 5 % ENDED; the default TABOO list\n');

const N = 5_000;
for (const [name, region] of [
  ['theatre (46-56 N, 14-32 E)', THEATRE],
  ['dense (49.5-51.5 N, 21-24 E)', DENSE],
] as const) {
  AREA = region;
  const all = field(N, 1);
  console.log(`\n=== ${name} ===`);

  // 1. Full evaluation.
  {
    const runs: number[] = [];
    let found: SpectrumConflict[] = [];
    for (let i = 0; i < 3; i++) {
      const [c, t] = time(() => findSpectrumConflicts(new SpectrumIndex(all), { restricted }));
      found = c;
      runs.push(t);
    }
    const [pairwise, pairMs] = time(() => findSpectrumConflictsPairwise(all, { restricted }));
    if (!same(found, pairwise)) throw new Error('indexed and pairwise engines disagree');
    const interf = found.filter((c) => c.kind === 'INTERFERENCE');
    console.log(
      `full evaluation of ${n(N)} assignments: ${n(interf.length)} interference conflicts (median margin ${pct(
        interf.map((c) => c.severityDb!),
        0.5,
      ).toFixed(1)} dB), ${n(found.length - interf.length)} over TABOO bands`,
    );
    console.log(`  indexed (index build + evaluation): ${runs.map(ms).join(' / ')}`);
    console.log(`  brute force, every one of ${n((N * (N - 1)) / 2)} pairs: ${ms(pairMs)} (the same conflicts)`);
  }

  // 2. One edit among 5,000: the edited one against the index, then the index updated.
  {
    const EDITS = 1_000;
    const index = new SpectrumIndex(all);
    const r = rng(3);
    const incremental: number[] = [];
    const linear: number[] = [];
    const brute: number[] = [];
    const touched: number[] = [];
    const current = [...all];
    for (let i = 0; i < EDITS; i++) {
      const which = Math.floor(r() * N);
      const old = current[which]!;
      // the same assignment moved, retuned, re-timed (a new random one of the same nation and id)
      const edited = { ...assignment(which, r, old.version + 1), id: old.id, nation: old.nation };
      current[which] = edited;
      const [found, t] = time(() => {
        const c = spectrumConflictsWith(edited, index, { restricted });
        index.upsert(edited);
        return c;
      });
      incremental.push(t);
      touched.push(found.length);
      if (i < 100) {
        const others = current.filter((a) => a !== edited);
        const [lin, b] = time(() =>
          others.flatMap((o) =>
            findSpectrumConflictsPairwise([edited, o], { restricted }).filter(
              (c) => c.kind === 'INTERFERENCE' || c.sides[0] === edited,
            ),
          ),
        );
        const dedup = [...new Map(lin.map((c) => [c.id, c])).values()].sort((x, y) => (x.id < y.id ? -1 : 1));
        if (!same(dedup, found)) throw new Error('indexed and linear answers disagree');
        linear.push(b);
        if (i < 3) brute.push(time(() => findSpectrumConflictsPairwise(current, { restricted }))[1]);
      }
    }
    console.log(`\none edit among ${n(N)} assignments, ${n(EDITS)} edits (move + retune + re-time):`);
    console.log(
      `  indexed (spectrumConflictsWith + index upsert): ${stats(incremental)}; conflicts of the edited one: mean ${(
        touched.reduce((x, y) => x + y, 0) / EDITS
      ).toFixed(1)}, max ${Math.max(...touched)}`,
    );
    console.log(`  brute force, the edited one against each other one (first 100 edits): ${stats(linear)}`);
    console.log(`  brute force, every pair again (first 3 edits): ${brute.map(ms).join(' / ')}`);

    // 3. Suggestions for the first 200 interference conflicts.
    const conflicts = findSpectrumConflicts(index, { restricted })
      .filter((c) => c.kind === 'INTERFERENCE')
      .slice(0, 200);
    const sugg: number[] = [];
    let channels = 0;
    for (const c of conflicts) {
      const [s, t] = time(() => suggestResolutions(c, index, { restricted }));
      sugg.push(t);
      channels += s.filter((x) => x.kind === 'CHANNEL').length;
    }
    console.log(
      `\nsuggestions (checked channel per side, time splits, power) for ${conflicts.length} conflicts: ${stats(sugg)}; ${channels} channels found`,
    );
  }
}
console.log(
  `load average at the end: ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
