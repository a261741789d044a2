import type { AirspaceVolume, Label, Track } from '@tessera/schema';

/** Test fixtures shared by the domain specs (not used by the service). */
export const label = (originator: string, releasableTo: string[] = [], classification: Label['classification'] = 'UNCLASSIFIED'): Label => ({ policy: 'NATO', classification, originator, releasableTo });

export function sector(id: string, nation: string, outline: [number, number][], over: Partial<AirspaceVolume> = {}): AirspaceVolume {
  return { id, name: id, kind: 'SECTOR', nation, label: label(nation, ['POL', 'UKR', 'LTU'].filter((n) => n !== nation)), floorM: 0, ceilingM: 15_000, wcs: 'TIGHT', version: 1, outline: outline.map(([lat, lon]) => ({ lat, lon })), ...over } as AirspaceVolume;
}

/** POL SOUTH and UKR WEST as in the test-small scenario: the border at 23.1 E. */
export const POL_SOUTH = sector('pol-south', 'POL', [[50.5, 21.8], [50.5, 23.1], [49.6, 23.1], [49.6, 21.8]]);
export const UKR_WEST = sector('ukr-west', 'UKR', [[50.5, 23.1], [50.5, 24.5], [49.6, 24.5], [49.6, 23.1]], { wcs: 'FREE' });

export const T0 = Date.UTC(2026, 10, 26, 12);
export const iso = (ms: number) => new Date(ms).toISOString();

export function track(id: string, over: Partial<Track> = {}): Track {
  return {
    id,
    label: label('POL', ['UKR', 'LTU']),
    provenance: { nation: 'POL', system: 'POL-FUSION', sourceId: 'pol-radar-1', observedAt: iso(T0), publishedAt: iso(T0) },
    kind: 'UAS',
    identity: 'HOSTILE',
    assessments: [],
    position: { lat: 50, lon: 22.5, altM: 300 },
    velocity: { speedMps: 50, courseDeg: 270, climbMps: 0 },
    quality: 0.9,
    updatedAt: iso(T0),
    staleAt: iso(T0 + 6000),
    fieldLabels: [],
    ...over,
  };
}
