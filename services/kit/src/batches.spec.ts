import { subjects } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { parseDetectionBatch, parseTrackBatch } from './batches.ts';

const at = '2026-11-26T10:00:00.000Z';
const track = (id: string, originator: string) => ({
  id,
  label: { policy: 'NATO', classification: 'RESTRICTED', originator, releasableTo: [] },
  provenance: { nation: originator, system: `${originator}-FUSION`, sourceId: 'radar-1', observedAt: at, publishedAt: at },
  kind: 'UAS',
  identity: 'HOSTILE',
  assessments: [],
  position: { lat: 54.6, lon: 25.3, altM: 150 },
  velocity: { speedMps: 50, courseDeg: 230, climbMps: 0 },
  quality: 0.9,
  updatedAt: at,
  staleAt: at,
});
const trackBatch = (nation: string, patch: object = {}) => ({ source: { nation, system: `${nation}-FUSION` }, seq: 1, publishedAt: at, upserts: [], removals: [], ...patch });
const bytes = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

describe('parseTrackBatch', () => {
  it('accepts a nation\'s own tracks on its own subject', () => {
    const batch = trackBatch('LTU', { upserts: [track('LTU-a', 'LTU')], removals: [{ id: 'LTU-b', reason: 'LOST' }] });
    const parsed = parseTrackBatch(subjects.trackBatch('LTU'), bytes(batch));
    expect(parsed.ok && parsed.value.upserts.map((t) => t.id)).toEqual(['LTU-a']);
  });

  it.each([
    ['not JSON', subjects.trackBatch('LTU'), '{"source":', /^not JSON: /],
    ['not a batch', subjects.trackBatch('LTU'), { seq: 1 }, /^source: /],
    ['another nation\'s subject', subjects.trackBatch('POL'), trackBatch('LTU'), `batch of LTU published on ${subjects.trackBatch('POL')}`],
    ['a removal of another nation\'s track', subjects.trackBatch('LTU'), trackBatch('LTU', { removals: [{ id: 'POL-x', reason: 'DESTROYED' }] }), /^removals\.0\.id: must be a track id of the source nation \(LTU-…\)$/],
    ['an upsert of another nation\'s track', subjects.trackBatch('LTU'), trackBatch('LTU', { upserts: [track('POL-x', 'POL')] }), /upserts\.0\.label\.originator: .*upserts\.0\.id: /],
    ['an upsert under another nation\'s id', subjects.trackBatch('LTU'), trackBatch('LTU', { upserts: [track('POL-x', 'LTU')] }), /^upserts\.0\.id: must be a track id of the source nation \(LTU-…\)$/],
  ])('refuses %s', (_what, subject, body, error) => {
    expect(parseTrackBatch(subject, bytes(body))).toEqual({ ok: false, error: typeof error === 'string' ? error : expect.stringMatching(error) });
  });
});

describe('parseDetectionBatch', () => {
  const detections = (trackIds: string[], removals: string[] = []) => ({ seq: 1, publishedAt: at, upserts: trackIds.map((id) => ({ id, trackId: id })), removals });

  it('accepts removals of its own nation\'s tracks and names the nation', () => {
    expect(parseDetectionBatch(subjects.detections('POL'), bytes(detections([], ['POL-x'])))).toEqual({ ok: true, value: { nation: 'POL', batch: detections([], ['POL-x']) } });
  });

  it.each([
    ['a removal of another nation\'s track', subjects.detections('POL'), detections([], ['LTU-x']), 'removals.0: must be a track id of POL (POL-…)'],
    ['a subject that is not a nation\'s', 'tessera.v1.detections.pol', detections([]), 'tessera.v1.detections.pol is not a nation\'s detection subject'],
    ['a track subject', subjects.trackBatch('POL'), detections([]), `${subjects.trackBatch('POL')} is not a nation's detection subject`],
    ['a malformed detection', subjects.detections('POL'), detections(['POL-x']), /^upserts\.0\./],
  ])('refuses %s', (_what, subject, body, error) => {
    expect(parseDetectionBatch(subject, bytes(body))).toEqual({ ok: false, error: typeof error === 'string' ? error : expect.stringMatching(error) });
  });
});
