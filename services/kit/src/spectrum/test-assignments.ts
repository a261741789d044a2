import type { SpectrumAssignment, SpectrumLocation, SpectrumUse } from '@tessera/schema';
import { iso, sharedLabel, T0 } from '../fixtures.ts';

/** Builders for the spectrum specs and the benchmark. */

export { iso, T0 };
export const HOUR = 3_600_000;
/** Metres per degree of latitude (turf's sphere). */
export const M_PER_DEG = 111_195;

export const at = (lat: number, lon: number, antennaHeightM = 10): SpectrumLocation => ({
  kind: 'POINT',
  point: { lat, lon },
  antennaHeightM,
});
export const circleAt = (lat: number, lon: number, radiusM: number, antennaHeightM = 10): SpectrumLocation => ({
  kind: 'AREA',
  area: { circle: { center: { lat, lon }, radiusM } },
  antennaHeightM,
});
/** An area over the box [south, west, north, east]. */
export const boxAt = (
  [south, west, north, east]: [number, number, number, number],
  antennaHeightM = 10,
): SpectrumLocation => ({
  kind: 'AREA',
  area: {
    outline: [
      { lat: south, lon: west },
      { lat: south, lon: east },
      { lat: north, lon: east },
      { lat: north, lon: west },
    ],
  },
  antennaHeightM,
});

/** An ACTIVE assignment, version 1, no time window, priority 5, changed by `over`. */
export function assignment(
  id: string,
  nation: string,
  use: SpectrumUse,
  [lowMHz, highMHz]: [number, number],
  location: SpectrumLocation,
  over: Partial<SpectrumAssignment> = {},
): SpectrumAssignment {
  return {
    id,
    nation,
    system: id,
    use,
    lowMHz,
    highMHz,
    location,
    priority: 5,
    label: sharedLabel(nation),
    state: 'ACTIVE',
    version: 1,
    ...over,
  };
}
