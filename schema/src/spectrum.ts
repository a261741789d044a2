import { z } from 'zod';
import { DrawnFootprint, ReservationState } from './airspace.ts';
import { Label, NationCode } from './label.ts';
import { Timestamp } from './provenance.ts';

/**
 * Spectrum deconfliction (DOMAIN.md, "Spectrum"): frequency assignments of the coalition's emitters
 * and receivers, the restricted frequency list (after the doctrinal JRFL) and the one guard-band rule
 * the interference engine (`@tessera/service-kit/spectrum`), the service and the web share. Frequencies
 * are in MHz, powers in dBm, antenna heights in metres above ground. docs/spectrum.md has the model.
 */

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -');
const GeoPoint = z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) });

/** What a system does with its band. Transmitters carry an EIRP, receivers an interference threshold; a radar both. */
export const SPECTRUM_USES = [
  'RADAR',
  'COMMS',
  'DATALINK',
  'JAMMER',
  'GNSS_RX',
  'NAVAID',
  'SATCOM',
  /** Electronic support (intercept) receivers. */
  'ESM_RX',
] as const;
export const SpectrumUse = z.enum(SPECTRUM_USES);
export type SpectrumUse = z.infer<typeof SpectrumUse>;

/** Lowest and highest frequency any assignment or restricted entry may name: 3 kHz to 300 GHz (ITU radio spectrum). */
export const MIN_FREQUENCY_MHZ = 0.003;
export const MAX_FREQUENCY_MHZ = 300_000;
/** Highest antenna above ground (m): a high-flying aircraft; the radio horizon of 30 km is about 713 km. */
export const MAX_ANTENNA_HEIGHT_M = 30_000;

const Frequency = z
  .number()
  .min(MIN_FREQUENCY_MHZ, `must be at least ${MIN_FREQUENCY_MHZ} MHz`)
  .max(MAX_FREQUENCY_MHZ, `must be at most ${MAX_FREQUENCY_MHZ} MHz`);
const AntennaHeight = z
  .number()
  .min(0, 'an antenna height is metres above ground, never negative')
  .max(MAX_ANTENNA_HEIGHT_M, `must be at most ${MAX_ANTENNA_HEIGHT_M} m`);

/** A band [lowMHz, highMHz]; low strictly below high. */
export const FrequencyBand = z
  .object({ lowMHz: Frequency, highMHz: Frequency })
  .refine((b) => b.lowMHz < b.highMHz, { message: 'lowMHz must be below highMHz', path: ['highMHz'] });
export type FrequencyBand = z.infer<typeof FrequencyBand>;

/**
 * Where a system transmits or receives: a POINT (a site, with its antenna height), or an AREA for
 * jammers and for receivers that move (the drones flying a zone), a circle or an outline that does
 * not cross itself, with the antenna height the systems keep in it. Distance to an area is the
 * shortest one (DOMAIN.md): the system may be anywhere in it.
 */
export const SpectrumLocation = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('POINT'), point: GeoPoint, antennaHeightM: AntennaHeight }),
  z.object({ kind: z.literal('AREA'), area: DrawnFootprint, antennaHeightM: AntennaHeight }),
]);
export type SpectrumLocation = z.infer<typeof SpectrumLocation>;

/** Uses that must state a transmit power (they exist to transmit). */
const MUST_TRANSMIT: ReadonlySet<SpectrumUse> = new Set(['JAMMER', 'RADAR', 'NAVAID']);
/** Uses that must state an interference threshold (they exist to receive). */
const MUST_RECEIVE: ReadonlySet<SpectrumUse> = new Set(['GNSS_RX', 'ESM_RX', 'RADAR']);

/**
 * A spectrum assignment, owned by the deconfliction service (keyed by nation and id, like a
 * reservation). `eirpDbm` for what transmits, `thresholdDbm` (the received power above which it is
 * harmed) for what receives; at least one. `tunable` is the range the system can be retuned within
 * (suggested channels stay inside it); absent: it cannot be retuned. Times are a half-open window
 * [validFrom, validTo), an absent bound is unbounded. `tiedReservation`: the airspace reservation
 * whose drones carry these receivers.
 */
/** What a liaison states about an assignment (the service adds id, owner nation, state and version). */
const AssignmentFields = z.object({
  system: z.string().min(1).max(120),
  use: SpectrumUse,
  lowMHz: Frequency,
  highMHz: Frequency,
  eirpDbm: z.number().min(-100).max(150).optional(),
  thresholdDbm: z.number().min(-200).max(50).optional(),
  tunable: FrequencyBand.optional(),
  location: SpectrumLocation,
  validFrom: Timestamp.optional(),
  validTo: Timestamp.optional(),
  /** Higher wins when a person must choose (the engine reports both sides whatever the priorities). */
  priority: z.int().min(0).max(9),
  label: Label,
  tiedReservation: z.object({ nation: NationCode, id: Id }).optional(),
});

export const SpectrumAssignment = AssignmentFields.extend({
  id: Id,
  nation: NationCode,
  state: ReservationState,
  /** Changes with every edit (a proposal names the versions it saw). */
  version: z.int().min(1),
}).superRefine((a, ctx) => {
  const problem = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (!(a.lowMHz < a.highMHz)) problem('highMHz', 'lowMHz must be below highMHz');
  if (a.eirpDbm === undefined && a.thresholdDbm === undefined)
    problem('eirpDbm', 'an assignment transmits (eirpDbm), receives (thresholdDbm) or both');
  if (MUST_TRANSMIT.has(a.use) && a.eirpDbm === undefined) problem('eirpDbm', `a ${a.use} must state its EIRP`);
  if (MUST_RECEIVE.has(a.use) && a.thresholdDbm === undefined)
    problem('thresholdDbm', `a ${a.use} must state its interference threshold`);
  if (a.tunable && !(a.tunable.lowMHz <= a.lowMHz && a.highMHz <= a.tunable.highMHz))
    problem('tunable', 'the tunable range must contain the assigned band');
  if (a.validFrom && a.validTo && !(Date.parse(a.validFrom) < Date.parse(a.validTo)))
    problem('validTo', 'validFrom must be before validTo');
});
export type SpectrumAssignment = z.infer<typeof SpectrumAssignment>;

/** Kinds of restricted-list entry (JRFL). */
export const RESTRICTED_KINDS = [
  /** Nobody may jam it; in the protected bands (noTransmission) any transmission is a conflict unless waived. */
  'TABOO',
  /** A friendly system's band: jamming it needs the owning nation's commander's concurrence. */
  'PROTECTED',
  /** An adversary band a nation exploits: jamming it needs the guarding nation's concurrence; usually national. */
  'GUARDED',
] as const;
export const RestrictedKind = z.enum(RESTRICTED_KINDS);
export type RestrictedKind = z.infer<typeof RestrictedKind>;

/** An explicit waiver of a restricted entry (e.g. a GNSS jamming trial with a NOTAM): who, why, until when (absent: until withdrawn). */
export const RestrictedWaiver = z.object({
  by: NationCode,
  reason: z.string().min(1).max(500),
  validTo: Timestamp.optional(),
});
export type RestrictedWaiver = z.infer<typeof RestrictedWaiver>;

/**
 * One entry of the restricted frequency list. Its band is protected as given (no guard band is
 * added to the entry; the transmitter's own guard band widens the transmitter). A GUARDED entry is
 * usually labelled national: partners then get a sanitized view, the band's edges only.
 */
/** What a liaison states about a restricted entry (the service adds id, owner nation, version). */
const RestrictedFields = z.object({
  kind: RestrictedKind,
  lowMHz: Frequency,
  highMHz: Frequency,
  label: Label,
  reason: z.string().min(1).max(500),
  waiver: RestrictedWaiver.optional(),
  /**
   * TABOO only (absent: false). True for DOMAIN.md's protected bands (GNSS, aviation emergency, COSPAS-SARSAT):
   * any transmission in them is a conflict. False (a TABOO band a nation adds, e.g. its own C2
   * nets): nobody may jam it, but its own systems transmit there.
   */
  noTransmission: z.boolean().optional(),
});
const bandNotEmpty = { message: 'lowMHz must be below highMHz', path: ['highMHz'] };

export const RestrictedEntry = RestrictedFields.extend({
  id: Id,
  nation: NationCode,
  /** True once its owner removed it from the list (kept for the record; it restricts nothing). */
  removed: z.boolean().optional(),
  /** Changes with every edit (absent in entries written before versions: 1). */
  version: z.int().min(1).default(1),
}).refine((e) => e.lowMHz < e.highMHz, bandNotEmpty);
export type RestrictedEntry = z.infer<typeof RestrictedEntry>;

/** Whether an entry restricts anything at an instant (epoch ms; absent: now or ever): not removed, not waived. */
export function restricts(entry: Pick<RestrictedEntry, 'waiver' | 'removed'>, atMs?: number): boolean {
  return entry.removed !== true && !isWaived(entry, atMs);
}

/** Whether an entry is waived at an instant (epoch ms; absent: for ever, so only a waiver without end). */
export function isWaived(entry: Pick<RestrictedEntry, 'waiver'>, atMs?: number): boolean {
  if (!entry.waiver) return false;
  if (entry.waiver.validTo === undefined) return true;
  // Without an instant, "ever": a waiver that ends does not hold for ever (the conservative answer).
  return atMs !== undefined && atMs < Date.parse(entry.waiver.validTo);
}

const coalition = (nation: string): Label => ({
  policy: 'NATO',
  classification: 'UNCLASSIFIED',
  originator: nation,
  releasableTo: [],
});

/**
 * The protected bands of DOMAIN.md as the default TABOO entries (owner `nation`, usually the
 * coalition's spectrum authority; label unclassified, releasable to `releasableTo`).
 *
 * - GNSS L1 1559-1610, L2 1215-1240, L5 1164-1189 MHz (the RNSS bands, all constellations).
 * - 121.5 MHz (VHF aviation emergency) and 243 MHz (its UHF military twin, 2 × 121.5): a channel, not
 *   a band, so each gets ±50 kHz: 121.45-121.55 and 242.95-243.05 MHz. ICAO Annex 10 vol. V keeps the
 *   nearest assignable channels at 121.4 and 121.6 MHz; ±50 kHz is half that gap, so a 25 kHz channel
 *   at 121.4 or 121.6 (edges 121.4125 / 121.5875) does not touch it, while emergency beacons (ELTs
 *   drift by a few kHz) stay inside it.
 * - COSPAS-SARSAT 406-406.1 MHz (distress beacons).
 */
export function defaultTabooList(nation = 'NAT', releasableTo: string[] = []): RestrictedEntry[] {
  const label = { ...coalition(nation), releasableTo };
  const entry = (id: string, lowMHz: number, highMHz: number, reason: string): RestrictedEntry => ({
    id,
    kind: 'TABOO',
    lowMHz,
    highMHz,
    nation,
    label,
    reason,
    noTransmission: true,
    version: 1,
  });
  return [
    entry('taboo-gnss-l1', 1559, 1610, 'GNSS L1 (GPS L1, Galileo E1, GLONASS G1, BeiDou B1)'),
    entry('taboo-gnss-l2', 1215, 1240, 'GNSS L2 (GPS L2, GLONASS G2)'),
    entry('taboo-gnss-l5', 1164, 1189, 'GNSS L5 (GPS L5, Galileo E5a)'),
    entry('taboo-aero-121-5', 121.45, 121.55, 'VHF aviation emergency 121.5 MHz (±50 kHz)'),
    entry('taboo-mil-243', 242.95, 243.05, 'UHF military aviation emergency 243 MHz (±50 kHz)'),
    entry('taboo-cospas-sarsat', 406, 406.1, 'COSPAS-SARSAT distress beacons 406-406.1 MHz'),
  ];
}

/** Guard band: the smallest, one narrowband channel (25 kHz, the VHF/UHF tactical and air-band raster). */
export const MIN_GUARD_BAND_MHZ = 0.025;
/** Guard band as a share of the system's own bandwidth, by use. */
export const GUARD_BAND_SHARE: Readonly<Record<SpectrumUse, number>> = {
  RADAR: 0.25,
  JAMMER: 0.25,
  COMMS: 0.1,
  DATALINK: 0.1,
  GNSS_RX: 0.1,
  NAVAID: 0.1,
  SATCOM: 0.1,
  ESM_RX: 0.1,
};

/**
 * The guard band added on EACH side of an assignment's band before overlaps are tested (the one rule;
 * the engine, the service and the spectrum view call it): a share of the system's own bandwidth,
 * never under one 25 kHz channel.
 *
 * Why: a transmitter's emissions do not stop at the edge of its necessary bandwidth (the out-of-band
 * domain of ITU-R SM.1541 reaches 250 % of it from the centre), and a receiver's filter does not cut
 * off at its band edge either; both spread in proportion to the bandwidth. 10 % per side is the
 * usual planning margin for modulated communications; pulsed radars (wide spectra, cf. the RSEC
 * emission masks) and barrage jammers (noise, poor spectral purity) get 25 %. The 25 kHz floor keeps
 * narrowband voice channels from being packed edge to edge without a channel between them.
 */
export function guardBandMHz(a: { use: SpectrumUse; lowMHz: number; highMHz: number }): number {
  return Math.max(MIN_GUARD_BAND_MHZ, GUARD_BAND_SHARE[a.use] * (a.highMHz - a.lowMHz));
}

/** An assignment as a liaison asks for it (the service adds owner nation, version and state rules). */
export const AssignmentDraft = AssignmentFields.extend({
  /** PROPOSED (planned, not yet in force) or ACTIVE; absent: ACTIVE. */
  state: ReservationState.exclude(['ENDED']).optional(),
});
export type AssignmentDraft = z.infer<typeof AssignmentDraft>;

/** Which assignment, at which version (a proposal and an answer name what they saw). */
export const AssignmentRef = z.object({ nation: NationCode, id: Id, version: z.int().min(1) });
export type AssignmentRef = z.infer<typeof AssignmentRef>;

/**
 * A change a proposal makes to one assignment: a new channel (same or another width), a lower (or
 * higher) power, a new time window, or its end. Checked against the assignment's own rules (the
 * channel inside its tunable range) when proposed and again when applied.
 */
export const AssignmentChange = z.object({
  assignment: z.object({ nation: NationCode, id: Id }),
  action: z.enum(['MODIFY', 'END']),
  lowMHz: Frequency.optional(),
  highMHz: Frequency.optional(),
  eirpDbm: z.number().min(-100).max(150).optional(),
  validFrom: Timestamp.optional(),
  validTo: Timestamp.optional(),
});
export type AssignmentChange = z.infer<typeof AssignmentChange>;

/** A restricted-list entry as its owner nation's liaison asks for it. */
export const RestrictedDraft = RestrictedFields.refine((e) => e.lowMHz < e.highMHz, bandNotEmpty);
export type RestrictedDraft = z.infer<typeof RestrictedDraft>;

/** One harmful direction of a spectrum conflict, between its two sides (indices into `sides`). */
export const InterferencePathDetail = z.object({
  interferer: z.int().min(0).max(1),
  victim: z.int().min(0).max(1),
  /** The frequency the loss was taken at (the worst case), MHz. */
  worstMHz: z.number(),
  /** Shortest ground distance, km: only in the full view (it locates the other side). */
  distanceKm: z.number().nullable(),
  /** EIRP − FSPL at the victim, dBm: only in the full view. */
  receivedDbm: z.number().nullable(),
  /** How far the received power exceeds the victim's threshold, dB. */
  marginDb: z.number(),
});
export type InterferencePathDetail = z.infer<typeof InterferencePathDetail>;

/**
 * What a SPECTRUM conflict is about: INTERFERENCE between two assignments (each harmful direction,
 * margin in dB) or a transmission over a TABOO band (RESTRICTED_BAND: no margin, only a waiver or a
 * retune clears it). The band is where the two widened bands overlap. `tiedReservation` names the
 * airspace reservation whose receivers are hit (a joint airspace-spectrum conflict: the airspace
 * side shows it too).
 */
export const SpectrumConflictDetail = z.object({
  kind: z.enum(['INTERFERENCE', 'RESTRICTED_BAND']),
  lowMHz: z.number(),
  highMHz: z.number(),
  /** The larger margin, dB; null for RESTRICTED_BAND. */
  marginDb: z.number().nullable(),
  paths: z.array(InterferencePathDetail).max(2),
  /** When both are in force (null: unbounded on that side). */
  from: Timestamp.nullable(),
  to: Timestamp.nullable(),
  tiedReservation: z.object({ nation: NationCode, id: Id }).nullable(),
});
export type SpectrumConflictDetail = z.infer<typeof SpectrumConflictDetail>;

/**
 * Severity from the margin in dB (DOMAIN.md: severity is the margin): HIGH from 20 dB (a hundred
 * times the power the victim tolerates) or with no margin (a TABOO band: only a waiver clears it),
 * MEDIUM from 6 dB (four times), else LOW. One rule for the service and the gateway.
 */
export const MARGIN_FLOORS_DB = { HIGH: 20, MEDIUM: 6, LOW: 0 } as const;
export function severityOfMargin(marginDb: number | null): 'LOW' | 'MEDIUM' | 'HIGH' {
  if (marginDb === null || marginDb >= MARGIN_FLOORS_DB.HIGH) return 'HIGH';
  return marginDb >= MARGIN_FLOORS_DB.MEDIUM ? 'MEDIUM' : 'LOW';
}

/**
 * A margin as a party who may not see the other side receives it: the floor of its severity band
 * (0, 6 or 20 dB). Exact margins from several of one's own receivers would locate a hidden emitter
 * (margin = EIRP − FSPL(d) − threshold, one equation per receiver).
 */
export const marginFloorDb = (marginDb: number | null): number | null =>
  marginDb === null ? null : MARGIN_FLOORS_DB[severityOfMargin(marginDb)];
