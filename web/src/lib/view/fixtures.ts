import type { Volume } from '../globe/globe.ts';

/** Test data for the view specs: one builder per object, each field overridable. */
const T0 = Date.UTC(2026, 10, 30, 21, 0);
const iso = (ms: number) => new Date(ms).toISOString();
const H = 3_600_000;

/** A POL ROZ, 0–1,500 m, active from 21:00Z for four hours. */
export function volume(id: string, over: Partial<Volume> = {}): Volume {
  return {
    id,
    name: id,
    kind: 'ROZ',
    nation: 'POL',
    label: { policy: 'POL', classification: 'CONFIDENTIAL', originator: 'POL', releasableTo: [] },
    outline: [
      { lat: 50, lon: 22 },
      { lat: 50, lon: 22.1 },
      { lat: 50.1, lon: 22.1 },
    ],
    circle: null,
    floorM: 0,
    ceilingM: 1500,
    wcs: null,
    validFrom: iso(T0),
    validTo: iso(T0 + 4 * H),
    state: 'ACTIVE',
    version: 1,
    ...over,
  };
}
