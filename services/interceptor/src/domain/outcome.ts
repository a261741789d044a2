import { createHash } from 'node:crypto';

/**
 * The chance draw of one engagement, reproducible from the scenario seed: SHA-256 of
 * `<seed>:<requestId>`, its first 48 bits mapped to [0, 1). DESTROYED when the draw is below the
 * effector's probability of kill. The same seed and request always give the same outcome, whoever
 * draws it and however often.
 */
export function drawFor(seed: number, requestId: string): number {
  const digest = createHash('sha256').update(`${seed}:${requestId}`).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

export function outcomeOf(seed: number, requestId: string, probabilityOfKill: number): 'DESTROYED' | 'MISSED' {
  return drawFor(seed, requestId) < probabilityOfKill ? 'DESTROYED' : 'MISSED';
}
