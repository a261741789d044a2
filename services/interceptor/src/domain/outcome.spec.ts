import { describe, expect, it } from 'vitest';
import { drawFor, outcomeOf } from './outcome.ts';

describe('outcomeOf', () => {
  it('draws the same number for the same seed and request, a different one otherwise, always in [0, 1)', () => {
    expect(drawFor(7, 'pol-eng-spoof-01-2')).toBe(drawFor(7, 'pol-eng-spoof-01-2'));
    expect(drawFor(7, 'pol-eng-spoof-01-2')).not.toBe(drawFor(8, 'pol-eng-spoof-01-2'));
    expect(drawFor(7, 'pol-eng-spoof-01-2')).not.toBe(drawFor(7, 'pol-eng-spoof-01-3'));
    for (let i = 0; i < 1000; i++) {
      const d = drawFor(i, `r-${i}`);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(1);
    }
  });

  it('worked example: seed 7, request pol-eng-spoof-01-2 draws 0.9379: MISSED at Pk 0.9, DESTROYED at Pk 0.95', () => {
    expect(drawFor(7, 'pol-eng-spoof-01-2')).toBeCloseTo(0.9379, 4);
    expect(outcomeOf(7, 'pol-eng-spoof-01-2', 0.9)).toBe('MISSED');
    expect(outcomeOf(7, 'pol-eng-spoof-01-2', 0.95)).toBe('DESTROYED');
  });

  it('never destroys at Pk 0, always at Pk 1', () => {
    for (let i = 0; i < 200; i++) {
      expect(outcomeOf(42, `r-${i}`, 0)).toBe('MISSED');
      expect(outcomeOf(42, `r-${i}`, 1)).toBe('DESTROYED');
    }
  });

  it('destroys about Pk of the time over many requests', () => {
    const n = 20_000;
    for (const pk of [0.3, 0.8]) {
      let destroyed = 0;
      for (let i = 0; i < n; i++) if (outcomeOf(42, `eng-${i}`, pk) === 'DESTROYED') destroyed++;
      expect(destroyed / n).toBeGreaterThan(pk - 0.015);
      expect(destroyed / n).toBeLessThan(pk + 0.015);
    }
  });
});
