import { SpectrumAssignment, type SpectrumUse } from '@tessera/schema';
import type { AssignmentInput, Classification, SpectrumLocationInput } from '@tessera/schema/operations';
import type { LatLon } from '../globe/globe.ts';
import type { Assignment } from './spectrum.ts';

/** A spectrum assignment as its editor holds it. Times are epoch ms, 0 for an open end. */
export interface AssignmentDraft {
  system: string;
  use: SpectrumUse;
  lowMHz: number;
  highMHz: number;
  /** null: it does not transmit (a receiver only). */
  eirpDbm: number | null;
  /** null: it is not harmed by what it receives (a transmitter only). */
  thresholdDbm: number | null;
  /** The range it can be retuned within; null: it cannot be. */
  tunableLowMHz: number | null;
  tunableHighMHz: number | null;
  /** The site; null until given. */
  point: LatLon | null;
  antennaHeightM: number;
  /** An assignment made over an area (a jammer's, a drone zone) keeps its area: the editor only places points. */
  area: Pick<SpectrumLocationInput, 'outline' | 'circle'> | null;
  validFrom: number;
  validTo: number;
  priority: number;
  classification: Classification;
  releasableTo: string[];
  tiedReservationId: string | null;
}

/** A new assignment: a tactical radio at the centre of the area of operations, from this minute, open-ended. */
export function newAssignmentDraft(now: number, centre: LatLon | null): AssignmentDraft {
  return {
    system: '',
    use: 'COMMS',
    lowMHz: 225,
    highMHz: 225.025,
    eirpDbm: 40,
    thresholdDbm: -100,
    tunableLowMHz: null,
    tunableHighMHz: null,
    point: centre ? { lat: Number(centre.lat.toFixed(4)), lon: Number(centre.lon.toFixed(4)) } : null,
    antennaHeightM: 10,
    area: null,
    validFrom: Math.floor(now / 60_000) * 60_000,
    validTo: 0,
    priority: 5,
    classification: 'CONFIDENTIAL',
    releasableTo: [],
    tiedReservationId: null,
  };
}

/** An existing assignment, to edit. */
export function draftFromAssignment(a: Assignment): AssignmentDraft {
  const { kind, point, outline, circle, antennaHeightM } = a.location;
  return {
    system: a.system,
    use: a.use,
    lowMHz: a.lowMHz,
    highMHz: a.highMHz,
    eirpDbm: a.eirpDbm,
    thresholdDbm: a.thresholdDbm,
    tunableLowMHz: a.tunableLowMHz,
    tunableHighMHz: a.tunableHighMHz,
    point: kind === 'POINT' ? point : null,
    antennaHeightM,
    area:
      kind === 'AREA'
        ? {
            outline: outline?.map(({ lat, lon }) => ({ lat, lon })) ?? null,
            circle: circle ? { lat: circle.center.lat, lon: circle.center.lon, radiusM: circle.radiusM } : null,
          }
        : null,
    validFrom: a.validFrom ? Date.parse(a.validFrom) : 0,
    validTo: a.validTo ? Date.parse(a.validTo) : 0,
    priority: a.priority,
    classification: a.label.classification,
    releasableTo: [...a.label.releasableTo],
    tiedReservationId: a.tiedReservation?.withheld === false ? a.tiedReservation.id : null,
  };
}

/** The draft as the gateway takes it. */
export function assignmentInput(d: AssignmentDraft): AssignmentInput {
  const location: SpectrumLocationInput = d.area
    ? { ...d.area, antennaHeightM: d.antennaHeightM }
    : { point: d.point ? { lat: d.point.lat, lon: d.point.lon } : null, antennaHeightM: d.antennaHeightM };
  return {
    system: d.system.trim(),
    use: d.use,
    lowMHz: d.lowMHz,
    highMHz: d.highMHz,
    eirpDbm: d.eirpDbm,
    thresholdDbm: d.thresholdDbm,
    tunableLowMHz: d.tunableLowMHz,
    tunableHighMHz: d.tunableHighMHz,
    location,
    validFrom: d.validFrom ? new Date(d.validFrom).toISOString() : null,
    validTo: d.validTo ? new Date(d.validTo).toISOString() : null,
    priority: d.priority,
    classification: d.classification,
    releasableTo: d.releasableTo,
    tiedReservationId: d.tiedReservationId,
  };
}

const FIELD: Record<string, string> = {
  system: 'System',
  lowMHz: 'Low edge',
  highMHz: 'High edge',
  eirpDbm: 'EIRP',
  thresholdDbm: 'Threshold',
  tunable: 'Tunable range',
  location: 'Location',
  antennaHeightM: 'Antenna height',
  priority: 'Priority',
  validTo: 'Until',
};

/** The contract's field names as the form calls them, in its messages ("lowMHz must be below highMHz"). */
const WORDS: Record<string, string> = {
  lowMHz: 'the low edge',
  highMHz: 'the high edge',
  validFrom: 'the start',
  validTo: 'the end',
  eirpDbm: 'the EIRP',
  thresholdDbm: 'the threshold',
};

const sentence = (text: string) => {
  const s = text.replace(/\b(lowMHz|highMHz|validFrom|validTo|eirpDbm|thresholdDbm)\b/g, (w) => WORDS[w]!);
  return `${s[0]!.toUpperCase()}${s.slice(1)}${s.endsWith('.') ? '' : '.'}`;
};

/**
 * What keeps the draft from being sent, in words; empty when it can be. The assignment's own rules
 * (the band in range, a jammer's EIRP, a receiver's threshold, the window) are the contract's:
 * the draft is checked with the schema's SpectrumAssignment, as the service will check it.
 */
export function assignmentProblems(d: AssignmentDraft, nation: string): string[] {
  const problems: string[] = [];
  if (d.system.trim() === '') problems.push('Name the system.');
  if (!d.area && !d.point) problems.push('Give the site: latitude and longitude.');
  if ((d.tunableLowMHz === null) !== (d.tunableHighMHz === null))
    problems.push('Give both edges of the tunable range, or neither.');
  if (d.validFrom !== 0 && Number.isNaN(d.validFrom)) problems.push('Complete the start time, or clear it.');
  if (d.validTo !== 0 && Number.isNaN(d.validTo)) problems.push('Complete the end time, or clear it.');
  const area = d.area?.circle
    ? { kind: 'circle', center: { lat: d.area.circle.lat, lon: d.area.circle.lon }, radiusM: d.area.circle.radiusM }
    : { kind: 'polygon', outline: d.area?.outline ?? [] };
  const candidate = {
    id: 'draft',
    nation,
    system: d.system.trim() || 'draft',
    use: d.use,
    lowMHz: d.lowMHz,
    highMHz: d.highMHz,
    ...(d.eirpDbm !== null ? { eirpDbm: d.eirpDbm } : {}),
    ...(d.thresholdDbm !== null ? { thresholdDbm: d.thresholdDbm } : {}),
    ...(d.tunableLowMHz !== null && d.tunableHighMHz !== null
      ? { tunable: { lowMHz: d.tunableLowMHz, highMHz: d.tunableHighMHz } }
      : {}),
    location: d.area
      ? { kind: 'AREA', area, antennaHeightM: d.antennaHeightM }
      : { kind: 'POINT', point: d.point ?? { lat: 0, lon: 0 }, antennaHeightM: d.antennaHeightM },
    ...(d.validFrom > 0 ? { validFrom: new Date(d.validFrom).toISOString() } : {}),
    ...(d.validTo > 0 ? { validTo: new Date(d.validTo).toISOString() } : {}),
    priority: d.priority,
    label: { policy: nation, classification: d.classification, originator: nation, releasableTo: d.releasableTo },
    state: 'ACTIVE',
    version: 1,
  };
  const result = SpectrumAssignment.safeParse(candidate);
  if (!result.success)
    for (const issue of result.error.issues) {
      const field = [...issue.path].reverse().find((p) => typeof p === 'string' && p in FIELD) as string | undefined;
      if (field === 'location' && issue.path.includes('area')) continue; // the area is kept as it was
      const text = issue.code === 'custom' || !field ? sentence(issue.message) : `${FIELD[field]}: ${issue.message}.`;
      if (!problems.includes(text)) problems.push(text);
    }
  return problems;
}
