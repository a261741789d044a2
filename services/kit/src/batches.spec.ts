import { subjects } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { parseDetectionBatch, parseTrackBatch } from './batches.ts';
import { iso, T0, track as fixtureTrack, trackBatch } from './fixtures.ts';

const at = iso(T0);
/** A track `id` as `nation` reports it (its label's originator): its own, or a foreign id it may not touch. */
const track = (id: string, nation: string) => fixtureTrack(id, { nation });
const bytes = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

describe('parseTrackBatch', () => {
  it("accepts a nation's own tracks on its own subject", () => {
    const batch = trackBatch('LTU', { upserts: [track('LTU-a', 'LTU')], removals: [{ id: 'LTU-b', reason: 'LOST' }] });
    const parsed = parseTrackBatch(subjects.trackBatch('LTU'), bytes(batch));
    expect(parsed.ok && parsed.value.upserts.map((t) => t.id)).toEqual(['LTU-a']);
  });

  it.each([
    ['not JSON', subjects.trackBatch('LTU'), '{"source":', /^not JSON: /],
    ['not a batch', subjects.trackBatch('LTU'), { seq: 1 }, /^source: /],
    [
      "another nation's subject",
      subjects.trackBatch('POL'),
      trackBatch('LTU'),
      `batch of LTU published on ${subjects.trackBatch('POL')}`,
    ],
    [
      "a removal of another nation's track",
      subjects.trackBatch('LTU'),
      trackBatch('LTU', { removals: [{ id: 'POL-x', reason: 'DESTROYED' }] }),
      /^removals\.0\.id: must be a track id of the source nation \(LTU-…\)$/,
    ],
    [
      "an upsert of another nation's track",
      subjects.trackBatch('LTU'),
      trackBatch('LTU', { upserts: [track('POL-x', 'POL')] }),
      /upserts\.0\.label\.originator: .*upserts\.0\.id: /,
    ],
    [
      "an upsert under another nation's id",
      subjects.trackBatch('LTU'),
      trackBatch('LTU', { upserts: [track('POL-x', 'LTU')] }),
      /^upserts\.0\.id: must be a track id of the source nation \(LTU-…\)$/,
    ],
  ])('refuses %s', (_what, subject, body, error) => {
    expect(parseTrackBatch(subject, bytes(body))).toEqual({
      ok: false,
      error: typeof error === 'string' ? error : expect.stringMatching(error),
    });
  });
});

describe('parseDetectionBatch', () => {
  const detections = (trackIds: string[], removals: string[] = []) => ({
    seq: 1,
    publishedAt: at,
    upserts: trackIds.map((id) => ({ id, trackId: id })),
    removals,
  });

  it("accepts removals of its own nation's tracks and names the nation", () => {
    expect(parseDetectionBatch(subjects.detections('POL'), bytes(detections([], ['POL-x'])))).toEqual({
      ok: true,
      value: { nation: 'POL', batch: detections([], ['POL-x']) },
    });
  });

  it.each([
    [
      "a removal of another nation's track",
      subjects.detections('POL'),
      detections([], ['LTU-x']),
      'removals.0: must be a track id of POL (POL-…)',
    ],
    [
      "a subject that is not a nation's",
      'tessera.v1.detections.pol',
      detections([]),
      "tessera.v1.detections.pol is not a nation's detection subject",
    ],
    [
      'a track subject',
      subjects.trackBatch('POL'),
      detections([]),
      `${subjects.trackBatch('POL')} is not a nation's detection subject`,
    ],
    ['a malformed detection', subjects.detections('POL'), detections(['POL-x']), /^upserts\.0\./],
  ])('refuses %s', (_what, subject, body, error) => {
    expect(parseDetectionBatch(subject, bytes(body))).toEqual({
      ok: false,
      error: typeof error === 'string' ? error : expect.stringMatching(error),
    });
  });
});
