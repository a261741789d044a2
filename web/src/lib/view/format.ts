/** Degrees as 50.1234N 023.5678E (fixed width). */
export function formatLatLon(lat: number, lon: number): string {
  const la = `${Math.abs(lat).toFixed(4).padStart(7, '0')}${lat >= 0 ? 'N' : 'S'}`;
  const lo = `${Math.abs(lon).toFixed(4).padStart(8, '0')}${lon >= 0 ? 'E' : 'W'}`;
  return `${la} ${lo}`;
}

/** Altitude in metres, plus flight level above the transition altitude. */
export function formatAltitude(altM: number): string {
  const m = `${Math.round(altM).toLocaleString('en-US')} m`;
  return altM >= 1830 ? `${m} (FL${String(Math.round((altM * 3.28084) / 100)).padStart(3, '0')})` : m;
}

export function formatSpeed(mps: number): string {
  return `${Math.round(mps)} m/s (${Math.round(mps * 1.94384)} kt)`;
}

/** Age of data: "now", "12 s", "3 min", "2 h". */
export function formatAge(ms: number): string {
  if (ms < 1500) return 'now';
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  const min = Math.round(s / 60);
  return min < 120 ? `${min} min` : `${Math.round(min / 60)} h`;
}

export function formatTime(iso: string): string {
  return `${iso.slice(11, 19)}Z`;
}

/** A feature value for people: as many decimals as its size needs. */
export function formatFeature(value: number): string {
  const a = Math.abs(value);
  return a >= 100 ? value.toFixed(0) : a >= 10 ? value.toFixed(1) : value.toFixed(2);
}
