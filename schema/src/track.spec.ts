import { describe, expect, it } from 'vitest';
import { Track, TrackBatch, TrackId, ownedTrackId, ownsTrack, trackOwner } from './track.ts';
import { parseWith } from './validation.ts';

export const goodTrack = {
  id: 'UKR-owa-01',
  label: { policy: 'NATO', classification: 'RESTRICTED', originator: 'UKR', releasableTo: ['POL'] },
  provenance: {
    nation: 'UKR',
    system: 'UKR-FUSION',
    sourceId: 'ukr-radar-1',
    observedAt: '2026-11-26T10:00:00.000Z',
    publishedAt: '2026-11-26T10:00:00.200Z',
  },
  kind: 'UAS',
  identity: 'HOSTILE',
  assessments: [
    { nation: 'UKR', identity: 'HOSTILE' },
    { nation: 'POL', identity: 'SUSPECT' },
  ],
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
    [
      'label.classification',
      { label: { ...goodTrack.label, classification: 'TOP_SECRET' } },
      /label\.classification: /,
    ],
    [
      'label.releasableTo',
      { label: { ...goodTrack.label, releasableTo: ['poland'] } },
      /label\.releasableTo\.0: must be an ISO 3166-1 alpha-3/,
    ],
    ['velocity.courseDeg', { velocity: { speedMps: 50, courseDeg: 360, climbMps: 0 } }, /velocity\.courseDeg: /],
    ['kind', { kind: 'SPACESHIP' }, /kind: /],
    ['updatedAt', { updatedAt: 'yesterday' }, /updatedAt: /],
    ['id', { id: '' }, /id: must be <originator nation>-<local id>/],
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
      removals: [{ id: 'UKR-x-1', reason: 'LOST' }],
    };
    const result = parseWith(TrackBatch, batch);
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/^upserts\.1\.quality: /) });
    expect(parseWith(TrackBatch, { ...batch, upserts: [goodTrack] }).ok).toBe(true);
  });

  it('rejects a non-object', () => {
    expect(parseWith(TrackBatch, 'hello')).toEqual({ ok: false, error: expect.stringMatching(/^\(root\): /) });
  });
});

describe('track ownership (a track id is <originator nation>-<local id>)', () => {
  it.each([
    ['UKR-owa-lviv-1-01', 'UKR'],
    ['POL-x', 'POL'],
    ['LTU-a.b:c_d-e', 'LTU'],
    ['POL-POL-x', 'POL'],
    ['owa-01', null],
    ['pol-x', null],
    ['POL-', null],
    ['POL--x', null],
    ['POLX-x', null],
    ['PO-x', null],
    ['POL_x', null],
    ['POL-x y', null],
    ['POL-x/y', null],
    [`POL-${'a'.repeat(60)}`, 'POL'],
    [`POL-${'a'.repeat(61)}`, null],
    ['', null],
  ])('trackOwner(%j) is %j', (id, owner) => {
    expect(trackOwner(id)).toBe(owner);
    expect(parseWith(TrackId, id).ok).toBe(owner !== null);
  });

  it.each([
    ['POL', 'POL-x', true],
    ['LTU', 'POL-x', false],
    ['POL', 'LTU-POL-x', false],
    ['POL', 'x', false],
    ['pol', 'pol-x', false],
  ])('ownsTrack(%j, %j) is %j', (nation, id, owns) => {
    expect(ownsTrack(nation, id)).toBe(owns);
  });

  it('builds owned ids and refuses what would not be one', () => {
    expect(ownedTrackId('UKR', 'owa-lviv-1-01')).toBe('UKR-owa-lviv-1-01');
    expect(() => ownedTrackId('UKR', 'a b')).toThrow(/not a valid track id/);
    expect(() => ownedTrackId('ukr', 'x')).toThrow(/not a valid track id/);
  });
});

describe('TrackBatch: a nation publishes only its own tracks', () => {
  const polTrack = { ...goodTrack, id: 'POL-x', label: { ...goodTrack.label, originator: 'POL' } };
  const ltu = (patch: object) => ({
    source: { nation: 'LTU', system: 'LTU-FUSION' },
    seq: 1,
    publishedAt: '2026-11-26T10:00:00.200Z',
    upserts: [],
    removals: [],
    ...patch,
  });

  it.each([
    [
      'removes a POL track',
      { removals: [{ id: 'POL-x', reason: 'LOST' }] },
      /^removals\.0\.id: must be a track id of the source nation \(LTU-…\)$/,
    ],
    [
      'upserts a POL track',
      { upserts: [polTrack] },
      /upserts\.0\.label\.originator: must be the source nation LTU; upserts\.0\.id: must be a track id of the source nation/,
    ],
    [
      'upserts a POL id under its own label',
      { upserts: [{ ...polTrack, label: { ...polTrack.label, originator: 'LTU' } }] },
      /^upserts\.0\.id: must be a track id of the source nation \(LTU-…\)$/,
    ],
    [
      'upserts its own id under a POL label',
      { upserts: [{ ...polTrack, id: 'LTU-x' }] },
      /^upserts\.0\.label\.originator: must be the source nation LTU$/,
    ],
    [
      'removes an id without an owner',
      { removals: [{ id: 'x', reason: 'LOST' }] },
      /^removals\.0\.id: must be <originator nation>-<local id>/,
    ],
  ])('refuses a batch from LTU that %s', (_what, patch, message) => {
    expect(parseWith(TrackBatch, ltu(patch))).toEqual({ ok: false, error: expect.stringMatching(message) });
  });

  it('accepts a batch from LTU about its own tracks', () => {
    const own = { ...polTrack, id: 'LTU-x', label: { ...polTrack.label, originator: 'LTU' } };
    expect(parseWith(TrackBatch, ltu({ upserts: [own], removals: [{ id: 'LTU-y', reason: 'LEFT' }] })).ok).toBe(true);
  });

  it('refuses the whole batch when one entry is not its own', () => {
    const own = { ...polTrack, id: 'LTU-x', label: { ...polTrack.label, originator: 'LTU' } };
    const result = parseWith(
      TrackBatch,
      ltu({
        upserts: [own],
        removals: [
          { id: 'LTU-y', reason: 'LEFT' },
          { id: 'POL-x', reason: 'DESTROYED' },
        ],
      }),
    );
    expect(result).toEqual({ ok: false, error: 'removals.1.id: must be a track id of the source nation (LTU-…)' });
  });
});
