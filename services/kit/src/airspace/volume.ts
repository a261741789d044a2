import type { AirspaceVolume } from '@tessera/schema';
import { distanceM, insidePolygon, type LatLon } from '../geo.ts';

/** Whether a volume contains the point: inside its outline or circle (edges included), and between floor and ceiling when the altitude is given. */
export function volumeContains(v: AirspaceVolume, p: LatLon & { altM?: number }): boolean {
  if (p.altM !== undefined && (p.altM < v.floorM || p.altM > v.ceilingM)) return false;
  if (v.circle) return distanceM(v.circle.center, p) <= v.circle.radiusM;
  return insidePolygon(p, v.outline);
}

/**
 * The SECTOR volume a point lies in. Where sectors overlap, another nation's sector wins over
 * `ownNation`'s: its commander must then concur (two-nation rule), never the other way round.
 * Null when the point is in no sector (nobody's weapons control status covers it).
 */
export function sectorAt(
  point: LatLon & { altM?: number },
  volumes: Iterable<AirspaceVolume>,
  ownNation?: string,
): AirspaceVolume | null {
  let own: AirspaceVolume | null = null;
  for (const v of volumes) {
    if (v.kind !== 'SECTOR' || !volumeContains(v, point)) continue;
    if (v.nation !== ownNation) return v;
    own ??= v;
  }
  return own;
}
