/**
 * Deterministic randomness keyed by (seed, keys...) rather than by call order, so a draw for one
 * object never depends on how many draws other objects made or on the tick size.
 */
function mix(h: number, k: number): number {
  h = Math.imul(h ^ k, 0x85ebca6b);
  h = (h << 13) | (h >>> 19);
  return Math.imul(h, 0xc2b2ae35) ^ (h >>> 16);
}

function finalize(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Uniform in [0, 1). */
export function uniform(seed: number, ...keys: number[]): number {
  let h = seed | 0;
  for (const k of keys) h = mix(h, k | 0);
  return finalize(h) / 2 ** 32;
}

/** Standard normal (Box-Muller). */
export function gaussian(seed: number, ...keys: number[]): number {
  const u1 = Math.max(uniform(seed, ...keys, 1), 1e-12);
  const u2 = uniform(seed, ...keys, 2);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
