import type { Classification, Track } from '@tessera/schema';

/** A valid track for tests, with the label and time given. */
export function makeTrack(
  id: string,
  opts: {
    originator?: string;
    releasableTo?: string[];
    classification?: Classification;
    at?: number;
    lat?: number;
    fieldLabels?: Track['fieldLabels'];
  } = {},
): Track {
  const at = opts.at ?? Date.UTC(2026, 10, 26, 12);
  const originator = opts.originator ?? 'POL';
  return {
    id,
    label: {
      policy: 'NATO',
      classification: opts.classification ?? 'UNCLASSIFIED',
      originator,
      releasableTo: opts.releasableTo ?? [],
    },
    provenance: {
      nation: originator,
      system: `${originator}-FUSION`,
      sourceId: 'radar-1',
      observedAt: new Date(at).toISOString(),
      publishedAt: new Date(at).toISOString(),
    },
    kind: 'UAS',
    identity: 'HOSTILE',
    assessments: [{ nation: originator, identity: 'HOSTILE' }],
    position: { lat: opts.lat ?? 50, lon: 23, altM: 150 },
    velocity: { speedMps: 50, courseDeg: 270, climbMps: 0 },
    quality: 0.9,
    updatedAt: new Date(at).toISOString(),
    staleAt: new Date(at + 9000).toISOString(),
    fieldLabels: opts.fieldLabels ?? [],
  };
}
