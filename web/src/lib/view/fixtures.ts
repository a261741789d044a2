import type { AlertFieldsFragment, RequestFieldsFragment } from '@tessera/schema/operations';
import type { Volume } from '../globe/globe.ts';
import type { Conflict } from './conflicts.ts';
import type { Proposal } from './negotiation.ts';
import type { Assignment, Restricted, Suggestion } from './spectrum.ts';

/** Test data for the view specs: one builder per object, each field overridable; times from T0. */
export const T0 = Date.UTC(2026, 10, 30, 21, 0);
export const iso = (ms: number) => new Date(ms).toISOString();
export const H = 3_600_000;

/** A POL ROZ, 0–1,500 m, active from 21:00Z for four hours. */
export function volume(id: string, over: Partial<Volume> = {}): Volume {
  return {
    id,
    name: id,
    kind: 'ROZ',
    nation: 'POL',
    label: { policy: 'POL', classification: 'CONFIDENTIAL', originator: 'POL', releasableTo: [] },
    outline: [
      { lat: 50, lon: 22 },
      { lat: 50, lon: 22.1 },
      { lat: 50.1, lon: 22.1 },
    ],
    circle: null,
    floorM: 0,
    ceilingM: 1500,
    wcs: null,
    validFrom: iso(T0),
    validTo: iso(T0 + 4 * H),
    state: 'ACTIVE',
    version: 1,
    ...over,
  };
}

const LABEL = { policy: 'POL', classification: 'CONFIDENTIAL' as const, originator: 'POL', releasableTo: ['UKR'] };

/** POL's ROZ Alpha against UKR's Corridor K, open, both sides visible. */
export function conflict(id: string, over: Partial<Conflict> = {}): Conflict {
  return {
    id,
    kind: 'AIRSPACE',
    parties: ['POL', 'UKR'],
    sides: [
      { nation: 'POL', kind: 'ROZ', withheld: false, id: 'roz', name: 'ROZ Alpha', version: 1, label: LABEL },
      {
        nation: 'UKR',
        kind: 'TRANSIT_CORRIDOR',
        withheld: false,
        id: 'corr',
        name: 'Corridor K',
        version: 1,
        label: LABEL,
      },
    ],
    region: {
      outline: [
        { lat: 50, lon: 22.7 },
        { lat: 50, lon: 22.8 },
        { lat: 50.05, lon: 22.8 },
      ],
      floorM: 500,
      ceilingM: 1500,
      from: iso(T0),
      to: iso(T0 + 4 * H),
      areaKm2: 39.71,
    },
    spectrum: null,
    severity: 'MEDIUM',
    state: 'OPEN',
    sanitized: false,
    label: LABEL,
    detectedAt: iso(T0),
    updatedAt: iso(T0),
    resolvedBy: null,
    version: 1,
    ...over,
  };
}

/** POL's ROZ Alpha against a UKR corridor withheld from the user: only its nation and kind show. */
export function halfWithheld(id: string): Conflict {
  const c = conflict(id);
  const corridor: Conflict['sides'][number] = {
    nation: 'UKR',
    kind: 'TRANSIT_CORRIDOR',
    withheld: true,
    id: null,
    name: null,
    version: null,
    label: null as never,
  };
  return { ...c, sides: [c.sides[0]!, corridor] };
}

/** UKR proposes POL's ROZ below 400 m. */
export function proposal(id: string, over: Partial<Proposal> = {}): Proposal {
  return {
    id,
    conflictId: 'c1',
    kind: 'CHANGE',
    proposedBy: { username: 'ukr-liaison', nation: 'UKR' },
    rationale: 'keep below the corridor',
    basedOn: [],
    changes: [
      {
        nation: 'POL',
        id: 'roz',
        action: 'MODIFY',
        withheld: false,
        outline: null,
        circle: null,
        floorM: null,
        ceilingM: 400,
        validFrom: null,
        validTo: null,
      },
    ],
    assignmentChanges: [],
    counterTo: null,
    responses: [],
    state: 'OPEN',
    createdAt: iso(T0),
    expiresAt: iso(T0 + H),
    sanitized: false,
    label: LABEL,
    version: 1,
    ...over,
  };
}

/** A UKR threat warning from T0, its impact expected five minutes later. */
export function alert(id: string, over: Partial<AlertFieldsFragment> = {}): AlertFieldsFragment {
  return {
    id,
    kind: 'THREAT',
    severity: 'WARNING',
    label: { policy: 'NATO', classification: 'RESTRICTED', originator: 'UKR', releasableTo: ['POL'] },
    trackId: 'UKR-t',
    title: id,
    defendedAssetId: 'a',
    impactExpectedAt: iso(T0 + 300_000),
    predictedImpact: null,
    anomalyKind: null,
    raisedAt: iso(T0),
    updatedAt: iso(T0),
    clearedAt: null,
    acknowledgements: [],
    acknowledged: false,
    ...over,
  };
}

/** POL asks for an engagement at T0, POL and UKR to approve within a minute. */
export function request(id: string, over: Partial<RequestFieldsFragment> = {}): RequestFieldsFragment {
  return {
    id,
    kind: 'ENGAGEMENT',
    nation: 'POL',
    label: { policy: 'NATO', classification: 'SECRET', originator: 'POL', releasableTo: [] },
    requestedBy: { kind: 'SERVICE', id: 'pol-interceptor', nation: 'POL' },
    createdAt: iso(T0),
    deadline: iso(T0 + 60_000),
    state: 'PENDING',
    vetoUntil: null,
    requiredApprovals: [
      { nation: 'POL', count: 1 },
      { nation: 'UKR', count: 1 },
    ],
    decisions: [],
    engagement: {
      effectorId: 'pol-interceptor-1',
      effectorClass: 'INTERCEPTOR_DRONE',
      effectorPosition: { lat: 50, lon: 22 },
      targetTrackId: 'UKR-owa-01',
      targetIdentity: 'HOSTILE',
      targetKind: 'UAS',
      confidence: 0.92,
      interceptPoint: { lat: 50.1, lon: 22.1, altM: 150 },
      interceptAt: iso(T0 + 90_000),
      dangerRadiusM: 300,
      sectorId: 'ukr-west',
      sectorNation: 'UKR',
      reason: 'Pk 0.8',
    },
    jamming: null,
    wcsChange: null,
    autonomyChange: null,
    engagementState: null,
    outcome: null,
    abortReason: null,
    version: 1,
    awaitingYou: false,
    checks: [],
    targetWarnings: [],
    ...over,
  };
}

/** POL's drone datalink at 2400-2410 MHz (guard 1 MHz), 30 dBm, site 50N 22E 10 m up, from T0 for four hours. */
export function assignment(id: string, over: Partial<Assignment> = {}): Assignment {
  return {
    id,
    nation: 'POL',
    system: 'Drone link',
    use: 'DATALINK',
    lowMHz: 2400,
    highMHz: 2410,
    guardBandMHz: 1,
    eirpDbm: 30,
    thresholdDbm: -90,
    tunableLowMHz: 2400,
    tunableHighMHz: 2480,
    location: { kind: 'POINT', point: { lat: 50, lon: 22 }, outline: null, circle: null, antennaHeightM: 10 },
    horizonKm: 26.06,
    validFrom: iso(T0),
    validTo: iso(T0 + 4 * H),
    priority: 5,
    label: LABEL,
    state: 'ACTIVE',
    version: 1,
    tiedReservation: null,
    ...over,
  };
}

/** UKR's jammer (POL/link's interferer) over POL's drone link: 2405-2410 MHz, margin 23.4 dB, from T0 for two hours. */
export function spectrumConflict(id: string, over: Partial<Conflict> = {}): Conflict {
  return conflict(id, {
    kind: 'SPECTRUM',
    sides: [
      { nation: 'POL', kind: 'DATALINK', withheld: false, id: 'link', name: 'Drone link', version: 1, label: LABEL },
      { nation: 'UKR', kind: 'JAMMER', withheld: false, id: 'jam', name: 'Jammer', version: 2, label: LABEL },
    ],
    region: null,
    spectrum: {
      kind: 'INTERFERENCE',
      lowMHz: 2405,
      highMHz: 2410,
      marginDb: 23.4,
      paths: [{ interferer: 1, victim: 0, worstMHz: 2405, distanceKm: 12, receivedDbm: -66.6, marginDb: 23.4 }],
      from: iso(T0),
      to: iso(T0 + 2 * H),
      tiedReservation: null,
    },
    ...over,
  });
}

/** A TABOO entry: GNSS L1. */
export function restricted(id: string, over: Partial<Restricted> = {}): Restricted {
  return {
    id,
    kind: 'TABOO',
    lowMHz: 1559,
    highMHz: 1610,
    withheld: false,
    nation: 'NAT',
    reason: 'GNSS L1',
    waived: false,
    waiverReason: null,
    waiverValidTo: null,
    noTransmission: true,
    label: { policy: 'NATO', classification: 'UNCLASSIFIED', originator: 'NAT', releasableTo: [] },
    version: 1,
    ...over,
  };
}

/** The engine's retune of POL's drone link to 2420-2430 MHz. */
export function suggestion(over: Partial<Suggestion> = {}): Suggestion {
  return {
    kind: 'CHANNEL',
    summary: 'Retune POL Drone link to 2420.000-2430.000 MHz (+20 MHz)',
    clearsConflict: true,
    assignment: { nation: 'POL', id: 'link', version: 1, withheld: false },
    change: {
      nation: 'POL',
      id: 'link',
      action: 'MODIFY',
      withheld: false,
      lowMHz: 2420,
      highMHz: 2430,
      eirpDbm: null,
      validFrom: null,
      validTo: null,
    },
    ...over,
  };
}
