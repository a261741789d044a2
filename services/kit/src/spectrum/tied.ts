import { reservationState, type AirspaceVolume, type SpectrumAssignment } from '@tessera/schema';

/**
 * Joint airspace and spectrum (DOMAIN.md): an assignment tied to a reservation (the receivers of
 * the drones flying it) is judged wherever that reservation is, anywhere in its footprint, at the
 * assignment's own antenna height. A reservation that ended or is unknown leaves the assignment
 * where it says it is. The deconfliction service and the gateway's suggestions both judge it so.
 */
export function asFlown(
  a: SpectrumAssignment,
  reservationOf: (nation: string, id: string) => AirspaceVolume | undefined,
): SpectrumAssignment {
  if (!a.tiedReservation) return a;
  const r = reservationOf(a.tiedReservation.nation, a.tiedReservation.id);
  if (!r || reservationState(r) === 'ENDED') return a;
  const area = r.circle ? { circle: r.circle } : { outline: r.outline! };
  return { ...a, location: { kind: 'AREA', area, antennaHeightM: a.location.antennaHeightM } } as SpectrumAssignment;
}
