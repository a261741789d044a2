// Airspace conflict engine (issue #12): a full evaluation of 10,000 reservations (target < 1 s),
// re-evaluating 2,000 reservations after one edit (target p99 < 20 ms), each against brute force
// (every pair compared) in the same run. One thread; the reservations are random but seeded, so
// every run sees the same airspace. Times are CPU time of the process (see `time`).
// Run: pnpm --filter @tessera/service-kit bench (or `node bench/airspace.bench.ts` in services/kit).
import os from 'node:os';
import { HOUR, n, NATIONS, pct, rng, T0, time } from './support.ts';
import type { AirspaceVolume, VolumeKind } from '@tessera/schema';
import {
  clipCounts,
  conflictsWith,
  findConflicts,
  findConflictsPairwise,
  prepareVolume,
  ReservationIndex,
  type AirspaceConflict,
} from '@tessera/service-kit/airspace';

const M_PER_DEG = 111_195;

const KINDS: [VolumeKind, number][] = [
  ['ROZ', 0.4],
  ['TRANSIT_CORRIDOR', 0.2],
  ['ENGAGEMENT_ZONE', 0.15],
  ['NO_FIRE_AREA', 0.15],
  ['SECTOR', 0.05],
  ['DEFENDED_ASSET', 0.05],
];
/**
 * Where the reservations lie. THEATRE: the eastern flank, 46-56 N 14-32 E (about 1,110 x 1,250 km),
 * each point under 2-3 reservations on average (of any altitude and time). DENSE: the same number
 * packed into 47-53 N 19-29 E (670 x 710 km), each point under about 7: a stress case.
 */
const THEATRE = { south: 46, north: 56, west: 14, east: 32 };
const DENSE = { south: 47, north: 53, west: 19, east: 29 };
type Region = typeof THEATRE;

function reservation(i: number, r: () => number, version = 1, AREA: Region = THEATRE): AirspaceVolume {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  let u = r();
  const kind = KINDS.find(([, p]) => (u -= p) < 0)?.[0] ?? 'ROZ';
  const nation = pick(NATIONS);
  const lat = AREA.south + r() * (AREA.north - AREA.south);
  const lon = AREA.west + r() * (AREA.east - AREA.west);
  const k = M_PER_DEG * Math.cos((lat * Math.PI) / 180);
  const floorM = Math.floor(r() * 12) * 500;
  const start = r() < 0.2 ? null : Math.floor(r() * 24 * 4) / 4;
  const common = {
    id: `r${i}`,
    name: `reservation ${i}`,
    kind,
    nation,
    label: {
      policy: 'NATO',
      classification: 'CONFIDENTIAL',
      originator: nation,
      releasableTo: NATIONS.filter((n) => n !== nation),
    },
    floorM,
    ceilingM: floorM + 500 + Math.floor(r() * 10) * 500,
    version,
    ...(start === null
      ? {}
      : {
          validFrom: new Date(T0 + start * HOUR).toISOString(),
          validTo: new Date(T0 + (start + 1 + Math.floor(r() * 8)) * HOUR).toISOString(),
        }),
    ...(r() < 0.1 ? { state: 'PROPOSED' as const } : r() < 0.05 ? { state: 'ENDED' as const } : {}),
  };
  if (kind === 'TRANSIT_CORRIDOR') {
    // a slanted strip 40-150 km long, 4-10 km wide
    const len = 40_000 + r() * 110_000;
    const half = 2_000 + r() * 3_000;
    const a = r() * Math.PI;
    const [dx, dy, nx, ny] = [Math.sin(a) * len, Math.cos(a) * len, Math.cos(a) * half, -Math.sin(a) * half];
    const at = (x: number, y: number) => ({ lat: lat + y / M_PER_DEG, lon: lon + x / k });
    return {
      ...common,
      outline: [at(nx, ny), at(dx + nx, dy + ny), at(dx - nx, dy - ny), at(-nx, -ny)],
    } as AirspaceVolume;
  }
  if (r() < 0.4)
    return { ...common, circle: { center: { lat, lon }, radiusM: 1_000 + r() * 14_000 } } as AirspaceVolume;
  // a polygon of 4-12 corners, 2-25 km across
  const n = 4 + Math.floor(r() * 9);
  const size = 1_000 + r() * 12_000;
  const outline = Array.from({ length: n }, (_, j) => {
    const a = ((j + r() * 0.5) / n) * 2 * Math.PI;
    const d = size * (0.6 + 0.4 * r());
    return { lat: lat + (d * Math.cos(a)) / M_PER_DEG, lon: lon + (d * Math.sin(a)) / k };
  });
  return { ...common, outline } as AirspaceVolume;
}

const field = (n: number, seed: number, area: Region = THEATRE) => {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => reservation(i, r, 1, area));
};
/**
 * CPU time of this process (user + system), ms: what it costs on one core, unlike the wall clock,
 * which on a shared machine also counts the time spent waiting for a core. Wall time kept as third.
 */
const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 2 : 0)} ms`);
const same = (a: AirspaceConflict[], b: AirspaceConflict[]) =>
  a.length === b.length && a.every((c, i) => c.id === b[i]!.id && c.severity === b[i]!.severity);

const never = () => false;
const bySeverity = (cs: AirspaceConflict[]) =>
  ['HIGH', 'MEDIUM', 'LOW']
    .map((x) => `${cs.filter((c) => c.severity === x).length.toLocaleString('en-US')} ${x}`)
    .join(', ');

// Warm up the JIT and the geometry code on a small field.
findConflicts(field(500, 99));

console.log(
  `airspace conflict engine, one thread, CPU time (Node ${process.version}, load average ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}), seeded random reservations:`,
);
console.log(
  '  40 % ROZ, 20 % transit corridors (40-150 km strips), 15 % engagement zones, 15 % no-fire areas, 10 % sectors and assets;',
);
console.log(
  '  the rest 40 % circles (1-15 km radius), 60 % polygons of 4-12 corners (2-25 km); 5 nations; blocks of 500-5,000 m',
);
console.log('  from 0-5,500 m; 80 % with a 1-8 h window in the next 24 h; 10 % PROPOSED, 5 % ENDED\n');

// 1. Full evaluation of 10,000 reservations, in the theatre and packed (dense).
for (const [name, area, pairwiseToo] of [
  ['theatre (46-56 N, 14-32 E)', THEATRE, true],
  ['dense (47-53 N, 19-29 E)', DENSE, false],
] as const) {
  const N = 10_000;
  const volumes = field(N, 1, area);
  const [, prepMs] = time(() => volumes.forEach((v) => prepareVolume(v)));
  const [index, indexMs] = time(() => new ReservationIndex(volumes));
  const runs: number[] = [];
  const walls: number[] = [];
  let found: AirspaceConflict[] = [];
  const clipsBefore = clipCounts();
  for (let i = 0; i < 2; i++) {
    const [c, t, w] = time(() => findConflicts(new ReservationIndex(volumes)));
    found = c;
    runs.push(t);
    walls.push(w);
  }
  const clips = clipCounts();
  const [, searchMs] = time(() => findConflicts(index, { kindsConflict: never }));
  console.log(`full evaluation of ${n(N)} reservations, ${name}: ${n(found.length)} conflicts (${bySeverity(found)})`);
  console.log(
    `  geometry of every reservation (outline, circle as a 64-gon, area; once per version): ${ms(prepMs)}; rbush index: ${ms(indexMs)}`,
  );
  console.log(`  indexed, index + evaluation: ${runs.map(ms).join(' / ')} (wall clock ${walls.map(ms).join(' / ')})`);
  console.log(
    `    of which finding the candidate pairs (no geometry, every pair rejected by kind): ${ms(searchMs)}; the rest is clipping, ~${ms((Math.min(...runs) - searchMs) / Math.max(1, found.length))} per conflict`,
  );
  console.log(
    `    pairs clipped per evaluation: ${n((clips.fast - clipsBefore.fast) / runs.length)} by polygon-clipping, ${n((clips.robust - clipsBefore.robust) / runs.length)} fell back to @turf/intersect (polyclip-ts)`,
  );
  if (pairwiseToo) {
    const [, pairSearchMs] = time(() => findConflictsPairwise(volumes, { kindsConflict: never }));
    const [pairwise, pairMs, pairWall] = time(() => findConflictsPairwise(volumes));
    if (!same(found, pairwise)) throw new Error('indexed and pairwise engines disagree');
    console.log(
      `  brute force, every one of ${n((N * (N - 1)) / 2)} pairs: ${ms(pairMs)} (wall ${ms(pairWall)}; the same ${n(pairwise.length)} conflicts); finding the candidates alone: ${ms(pairSearchMs)}`,
    );
  }
}

// 2. One edit among 2,000 reservations (as dense as the theatre above): the edited one against the index, then the index updated.
{
  const N = 2_000;
  const EDITS = 1_000;
  const area = { south: 49.5, north: 54, west: 19, east: 27 }; // a fifth of the theatre's area
  const volumes = field(N, 2, area);
  const index = new ReservationIndex(volumes);
  const [all, fullMs] = time(() => findConflicts(index));
  const r = rng(3);
  const incremental: number[] = [];
  const brute: number[] = [];
  const linearScan: number[] = [];
  const touched: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    const which = Math.floor(r() * N);
    const old = index.get(volumes[which]!.nation, volumes[which]!.id)!;
    // the same reservation moved and reshaped (a new random shape, kind kept)
    const moved = {
      ...reservation(which, r, old.version + 1, area),
      id: old.id,
      nation: old.nation,
      kind: old.kind,
    } as AirspaceVolume;
    const [found, t] = time(() => {
      const c = conflictsWith(moved, index);
      index.upsert(moved);
      return c;
    });
    incremental.push(t);
    touched.push(found.length);
    if (i < 100) {
      // without the index: the edited one against every other (linear), and everything again (every pair)
      const others = [...index.values()].filter((v) => v.id !== moved.id);
      const [linear, b] = time(() => others.flatMap((o) => findConflictsPairwise([moved, o])));
      if (
        !same(
          linear.sort((x, y) => (x.id < y.id ? -1 : 1)),
          found,
        )
      )
        throw new Error('indexed and linear answers disagree');
      linearScan.push(b);
      if (i < 3) brute.push(time(() => findConflictsPairwise(index.values()))[1]);
    }
  }
  const stats = (xs: number[]) => `p50 ${ms(pct(xs, 0.5))}, p99 ${ms(pct(xs, 0.99))}, max ${ms(Math.max(...xs))}`;
  console.log(
    `\none edit among ${n(N)} reservations (${n(all.length)} conflicts at the start; full indexed evaluation ${ms(fullMs)}), ${n(EDITS)} edits (move + reshape):`,
  );
  console.log(
    `  indexed (conflictsWith + index upsert): ${stats(incremental)}; conflicts of the edited one: mean ${(touched.reduce((x, y) => x + y, 0) / EDITS).toFixed(1)}, max ${Math.max(...touched)}`,
  );
  console.log(`  brute force, the edited one against each other one (first 100 edits): ${stats(linearScan)}`);
  console.log(`  brute force, every pair again (first 3 edits): ${brute.map(ms).join(' / ')}`);
}
const clips = clipCounts();
console.log(
  `\npairs clipped in the whole run: ${n(clips.fast)} by polygon-clipping, ${n(clips.robust)} fell back to @turf/intersect after polygon-clipping threw`,
);
console.log(
  `load average at the end: ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
