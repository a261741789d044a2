import { describe, expect, it } from 'vitest';
import { createTargetMemory } from './memory.ts';

describe('target memory', () => {
  it('lets an agent engage a target it knows nothing of', () => {
    expect(createTargetMemory(3).mayEngage('POL-a', 0)).toBe(true);
  });

  it('waits until notBeforeMs, stops after maxAttempts, and never after a final no', () => {
    const memory = createTargetMemory(3);
    memory.of('POL-a').notBeforeMs = 1000;
    expect(memory.mayEngage('POL-a', 999)).toBe(false);
    expect(memory.mayEngage('POL-a', 1000)).toBe(true);
    memory.of('POL-a').attempts = 3;
    expect(memory.mayEngage('POL-a', 5000)).toBe(false);
    memory.of('POL-b').closed = 'denied by a commander';
    expect(memory.mayEngage('POL-b', 5000)).toBe(false);
  });

  it('forgets a target that left the picture', () => {
    const memory = createTargetMemory(3);
    memory.of('POL-a').closed = 'destroyed';
    memory.forget('POL-a');
    expect(memory.mayEngage('POL-a', 0)).toBe(true);
    expect(memory.of('POL-a')).toEqual({ attempts: 0, notBeforeMs: 0, closed: null });
  });
});
