import { describe, expect, it } from 'vitest';
import type { AlertFieldsFragment, DetectionFieldsFragment, RequestFieldsFragment } from '@tessera/schema/operations';
import { predictionOverlays } from './overlays.ts';

const path = [
  { lat: 50, lon: 23, altM: 500 },
  { lat: 50.1, lon: 23.1, altM: 0 },
];
const detection = (trackId: string, threat: boolean) =>
  ({
    trackId,
    prediction: { path, impact: { lat: 50.1, lon: 23.1, radiusM: 80, timeToImpactS: 60 } },
    threat: threat ? { predictedImpact: { lat: 50.2, lon: 23.2, radiusM: 120 } } : null,
  }) as unknown as DetectionFieldsFragment;
const alert = (trackId: string, over: Partial<AlertFieldsFragment> = {}) =>
  ({ kind: 'THREAT', trackId, clearedAt: null, ...over }) as AlertFieldsFragment;
const request = (id: string, over: Partial<RequestFieldsFragment>) =>
  ({ id, state: 'PENDING', engagementState: null, engagement: null, jamming: null, ...over }) as RequestFieldsFragment;
const engagement = {
  effectorPosition: { lat: 49.9, lon: 22.9 },
  interceptPoint: { lat: 50, lon: 23, altM: 300 },
  dangerRadiusM: 250,
} as RequestFieldsFragment['engagement'];

describe('what the globe draws as predictions and engagements', () => {
  const detections = new Map([
    ['T1', detection('T1', true)],
    ['T2', detection('T2', false)],
    ['T3', detection('T3', false)],
  ]);

  it('draws tracks with an active threat alert and the selected track, each once', () => {
    const out = predictionOverlays(
      detections,
      [alert('T1'), alert('T1'), alert('T3', { clearedAt: '2026-11-26T12:00:00Z' }), alert('T2', { kind: 'ANOMALY' })],
      [],
      'T2',
    );
    expect(out.map((o) => [o.id, o.style])).toEqual([
      ['T1', 'threat'],
      ['T2', 'selected'],
    ]);
    expect(out[0]!.impact).toEqual({ lat: 50.2, lon: 23.2, radiusM: 120 }); // the threat's impact first
    expect(out[1]!.impact).toEqual({ lat: 50.1, lon: 23.1, radiusM: 80 }); // else the predicted one
  });

  it('draws open engagements and jamming areas, never finished ones', () => {
    const jamming = { center: { lat: 51, lon: 24 }, radiusM: 2000 } as RequestFieldsFragment['jamming'];
    const out = predictionOverlays(
      new Map(),
      [],
      [
        request('waiting', { engagement }),
        request('running', { state: 'APPROVED', engagementState: 'EXECUTING', engagement }),
        request('done', { state: 'APPROVED', engagementState: 'COMPLETED', engagement }),
        request('denied', { state: 'DENIED', jamming }),
        request('jam', { jamming }),
      ],
      null,
    );
    expect(out.map((o) => o.id)).toEqual(['eng:waiting', 'eng:running', 'jam:jam']);
    expect(out[0]).toEqual({
      id: 'eng:waiting',
      path: [{ lat: 49.9, lon: 22.9, altM: 0 }, engagement!.interceptPoint],
      impact: { lat: 50, lon: 23, radiusM: 250 },
      style: 'engagement',
    });
    expect(out[2]).toEqual({
      id: 'jam:jam',
      path: [],
      impact: { lat: 51, lon: 24, radiusM: 2000 },
      style: 'engagement',
    });
  });
});
