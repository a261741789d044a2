import {
  trackOwner,
  type AirspaceVolume,
  type AuthorizationRequest,
  type EffectorRef,
  type Label,
  type Track,
  type TrackBatch,
} from '@tessera/schema';
import type { Rejector } from './dead-letter.ts';

/**
 * Test fixtures, one builder per contract object, shared by the services' specs and integration
 * tests (`@tessera/service-kit/fixtures`; not used by any service). Defaults are valid and
 * unremarkable: a test states what matters to it as overrides.
 */

/** 2026-11-26 12:00 UTC, when fixtures happen unless told otherwise. */
export const T0 = Date.UTC(2026, 10, 26, 12);
/** How tests wait for state (vi.waitFor, expect.poll): up to 15 s, checked every 50 ms; never a race with a fast machine. */
export const WAIT = { timeout: 15_000, interval: 50 } as const;
export const iso = (ms: number) => new Date(ms).toISOString();

/** The demo's nations: unlabelled objects are releasable to the others. */
const NATIONS = ['POL', 'UKR', 'LTU'];

export const label = (
  originator: string,
  releasableTo: string[] = [],
  classification: Label['classification'] = 'UNCLASSIFIED',
): Label => ({ policy: 'NATO', classification, originator, releasableTo });

/** A nation's label releasable to the other demo nations. */
export const sharedLabel = (nation: string): Label =>
  label(
    nation,
    NATIONS.filter((n) => n !== nation),
  );

/**
 * A track reported at `at` (default T0), stale 6 s later: a hostile drone at 300 m flying west at 50 m/s
 * over POL sector SOUTH. Its `nation` (reporter and originator) is the owner its id names (`POL-…`).
 */
export function track(id: string, over: Partial<Track> & { nation?: string; at?: string } = {}): Track {
  const { nation = trackOwner(id) ?? 'POL', at = iso(T0), ...rest } = over;
  return {
    id,
    label: sharedLabel(nation),
    provenance: {
      nation,
      system: `${nation}-FUSION`,
      sourceId: `${nation.toLowerCase()}-radar-1`,
      observedAt: at,
      publishedAt: at,
    },
    kind: 'UAS',
    identity: 'HOSTILE',
    assessments: [],
    position: { lat: 50, lon: 22.5, altM: 300 },
    velocity: { speedMps: 50, courseDeg: 270, climbMps: 0 },
    quality: 0.9,
    updatedAt: at,
    staleAt: iso(Date.parse(at) + 6000),
    fieldLabels: [],
    ...rest,
  };
}

/** A nation's track batch from its fusion centre (empty unless patched). */
export function trackBatch(nation: string, patch: Partial<TrackBatch> = {}): TrackBatch {
  return {
    source: { nation, system: `${nation}-FUSION` },
    seq: 1,
    publishedAt: iso(T0),
    upserts: [],
    removals: [],
    ...patch,
  };
}

/** A SECTOR volume of `nation` over an outline of [lat, lon] corners (WEAPONS TIGHT, 0-15 km). */
export function sector(
  id: string,
  nation: string,
  outline: [number, number][],
  over: Partial<AirspaceVolume> = {},
): AirspaceVolume {
  return {
    id,
    name: id,
    kind: 'SECTOR',
    nation,
    label: sharedLabel(nation),
    floorM: 0,
    ceilingM: 15_000,
    wcs: 'TIGHT',
    version: 1,
    outline: outline.map(([lat, lon]) => ({ lat, lon })),
    ...over,
  } as AirspaceVolume;
}

/** POL SOUTH and UKR WEST as in the test-small scenario: the border at 23.1 E. */
export const POL_SOUTH = sector('pol-south', 'POL', [
  [50.5, 21.8],
  [50.5, 23.1],
  [49.6, 23.1],
  [49.6, 21.8],
]);
export const UKR_WEST = sector(
  'ukr-west',
  'UKR',
  [
    [50.5, 23.1],
    [50.5, 24.5],
    [49.6, 24.5],
    [49.6, 23.1],
  ],
  { wcs: 'FREE' },
);

/** An effector of `nation` at 50 N 22.2 E (400 km, 100 m/s, Pk 0.8), releasable to POL, UKR, LTU and DEU. */
export function effector(
  id: string,
  nation: string,
  kind: EffectorRef['kind'],
  over: Partial<EffectorRef> = {},
): EffectorRef {
  return {
    id,
    nation,
    kind,
    position: { lat: 50, lon: 22.2 },
    rangeKm: 400,
    speedMps: 100,
    probabilityOfKill: 0.8,
    label: label(
      nation,
      ['POL', 'UKR', 'LTU', 'DEU'].filter((n) => n !== nation),
    ),
    ...over,
  };
}

/**
 * POL's agents' engagement request `pol-eng-POL-t1-1`, PENDING since T0 (deadline 60 s): interceptor
 * drone e1 on the hostile drone POL-t1, intercept at 50 N 22.5 E in POL SOUTH after 40 s.
 */
export function engagementRequest(over: Partial<AuthorizationRequest> = {}): AuthorizationRequest {
  return {
    id: 'pol-eng-POL-t1-1',
    kind: 'ENGAGEMENT',
    nation: 'POL',
    label: label('POL', ['UKR']),
    requestedBy: { kind: 'SERVICE', id: 'pol-interceptor', nation: 'POL' },
    createdAt: iso(T0),
    deadline: iso(T0 + 60_000),
    state: 'PENDING',
    vetoUntil: null,
    requiredApprovals: [{ nation: 'POL', count: 1 }],
    decisions: [],
    engagement: {
      effectorId: 'e1',
      effectorClass: 'INTERCEPTOR_DRONE',
      targetTrackId: 'POL-t1',
      targetIdentity: 'HOSTILE',
      targetKind: 'UAS',
      confidence: 0.9,
      interceptPoint: { lat: 50, lon: 22.5, altM: 300 },
      interceptAt: iso(T0 + 40_000),
      dangerRadiusM: 300,
      sectorId: 'pol-south',
      sectorNation: 'POL',
      reason: '',
    },
    jamming: null,
    wcsChange: null,
    autonomyChange: null,
    engagementState: null,
    outcome: null,
    abortReason: null,
    version: 1,
    checks: [],
    targetWarnings: [],
    ...over,
  };
}

/** A rejector that keeps what it is given (subject and reason), for specs that need no NATS. */
export function recordingRejector(): { rejector: Rejector; rejected: { subject: string; reason: string }[] } {
  const rejected: { subject: string; reason: string }[] = [];
  const rejector: Rejector = {
    reject: (subject, _payload, reason) => void rejected.push({ subject, reason }),
    counts: () => ({}),
    total: () => rejected.length,
  };
  return { rejector, rejected };
}
