import { distanceM, type KinematicState } from '@tessera/service-kit/geo';
import type { Track } from '@tessera/schema';

/**
 * The kinematic features the classifier sees, computed the same way for training (from twin
 * reports) and live (from tracks): one place, so the model never sees features computed otherwise.
 * The reported kind and identity are never features: the classifier judges from motion alone.
 */

/** One report of a track, as the detector keeps it. */
export interface Report extends KinematicState {
  /** Epoch seconds of the observation. */
  tS: number;
  /** Radar cross-section, when the reporting sensor measured one. */
  rcsDbsm?: number | undefined;
}

export const reportOf = (t: Track): Report => ({
  tS: Date.parse(t.provenance.observedAt) / 1000,
  lat: t.position.lat,
  lon: t.position.lon,
  altM: t.position.altM,
  speedMps: t.velocity.speedMps,
  courseDeg: t.velocity.courseDeg,
  climbMps: t.velocity.climbMps,
  rcsDbsm: t.rcsDbsm,
});

export interface FeatureSpec {
  name: string;
  unit: string;
  description: string;
}

/** The radar cross-section feature when no report in the window has one (passive, EO/IR, acoustic sensors). */
export const NO_RCS_DBSM = -40;

export const FEATURES: readonly FeatureSpec[] = [
  { name: 'speed', unit: 'm/s', description: 'median reported ground speed' },
  { name: 'altitude', unit: 'm', description: 'median reported altitude' },
  { name: 'climb', unit: 'm/s', description: 'median reported vertical speed' },
  {
    name: 'flight path angle',
    unit: 'deg',
    description: 'angle of the flight path to the horizontal (negative descending)',
  },
  { name: 'turn rate', unit: 'deg/s', description: 'mean absolute change of course per second' },
  { name: 'acceleration', unit: 'm/s²', description: 'change of speed over the window per second' },
  { name: 'speed variation', unit: '%', description: 'spread of reported speeds relative to their median' },
  { name: 'track speed', unit: 'm/s', description: 'ground speed from successive positions over the window' },
  {
    name: 'radar cross-section',
    unit: 'dBsm',
    description: `median measured radar cross-section (${NO_RCS_DBSM} when no radar measured one)`,
  },
];

/** How many recent reports (and how old at most) the features look at. */
export const WINDOW_REPORTS = 8;
export const WINDOW_S = 60;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The window the features use: the last WINDOW_REPORTS reports no older than WINDOW_S before the last. */
export function windowOf(history: readonly Report[]): Report[] {
  const last = history[history.length - 1];
  if (!last) return [];
  const out = history.slice(-WINDOW_REPORTS).filter((r) => last.tS - r.tS <= WINDOW_S);
  return out;
}

/** Feature vector (in FEATURES order) of the most recent reports; needs at least one report. */
export function featuresOf(history: readonly Report[]): number[] {
  const w = windowOf(history);
  if (w.length === 0) throw new Error('features need at least one report');
  const first = w[0]!;
  const last = w[w.length - 1]!;
  const speeds = w.map((r) => r.speedMps);
  const speed = median(speeds);
  const climb = median(w.map((r) => r.climbMps));
  const dt = last.tS - first.tS;
  const rcs = w.flatMap((r) => (r.rcsDbsm === undefined ? [] : [r.rcsDbsm]));
  let turn = 0;
  for (let i = 1; i < w.length; i++) {
    const d = Math.abs(w[i]!.courseDeg - w[i - 1]!.courseDeg) % 360;
    turn += Math.min(d, 360 - d);
  }
  return [
    speed,
    median(w.map((r) => r.altM)),
    climb,
    (Math.atan2(climb, Math.max(speed, 0.1)) * 180) / Math.PI,
    dt > 0 ? turn / dt : 0,
    dt > 0 ? (last.speedMps - first.speedMps) / dt : 0,
    speed > 0.1 ? (100 * (Math.max(...speeds) - Math.min(...speeds))) / speed : 0,
    dt > 0 ? distanceM(first, last) / dt : speed,
    rcs.length > 0 ? median(rcs) : NO_RCS_DBSM,
  ];
}
