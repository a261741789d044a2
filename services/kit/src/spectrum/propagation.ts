import { radioHorizonKm } from '../geo.ts';

/**
 * Propagation as DOMAIN.md "Spectrum" states it: free-space path loss between isotropic antennas,
 * cut off at the radio horizon of the 4/3-earth model. No terrain, no clutter, no antenna patterns:
 * inside the horizon the loss is never more than free space, so the engine errs towards reporting.
 */

export { radioHorizonKm };

/**
 * Below this distance FSPL is evaluated at it: 10 m. The formula is a far-field one (it goes to
 * −∞ dB as d → 0, i.e. a gain); at 10 m the loss is 52.44 dB at 1 GHz and 21.98 dB at 30 MHz, never
 * negative from 3.3 MHz up. Co-sited systems (an area containing the other system, distance 0) are
 * therefore judged as 10 m apart: below that, interference is a question for a site survey.
 */
export const MIN_DISTANCE_KM = 0.01;

/** Free-space path loss, dB: 20·log10(d_km) + 20·log10(f_MHz) + 32.44, with d clamped up to MIN_DISTANCE_KM. */
export function fsplDb(dKm: number, fMHz: number): number {
  return 20 * Math.log10(Math.max(dKm, MIN_DISTANCE_KM)) + 20 * Math.log10(fMHz) + 32.44;
}

/** Power received at distance d from an EIRP, dBm (free space). */
export function receivedDbm(eirpDbm: number, dKm: number, fMHz: number): number {
  return eirpDbm - fsplDb(dKm, fMHz);
}
