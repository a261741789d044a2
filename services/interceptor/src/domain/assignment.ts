import type { AirspaceVolume, TrackKind } from '@tessera/schema';
import { bearingDeg, distanceM, type LatLon } from '@tessera/service-kit/geo';
import { isJammer } from './effectors.ts';
import { solveIntercept, type InterceptSolution, type Mover } from './intercept.ts';
import { DEFAULT_JAMMING, jammable, type JammingPolicy } from './jamming.ts';
import { sectorAt } from '@tessera/service-kit/airspace';

/** A threat the agent may engage: a target on a straight line, with its urgency. */
export interface ThreatInput extends Mover {
  trackId: string;
  /** Seconds until it reaches a defended asset (the detector's threat); null when none is predicted. */
  timeToImpactS: number | null;
  /** Whether the reason may cite the time to impact (its label is no stricter than the request's). */
  revealImpact: boolean;
  /** What it is; jammers are assigned only against kinds that depend on radio links (drones). */
  kind?: TrackKind;
}

export interface EffectorInput {
  id: string;
  kind: string;
  position: LatLon & { altM?: number };
  rangeKm: number;
  speedMps: number;
  probabilityOfKill: number;
}

/** How urgency grows as impact nears (configuration). */
export interface UrgencyPolicy {
  /** Weight of a threat with no predicted impact (a hostile weapon flying elsewhere), and the floor. */
  baseWeight: number;
  /** Time to impact at which a threat is halfway between the floor and 1. */
  halfS: number;
}
export const DEFAULT_URGENCY: UrgencyPolicy = { baseWeight: 0.3, halfS: 120 };

/**
 * Threat weight from the time to impact: 1 at impact, falling towards `baseWeight` as impact recedes
 * (half-way at `halfS`); `baseWeight` when no impact is predicted. Sooner is more urgent.
 */
export function threatWeight(timeToImpactS: number | null, policy: UrgencyPolicy = DEFAULT_URGENCY): number {
  if (timeToImpactS === null) return policy.baseWeight;
  return policy.baseWeight + ((1 - policy.baseWeight) * policy.halfS) / (policy.halfS + Math.max(0, timeToImpactS));
}

export interface Assignment {
  effectorId: string;
  trackId: string;
  /**
   * Kinetic: the intercept. Jammer: the target where it is now (the centre of the jammed area), the
   * distance from the jammer, and the time until the link loss bites.
   */
  solution: InterceptSolution;
  /** Whether the effector jams (a JAMMING request) rather than intercepts (an ENGAGEMENT request). */
  jamming: boolean;
  sector: { id: string; nation: string };
  probabilityOfKill: number;
  weight: number;
  /** Expected threat reduction: probability of kill x threat weight. */
  value: number;
  /** Why this effector against this target, with the numbers (at most 300 characters). */
  reason: string;
}

export interface AssignOptions {
  /** The agent's nation (another nation's sector wins where sectors overlap). */
  nation: string;
  /** Airspace volumes the agent may see; intercept points must lie in a SECTOR. */
  volumes: Iterable<AirspaceVolume>;
  urgency?: UrgencyPolicy;
  jamming?: JammingPolicy;
  /**
   * Whether a reason about `threat` may name `effector` (the effector's label is no stricter than the
   * request's). Alternatives it may not name are only counted. All may be named by default.
   */
  mayName?: (effector: EffectorInput, threat: ThreatInput) => boolean;
  /**
   * Whether the commanders of `sectorNation` may see a request about `threat` by `effector`: when the
   * intercept point lies in another nation's sector, that nation must concur, and a request it may
   * not see could only expire (the authority refuses it). All may by default.
   */
  approversMaySee?: (sectorNation: string, effector: EffectorInput, threat: ThreatInput) => boolean;
}

type Evaluation =
  | {
      ok: true;
      effector: EffectorInput;
      threat: ThreatInput;
      solution: InterceptSolution;
      sector: AirspaceVolume;
      weight: number;
      value: number;
    }
  | { ok: false; effector: EffectorInput; threat: ThreatInput; why: string };

const km = (m: number) => `${(m / 1000).toFixed(1)} km`;
const fix2 = (x: number) => x.toFixed(2);
export const MAX_REASON = 300;

/** A jammer acts on the target where it is now: it must be a drone, within range, and jammed before impact. */
function jamSolution(effector: EffectorInput, threat: ThreatInput, policy: JammingPolicy): InterceptSolution | string {
  if (!jammable(threat.kind, policy)) return `jams drones only (target is ${threat.kind ?? 'UNKNOWN'})`;
  const d = distanceM(effector.position, threat.position);
  if (d > effector.rangeKm * 1000) return `out of range (${km(d)} > ${effector.rangeKm} km)`;
  return {
    timeS: policy.effectS,
    point: { ...threat.position },
    distanceM: d,
    bearingDeg: bearingDeg(effector.position, threat.position),
  };
}

function evaluate(
  effector: EffectorInput,
  threat: ThreatInput,
  opts: AssignOptions,
  volumes: AirspaceVolume[],
): Evaluation {
  if (isJammer(effector.kind)) {
    const jam = jamSolution(effector, threat, opts.jamming ?? DEFAULT_JAMMING);
    if (typeof jam === 'string') return { ok: false, effector, threat, why: jam };
    return feasible(effector, threat, jam, opts, volumes);
  }
  const solution = solveIntercept(effector, threat);
  if (!solution) return { ok: false, effector, threat, why: 'cannot catch it' };
  if (solution.distanceM > effector.rangeKm * 1000)
    return { ok: false, effector, threat, why: `out of range (${km(solution.distanceM)} > ${effector.rangeKm} km)` };
  return feasible(effector, threat, solution, opts, volumes);
}

/** The checks common to intercepting and jamming: in time before impact, in a sector. */
function feasible(
  effector: EffectorInput,
  threat: ThreatInput,
  solution: InterceptSolution,
  opts: AssignOptions,
  volumes: AirspaceVolume[],
): Evaluation {
  if (threat.timeToImpactS !== null && solution.timeS >= threat.timeToImpactS) {
    return {
      ok: false,
      effector,
      threat,
      why: threat.revealImpact
        ? `too late (${isJammer(effector.kind) ? 'link loss' : 'intercept'} ${Math.round(solution.timeS)} s, impact ${Math.round(threat.timeToImpactS)} s)`
        : 'too late',
    };
  }
  const sector = sectorAt(solution.point, volumes, opts.nation);
  if (!sector)
    return {
      ok: false,
      effector,
      threat,
      why: `${isJammer(effector.kind) ? 'target' : 'intercept point'} outside every sector`,
    };
  if (opts.approversMaySee && !opts.approversMaySee(sector.nation, effector, threat))
    return {
      ok: false,
      effector,
      threat,
      why: `in ${sector.nation}'s sector, whose commanders may not see this target`,
    };
  const weight = threatWeight(threat.timeToImpactS, opts.urgency);
  return { ok: true, effector, threat, solution, sector, weight, value: effector.probabilityOfKill * weight };
}

function valueText(e: Extract<Evaluation, { ok: true }>): string {
  const pk = `Pk ${fix2(e.effector.probabilityOfKill)}`;
  if (e.threat.timeToImpactS !== null && !e.threat.revealImpact) return `${pk}, urgency withheld at this label`;
  const impact =
    e.threat.timeToImpactS === null ? 'no impact predicted' : `impact in ${Math.round(e.threat.timeToImpactS)} s`;
  return `${pk} x urgency ${fix2(e.weight)} (${impact}) = value ${fix2(e.value)}`;
}

/** The reason, cut to MAX_REASON characters: alternatives are listed while they fit. */
function reasonFor(
  chosen: Extract<Evaluation, { ok: true }>,
  alternatives: readonly Evaluation[],
  busy: readonly EffectorInput[],
  taken: ReadonlySet<string>,
  mayName: (e: EffectorInput) => boolean,
): string {
  const s = chosen.solution;
  const action = isJammer(chosen.effector.kind)
    ? `jamming its links at ${km(s.distanceM)}, link loss in ${Math.round(s.timeS)} s`
    : `intercept in ${Math.round(s.timeS)} s at ${km(s.distanceM)}`;
  const head = `${chosen.effector.id} (${chosen.effector.kind}) on ${chosen.threat.trackId}: ${valueText(chosen)}; ${action}, sector ${chosen.sector.id} (${chosen.sector.nation})`;
  // Another target is never named: it may be less releasable than this one.
  const items = [
    ...alternatives
      .filter((a) => mayName(a.effector))
      .map((a) => {
        if (!a.ok) return `${a.effector.id} ${a.why}`;
        const value =
          a.threat.timeToImpactS !== null && !a.threat.revealImpact
            ? `Pk ${fix2(a.effector.probabilityOfKill)}`
            : `value ${fix2(a.value)}`;
        return `${a.effector.id} ${value}${taken.has(a.effector.id) ? ', assigned elsewhere' : ''}`;
      }),
    ...busy.filter(mayName).map((b) => `${b.id} busy`),
  ];
  const unnamed = alternatives.filter((a) => !mayName(a.effector)).length + busy.filter((b) => !mayName(b)).length;
  if (unnamed > 0) items.push(`${unnamed} effector${unnamed === 1 ? '' : 's'} not releasable here`);
  if (items.length === 0) return `${head}; no alternative`.slice(0, MAX_REASON);
  let out = `${head}; alternatives: `;
  for (let i = 0; i < items.length; i++) {
    const sep = i === 0 ? '' : '; ';
    const rest = items.length - i - 1;
    const more = rest > 0 ? `; +${rest} more` : '';
    if (out.length + sep.length + items[i]!.length + more.length > MAX_REASON) {
      out += `${sep}+${items.length - i} more`;
      break;
    }
    out += sep + items[i]!;
  }
  return out.slice(0, MAX_REASON);
}

/**
 * Greedy weapon-target assignment maximizing expected threat reduction: every free effector is
 * paired with every threat it can reach in time (intercept within range, before impact, in a sector;
 * a jammer: a drone within its range, link loss before impact, the drone in a sector);
 * the pair of highest value (probability of kill x threat weight) is taken first, then the best of
 * what is left, and so on. Each effector takes one target at a time, each target at most one
 * effector. Ties go to the sooner intercept, then to the ids in order, so the result is stable.
 */
export function assign(
  threats: readonly ThreatInput[],
  effectors: readonly EffectorInput[],
  busy: ReadonlySet<string>,
  opts: AssignOptions,
): Assignment[] {
  const volumes = [...opts.volumes];
  const free = effectors.filter((e) => !busy.has(e.id));
  const busyEffectors = effectors.filter((e) => busy.has(e.id));
  const byThreat = new Map<string, Evaluation[]>();
  const feasible: Extract<Evaluation, { ok: true }>[] = [];
  for (const t of threats) {
    const evaluations = free.map((e) => evaluate(e, t, opts, volumes));
    byThreat.set(t.trackId, evaluations);
    for (const ev of evaluations) if (ev.ok) feasible.push(ev);
  }
  feasible.sort(
    (a, b) =>
      b.value - a.value ||
      a.solution.timeS - b.solution.timeS ||
      a.effector.id.localeCompare(b.effector.id) ||
      a.threat.trackId.localeCompare(b.threat.trackId),
  );
  const usedEffectors = new Set<string>();
  const usedThreats = new Set<string>();
  const picks: Extract<Evaluation, { ok: true }>[] = [];
  for (const pick of feasible) {
    if (usedEffectors.has(pick.effector.id) || usedThreats.has(pick.threat.trackId)) continue;
    usedEffectors.add(pick.effector.id);
    usedThreats.add(pick.threat.trackId);
    picks.push(pick);
  }
  const taken = new Set(picks.map((p) => p.effector.id));
  return picks.map((pick) => {
    const mayName = (e: EffectorInput) => opts.mayName?.(e, pick.threat) ?? true;
    const alternatives = byThreat.get(pick.threat.trackId)!.filter((a) => a.effector.id !== pick.effector.id);
    return {
      effectorId: pick.effector.id,
      trackId: pick.threat.trackId,
      solution: pick.solution,
      jamming: isJammer(pick.effector.kind),
      sector: { id: pick.sector.id, nation: pick.sector.nation },
      probabilityOfKill: pick.effector.probabilityOfKill,
      weight: pick.weight,
      value: pick.value,
      reason: reasonFor(pick, alternatives, busyEffectors, taken, mayName),
    };
  });
}
