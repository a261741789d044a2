import {
  derivedLabel,
  trackOwner,
  type AirspaceVolume,
  type Alert,
  type Conflict,
  type ConflictSide,
  type Detection,
  type Proposal,
  type RestrictedEntry,
  type SpectrumAssignment,
  type TrackBatch,
} from '@tessera/schema';
import { label, trackBatch as kitTrackBatch } from '@tessera/service-kit/fixtures';
import type { StandingAuthorityInput } from '../src/generated/resolvers.ts';

/**
 * Fixtures of the AI layer's outputs for the gateway's integration tests, stamped with the wall clock
 * (the gateway's hubs time out what they have not heard of for a while), in the manner of the kit's
 * (`@tessera/service-kit/fixtures`). Defaults are valid and unremarkable; a test states what matters
 * to it as overrides.
 */
const now = () => new Date().toISOString();

/** A nation's batch from its fusion centre, published now: the kit's `trackBatch` on the wall clock. */
export const trackBatch = (nation: string, patch: Partial<TrackBatch> = {}): TrackBatch =>
  kitTrackBatch(nation, { publishedAt: now(), ...patch });

/**
 * The detector's assessment of a track: a UAS at 90 % after 8 reports, predicted for 10 minutes,
 * labelled for its owner's eyes only and with no threat unless told otherwise.
 */
export function detection(trackId: string, over: Partial<Detection> = {}): Detection {
  const at = now();
  const nation = over.label?.originator ?? trackOwner(trackId) ?? 'UKR';
  return {
    id: `${trackId}@threat-classifier`,
    trackId,
    label: label(nation, [], 'RESTRICTED'),
    fieldLabels: [],
    provenance: {
      nation,
      system: 'tessera-detector',
      sourceId: 'threat-classifier',
      observedAt: at,
      publishedAt: at,
      model: { name: 'threat-classifier', version: '1.0.0' },
      inputs: { trackIds: [trackId] },
    },
    classProbabilities: [
      { kind: 'UAS', probability: 0.9 },
      { kind: 'ROTARY', probability: 0.1 },
    ],
    topClass: 'UAS',
    confidence: 0.9,
    reports: 8,
    explanation: [{ feature: 'speed', value: 50, unit: 'm/s', weight: 0.4 }],
    prediction: {
      method: 'KINEMATIC',
      horizonS: 600,
      path: [
        { tS: 0, lat: 50, lon: 24, altM: 150 },
        { tS: 10, lat: 50, lon: 24.01, altM: 150 },
      ],
      impact: null,
    },
    threat: null,
    assessedAt: at,
    ...over,
  };
}

/**
 * A CRITICAL threat alert as the detector keeps it: `threat:<track id>:<defended asset>`, impact
 * expected in 90 s, nobody has acknowledged it yet.
 */
export function alert(id: string, over: Partial<Alert> = {}): Alert {
  const at = now();
  const [, trackId = 'UKR-owa-01', assetId = 'ukr-depot'] = /^threat:(.+):([^:]+)$/.exec(id) ?? [];
  return {
    id,
    kind: 'THREAT',
    severity: 'CRITICAL',
    label: label(trackOwner(trackId) ?? 'UKR', [], 'RESTRICTED'),
    trackId,
    title: `${trackId} threatens ${assetId}`,
    defendedAssetId: assetId,
    impactExpectedAt: new Date(Date.now() + 90_000).toISOString(),
    predictedImpact: { lat: 50, lon: 24.1, radiusM: 300 },
    anomalyKind: null,
    raisedAt: at,
    updatedAt: at,
    clearedAt: null,
    acknowledgements: [],
    ...over,
  };
}

/**
 * What a POL commander enters to pre-delegate: interceptor drones on hostile UAS at 90 % confidence
 * or more, intercepts within 20 km of 50.1 N 22.1 E, valid from just before `now` for an hour.
 */
export function standingInput(now = Date.now(), over: Partial<StandingAuthorityInput> = {}): StandingAuthorityInput {
  return {
    id: 'sa-south',
    zone: { lat: 50.1, lon: 22.1, radiusM: 20_000 },
    effectorClasses: ['INTERCEPTOR_DRONE'],
    targetKinds: ['UAS'],
    identities: ['HOSTILE'],
    minConfidence: 0.9,
    validFrom: new Date(now - 1000).toISOString(),
    expiresAt: new Date(now + 3_600_000).toISOString(),
    ...over,
  };
}

/**
 * A reservation as the deconfliction service keeps it: a ROZ of `nation`, a 0.2° square at 50 N
 * 23 E, 0-3000 m, valid for six hours from now, ACTIVE at version 1, CONFIDENTIAL and releasable to
 * the other demo nations unless told otherwise.
 */
export function reservation(nation: string, id: string, over: Partial<AirspaceVolume> = {}): AirspaceVolume {
  const at = Date.now();
  return {
    id,
    name: `${nation} ${id}`,
    kind: 'ROZ',
    nation,
    label: label(
      nation,
      ['POL', 'UKR', 'LTU'].filter((n) => n !== nation),
      'CONFIDENTIAL',
    ),
    outline: [
      { lat: 50, lon: 23 },
      { lat: 50.2, lon: 23 },
      { lat: 50.2, lon: 23.2 },
      { lat: 50, lon: 23.2 },
    ],
    floorM: 0,
    ceilingM: 3000,
    validFrom: new Date(at).toISOString(),
    validTo: new Date(at + 6 * 3_600_000).toISOString(),
    state: 'ACTIVE',
    version: 1,
    ...over,
  } as AirspaceVolume;
}

const side = (r: AirspaceVolume): ConflictSide => ({
  nation: r.nation,
  id: r.id,
  name: r.name,
  kind: r.kind,
  version: r.version,
  label: r.label,
});

/**
 * An OPEN, HIGH conflict between two reservations as the service computes it: parties sorted, the
 * overlap a 0.1° square at 1000-2000 m, labelled with the derived label of both sides (null when no
 * nation may see both).
 */
export function conflict(id: string, a: AirspaceVolume, b: AirspaceVolume, over: Partial<Conflict> = {}): Conflict {
  const at = now();
  return {
    id,
    kind: 'AIRSPACE',
    parties: [a.nation, b.nation].sort(),
    sides: [side(a), side(b)],
    region: {
      outline: [
        { lat: 50.05, lon: 23.05 },
        { lat: 50.15, lon: 23.05 },
        { lat: 50.15, lon: 23.15 },
      ],
      floorM: 1000,
      ceilingM: 2000,
      from: a.validFrom ?? null,
      to: a.validTo ?? null,
      areaKm2: 42,
    },
    severity: 'HIGH',
    state: 'OPEN',
    label: derivedLabel(a.nation, [a.label, b.label]),
    detectedAt: at,
    updatedAt: at,
    resolvedBy: null,
    version: 1,
    ...over,
  };
}

/**
 * An OPEN proposal of the first side's liaison: lift its reservation to 2500-4000 m, based on both
 * sides' versions, expiring in an hour, labelled as its conflict.
 */
export function proposal(id: string, of: Conflict, over: Partial<Proposal> = {}): Proposal {
  const [mine] = of.sides;
  return {
    id,
    conflictId: of.id,
    kind: 'CHANGE',
    proposedBy: { username: `${mine!.nation.toLowerCase()}-liaison`, nation: mine!.nation },
    rationale: 'Lift our zone above the corridor.',
    basedOn: of.sides.map((s) => ({ nation: s.nation, id: s.id, version: s.version })),
    changes: [{ reservation: { nation: mine!.nation, id: mine!.id }, action: 'MODIFY', floorM: 2500, ceilingM: 4000 }],
    assignmentChanges: [],
    counterTo: null,
    responses: [],
    state: 'OPEN',
    createdAt: now(),
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    label: of.label,
    version: 1,
    ...over,
  };
}

/**
 * A spectrum assignment as the deconfliction service keeps it: a `nation`'s datalink at 2400-2410
 * MHz, 30 dBm EIRP, harmed above -90 dBm, retunable over 2400-2480 MHz, at a point 20 m up near
 * 50 N 23 E, ACTIVE at version 1 with no time window, CONFIDENTIAL and releasable to the other demo
 * nations unless told otherwise.
 */
export function assignment(nation: string, id: string, over: Partial<SpectrumAssignment> = {}): SpectrumAssignment {
  return {
    id,
    nation,
    system: `${nation} ${id}`,
    use: 'DATALINK',
    lowMHz: 2400,
    highMHz: 2410,
    eirpDbm: 30,
    thresholdDbm: -90,
    tunable: { lowMHz: 2400, highMHz: 2480 },
    location: { kind: 'POINT', point: { lat: 50, lon: 23 }, antennaHeightM: 20 },
    priority: 5,
    label: label(
      nation,
      ['POL', 'UKR', 'LTU'].filter((n) => n !== nation),
      'CONFIDENTIAL',
    ),
    state: 'ACTIVE',
    version: 1,
    ...over,
  };
}

/** An entry of the restricted list: a `nation`'s GUARDED band 1550-1560 MHz, national and SECRET unless told otherwise. */
export function restrictedEntry(nation: string, id: string, over: Partial<RestrictedEntry> = {}): RestrictedEntry {
  return {
    id,
    kind: 'GUARDED',
    lowMHz: 1550,
    highMHz: 1560,
    nation,
    label: label(nation, [], 'SECRET'),
    reason: `${nation} exploits this band`,
    version: 1,
    ...over,
  };
}

const assignmentSide = (a: SpectrumAssignment): ConflictSide => ({
  nation: a.nation,
  id: a.id,
  name: a.system,
  kind: a.use,
  version: a.version,
  label: a.label,
});

const entrySide = (e: RestrictedEntry): ConflictSide => ({
  nation: e.nation,
  id: e.id,
  name: `${e.kind} ${e.lowMHz}–${e.highMHz} MHz`,
  kind: e.kind,
  version: e.version,
  label: e.label,
});

/**
 * An OPEN SPECTRUM conflict as the service computes it: between two assignments (INTERFERENCE, the
 * first harming the second 12 km away by 15 dB, HIGH) or an assignment and a TABOO entry
 * (RESTRICTED_BAND); no region, labelled with the derived label of both sides.
 */
export function spectrumConflict(
  id: string,
  a: SpectrumAssignment,
  b: SpectrumAssignment | RestrictedEntry,
  over: Partial<Conflict> = {},
): Conflict {
  const at = now();
  const isEntry = 'reason' in b;
  const sides = [assignmentSide(a), isEntry ? entrySide(b) : assignmentSide(b)];
  return {
    id,
    kind: 'SPECTRUM',
    parties: [...new Set([a.nation, b.nation])].sort(),
    sides,
    region: null,
    spectrum: isEntry
      ? {
          kind: 'RESTRICTED_BAND',
          lowMHz: b.lowMHz,
          highMHz: b.highMHz,
          marginDb: null,
          paths: [],
          from: null,
          to: null,
          tiedReservation: null,
        }
      : {
          kind: 'INTERFERENCE',
          lowMHz: Math.max(a.lowMHz, b.lowMHz) - 1,
          highMHz: Math.min(a.highMHz, b.highMHz) + 1,
          marginDb: 15.25,
          paths: [
            { interferer: 0, victim: 1, worstMHz: 2399, distanceKm: 12.34567, receivedDbm: -74.75, marginDb: 15.25 },
          ],
          from: null,
          to: null,
          tiedReservation: b.tiedReservation ?? null,
        },
    severity: 'HIGH',
    state: 'OPEN',
    label: derivedLabel(
      a.nation,
      sides.map((s) => s.label),
    ),
    detectedAt: at,
    updatedAt: at,
    resolvedBy: null,
    version: 1,
    ...over,
  };
}
