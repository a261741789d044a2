import { describe, expect, it } from 'vitest';
import type { Detection, DetectionBatch, TrackBatch } from '@tessera/schema';
import { covers, createNationPicture } from './picture.ts';
import { iso, label, T0, track, trackBatch } from '@tessera/service-kit/fixtures';
import { threatsFor } from './threats.ts';

const batch = (upserts: TrackBatch['upserts'], removals: TrackBatch['removals'] = []) =>
  trackBatch('UKR', { upserts, removals });

function detection(trackId: string, over: Partial<Detection> = {}): Detection {
  return {
    id: `${trackId}@m`,
    trackId,
    label: label('UKR', ['POL']),
    fieldLabels: [],
    provenance: {
      nation: 'UKR',
      system: 'tessera-detector',
      sourceId: 'm',
      observedAt: iso(T0),
      publishedAt: iso(T0),
      model: { name: 'm', version: '1' },
      inputs: { trackIds: [trackId] },
    },
    classProbabilities: [{ kind: 'UAS', probability: 0.9 }],
    topClass: 'UAS',
    confidence: 0.9,
    reports: 5,
    explanation: [],
    prediction: { method: 'KINEMATIC', horizonS: 600, path: [], impact: null },
    threat: {
      defendedAssetId: 'depot',
      defendedAssetName: 'Depot',
      closestApproachM: 100,
      timeToClosestApproachS: 200,
      timeToImpactS: 180,
      predictedImpact: null,
    },
    assessedAt: iso(T0),
    ...over,
  };
}
const detections = (upserts: Detection[], removals: string[] = []): DetectionBatch => ({
  seq: 1,
  publishedAt: iso(T0),
  upserts,
  removals,
});

describe("a nation's picture", () => {
  it('keeps only what the nation may see at SECRET, and forgets a track relabelled out of its reach', () => {
    const pol = createNationPicture('POL');
    const gone = pol.applyTracks(
      batch([
        track('UKR-shared', { label: label('UKR', ['POL'], 'RESTRICTED') }),
        track('UKR-ukr-only', { label: label('UKR', [], 'SECRET') }),
        track('UKR-for-ltu', { label: label('UKR', ['LTU']) }),
      ]),
    );
    expect(gone).toEqual([]);
    expect([...pol.tracks()].map((t) => t.id)).toEqual(['UKR-shared']);
    expect(pol.applyTracks(batch([track('UKR-shared', { label: label('UKR', []) })]))).toEqual(['UKR-shared']);
    expect([...pol.tracks()]).toEqual([]);
  });

  it('removes what the batch removes, and reports it gone only if the nation had it', () => {
    const pol = createNationPicture('POL');
    pol.applyTracks(batch([track('UKR-a', { label: label('UKR', ['POL']) })]));
    expect(
      pol.applyTracks(
        batch(
          [],
          [
            { id: 'UKR-a', reason: 'DESTROYED' },
            { id: 'UKR-never-seen', reason: 'LOST' },
          ],
        ),
      ),
    ).toEqual(['UKR-a']);
  });

  it("withholds a detection's threat whose field label the nation may not see", () => {
    const pol = createNationPicture('POL');
    pol.applyDetections(
      detections([
        detection('UKR-a'),
        detection('UKR-b', { fieldLabels: [{ path: 'threat', label: label('UKR', [], 'CONFIDENTIAL') }] }),
        detection('UKR-c', { label: label('UKR') }),
      ]),
    );
    expect(pol.detection('UKR-a')?.threat?.timeToImpactS).toBe(180);
    expect(pol.detection('UKR-b')).toMatchObject({ confidence: 0.9, threat: null });
    expect(pol.detection('UKR-c')).toBeUndefined();
  });

  it('runs on the clock of its latest observation', () => {
    const pol = createNationPicture('POL');
    pol.applyTracks(
      batch([
        track('UKR-a', {
          label: label('UKR', ['POL']),
          provenance: {
            nation: 'UKR',
            system: 'UKR-FUSION',
            sourceId: 'r',
            observedAt: iso(T0 + 5000),
            publishedAt: iso(T0 + 5000),
          },
        }),
      ]),
    );
    expect(pol.nowMs()).toBe(T0 + 5000);
  });
});

describe('covers', () => {
  it('holds when everyone who may see the outer label may see the inner one', () => {
    expect(covers(label('UKR', ['POL'], 'RESTRICTED'), label('UKR', ['POL', 'LTU']))).toBe(true);
    expect(covers(label('UKR', ['POL']), label('UKR', []))).toBe(false); // POL may not see it
    expect(covers(label('UKR', ['POL']), label('UKR', ['POL'], 'SECRET'))).toBe(false); // stricter
    expect(covers(label('POL', ['UKR']), label('UKR', ['POL']))).toBe(true);
  });
});

describe('threatsFor', () => {
  const nowMs = T0 + 1000;
  const polTrack = (id: string, over: Parameters<typeof track>[1] = {}) =>
    track(id, { label: label('POL', ['UKR']), ...over });

  it("takes hostile weapons by the nation's own assessment, and anything not friendly with a threat to an asset", () => {
    const tracks = [
      polTrack('POL-hostile-drone'),
      polTrack('POL-hostile-jet', { kind: 'FIXED_WING' }), // hostile, but not a weapon and no threat
      polTrack('POL-suspect-with-threat', { identity: 'SUSPECT' }),
      polTrack('POL-suspect-no-threat', { identity: 'SUSPECT' }),
      polTrack('POL-friend-by-pol', { identity: 'HOSTILE', assessments: [{ nation: 'POL', identity: 'FRIEND' }] }),
      polTrack('POL-neutral-with-threat', { identity: 'NEUTRAL' }),
      polTrack('POL-stale', { staleAt: iso(T0 + 500) }),
    ];
    const dets = new Map([
      [
        'POL-suspect-with-threat',
        {
          confidence: 0.7,
          topClass: 'UAS' as const,
          threat: detection('POL-x').threat!,
          threatLabel: label('POL', ['UKR']),
        },
      ],
      [
        'POL-neutral-with-threat',
        { confidence: 0.7, topClass: 'UAS' as const, threat: detection('POL-x').threat!, threatLabel: null },
      ],
    ]);
    const threats = threatsFor('POL', tracks, (id) => dets.get(id), nowMs);
    expect(threats.map((t) => [t.trackId, t.identity, t.timeToImpactS, t.revealImpact, t.confidence])).toEqual([
      ['POL-hostile-drone', 'HOSTILE', null, false, 0],
      ['POL-suspect-with-threat', 'SUSPECT', 180, true, 0.7],
    ]);
  });

  it("cites the time to impact only when its label is no stricter than the track's", () => {
    const t = polTrack('POL-a', { identity: 'SUSPECT' });
    const threat = detection('POL-a').threat!;
    const [hidden] = threatsFor(
      'POL',
      [t],
      () => ({ confidence: 0.9, topClass: 'UAS', threat, threatLabel: label('POL', []) }),
      nowMs,
    );
    expect(hidden).toMatchObject({ timeToImpactS: 180, revealImpact: false });
  });

  it("extrapolates the position to the picture's clock (1 s at 50 m/s west: 50 m)", () => {
    const [t] = threatsFor('POL', [polTrack('POL-a')], () => undefined, nowMs);
    expect(t!.position.lat).toBeCloseTo(50, 6);
    expect((22.5 - t!.position.lon) * 111_320 * Math.cos((50 * Math.PI) / 180)).toBeCloseTo(50, 0);
  });
});
