import type { AirspaceVolume, VolumeKind } from '@tessera/schema';
import { iso, sharedLabel, T0 } from '../fixtures.ts';

/** Builders for the airspace specs and the benchmark: reservations over boxes and circles, 0-3000 m, no time window unless given. */

export { iso, T0 };
export const HOUR = 3_600_000;

type Over = Partial<Omit<AirspaceVolume, 'outline' | 'circle'>>;
type Shape = Pick<AirspaceVolume, 'outline'> | Pick<AirspaceVolume, 'circle'>;

/** A reservation of one nation over a footprint (outline or circle), 0-3000 m, version 1, changed by `over`. */
function reservation(id: string, nation: string, kind: VolumeKind, shape: Shape, over: Over): AirspaceVolume {
  return {
    id,
    name: id,
    kind,
    nation,
    label: sharedLabel(nation),
    floorM: 0,
    ceilingM: 3000,
    version: 1,
    ...shape,
    ...over,
  } as AirspaceVolume;
}

/** A reservation over the box [south, west, north, east] (degrees). */
export function box(
  id: string,
  nation: string,
  kind: VolumeKind,
  [south, west, north, east]: [number, number, number, number],
  over: Over = {},
): AirspaceVolume {
  const corners: [number, number][] = [
    [south, west],
    [south, east],
    [north, east],
    [north, west],
  ];
  return outline(id, nation, kind, corners, over);
}

/** A reservation over an outline of [lat, lon] corners. */
export function outline(
  id: string,
  nation: string,
  kind: VolumeKind,
  corners: [number, number][],
  over: Over = {},
): AirspaceVolume {
  return reservation(id, nation, kind, { outline: corners.map(([lat, lon]) => ({ lat, lon })) }, over);
}

/** A reservation over a circle. */
export function disc(
  id: string,
  nation: string,
  kind: VolumeKind,
  center: { lat: number; lon: number },
  radiusM: number,
  over: Over = {},
): AirspaceVolume {
  return reservation(id, nation, kind, { circle: { center, radiusM } }, over);
}

/** A time window of hours after T0 (either end may be null: unbounded). */
export function hours(from: number | null, to: number | null): Pick<AirspaceVolume, 'validFrom' | 'validTo'> {
  return {
    ...(from === null ? {} : { validFrom: iso(T0 + from * HOUR) }),
    ...(to === null ? {} : { validTo: iso(T0 + to * HOUR) }),
  };
}

/** Metres per degree of latitude on turf's sphere (6,371,008.8 m). */
export const M_PER_DEG = (6_371_008.8 * Math.PI) / 180;
