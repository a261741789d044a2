import { describe, expect, it } from 'vitest';
import { Track, TrackBatch } from './track.ts';
import { parseWith } from './validation.ts';

export const goodTrack = {
  id: 'owa-01',
  label: { policy: 'NATO', classification: 'RESTRICTED', originator: 'UKR', releasableTo: ['POL'] },
  provenance: { nation: 'UKR', system: 'UKR-FUSION', sourceId: 'ukr-radar-1', observedAt: '2026-11-26T10:00:00.000Z', publishedAt: '2026-11-26T10:00:00.200Z' },
  kind: 'UAS',
  identity: 'HOSTILE',
  assessments: [{ nation: 'UKR', identity: 'HOSTILE' }, { nation: 'POL', identity: 'SUSPECT' }],
  position: { lat: 50.1, lon: 23.9, altM: 150 },
  velocity: { speedMps: 50, courseDeg: 230, climbMps: -0.3 },
  quality: 0.9,
  updatedAt: '2026-11-26T10:00:00.000Z',
  staleAt: '2026-11-26T10:00:09.000Z',
};

describe('Track contract', () => {
  it('accepts a well-formed track', () => {
    expect(parseWith(Track, goodTrack)).toEqual({ ok: true, value: { ...goodTrack, fieldLabels: [] } });
  });

  it.each([
    ['position.lat', { position: { lat: 91, lon: 23.9, altM: 150 } }, /position\.lat: .*90/],
    ['label.classification', { label: { ...goodTrack.label, classification: 'TOP_SECRET' } }, /label\.classification: /],
    ['label.releasableTo', { label: { ...goodTrack.label, releasableTo: ['poland'] } }, /label\.releasableTo\.0: must be an ISO 3166-1 alpha-3/],
    ['velocity.courseDeg', { velocity: { speedMps: 50, courseDeg: 360, climbMps: 0 } }, /velocity\.courseDeg: /],
    ['kind', { kind: 'SPACESHIP' }, /kind: /],
    ['updatedAt', { updatedAt: 'yesterday' }, /updatedAt: /],
    ['id', { id: '' }, /id: must be 1-64/],
  ])('rejects a bad %s with a field-level message', (_field, patch, message) => {
    const result = parseWith(Track, { ...goodTrack, ...patch });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('names the path of a bad track inside a batch', () => {
    const batch = {
      source: { nation: 'UKR', system: 'UKR-FUSION' },
      seq: 1,
      publishedAt: '2026-11-26T10:00:00.200Z',
      upserts: [goodTrack, { ...goodTrack, quality: 2 }],
      removals: [{ id: 'x-1', reason: 'LOST' }],
    };
    const result = parseWith(TrackBatch, batch);
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/^upserts\.1\.quality: /) });
    expect(parseWith(TrackBatch, { ...batch, upserts: [goodTrack] }).ok).toBe(true);
  });

  it('rejects a non-object', () => {
    expect(parseWith(TrackBatch, 'hello')).toEqual({ ok: false, error: expect.stringMatching(/^\(root\): /) });
  });
});
