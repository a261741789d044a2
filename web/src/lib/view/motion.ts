/**
 * Smooth motion between reports. Each track is dead-reckoned from its last report along its velocity
 * (never beyond its staleAt), and a new report does not jump the symbol: the displayed position
 * blends from where it was drawn to the new dead-reckoned path over BLEND_MS.
 */
export interface Geo {
  lat: number;
  lon: number;
  altM: number;
}

export interface Report {
  position: Geo;
  velocity: { speedMps: number; courseDeg: number; climbMps: number };
  updatedAt: string;
  staleAt: string;
}

export interface Motion {
  report: Report;
  reportMs: number;
  staleMs: number;
  /** Where the symbol was drawn when this report arrived, and when. */
  from: Geo | null;
  fromMs: number;
}

export const BLEND_MS = 1000;
const EARTH_RADIUS_M = 6_371_008.8;

export function deadReckon(report: Report, reportMs: number, staleMs: number, nowMs: number): Geo {
  const dt = Math.max(0, Math.min(nowMs, staleMs) - reportMs) / 1000;
  const d = report.velocity.speedMps * dt;
  const course = (report.velocity.courseDeg * Math.PI) / 180;
  const lat = report.position.lat + ((d * Math.cos(course)) / EARTH_RADIUS_M) * (180 / Math.PI);
  const cosLat = Math.max(Math.cos((report.position.lat * Math.PI) / 180), 1e-6);
  const lon = report.position.lon + ((d * Math.sin(course)) / (EARTH_RADIUS_M * cosLat)) * (180 / Math.PI);
  return { lat, lon, altM: Math.max(0, report.position.altM + report.velocity.climbMps * dt) };
}

/** A new report for a track; `previous` is its motion so far (to blend from), if any. */
export function nextMotion(previous: Motion | undefined, report: Report, receivedMs: number): Motion {
  const reportMs = Date.parse(report.updatedAt);
  return {
    report,
    reportMs,
    staleMs: Date.parse(report.staleAt),
    from: previous ? positionAt(previous, receivedMs) : null,
    fromMs: receivedMs,
  };
}

export function positionAt(m: Motion, nowMs: number): Geo {
  const target = deadReckon(m.report, m.reportMs, m.staleMs, nowMs);
  if (!m.from) return target;
  const t = Math.min(1, Math.max(0, (nowMs - m.fromMs) / BLEND_MS));
  if (t >= 1) return target;
  const s = t * t * (3 - 2 * t); // smoothstep
  return {
    lat: m.from.lat + (target.lat - m.from.lat) * s,
    lon: m.from.lon + (target.lon - m.from.lon) * s,
    altM: m.from.altM + (target.altM - m.from.altM) * s,
  };
}
