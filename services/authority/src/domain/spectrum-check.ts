import {
  canSee,
  covers,
  guardBandMHz,
  isWaived,
  type AirspaceVolume,
  type AuthorizationRequest,
  type EffectorRef,
  type Label,
  type RequiredApproval,
  type RestrictedEntry,
  type SpectrumAssignment,
  type SpectrumLocation,
} from '@tessera/schema';
import {
  asFlown,
  assignmentKey,
  jammingCheck,
  requestAsAssignment,
  SpectrumIndex,
  type InterferencePath,
  type RestrictedHit,
  withProtectedBands,
} from '@tessera/service-kit/spectrum';
import type { Check } from './checks.ts';
import { refuse, type Outcome } from './rules.ts';

/**
 * The spectrum check of a JAMMING request before it reaches a commander (issue 13 item 4), the
 * rule's one home, as a pure function: the restricted frequency list and the victims. The
 * interference model is the service kit's engine (`jammingCheck`); what the authority adds is
 * where the jammer is and how strong it is, which list holds, who must concur and what each party
 * of the request may be told. docs/spectrum.md, "Jamming through the authority".
 *
 * Everyone who reads what the check says: the requesting nation (a refusal's reply) and every party
 * of the request (the checks; a refusal at LAUNCH is audited under the request's id, and the gateway
 * shows a request's audit records to every nation it is releasable to). Nothing is named to them
 * that not all of them may see (`covers(request.label, …)`).
 *
 * - A TABOO band (not waived for the whole jamming window) refuses the request (`TABOO_BAND`),
 *   naming the band by its edges; its reason only when every party may see the entry.
 * - A PROTECTED or GUARDED band of another nation adds one commander of that nation to the
 *   concurrence; the requesting nation's own entries add nobody. A nation there only because of
 *   bands not every party may see is never named by a refusal (`named`).
 * - Every assignment the jammer would harm is a victim, with its margin in dB; one tied to an
 *   airspace reservation is judged wherever that reservation is (the kit's `asFlown`, as the
 *   deconfliction service judges it). A victim (or a restricted entry) not releasable to every
 *   party of the request, or placed by a reservation that is not, is never named, counted, given a
 *   margin, a distance or a frequency: its margins over repeated requests from other places would
 *   locate it. The deciders read only that some such assignment would be harmed.
 * - The jammer's power and mast are its nation's JAMMER assignment's only when every party may see
 *   that assignment; else the defaults (which overestimate on purpose).
 */

export type JammingDetails = NonNullable<AuthorizationRequest['jamming']>;

/**
 * EIRP of an EW jammer when its nation has no JAMMER assignment for it (dBm): 60 dBm = 1 kW, a
 * 100 W counter-drone amplifier into a 10 dBi antenna. On the high side of such systems on purpose:
 * an overestimate lists a victim too many, an underestimate hides one.
 */
export const DEFAULT_JAMMER_EIRP_DBM = 60;
/** Antenna height of an EW jammer without its own assignment (m): a vehicle's mast. */
export const DEFAULT_JAMMER_ANTENNA_M = 10;
/** Victims listed one per check; more are summed up in one more check (requests hold at most 12 checks). */
export const MAX_VICTIM_CHECKS = 7;
/** Longest detail a check may carry (the contract's limit). */
const DETAIL_MAX = 300;

export interface JammingSpectrumInput {
  /** The requesting nation (whose agents asked). */
  nation: string;
  /** The request's label: everyone it is releasable to reads the checks. */
  label: Label;
  jamming: JammingDetails;
  /** The jammer as the reference data has it (the authority's fact, not the request's claim). */
  jammer: Pick<EffectorRef, 'id' | 'nation' | 'kind' | 'position'>;
  nowMs: number;
  /** Until when the jamming may run: the request's deadline (the last launch) plus its duration. */
  untilMs: number;
  /** The coalition's assignments (the deconfliction service's bucket). */
  assignments: SpectrumIndex | Iterable<SpectrumAssignment>;
  /** The restricted entries of that bucket; the default protected bands are always added (`restrictedList`). */
  restricted: Iterable<RestrictedEntry>;
  /**
   * The airspace volumes by owner and id (the deconfliction service's `reservation.<nation>.<id>`):
   * an assignment tied to a live reservation is judged where the reservation is. Absent, or a
   * reservation unknown or ENDED: the assignment where it says it is (`asFlown`).
   */
  reservations?: (nation: string, id: string) => AirspaceVolume | undefined;
}

export interface JammingSpectrum {
  /** Commanders of other nations whose PROTECTED or GUARDED bands the jamming covers (one each, sorted). */
  concurrence: RequiredApproval[];
  /**
   * The nations of `concurrence` a refusal may name: each has a covered band every party may see.
   * Any other is there only because of bands not every party may see (DOMAIN.md: partners never
   * learn who guards a restricted band): a refusal does not name it (`unnamedOwners`).
   */
  named: string[];
  /** What the deciders are shown (the caller adds who must concur). */
  checks: Check[];
}

/** How strong the jammer is and how high it transmits, and where that comes from. */
export interface JammerEmission {
  eirpDbm: number;
  antennaHeightM: number;
  /** For the deciders: `assignment <id>` or `EW_JAMMER default`. */
  source: string;
}

const mhz = (x: number) => String(Math.round(x * 1000) / 1000);
const band = (e: { lowMHz: number; highMHz: number }) => `${mhz(e.lowMHz)}-${mhz(e.highMHz)} MHz`;
const iso = (ms: number) => new Date(ms).toISOString();

/** The restricted list the check holds: the kept entries with the protected bands (one rule: the kit's). */
export const restrictedList = withProtectedBands;

/**
 * The jammer's emission: its nation's JAMMER assignment with the effector's id when there is one
 * (live) that every party of the request may see (`covers(label, …)`), else the defaults. An
 * assignment they may not see is never used: its id, power and height would show in the check, and
 * its power in every victim's margin.
 */
export function jammerEmission(
  jammer: Pick<EffectorRef, 'id' | 'nation'>,
  index: SpectrumIndex,
  label: Label,
): JammerEmission {
  const own = index.get(jammer.nation, jammer.id);
  if (own && covers(label, own.label) && own.use === 'JAMMER' && own.state !== 'ENDED' && own.eirpDbm !== undefined)
    return { eirpDbm: own.eirpDbm, antennaHeightM: own.location.antennaHeightM, source: `assignment ${own.id}` };
  return {
    eirpDbm: DEFAULT_JAMMER_EIRP_DBM,
    antennaHeightM: DEFAULT_JAMMER_ANTENNA_M,
    source: 'EW_JAMMER default',
  };
}

/**
 * A waiver counts only when it holds for the whole jamming window: one that ends before the last
 * instant the jamming may run is not a waiver for this request.
 */
const waivedThrough = (e: RestrictedEntry, untilMs: number) => isWaived(e, untilMs - 1);
const unwaivedUnlessThrough = (e: RestrictedEntry, untilMs: number): RestrictedEntry => {
  if (!e.waiver || waivedThrough(e, untilMs)) return e;
  const { waiver: _ended, ...rest } = e;
  return rest;
};

type Victim = InterferencePath & { assignment: SpectrumAssignment; from: 'site' | 'circle' };

/**
 * The assignments as the engine must judge them: one tied to a live reservation wherever that
 * reservation is (`asFlown`, the deconfliction service's rule), and which reservation placed it.
 * The stored index itself when nothing moves (it is never changed).
 */
function asFlownIndex(
  assignments: SpectrumIndex | Iterable<SpectrumAssignment>,
  reservations: JammingSpectrumInput['reservations'],
): { index: SpectrumIndex; placedBy: Map<string, AirspaceVolume> } {
  const stored = assignments instanceof SpectrumIndex ? assignments : new SpectrumIndex(assignments);
  const placedBy = new Map<string, AirspaceVolume>();
  if (!reservations) return { index: stored, placedBy };
  const flown = new Map<string, SpectrumAssignment>();
  for (const a of stored.values()) {
    if (!a.tiedReservation) continue;
    let used: AirspaceVolume | undefined;
    const f = asFlown(a, (nation, id) => (used = reservations(nation, id)));
    if (f === a || !used) continue;
    flown.set(assignmentKey(a), f);
    placedBy.set(assignmentKey(a), used);
  }
  if (flown.size === 0) return { index: stored, placedBy };
  return { index: new SpectrumIndex([...stored.values()].map((a) => flown.get(assignmentKey(a)) ?? a)), placedBy };
}

/**
 * Check a jamming request's spectrum. Refused (`TABOO_BAND`) over a TABOO band; else the nations
 * that must concur because of their bands, and the checks for the deciders.
 */
export function checkJammingSpectrum(input: JammingSpectrumInput): Outcome<JammingSpectrum> {
  const { jamming: j, label, nation, nowMs, untilMs } = input;
  const audience = [label.originator, ...label.releasableTo, nation];
  const list = restrictedList(input.restricted, audience).map((e) => unwaivedUnlessThrough(e, untilMs));
  const { index, placedBy } = asFlownIndex(input.assignments, input.reservations);
  const emission = jammerEmission(input.jammer, index, label);
  // The jammer's own assignment (same nation and id) is never compared with itself.
  const request = (location: SpectrumLocation) => ({
    id: input.jammer.id,
    nation,
    lowMHz: j.lowMHz,
    highMHz: j.highMHz,
    eirpDbm: emission.eirpDbm,
    location,
    validFrom: iso(nowMs),
    validTo: iso(untilMs),
  });
  const atSite = request({
    kind: 'POINT',
    point: { lat: input.jammer.position.lat, lon: input.jammer.position.lon },
    antennaHeightM: emission.antennaHeightM,
  });
  const overCircle = request({
    kind: 'AREA',
    area: { circle: { center: { lat: j.center.lat, lon: j.center.lon }, radiusM: j.radiusM } },
    antennaHeightM: emission.antennaHeightM,
  });
  const site = jammingCheck(atSite, list, index, { at: nowMs });
  const widened = requestAsAssignment(atSite);
  const guard = guardBandMHz(widened);

  // Who reads what the check says: the requester (the replies) and every party of the request (the
  // checks, and the refusals at LAUNCH, audited under the request's id). Only what all of them may see is named.
  const allSee = (l: Label) => covers(label, l) && canSee({ nation, clearance: label.classification }, l);

  if (site.taboo.length > 0) {
    const bands = [...site.taboo]
      .sort((x, y) => x.entry.lowMHz - y.entry.lowMHz)
      .map((h) => `TABOO band ${band(h.entry)}${allSee(h.entry.label) ? ` (${h.entry.reason})` : ''}`);
    return refuse(
      'TABOO_BAND',
      `Jamming ${band(j)} (with its guard band ${band({ lowMHz: j.lowMHz - guard, highMHz: j.highMHz + guard })}) covers ${bands.join(' and ')}: nobody may jam ${site.taboo.length > 1 ? 'them unless they are' : 'it unless it is'} waived.`,
    );
  }

  const victims = mergeVictims(site.victims, jammingCheck(overCircle, [], index, { at: nowMs }).victims);
  // A tied victim's distance would locate its reservation: both must be releasable to every party.
  const shared = victims.filter((v) => {
    const place = placedBy.get(assignmentKey(v.assignment));
    return allSee(v.assignment.label) && (!place || allSee(place.label));
  });
  const withheld = victims.length > shared.length;

  const checks: Check[] = [
    {
      check: 'Spectrum: restricted bands',
      ok: true,
      detail: restrictedDetail(site.concurrence, site.own, waivedHits(widened, list, nowMs, untilMs), allSee),
    },
    {
      check: 'Spectrum: victims',
      ok: victims.length === 0,
      detail: clip(
        `${
          shared.length === 0
            ? withheld
              ? 'none that every party may see would be harmed'
              : 'no assignment would be harmed'
            : `${shared.length} would be harmed, largest margin ${shared[0]!.marginDb.toFixed(1)} dB`
        }; jammer ${emission.eirpDbm} dBm EIRP (${emission.source}), antenna ${emission.antennaHeightM} m, free space from its site and over the ${(j.radiusM / 1000).toFixed(1)} km circle, until ${iso(untilMs)}`,
      ),
    },
  ];
  shared
    .slice(0, MAX_VICTIM_CHECKS)
    .forEach((v, i) => checks.push({ check: `Spectrum: victim ${i + 1}`, ok: false, detail: victimDetail(v) }));
  const more = shared.slice(MAX_VICTIM_CHECKS);
  if (more.length > 0)
    checks.push({
      check: 'Spectrum: more victims',
      ok: false,
      detail: `${more.length} more would be harmed, margins ${more.at(-1)!.marginDb.toFixed(1)}-${more[0]!.marginDb.toFixed(1)} dB`,
    });
  // One fixed sentence, whatever their number, kind, owner, margins or places.
  if (withheld)
    checks.push({
      check: 'Spectrum: withheld victims',
      ok: false,
      detail: 'an assignment not releasable to every party would be harmed',
    });
  return {
    ok: true,
    value: {
      concurrence: site.concurrence.map((c) => ({ nation: c.nation, count: 1 })),
      named: site.concurrence.filter((c) => c.hits.some((h) => allSee(h.entry.label))).map((c) => c.nation),
      checks,
    },
  };
}

/**
 * The nations of the concurrence that a refusal must not name: there only because of bands not every
 * party may see, and not required for a reason the parties know anyway (`known`: the two-nation
 * rule's, the requester's).
 */
export function unnamedOwners(
  spectrum: Pick<JammingSpectrum, 'concurrence' | 'named'>,
  known: Iterable<string> = [],
): Set<string> {
  const nameable = new Set([...spectrum.named, ...known]);
  return new Set(spectrum.concurrence.map((c) => c.nation).filter((n) => !nameable.has(n)));
}

/**
 * At launch the check runs again, for the time the jamming will now run (an entry added or a waiver
 * withdrawn since the request was opened, or not mirrored yet when it was): a TABOO band refuses
 * the launch, and every nation whose band it now covers must have approved it. The refusal is
 * audited under the request's id, so it names only nations with a band every party may see; the
 * others are "other nations", whatever their number (a missing nation never is in
 * `requiredApprovals`: the request could not have been approved).
 */
export function concurredAtLaunch(
  req: Pick<AuthorizationRequest, 'id' | 'decisions'>,
  spectrum: JammingSpectrum,
): Outcome<true> {
  const approved = new Set(req.decisions.filter((d) => d.decision === 'APPROVE').map((d) => d.by.nation));
  const missing = spectrum.concurrence.map((c) => c.nation).filter((n) => !approved.has(n));
  if (missing.length === 0) return { ok: true, value: true };
  const unnamed = unnamedOwners(spectrum);
  const named = missing.filter((n) => !unnamed.has(n));
  const of = [...named, ...(named.length < missing.length ? ['other nations'] : [])].join(' and of ');
  return refuse(
    'SITUATION_CHANGED',
    `Jamming ${req.id} now covers restricted bands of ${of}, whose commanders did not concur: ask again.`,
  );
}

/** Per victim (by nation and id), the larger margin of the two places the jamming is judged from; largest first. */
function mergeVictims(
  site: (InterferencePath & { assignment: SpectrumAssignment })[],
  circle: (InterferencePath & { assignment: SpectrumAssignment })[],
): Victim[] {
  const worst = new Map<string, Victim>();
  for (const [from, list] of [
    ['site', site],
    ['circle', circle],
  ] as const)
    for (const v of list) {
      const k = `${v.assignment.nation}/${v.assignment.id}`;
      const had = worst.get(k);
      if (!had || v.marginDb > had.marginDb) worst.set(k, { ...v, from });
    }
  return [...worst.values()].sort(
    (x, y) =>
      y.marginDb - x.marginDb ||
      (`${x.assignment.nation}/${x.assignment.id}` < `${y.assignment.nation}/${y.assignment.id}` ? -1 : 1),
  );
}

/** A victim every party may see: what, whose, which, by how much, how far from where. */
function victimDetail(v: Victim): string {
  const a = v.assignment;
  return clip(
    `${a.use} ${a.nation}/${a.id} (${a.system}): margin ${v.marginDb.toFixed(1)} dB at ${mhz(v.worstMHz)} MHz, ${v.distanceKm.toFixed(1)} km from the ${v.from === 'site' ? "jammer's site" : 'jammed circle'}`,
  );
}

/** TABOO entries the jamming covers that are waived for its whole window (shown, not refused). */
function waivedHits(
  widened: SpectrumAssignment,
  list: readonly RestrictedEntry[],
  nowMs: number,
  untilMs: number,
): RestrictedHit[] {
  const waived = list.filter((e) => e.kind === 'TABOO' && e.removed !== true && e.waiver && waivedThrough(e, untilMs));
  const unwaived = waived.map(({ waiver: _w, ...e }) => e);
  return jammingCheck(widened, unwaived, undefined, { at: nowMs }).taboo.map((h) => ({
    ...h,
    entry: waived.find((e) => e.id === h.entry.id && e.nation === h.entry.nation)!,
  }));
}

/**
 * The restricted bands the jamming covers, for the deciders. An entry every party may see is named
 * with its kind, owner and reason; any other is "a restricted band" and its edges (DOMAIN.md: partners
 * see a restricted band and its edges, never who guards it or why). Those come after the named ones,
 * all together sorted by frequency: grouped by owner (or as the requester's own), their order would
 * tell whose each is.
 */
function restrictedDetail(
  concurrence: { nation: string; hits: RestrictedHit[] }[],
  own: RestrictedHit[],
  waived: RestrictedHit[],
  allSee: (l: Label) => boolean,
): string {
  const named = (e: RestrictedEntry) => `${e.kind} ${band(e)} of ${e.nation} (${e.reason})`;
  const parts: string[] = [];
  const withheld: { entry: RestrictedEntry; text: string }[] = [];
  const add = (h: RestrictedHit, shown: () => string, hidden: string) => {
    if (allSee(h.entry.label)) parts.push(shown());
    else withheld.push({ entry: h.entry, text: hidden });
  };
  for (const c of concurrence)
    for (const h of c.hits)
      add(h, () => `${named(h.entry)}: a commander of ${c.nation} must concur`, `a restricted band ${band(h.entry)}`);
  for (const h of own)
    add(h, () => `${named(h.entry)}: the requesting nation's own`, `a restricted band ${band(h.entry)}`);
  for (const h of waived) {
    const w = h.entry.waiver!;
    add(
      h,
      () =>
        `${named(h.entry)}: waived by ${w.by} ${w.validTo ? `until ${w.validTo}` : 'until withdrawn'} (${w.reason})`,
      `a restricted band ${band(h.entry)} (waived)`,
    );
  }
  withheld.sort(
    (x, y) =>
      x.entry.lowMHz - y.entry.lowMHz ||
      x.entry.highMHz - y.entry.highMHz ||
      (x.text < y.text ? -1 : x.text > y.text ? 1 : 0),
  );
  parts.push(...withheld.map((w) => w.text));
  return parts.length === 0 ? 'no restricted band covered' : joinWithin(parts, DETAIL_MAX);
}

/** The parts joined with "; " as far as they fit in `max` characters, then how many did not ("; 2 more"). */
export function joinWithin(parts: readonly string[], max: number): string {
  const more = (n: number) => (n > 0 ? `; ${n} more` : '');
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const next = out === '' ? parts[i]! : `${out}; ${parts[i]!}`;
    if (next.length + more(parts.length - i - 1).length > max) {
      if (out !== '') return `${out}${more(parts.length - i)}`;
      // Not even the first fits: it is cut short (the reader still learns what it is about).
      const rest = more(parts.length - 1);
      return `${parts[0]!.slice(0, max - rest.length - 1)}…${rest}`;
    }
    out = next;
  }
  return out;
}

const clip = (s: string) => (s.length <= DETAIL_MAX ? s : `${s.slice(0, DETAIL_MAX - 1)}…`);
