// What the kit's benches share: a seeded generator, a CPU-time measure and the figures they print.

export const T0 = Date.parse('2026-11-26T00:00:00.000Z');
export const HOUR = 3_600_000;
export const NATIONS = ['POL', 'UKR', 'LTU', 'DEU', 'ROU'];

/** mulberry32: a small seeded generator, so every run sees the same random field. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The result, the CPU time of the process (ms, what it costs on one core) and the wall time (ms). */
export const time = <T>(f: () => T): [T, number, number] => {
  const c = process.cpuUsage();
  const t = performance.now();
  const out = f();
  const d = process.cpuUsage(c);
  return [out, (d.user + d.system) / 1000, performance.now() - t];
};

/** The p-quantile (0..1) of `xs`, nearest rank below. */
export const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length - 1) * p))]!;

/** 12,345 */
export const n = (x: number) => x.toLocaleString('en-US');
