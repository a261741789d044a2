import { describe, expect, it } from 'vitest';
import { subjects } from './subjects.ts';

describe('subjects', () => {
  it('are versioned and nation-scoped', () => {
    expect(subjects.trackBatch('POL')).toBe('tessera.v1.tracks.POL');
    expect(subjects.allTrackBatches).toBe('tessera.v1.tracks.*');
    expect(subjects.deadLetter('gateway')).toBe('tessera.v1.deadletter.gateway');
  });
  it('refuse tokens that would change the subject shape', () => {
    expect(() => subjects.trackBatch('POL.>')).toThrow(/not a valid NATS subject token/);
    expect(() => subjects.trackBatch('*')).toThrow();
    expect(() => subjects.trackBatch('')).toThrow();
  });
});
