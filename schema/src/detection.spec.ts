import { describe, expect, it } from 'vitest';
import {
  anomalyEventProblems,
  detectionBatchProblems,
  type AnomalyEvent,
  type Detection,
  type DetectionBatch,
} from './detection.ts';

/** Only what the ownership rules read; the rest of a detection does not matter to them. */
const detection = (trackId: string, originator: string) =>
  ({
    trackId,
    label: { policy: 'NATO', classification: 'SECRET', originator, releasableTo: [] },
  }) as unknown as Detection;
const batch = (upserts: Detection[], removals: string[] = []): DetectionBatch => ({
  seq: 1,
  publishedAt: '2026-11-26T10:00:00.000Z',
  upserts,
  removals,
});

describe("detections on detections.<nation> are about that nation's tracks only", () => {
  it.each([
    ['its own detections and removals', batch([detection('POL-x', 'POL')], ['POL-y']), null],
    ['an empty batch', batch([]), null],
    [
      'a detection of a LTU track',
      batch([detection('LTU-x', 'LTU')]),
      'upserts.0.label.originator: must be POL, the nation whose tracks the batch is about; upserts.0.trackId: must be a track id of POL (POL-…)',
    ],
    [
      'a detection of a LTU id under a POL label',
      batch([detection('LTU-x', 'POL')]),
      'upserts.0.trackId: must be a track id of POL (POL-…)',
    ],
    [
      'a detection of a POL id under a LTU label',
      batch([detection('POL-x', 'LTU')]),
      'upserts.0.label.originator: must be POL, the nation whose tracks the batch is about',
    ],
    [
      "the removal of a LTU track's detection",
      batch([detection('POL-x', 'POL')], ['POL-y', 'LTU-y']),
      'removals.1: must be a track id of POL (POL-…)',
    ],
  ])('POL: %s', (_what, b, problems) => {
    expect(detectionBatchProblems('POL', b)).toBe(problems);
  });

  it.each([
    ['POL-x', 'POL', null],
    ['LTU-x', 'POL', 'trackId: must be a track id of POL (POL-…)'],
    ['POL-x', 'LTU', 'label.originator: must be POL, the nation whose track the event is about'],
  ])("an anomaly event on POL's subject about %s labelled by %s: %s", (trackId, originator, problems) => {
    expect(anomalyEventProblems('POL', detection(trackId, originator) as unknown as AnomalyEvent)).toBe(problems);
  });
});
