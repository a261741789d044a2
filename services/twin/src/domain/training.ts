import type { ScenarioInput, TrackKind, Waypoint } from '@tessera/schema';
import { Scenario } from '@tessera/schema';
import { destination, normalizeDeg } from '@tessera/service-kit/geo';
import { uniform } from './random.ts';

/**
 * Labelled flights for training and testing the AI detector: many objects of every kind, flying
 * kind-typical but varied profiles (an airliner and a light aircraft are both FIXED_WING; a Shahed,
 * an FPV and a reconnaissance drone are all UAS), seen by radars of different period and noise. The
 * twin simulates it like any scenario, so the reports carry the same noise, coverage gaps and
 * timing as the live picture. Ground truth is the raid's kind. Another seed gives other flights.
 */

type RaidInput = NonNullable<ScenarioInput['raids']>[number];

const CENTER = { lat: 50.2, lon: 23.8 };
const NATION = 'POL';

/** One way to fly, for one kind: ranges the seeded draws pick from. */
interface Profile {
  kind: Exclude<TrackKind, 'UNKNOWN'>;
  /** Relative frequency within the kind. */
  weight: number;
  speedMps: [number, number];
  /** Altitude band of the cruise, metres. */
  altM: [number, number];
  /** Number of legs and the largest heading change per turn, degrees. */
  legs: [number, number];
  maxTurnDeg: number;
  legKm: [number, number];
  /** Ends on the ground at the last waypoint (weapons): a final dive, or a slow descent all the way. */
  descendsToGround?: boolean;
  gradualDescent?: boolean;
  /** Descends from the start (glide bombs, ballistic): the first waypoint is the release altitude. */
  glide?: boolean;
  /** Altitude changes between waypoints, metres (one-sigma-ish). */
  altJitterM?: number;
  /** Mean radar cross-section of an object of this profile, dBsm. */
  rcsDbsm: [number, number];
}

const PROFILES: Profile[] = [
  {
    kind: 'FIXED_WING',
    weight: 5,
    speedMps: [190, 260],
    altM: [7_500, 12_000],
    legs: [1, 2],
    maxTurnDeg: 25,
    legKm: [60, 150],
    rcsDbsm: [15, 30],
  },
  {
    kind: 'FIXED_WING',
    weight: 3,
    speedMps: [150, 300],
    altM: [1_500, 10_000],
    legs: [3, 5],
    maxTurnDeg: 120,
    legKm: [20, 60],
    altJitterM: 800,
    rcsDbsm: [0, 10],
  },
  {
    kind: 'FIXED_WING',
    weight: 2,
    speedMps: [45, 85],
    altM: [500, 3_000],
    legs: [1, 3],
    maxTurnDeg: 60,
    legKm: [15, 50],
    altJitterM: 300,
    rcsDbsm: [0, 8],
  },
  {
    kind: 'ROTARY',
    weight: 1,
    speedMps: [25, 75],
    altM: [80, 1_500],
    legs: [2, 5],
    maxTurnDeg: 110,
    legKm: [3, 25],
    altJitterM: 250,
    rcsDbsm: [3, 15],
  },
  {
    kind: 'UAS',
    weight: 4,
    speedMps: [42, 62],
    altM: [30, 2_500],
    legs: [1, 3],
    maxTurnDeg: 50,
    legKm: [20, 70],
    descendsToGround: true,
    rcsDbsm: [-15, -5],
  },
  {
    kind: 'UAS',
    weight: 2,
    speedMps: [40, 62],
    altM: [30, 800],
    legs: [1, 2],
    maxTurnDeg: 40,
    legKm: [15, 60],
    descendsToGround: true,
    gradualDescent: true,
    rcsDbsm: [-15, -5],
  },
  {
    kind: 'UAS',
    weight: 2,
    speedMps: [12, 35],
    altM: [10, 150],
    legs: [1, 2],
    maxTurnDeg: 60,
    legKm: [3, 12],
    descendsToGround: true,
    altJitterM: 30,
    rcsDbsm: [-25, -15],
  },
  {
    kind: 'UAS',
    weight: 2,
    speedMps: [25, 55],
    altM: [800, 5_000],
    legs: [3, 5],
    maxTurnDeg: 120,
    legKm: [10, 30],
    altJitterM: 200,
    rcsDbsm: [-12, 0],
  },
  {
    kind: 'CRUISE_MISSILE',
    weight: 1,
    speedMps: [200, 275],
    altM: [30, 150],
    legs: [2, 4],
    maxTurnDeg: 70,
    legKm: [25, 80],
    descendsToGround: true,
    altJitterM: 30,
    rcsDbsm: [-10, 0],
  },
  {
    kind: 'GLIDE_BOMB',
    weight: 1,
    speedMps: [150, 300],
    altM: [6_000, 12_000],
    legs: [1, 1],
    maxTurnDeg: 0,
    legKm: [30, 70],
    glide: true,
    rcsDbsm: [-12, -3],
  },
  {
    kind: 'BALLISTIC',
    weight: 1,
    speedMps: [900, 2_200],
    altM: [20_000, 30_000],
    legs: [1, 1],
    maxTurnDeg: 0,
    legKm: [15, 45],
    glide: true,
    rcsDbsm: [-10, 0],
  },
  {
    kind: 'BALLOON',
    weight: 1,
    speedMps: [3, 25],
    altM: [2_000, 18_000],
    legs: [1, 2],
    maxTurnDeg: 30,
    legKm: [10, 40],
    altJitterM: 400,
    rcsDbsm: [-10, 5],
  },
];

const KINDS = [...new Set(PROFILES.map((p) => p.kind))];

export interface TrainingScenarioOptions {
  /** Flights of each kind (spread over that kind's profiles by weight). */
  flightsPerKind: number;
  /** No flight lasts longer than this (scenario seconds); keeps airliners from dominating. */
  maxFlightS?: number;
}

/** A scenario of `flightsPerKind` labelled flights of every classified kind, as a function of the seed. */
export function trainingScenario(seed: number, opts: TrainingScenarioOptions): Scenario {
  const maxFlightS = opts.maxFlightS ?? 600;
  const raids: RaidInput[] = [];
  let n = 0;
  for (const kind of KINDS) {
    const profiles = PROFILES.filter((p) => p.kind === kind);
    const total = profiles.reduce((s, p) => s + p.weight, 0);
    for (let i = 0; i < opts.flightsPerKind; i++, n++) {
      const draw = (k: number) => uniform(seed, n, k);
      let pick = draw(1) * total;
      const profile = profiles.find((p) => (pick -= p.weight) < 0) ?? profiles[profiles.length - 1]!;
      raids.push(flight(profile, `${kind.toLowerCase().replaceAll('_', '-')}-${i}`, draw, maxFlightS));
    }
  }
  const sensors = [];
  for (let row = 0; row < 4; row++) {
    for (let col = 0; col < 4; col++) {
      const id = row * 4 + col;
      sensors.push({
        id: `trn-radar-${id}`,
        nation: NATION,
        // Half the sensors measure no cross-section (passive RF, EO/IR), so the model learns to do without one.
        kind: id % 4 === 1 ? ('PASSIVE_RF' as const) : id % 4 === 3 ? ('EO_IR' as const) : ('RADAR' as const),
        position: destination(destination(CENTER, (row - 1.5) * 70_000, 0), (col - 1.5) * 70_000, 90),
        heightM: 15 + 40 * uniform(seed, 9_000, id),
        rangeKm: 120 + 80 * uniform(seed, 9_001, id),
        periodS: 1 + Math.round(4 * uniform(seed, 9_002, id)),
        noiseM: 10 + 140 * uniform(seed, 9_003, id),
      });
    }
  }
  return Scenario.parse({
    name: `training-${seed}`,
    description: 'Labelled flights of every kind for the AI detector (generated).',
    seed,
    areaOfOperations: { center: CENTER, radiusKm: 250 },
    coastS: 30,
    nations: [{ code: NATION, name: 'Training' }],
    sensors,
    raids,
  } satisfies ScenarioInput);
}

function between([lo, hi]: [number, number], u: number): number {
  return lo + (hi - lo) * u;
}

function flight(p: Profile, id: string, draw: (k: number) => number, maxFlightS: number): RaidInput {
  const speedMps = between(p.speedMps, draw(2));
  const rcsDbsm = between(p.rcsDbsm, draw(9));
  const cruiseAltM = between(p.altM, draw(3));
  const legs = Math.round(between(p.legs, draw(4)));
  const start = destination(CENTER, 160_000 * Math.sqrt(draw(5)), 360 * draw(6));
  let heading = 360 * draw(7);
  const route: Waypoint[] = [{ ...start, altM: cruiseAltM }];
  for (let leg = 0; leg < legs; leg++) {
    if (leg > 0) heading = normalizeDeg(heading + p.maxTurnDeg * (2 * draw(20 + leg) - 1));
    const from = route[route.length - 1]!;
    const next = destination(from, between(p.legKm, draw(40 + leg)) * 1000, heading);
    const jitter = (p.altJitterM ?? 0) * (2 * draw(60 + leg) - 1);
    const altM = p.glide ? 0 : Math.min(30_000, Math.max(5, cruiseAltM + jitter));
    route.push({ ...next, altM });
  }
  if (p.descendsToGround && p.gradualDescent) {
    // A slow descent from the first waypoint to the ground at the last.
    const last = route.length - 1;
    route.forEach((w, i) => (w.altM = Math.max(0, cruiseAltM * (1 - i / last))));
  } else if (p.descendsToGround) {
    // Weapons cruise, then dive onto the target over the last few kilometres.
    const last = route[route.length - 1]!;
    const dive = destination(last, 2_000 + 4_000 * draw(80), heading);
    route.push({ ...dive, altM: 0 });
  }
  return {
    id,
    kind: p.kind,
    count: 1,
    startS: -Math.round(maxFlightS * 0.25 * draw(8)),
    trackedBy: NATION,
    identity: 'UNKNOWN',
    label: { classification: 'UNCLASSIFIED', releasableTo: [] },
    route,
    speedMps,
    rcsDbsm,
    durationS: maxFlightS,
  };
}
