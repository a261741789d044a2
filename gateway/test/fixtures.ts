import {
  derivedLabel,
  trackOwner,
  type AirspaceVolume,
  type Alert,
  type Conflict,
  type ConflictSide,
  type Detection,
  type Proposal,
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
