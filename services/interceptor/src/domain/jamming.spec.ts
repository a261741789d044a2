import { describe, expect, it } from 'vitest';
import { destination } from '@tessera/service-kit/geo';
import { checkJammingSpectrum } from '@tessera/authority/spectrum-check';
import { DEFAULT_JAMMING, jamBlocker, jammable, jammingDetails } from './jamming.ts';

describe('jamming', () => {
  it('jams drones only: missiles, glide bombs and ballistic weapons have no link to lose', () => {
    expect(jammable('UAS')).toBe(true);
    expect(
      (['CRUISE_MISSILE', 'GLIDE_BOMB', 'BALLISTIC', 'FIXED_WING', 'UNKNOWN'] as const).map((k) => jammable(k)),
    ).toEqual([false, false, false, false, false]);
    expect(jammable(undefined)).toBe(false);
  });

  it('asks for the drone control band, 2 km around the target, for 120 s, in the sector the target is in', () => {
    expect(jammingDetails('ukr-ew-1', { lat: 50.01, lon: 23.9 }, { id: 'ukr-west', nation: 'UKR' })).toEqual({
      effectorId: 'ukr-ew-1',
      lowMHz: 2400,
      highMHz: 2483.5,
      center: { lat: 50.01, lon: 23.9 },
      radiusM: 2000,
      durationS: 120,
      sectorId: 'ukr-west',
      sectorNation: 'UKR',
    });
    expect(DEFAULT_JAMMING.effectS).toBe(10);
    // configuration: another radius
    expect(
      jammingDetails('e', { lat: 50, lon: 23 }, { id: 's', nation: 'POL' }, { ...DEFAULT_JAMMING, radiusM: 500 })
        .radiusM,
    ).toBe(500);
  });

  it('before jamming: the target must still be in range and inside the approved circle', () => {
    const center = { lat: 50, lon: 23.5 };
    const details = jammingDetails('ukr-ew-1', center, { id: 'ukr-west', nation: 'UKR' });
    const jammer = { position: destination(center, 5000, 270), rangeKm: 10 };
    expect(jamBlocker(details, jammer, destination(center, 1500, 90))).toBeNull();
    expect(jamBlocker(details, jammer, destination(center, 2500, 0))).toMatch(
      /^target 2500 m from the centre of the approved jamming area \(radius 2000 m\)$/,
    );
    expect(jamBlocker(details, { ...jammer, rangeKm: 4 }, center)).toMatch(
      /^target out of the jammer's range \(5\.0 km > 4 km\)$/,
    );
  });

  it("the demo's band 2400-2483.5 MHz (widened 2379.125-2504.375) is in no TABOO band: the authority's spectrum check lets it through to UKR's commander", () => {
    const nowMs = Date.UTC(2026, 10, 26, 12);
    const checked = checkJammingSpectrum({
      nation: 'UKR',
      label: { policy: 'NATO', classification: 'RESTRICTED', originator: 'UKR', releasableTo: ['POL'] },
      // the demo's jammer (services/twin/scenarios/demo.json), aimed 5 km west of it
      jamming: jammingDetails('ukr-ew-kovel', { lat: 51.2, lon: 24.68 }, { id: 'ukr-north', nation: 'UKR' }),
      jammer: { id: 'ukr-ew-kovel', nation: 'UKR', kind: 'EW_JAMMER', position: { lat: 51.2, lon: 24.75 } },
      nowMs,
      untilMs: nowMs + (120 + DEFAULT_JAMMING.durationS) * 1000,
      assignments: [],
      restricted: [],
    });
    expect(checked).toMatchObject({ ok: true, value: { concurrence: [] } });
  });
});
