import { describe, expect, it } from 'vitest';
import { destination } from '@tessera/service-kit/geo';
import { assign, MAX_REASON, threatWeight, type EffectorInput, type ThreatInput } from './assignment.ts';
import { POL_SOUTH, UKR_WEST } from '@tessera/service-kit/fixtures';

const volumes = [POL_SOUTH, UKR_WEST];
const BASE = { lat: 50, lon: 22.5 };
const effector = (id: string, over: Partial<EffectorInput> = {}): EffectorInput => ({
  id,
  kind: 'INTERCEPTOR_DRONE',
  position: BASE,
  rangeKm: 20,
  speedMps: 100,
  probabilityOfKill: 0.9,
  ...over,
});
/** A target `m` metres from BASE towards `bearing`, flying straight at BASE at 50 m/s. */
function threat(
  trackId: string,
  m: number,
  bearing: number,
  timeToImpactS: number | null,
  over: Partial<ThreatInput> = {},
): ThreatInput {
  return {
    trackId,
    position: { ...destination(BASE, m, bearing), altM: 300 },
    velocity: { speedMps: 50, courseDeg: (bearing + 180) % 360, climbMps: 0 },
    timeToImpactS,
    revealImpact: true,
    ...over,
  };
}

describe('threatWeight', () => {
  it('is 1 at impact, 0.65 at 120 s (half-way), 0.475 at 360 s, and the 0.3 floor without a predicted impact', () => {
    expect(threatWeight(0)).toBe(1);
    expect(threatWeight(120)).toBeCloseTo(0.65, 10);
    expect(threatWeight(360)).toBeCloseTo(0.475, 10);
    expect(threatWeight(null)).toBe(0.3);
    expect(threatWeight(60)).toBeGreaterThan(threatWeight(61)); // sooner is more urgent
  });
});

describe('assign (greedy weapon-target assignment)', () => {
  it('takes the pair of highest expected threat reduction first, then the best of the rest', () => {
    // weights: T1 impact in 60 s -> 0.3 + 0.7 * 120 / 180 = 0.767; T2 none -> 0.3
    // values: A-T1 0.9 * 0.767 = 0.69, B-T1 0.5 * 0.767 = 0.38, A-T2 0.27, B-T2 0.15
    // greedy: A-T1 (0.69), then B-T2 (0.15): 0.84 in all, better than A-T2 + B-T1 (0.65)
    const a = effector('A');
    const b = effector('B', { probabilityOfKill: 0.5 });
    const out = assign([threat('POL-T1', 5000, 0, 60), threat('POL-T2', 6000, 90, null)], [b, a], new Set(), {
      nation: 'POL',
      volumes,
    });
    expect(out.map((x) => [x.effectorId, x.trackId, Number(x.value.toFixed(3))])).toEqual([
      ['A', 'POL-T1', 0.69],
      ['B', 'POL-T2', 0.15],
    ]);
    expect(out[0]!.weight).toBeCloseTo(0.7667, 4);
    // T1 comes straight at A, 300 m up: (5000 - 50 t)^2 + 300^2 = (100 t)^2 gives t = 33.42 s
    expect(out[0]!.solution.timeS).toBeCloseTo(33.42, 2);
    expect(out[0]!.sector).toEqual({ id: 'pol-south', nation: 'POL' });
  });

  it('says why, with the numbers: Pk, urgency, value, intercept time and distance, sector, alternatives', () => {
    const out = assign(
      [threat('POL-T1', 5000, 0, 60)],
      [effector('A'), effector('B', { probabilityOfKill: 0.5 }), effector('C', { rangeKm: 1 })],
      new Set(['D']),
      { nation: 'POL', volumes },
    );
    expect(out).toHaveLength(1);
    expect(out[0]!.reason).toBe(
      'A (INTERCEPTOR_DRONE) on POL-T1: Pk 0.90 x urgency 0.77 (impact in 60 s) = value 0.69; intercept in 33 s at 3.3 km, sector pol-south (POL); alternatives: B value 0.38; C out of range (3.3 km > 1 km)',
    );
  });

  it('names a busy effector among the alternatives and never assigns it', () => {
    const out = assign(
      [threat('POL-T1', 5000, 0, 60)],
      [effector('A'), effector('B', { probabilityOfKill: 0.5 })],
      new Set(['A']),
      { nation: 'POL', volumes },
    );
    expect(out.map((x) => x.effectorId)).toEqual(['B']);
    expect(out[0]!.reason).toMatch(/alternatives: A busy$/);
  });

  it('gives each effector one target and each target one effector', () => {
    const out = assign(
      [threat('POL-T1', 5000, 0, 60), threat('POL-T2', 5000, 10, 60), threat('POL-T3', 5000, 20, 60)],
      [effector('A'), effector('B')],
      new Set(),
      { nation: 'POL', volumes },
    );
    expect(out).toHaveLength(2);
    expect(new Set(out.map((x) => x.effectorId)).size).toBe(2);
    expect(new Set(out.map((x) => x.trackId)).size).toBe(2);
  });

  it('does not engage what it cannot reach in time: too late for the impact, or outside every sector', () => {
    // 10 km out, impact in 20 s: the intercept (66.7 s) would come after it
    const late = assign([threat('POL-T1', 10_000, 0, 20)], [effector('A')], new Set(), { nation: 'POL', volumes });
    expect(late).toEqual([]);
    const nowhere = assign(
      [threat('POL-T1', 5000, 0, 60)],
      [effector('A', { position: { lat: 51.5, lon: 22.5 } })],
      new Set(),
      { nation: 'POL', volumes },
    );
    expect(nowhere).toEqual([]);
  });

  it('asks for no engagement in a sector whose commanders may not see the target (they could only let it expire)', () => {
    // BASE is in POL SOUTH, 0.6 deg west of the border: a target 45 km east is intercepted in UKR WEST.
    const east = threat('POL-T1', 45_000, 90, null);
    const far = effector('A', { position: destination(BASE, 40_000, 90), rangeKm: 20 });
    expect(assign([east], [far], new Set(), { nation: 'POL', volumes })[0]?.sector.nation).toBe('UKR');
    expect(
      assign([east], [far], new Set(), {
        nation: 'POL',
        volumes,
        approversMaySee: (sectorNation) => sectorNation === 'POL',
      }),
    ).toEqual([]);
  });

  it('cites no time to impact the request may not carry, and no effector it may not name', () => {
    const hidden = threat('POL-T1', 5000, 0, 60, { revealImpact: false });
    const out = assign([hidden], [effector('A'), effector('SECRET-SAM', { probabilityOfKill: 0.2 })], new Set(), {
      nation: 'POL',
      volumes,
      mayName: (e) => e.id !== 'SECRET-SAM',
    });
    expect(out[0]!.effectorId).toBe('A');
    expect(out[0]!.reason).not.toMatch(/60 s|urgency 0|value|SECRET-SAM/);
    expect(out[0]!.reason).toMatch(
      /Pk 0\.90, urgency withheld at this label; .*alternatives: 1 effector not releasable here$/,
    );
  });

  it('keeps the reason within 300 characters however many alternatives there are', () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      effector(`pol-effector-${String(i).padStart(2, '0')}`, { probabilityOfKill: 0.5 + i / 100 }),
    );
    const [a] = assign([threat('POL-T1', 5000, 0, 60)], many, new Set(), { nation: 'POL', volumes });
    expect(a!.effectorId).toBe('pol-effector-29');
    expect(a!.reason.length).toBeLessThanOrEqual(MAX_REASON);
    expect(a!.reason).toMatch(/\+\d+ more$/);
  });

  it('assigns an EW jammer only against drones within its range, and says it is jamming', () => {
    const jammer = effector('EW', { kind: 'EW_JAMMER', rangeKm: 10, speedMps: 1, probabilityOfKill: 0.8 });
    const drone = threat('POL-T1', 5000, 0, null, { kind: 'UAS' });
    const [a] = assign([drone], [jammer], new Set(), { nation: 'POL', volumes });
    expect(a).toMatchObject({
      effectorId: 'EW',
      trackId: 'POL-T1',
      jamming: true,
      sector: { id: 'pol-south', nation: 'POL' },
      probabilityOfKill: 0.8,
    });
    // acts on the drone where it is now; the link loss bites after 10 s
    expect(a!.solution).toMatchObject({ timeS: 10, point: drone.position });
    expect(a!.solution.distanceM).toBeCloseTo(5000, 0);
    expect(a!.value).toBeCloseTo(0.24, 10);
    expect(a!.reason).toBe(
      'EW (EW_JAMMER) on POL-T1: Pk 0.80 x urgency 0.30 (no impact predicted) = value 0.24; jamming its links at 5.0 km, link loss in 10 s, sector pol-south (POL); no alternative',
    );
    // missiles and glide bombs have no link to lose; a kind not known is not jammed either
    for (const kind of ['CRUISE_MISSILE', 'GLIDE_BOMB', 'BALLISTIC', undefined] as const) {
      expect(
        assign([threat('POL-T1', 5000, 0, null, kind ? { kind } : {})], [jammer], new Set(), {
          nation: 'POL',
          volumes,
        }),
      ).toEqual([]);
    }
    // beyond its range (from its position, where the drone is now)
    expect(
      assign([threat('POL-T1', 12_000, 0, null, { kind: 'UAS' })], [jammer], new Set(), { nation: 'POL', volumes }),
    ).toEqual([]);
    // the drone hits before the link loss bites
    expect(
      assign([threat('POL-T1', 5000, 0, 8, { kind: 'UAS' })], [jammer], new Set(), { nation: 'POL', volumes }),
    ).toEqual([]);
  });

  it('keeps greedy by expected threat reduction: a jammer with the better Pk wins over a kinetic effector, which is named why not', () => {
    const jammer = effector('EW', { kind: 'EW_JAMMER', rangeKm: 10, probabilityOfKill: 0.95 });
    const missile = threat('POL-T2', 5000, 90, null, { kind: 'CRUISE_MISSILE' });
    const out = assign(
      [threat('POL-T1', 5000, 0, null, { kind: 'UAS' }), missile],
      [jammer, effector('A', { probabilityOfKill: 0.9 })],
      new Set(),
      { nation: 'POL', volumes },
    );
    expect(out.map((x) => [x.effectorId, x.trackId, x.jamming])).toEqual([
      ['EW', 'POL-T1', true],
      ['A', 'POL-T2', false],
    ]);
    expect(out[0]!.reason).toMatch(
      /^EW \(EW_JAMMER\) on POL-T1: .*jamming.*alternatives: A value 0\.27, assigned elsewhere$/,
    );
    expect(out[1]!.reason).toMatch(/alternatives: EW jams drones only \(target is CRUISE_MISSILE\)$/);
  });

  it('breaks ties by the sooner intercept, then by id, so the same picture gives the same assignment', () => {
    const near = effector('Z', { position: destination(BASE, 2000, 0) });
    const out = assign([threat('POL-T1', 5000, 0, 60)], [effector('A'), near], new Set(), { nation: 'POL', volumes });
    expect(out[0]!.effectorId).toBe('Z');
    const twins = assign([threat('POL-T1', 5000, 0, 60)], [effector('B'), effector('A')], new Set(), {
      nation: 'POL',
      volumes,
    });
    expect(twins[0]!.effectorId).toBe('A');
  });
});
