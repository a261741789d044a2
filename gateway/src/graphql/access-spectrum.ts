import { createHmac } from 'node:crypto';
import {
  RESTRICTED_KINDS,
  SPECTRUM_USES,
  canSee,
  guardBandMHz,
  isWaived,
  marginFloorDb,
  type AssignmentChange,
  type ConflictSide,
  type Label,
  type RestrictedEntry,
  type SpectrumAssignment,
  type SpectrumConflictDetail,
  type SpectrumLocation,
  type User,
} from '@tessera/schema';
import { radioHorizonKm } from '@tessera/service-kit/geo';
import { viewerOf } from './access.ts';
import type { ReleasedReservationRef } from './access-airspace.ts';

/**
 * Who sees what of the spectrum (part of the gateway's one place deciding releasability, with
 * access.ts and access-airspace.ts, which releases spectrum conflicts and proposals with these):
 * assignments by their label; the restricted frequency list's bands to everyone, who owns an entry
 * and why only where its label allows (DOMAIN.md "Spectrum": partners see a restricted band and its
 * edges, never who guards it or why); what a sanitized view of a spectrum conflict must not tell.
 */

/**
 * The nation shown in place of one that must not be told: the owner of a restricted entry withheld
 * from the viewer, where it is not otherwise known to them. `XXX` is ICAO Doc 9303's code for an
 * unspecified nationality: shaped like a nation code (clients that expect one keep working), the
 * code of no nation.
 */
export const UNDISCLOSED_NATION = 'XXX';
/** The name shown for a person of an undisclosed nation (their username names their nation). */
export const UNDISCLOSED_PERSON = 'withheld';

/** Height above ground of the receiver a published horizon is for: a vehicle or man-portable antenna, 10 m. */
export const HORIZON_RECEIVER_HEIGHT_M = 10;

/** Whether a conflict side is a spectrum assignment (its kind is the assignment's use). */
export const isAssignmentSide = (kind: ConflictSide['kind']): boolean =>
  (SPECTRUM_USES as readonly string[]).includes(kind);
/** Whether a conflict side is an entry of the restricted list (its kind is the entry's). */
export const isRestrictedSide = (kind: ConflictSide['kind']): boolean =>
  (RESTRICTED_KINDS as readonly string[]).includes(kind);

/** A reservation the gateway knows, by nation and id: its label and version; undefined when unknown. */
export type KnownReservation = (ref: { nation: string; id: string }) => { label: Label; version: number } | undefined;

interface GeoPoint {
  lat: number;
  lon: number;
}

export interface ReleasedSpectrumLocation {
  kind: SpectrumLocation['kind'];
  point: GeoPoint | null;
  outline: GeoPoint[] | null;
  circle: { center: GeoPoint; radiusM: number } | null;
  antennaHeightM: number;
}

/** An assignment as the API sends it (SpectrumAssignment of the schema). */
export interface ReleasedAssignment {
  id: string;
  nation: string;
  system: string;
  use: SpectrumAssignment['use'];
  lowMHz: number;
  highMHz: number;
  guardBandMHz: number;
  eirpDbm: number | null;
  thresholdDbm: number | null;
  tunableLowMHz: number | null;
  tunableHighMHz: number | null;
  location: ReleasedSpectrumLocation;
  horizonKm: number;
  validFrom: string | null;
  validTo: string | null;
  priority: number;
  label: Label;
  state: SpectrumAssignment['state'];
  version: number;
  tiedReservation: ReleasedReservationRef | null;
}

/** A reservation an assignment or a conflict names: only when the viewer may see it (and the gateway knows it). */
function tiedRef(
  user: User,
  ref: { nation: string; id: string },
  known: KnownReservation,
): ReleasedReservationRef | null {
  const r = known(ref);
  return r && canSee(viewerOf(user), r.label)
    ? { nation: ref.nation, id: ref.id, version: r.version, withheld: false }
    : null;
}

function locationOf(l: SpectrumLocation): ReleasedSpectrumLocation {
  if (l.kind === 'POINT')
    return { kind: 'POINT', point: l.point, outline: null, circle: null, antennaHeightM: l.antennaHeightM };
  return {
    kind: 'AREA',
    point: null,
    outline: l.area.outline ?? null,
    circle: l.area.circle ?? null,
    antennaHeightM: l.antennaHeightM,
  };
}

/**
 * An assignment as the caller receives it: whole when its label releases it to them, else nothing
 * (not even that it exists). Its tied reservation only when that is releasable too. Built field by
 * field: a field added to the contract later is not sent until it is released here.
 */
export function releaseAssignment(
  user: User,
  a: SpectrumAssignment | undefined,
  reservationOf: KnownReservation,
): ReleasedAssignment | null {
  if (!a || !canSee(viewerOf(user), a.label)) return null;
  return {
    id: a.id,
    nation: a.nation,
    system: a.system,
    use: a.use,
    lowMHz: a.lowMHz,
    highMHz: a.highMHz,
    guardBandMHz: guardBandMHz(a),
    eirpDbm: a.eirpDbm ?? null,
    thresholdDbm: a.thresholdDbm ?? null,
    tunableLowMHz: a.tunable?.lowMHz ?? null,
    tunableHighMHz: a.tunable?.highMHz ?? null,
    location: locationOf(a.location),
    horizonKm: radioHorizonKm(a.location.antennaHeightM, HORIZON_RECEIVER_HEIGHT_M),
    validFrom: a.validFrom ?? null,
    validTo: a.validTo ?? null,
    priority: a.priority,
    label: a.label,
    state: a.state,
    version: a.version,
    tiedReservation: a.tiedReservation ? tiedRef(user, a.tiedReservation, reservationOf) : null,
  };
}

/** An entry of the restricted list as the API sends it (RestrictedFrequency of the schema). */
export interface ReleasedRestricted {
  id: string;
  kind: RestrictedEntry['kind'];
  lowMHz: number;
  highMHz: number;
  withheld: boolean;
  nation: string | null;
  reason: string | null;
  waived: boolean;
  waiverReason: string | null;
  waiverValidTo: string | null;
  noTransmission: boolean;
  label: Label | null;
  version: number | null;
}

/**
 * The id a withheld entry is shown under: `withheld-` and 32 hex digits of an HMAC-SHA-256, under
 * the gateway's key, of the entry's nation and id. Stable (the same entry keeps it across updates
 * and reconnections, so a client can replace and remove it), the same for every viewer, and
 * telling nothing: without the key nobody can test a guess of nation and id against it.
 */
export function withheldIdOf(key: string | Buffer): (entry: Pick<RestrictedEntry, 'nation' | 'id'>) => string {
  return (entry) =>
    `withheld-${createHmac('sha256', key).update(`restricted\n${entry.nation}/${entry.id}`).digest('hex').slice(0, 32)}`;
}

/**
 * An entry of the restricted list as the caller receives it. Its band goes to every signed-in user
 * (kind, edges, whether it is waived now and whether nothing may transmit in it: what they need to
 * plan around it). Who owns it, why, its label, version and the waiver's reason and end only when
 * its label releases it to them; a withheld entry carries the opaque `withheldId` instead of its id.
 */
export function releaseRestricted(
  user: User,
  entry: RestrictedEntry,
  withheldId: (entry: Pick<RestrictedEntry, 'nation' | 'id'>) => string,
  atMs: number,
): ReleasedRestricted {
  const band = {
    kind: entry.kind,
    lowMHz: entry.lowMHz,
    highMHz: entry.highMHz,
    waived: isWaived(entry, atMs),
    noTransmission: entry.noTransmission === true,
  };
  if (!canSee(viewerOf(user), entry.label))
    return {
      ...band,
      id: withheldId(entry),
      withheld: true,
      nation: null,
      reason: null,
      waiverReason: null,
      waiverValidTo: null,
      label: null,
      version: null,
    };
  return {
    ...band,
    // NATION/id: an entry's id is unique only within its nation (two nations may both keep a "c2-net").
    id: `${entry.nation}/${entry.id}`,
    withheld: false,
    nation: entry.nation,
    reason: entry.reason,
    waiverReason: entry.waiver?.reason ?? null,
    waiverValidTo: entry.waiver?.validTo ?? null,
    label: entry.label,
    version: entry.version,
  };
}

/** Whether an entry is still on the list (its owner may have removed it, keeping it for the record). */
export const isListed = (entry: RestrictedEntry): boolean => entry.removed !== true;

/** One harmful direction of a spectrum conflict as the API sends it. */
export interface ReleasedInterferencePath {
  interferer: number;
  victim: number;
  worstMHz: number;
  distanceKm: number | null;
  receivedDbm: number | null;
  marginDb: number;
}

export type ReleasedSpectrumDetail = Omit<SpectrumConflictDetail, 'paths' | 'tiedReservation'> & {
  paths: ReleasedInterferencePath[];
  tiedReservation: ReleasedReservationRef | null;
};

/** A conflict's side as released: what the spectrum detail needs to know of it. */
interface SideShown {
  nation: string;
  withheld: boolean;
}

/**
 * The spectrum part of a conflict as the caller receives it. The band, the margins, the worst-case
 * frequency and the time stay in every view (the parties act on them). In a sanitized view each
 * path's distance and received power are null: with the caller's own side's position and power they
 * would locate the withheld side. The tied reservation (whose drones carry the victim's receivers)
 * only when the caller may see it and, in a sanitized view, only when it is a shown side's nation's
 * and no withheld side's: it would otherwise place the withheld receivers in that corridor.
 */
export function releaseSpectrumDetail(
  user: User,
  detail: SpectrumConflictDetail | undefined,
  view: { sanitized: boolean; sides: readonly SideShown[] },
  reservationOf: KnownReservation,
): ReleasedSpectrumDetail | null {
  if (!detail) return null;
  const { sanitized, sides } = view;
  const t = detail.tiedReservation;
  const tiedToShownSide =
    t !== null &&
    (!sanitized ||
      (sides.some((s) => !s.withheld && s.nation === t.nation) &&
        !sides.some((s) => s.withheld && s.nation === t.nation)));
  return {
    kind: detail.kind,
    lowMHz: detail.lowMHz,
    highMHz: detail.highMHz,
    // A party who may not see the other side gets the severity band's floor, never the exact margin.
    marginDb: sanitized ? marginFloorDb(detail.marginDb) : detail.marginDb,
    from: detail.from,
    to: detail.to,
    paths: detail.paths.map((p) => ({
      interferer: p.interferer,
      victim: p.victim,
      worstMHz: p.worstMHz,
      distanceKm: sanitized ? null : p.distanceKm,
      receivedDbm: sanitized ? null : p.receivedDbm,
      marginDb: sanitized ? marginFloorDb(p.marginDb)! : p.marginDb,
    })),
    tiedReservation: t && tiedToShownSide ? tiedRef(user, t, reservationOf) : null,
  };
}

/**
 * The nations a sanitized view must not name: the owner of a restricted entry withheld from the
 * viewer (DOMAIN.md: partners never learn who guards a band), unless the viewer knows that nation
 * anyway (its own, or the nation of a side it is shown). Shown as UNDISCLOSED_NATION wherever they
 * appear: the side, the parties, the proposals' authors, answers and versions.
 */
export function undisclosedNations(
  viewerNation: string | null,
  sides: readonly { nation: string; kind: ConflictSide['kind']; withheld: boolean }[],
): Set<string> {
  const known = new Set([viewerNation, ...sides.filter((s) => !s.withheld).map((s) => s.nation)]);
  return new Set(
    sides.filter((s) => s.withheld && isRestrictedSide(s.kind) && !known.has(s.nation)).map((s) => s.nation),
  );
}

/** The parties of a conflict with the undisclosed ones replaced, sorted, each once. */
export function maskedParties(parties: readonly string[], undisclosed: ReadonlySet<string>): string[] {
  return [...new Set(parties.map((p) => (undisclosed.has(p) ? UNDISCLOSED_NATION : p)))].sort();
}

/** What a proposal changes in one assignment as the API sends it. */
export interface ReleasedAssignmentChange {
  nation: string;
  id: string | null;
  action: AssignmentChange['action'];
  withheld: boolean;
  lowMHz: number | null;
  highMHz: number | null;
  eirpDbm: number | null;
  validFrom: string | null;
  validTo: string | null;
}

export function shownAssignmentChange(c: AssignmentChange): ReleasedAssignmentChange {
  return {
    nation: c.assignment.nation,
    id: c.assignment.id,
    action: c.action,
    withheld: false,
    lowMHz: c.lowMHz ?? null,
    highMHz: c.highMHz ?? null,
    eirpDbm: c.eirpDbm ?? null,
    validFrom: c.validFrom ?? null,
    validTo: c.validTo ?? null,
  };
}

/** A change to an assignment the viewer may not see: its nation (as they may be told it) and the action only. */
export function withheldAssignmentChange(c: AssignmentChange, nation: string): ReleasedAssignmentChange {
  return {
    nation,
    id: null,
    action: c.action,
    withheld: true,
    lowMHz: null,
    highMHz: null,
    eirpDbm: null,
    validFrom: null,
    validTo: null,
  };
}
