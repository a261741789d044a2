import type { AuthorizationRequest, TrackKind } from '@tessera/schema';
import { distanceM, type LatLon } from '@tessera/service-kit/geo';

export type JammingDetails = NonNullable<AuthorizationRequest['jamming']>;

/**
 * How the agents jam (configuration, in one place). A one-way attack drone depends on its radio
 * links (control, video, GNSS corrections in the 2.4 GHz ISM band); jamming that band in a circle
 * around the drone's current position makes it lose the link after a while, which counts as a kill
 * with the jammer's probability of kill. Missiles and glide bombs fly on inertial / satellite
 * navigation without a link to lose: jammers are never assigned to them.
 */
export interface JammingPolicy {
  /** The band jammed, MHz: the drone control band 2400-2483.5 MHz. */
  lowMHz: number;
  highMHz: number;
  /** Radius of the jammed circle around the target's position, m. */
  radiusM: number;
  /** How long the jamming lasts at most, s (what the authority approves). */
  durationS: number;
  /** Scenario seconds from the start of jamming until the link loss bites (the outcome is drawn then). */
  effectS: number;
  /** Target kinds a jammer is assigned against. */
  targetKinds: ReadonlySet<TrackKind>;
}

export const DEFAULT_JAMMING: JammingPolicy = {
  lowMHz: 2400,
  highMHz: 2483.5,
  radiusM: 2000,
  durationS: 120,
  effectS: 10,
  targetKinds: new Set<TrackKind>(['UAS']),
};

/** Whether a jammer may be assigned against a target of this kind (drones only: they depend on their links). */
export const jammable = (kind: TrackKind | undefined, policy: JammingPolicy = DEFAULT_JAMMING): boolean =>
  kind !== undefined && policy.targetKinds.has(kind);

/** The JAMMING request's details: the band, a circle centred on the target's position, the duration, the sector it lies in. */
export function jammingDetails(
  effectorId: string,
  center: LatLon,
  sector: { id: string; nation: string },
  policy: JammingPolicy = DEFAULT_JAMMING,
): JammingDetails {
  return {
    effectorId,
    lowMHz: policy.lowMHz,
    highMHz: policy.highMHz,
    center: { lat: center.lat, lon: center.lon },
    radiusM: policy.radiusM,
    durationS: policy.durationS,
    sectorId: sector.id,
    sectorNation: sector.nation,
  };
}

/**
 * Before asking to start jamming (the target has moved since the request): the target must still be
 * within the jammer's range and inside the approved circle. Returns why not, or null.
 */
export function jamBlocker(
  jamming: JammingDetails,
  jammer: { position: LatLon; rangeKm: number },
  target: LatLon,
): string | null {
  const range = distanceM(jammer.position, target);
  if (range > jammer.rangeKm * 1000)
    return `target out of the jammer's range (${(range / 1000).toFixed(1)} km > ${jammer.rangeKm} km)`;
  const off = distanceM(jamming.center, target);
  if (off > jamming.radiusM)
    return `target ${Math.round(off)} m from the centre of the approved jamming area (radius ${jamming.radiusM} m)`;
  return null;
}
