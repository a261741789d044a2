import { describe, expect, it } from 'vitest';
import { fsplDb, MIN_DISTANCE_KM, radioHorizonKm, receivedDbm } from './propagation.ts';

describe('free-space path loss, 20·log10(d_km) + 20·log10(f_MHz) + 32.44', () => {
  it.each<[number, number, number]>([
    [1, 1000, 92.44],
    [10, 1000, 112.44],
    [1, 100, 72.44],
    [10, 2400, 20 + 20 * Math.log10(2400) + 32.44], // 120.04
    [100, 1575.42, 40 + 63.949 + 32.44], // GNSS L1 at 100 km: 136.39
  ])('%s km at %s MHz: %s dB', (d, f, loss) => {
    expect(fsplDb(d, f)).toBeCloseTo(loss, 2);
  });

  it('doubling the distance or the frequency adds 6.02 dB', () => {
    expect(fsplDb(2, 1000) - fsplDb(1, 1000)).toBeCloseTo(6.0206, 4);
    expect(fsplDb(1, 2000) - fsplDb(1, 1000)).toBeCloseTo(6.0206, 4);
  });

  it('d → 0 is clamped to 10 m: 52.44 dB at 1 GHz, the same at 0, 1 mm and 10 m', () => {
    expect(MIN_DISTANCE_KM).toBe(0.01);
    expect(fsplDb(0, 1000)).toBeCloseTo(52.44, 10);
    expect(fsplDb(1e-6, 1000)).toBe(fsplDb(0, 1000));
    expect(fsplDb(0.01, 1000)).toBe(fsplDb(0, 1000));
    expect(fsplDb(0.02, 1000)).toBeGreaterThan(fsplDb(0, 1000));
    expect(fsplDb(0, 30)).toBeCloseTo(21.98, 2); // still a loss at the bottom of the spectrum view
  });

  it('received power is EIRP − FSPL: 50 dBm at 1 km and 1 GHz arrives at −42.44 dBm', () => {
    expect(receivedDbm(50, 1, 1000)).toBeCloseTo(-42.44, 10);
  });
});

describe('radio horizon, 4.12·(√h_tx + √h_rx) km', () => {
  it.each<[number, number, number]>([
    [100, 4, 49.44],
    [10, 10, 4.12 * 2 * Math.sqrt(10)], // 26.06
    [0, 0, 0],
    [9, 0, 12.36],
  ])('%s m and %s m: %s km', (a, b, km) => {
    expect(radioHorizonKm(a, b)).toBeCloseTo(km, 10);
    expect(radioHorizonKm(b, a)).toBe(radioHorizonKm(a, b));
  });
});
