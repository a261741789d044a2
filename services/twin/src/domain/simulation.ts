import {
  ownedTrackId,
  TYPICAL_RCS_DBSM,
  type Label,
  type Raid,
  type Scenario,
  type Sensor,
  type Track,
  type TrackRemoval,
} from '@tessera/schema';
import { distanceM, normalizeDeg, offset, radioHorizonKm } from '@tessera/service-kit/geo';
import { buildRoute, stateAlong, type KinematicState, type Route } from './kinematics.ts';
import { gaussian, hashString, uniform } from './random.ts';

/** One object of a raid: its route, timing and how it ends. */
export interface Flight {
  id: string;
  raid: Raid;
  key: number;
  spawnS: number;
  endS: number;
  endReason: TrackRemoval['reason'];
  route: Route;
  speedMps: number;
}

export type TwinEvent =
  | { type: 'report'; atS: number; track: Track }
  | { type: 'removal'; atS: number; nation: string; removal: TrackRemoval };

interface FlightProgress {
  nextCheckS: number;
  lastReportS: number | null;
  reports: number;
  /** Currently in the fusion centre's picture (reported and not yet removed). */
  shown: boolean;
  done: boolean;
  /** Set when an effector destroyed it: the flight ends there, whatever its route says. */
  destroyedAtS: number | null;
}

/** How long a track stays fresh after a report, in sensor periods. */
const STALE_AFTER_PERIODS = 3;
/** When no sensor sees a flight, look again after this many seconds. */
const UNSEEN_RECHECK_S = 1;

function endReasonOf(raid: Raid): TrackRemoval['reason'] {
  const end =
    raid.end ??
    (['UAS', 'CRUISE_MISSILE', 'GLIDE_BOMB', 'BALLISTIC'].includes(raid.kind)
      ? 'IMPACT'
      : raid.kind === 'ROTARY'
        ? 'LAND'
        : 'LEAVE');
  return end === 'IMPACT' ? 'IMPACT' : end === 'LAND' ? 'LANDED' : 'LEFT';
}

/** Every flight a scenario will ever launch, in a stable order. */
export function planFlights(scenario: Scenario): Flight[] {
  const flights: Flight[] = [];
  for (const raid of scenario.raids) {
    for (let i = 0; i < raid.count; i++) {
      const localId = `${raid.id}-${String(i + 1).padStart(2, '0')}`;
      // The nation tracking it owns the track id; randomness stays keyed by the raid's own name.
      const id = ownedTrackId(raid.trackedBy, localId);
      const key = hashString(localId);
      const spreadM = raid.spreadKm * 1000;
      const eastM = spreadM * gaussian(scenario.seed, key, 10);
      const northM = spreadM * gaussian(scenario.seed, key, 11);
      const waypoints = raid.route.map((w) => ({ ...offset(w, eastM, northM), altM: w.altM }));
      const route = buildRoute(waypoints, raid.loop);
      const speedMps = raid.speedMps * (1 + 0.05 * (2 * uniform(scenario.seed, key, 12) - 1));
      const spawnS = raid.startS + i * raid.intervalS;
      const routeEndS = raid.loop ? Infinity : spawnS + route.lengthM / speedMps;
      const durationEndS = raid.durationS === undefined ? Infinity : spawnS + raid.durationS;
      const endS = Math.min(routeEndS, durationEndS);
      const endReason = durationEndS < routeEndS ? 'LEFT' : endReasonOf(raid);
      flights.push({ id, raid, key, spawnS, endS, endReason, route, speedMps });
    }
  }
  return flights;
}

/** The sensor of `nation` that sees the position best (shortest period, then least noise), if any. */
export function bestSensor(sensors: readonly Sensor[], at: KinematicState): Sensor | undefined {
  let best: Sensor | undefined;
  for (const s of sensors) {
    const dKm = distanceM(s.position, at) / 1000;
    if (dKm > s.rangeKm || dKm > radioHorizonKm(s.heightM, at.altM)) continue;
    if (!best || s.periodS < best.periodS || (s.periodS === best.periodS && s.noiseM < best.noiseM)) best = s;
  }
  return best;
}

export interface Simulation {
  readonly flights: readonly Flight[];
  /** Scenario seconds simulated so far. */
  elapsedS(): number;
  /** Simulate up to `targetS` and return what the fusion centres report, in time order. */
  advanceTo(targetS: number): TwinEvent[];
  /** Ids of tracks currently in some nation's picture, with the nation. */
  shownTracks(): { id: string; nation: string }[];
  /**
   * An effector destroyed flight `id` at `atS` (never earlier than the time simulated so far): it
   * ends there and its nation's next batch removes it with reason DESTROYED. False when no such
   * flight is in the air (unknown, not launched yet, already ended or destroyed).
   */
  destroy(id: string, atS: number): boolean;
}

/**
 * The digital twin's world, as a pure function of scenario, seed and time: no I/O, no clock.
 * `startEpochMs` anchors scenario second 0 to an instant for the timestamps it produces.
 */
export function createSimulation(scenario: Scenario, startEpochMs: number): Simulation {
  const flights = planFlights(scenario);
  const progress: FlightProgress[] = flights.map((f) => ({
    nextCheckS: Math.max(f.spawnS, 0),
    lastReportS: null,
    reports: 0,
    shown: false,
    done: false,
    destroyedAtS: null,
  }));
  const sensorsByNation = new Map<string, Sensor[]>();
  for (const s of scenario.sensors) sensorsByNation.set(s.nation, [...(sensorsByNation.get(s.nation) ?? []), s]);
  const labels = new Map<Raid, Label>(
    scenario.raids.map((r) => [
      r,
      {
        policy: r.label.policy,
        classification: r.label.classification,
        originator: r.trackedBy,
        releasableTo: r.label.releasableTo,
      },
    ]),
  );
  const fieldLabels = new Map<Raid, Track['fieldLabels']>(
    scenario.raids.map((r) => [
      r,
      r.fieldLabels.map((f) => ({
        path: f.path,
        label: {
          policy: r.trackedBy,
          classification: f.classification,
          originator: r.trackedBy,
          releasableTo: f.releasableTo,
        },
      })),
    ]),
  );
  const iso = (s: number) => new Date(startEpochMs + Math.round(s * 1000)).toISOString();
  let elapsed = 0;

  /**
   * What a radar measures of the object's cross-section: the raid's mean, this object's own offset
   * (aspect, size; sigma 2 dB) and a Swerling I fluctuation per report (exponential power).
   */
  function measuredRcs(f: Flight, n: number): number {
    const mean = f.raid.rcsDbsm ?? TYPICAL_RCS_DBSM[f.raid.kind];
    const own = 2 * gaussian(scenario.seed, f.key, 30);
    const power = -Math.log(Math.max(uniform(scenario.seed, f.key, n, 31), 1e-6));
    const db = mean + own + 10 * Math.log10(power);
    return Math.round(Math.min(60, Math.max(-60, db)) * 10) / 10;
  }

  /** Where a spoofed flight's reports put it at `atS`; undefined while it reports the truth. */
  function spoofedPosition(f: Flight, atS: number): { lat: number; lon: number; altM?: number } | undefined {
    const spoof = f.raid.spoofing;
    if (!spoof || atS - f.spawnS < spoof.afterS) return undefined;
    const onsetS = f.spawnS + spoof.afterS;
    const truth = stateAlong(f.route, (atS - f.spawnS) * f.speedMps, f.speedMps);
    const rad = (spoof.bearingDeg * Math.PI) / 180;
    const towards = (m: number) => offset(truth, m * Math.sin(rad), m * Math.cos(rad));
    switch (spoof.mode) {
      case 'JUMP':
        return towards(spoof.offsetKm * 1000);
      case 'DRIFT':
        return towards(spoof.driftMps * (atS - onsetS));
      case 'FREEZE': {
        const frozen = stateAlong(f.route, spoof.afterS * f.speedMps, f.speedMps);
        return { lat: frozen.lat, lon: frozen.lon, altM: frozen.altM };
      }
    }
  }

  function report(f: Flight, p: FlightProgress, atS: number, at: KinematicState, sensor: Sensor): Track {
    const n = p.reports++;
    const seed = scenario.seed;
    const spoofed = spoofedPosition(f, atS);
    const pos =
      spoofed ?? offset(at, sensor.noiseM * gaussian(seed, f.key, n, 20), sensor.noiseM * gaussian(seed, f.key, n, 21));
    // Height is measured relative to the object's own altitude: a low FPV drone never reads 300 m.
    const altSigma = Math.min(0.25 * sensor.noiseM, 0.2 * at.altM + 5);
    const altM = Math.max(0, at.altM + altSigma * gaussian(seed, f.key, n, 22));
    const raid = f.raid;
    const assessments = [
      { nation: raid.trackedBy, identity: raid.identity },
      ...Object.entries(raid.assessments)
        .filter(([nation]) => nation !== raid.trackedBy)
        .map(([nation, identity]) => ({ nation, identity })),
    ];
    return {
      id: f.id,
      label: labels.get(raid)!,
      provenance: {
        nation: raid.trackedBy,
        system: `${raid.trackedBy}-FUSION`,
        sourceId: sensor.id,
        observedAt: iso(atS),
        publishedAt: iso(atS),
      },
      kind: raid.kind,
      identity: raid.identity,
      assessments,
      position: { lat: pos.lat, lon: pos.lon, altM: spoofed?.altM ?? altM },
      velocity: {
        speedMps: Math.max(0, at.speedMps * (1 + 0.02 * gaussian(seed, f.key, n, 23))),
        courseDeg: normalizeDeg(at.courseDeg + gaussian(seed, f.key, n, 24)),
        climbMps: at.climbMps,
      },
      ...(sensor.kind === 'RADAR' ? { rcsDbsm: measuredRcs(f, n) } : {}),
      quality: Math.min(1, Math.max(0.3, 1 - sensor.noiseM / 500)),
      updatedAt: iso(atS),
      staleAt: iso(atS + STALE_AFTER_PERIODS * sensor.periodS),
      fieldLabels: fieldLabels.get(raid)!,
    };
  }

  function advanceFlight(f: Flight, p: FlightProgress, targetS: number, out: TwinEvent[]) {
    const destroyed = p.destroyedAtS !== null && p.destroyedAtS < f.endS;
    const endS = destroyed ? p.destroyedAtS! : f.endS;
    while (!p.done && p.nextCheckS <= targetS) {
      const t = p.nextCheckS;
      if (t >= endS) {
        p.done = true;
        if (p.shown)
          out.push({
            type: 'removal',
            atS: endS,
            nation: f.raid.trackedBy,
            removal: { id: f.id, reason: destroyed ? 'DESTROYED' : f.endReason },
          });
        p.shown = false;
        break;
      }
      const at = stateAlong(f.route, (t - f.spawnS) * f.speedMps, f.speedMps);
      const sensor = bestSensor(sensorsByNation.get(f.raid.trackedBy) ?? [], at);
      if (sensor) {
        out.push({ type: 'report', atS: t, track: report(f, p, t, at, sensor) });
        p.shown = true;
        p.lastReportS = t;
        p.nextCheckS = t + sensor.periodS;
      } else {
        if (p.shown && p.lastReportS !== null && t - p.lastReportS >= scenario.coastS) {
          out.push({ type: 'removal', atS: t, nation: f.raid.trackedBy, removal: { id: f.id, reason: 'LOST' } });
          p.shown = false;
        }
        p.nextCheckS = t + UNSEEN_RECHECK_S;
      }
    }
  }

  return {
    flights,
    elapsedS: () => elapsed,
    advanceTo(targetS) {
      if (targetS < elapsed) throw new Error(`time only moves forward (at ${elapsed} s, asked for ${targetS} s)`);
      const out: TwinEvent[] = [];
      flights.forEach((f, i) => advanceFlight(f, progress[i]!, targetS, out));
      elapsed = targetS;
      return out.sort((a, b) => a.atS - b.atS);
    },
    shownTracks: () =>
      flights.filter((_, i) => progress[i]!.shown).map((f) => ({ id: f.id, nation: f.raid.trackedBy })),
    destroy(id, atS) {
      const i = flights.findIndex((f) => f.id === id);
      const f = flights[i];
      const p = progress[i];
      if (!f || !p) return false;
      const at = Math.max(atS, elapsed);
      if (p.done || p.destroyedAtS !== null || at < f.spawnS || at >= f.endS) return false;
      p.destroyedAtS = at;
      p.nextCheckS = Math.min(p.nextCheckS, at);
      return true;
    },
  };
}
