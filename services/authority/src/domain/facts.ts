import {
  covers,
  dangerRadiusOf,
  identityAsSeenBy,
  targetKindOf,
  type AirspaceVolume,
  type AuthorizationRequest,
  type EffectorRef,
  type EngagementDetails,
  type Label,
  type TargetWarning,
  type Track,
  type TrackKind,
  unnamedWarnings,
  warningText,
  withEstablishedWarnings,
} from '@tessera/schema';
import { sectorAt } from '@tessera/service-kit/airspace';
import { distanceM } from '@tessera/service-kit/geo';
import type { Outcome, RefusalRule } from './rules.ts';

/**
 * An agent's OPEN states facts about its engagement: the target's identity and kind, the sector of
 * the intercept point, the effector's class and danger radius. Rules depend on every one of them
 * (WEAPONS TIGHT on the identity, the two-nation rule on the sector, the friendlies check on the
 * danger radius), so the authority never takes them on trust: it establishes each from its own
 * picture and reference data and refuses a request whose claims disagree. Pure functions.
 */

/** What the authority knows, from its own subscriptions and reference data. */
export interface FactSources {
  /** A track in the authority's picture (heard from recently), by id. */
  track(id: string): Track | undefined;
  /** The detector's current assessment of a track, when there is one. */
  detection(trackId: string): { confidence: number; topClass: TrackKind } | undefined;
  /** An effector of the reference data, by its nation and id. */
  effector(nation: string, id: string): EffectorRef | undefined;
  volumes(): Iterable<AirspaceVolume>;
  /** The detector's open implausibility flags on a track, as `nation` may see them. */
  warnings(trackId: string, nation: string): TargetWarning[];
  /** Whether a track in the picture is older than its coast time (no longer a target). */
  stale(trackId: string): boolean;
}

const staleTarget = (id: string) =>
  `Target ${id} is stale: its latest report is older than its coast time, so it is not a target.`;

/**
 * The warnings a request about a target carries: every one its agent named, and every open flag
 * the detector raised on the target that the agent left out (targets.ts). The deciders are
 * shown them and no standing authority or ON_THE_LOOP approves such a request, so an agent that
 * leaves a flag out gains nothing.
 */
export function establishWarnings(
  nation: string,
  targetTrackId: string | null | undefined,
  named: readonly TargetWarning[],
  facts: Pick<FactSources, 'warnings'>,
): TargetWarning[] {
  return withEstablishedWarnings(named, targetTrackId ? facts.warnings(targetTrackId, nation) : []);
}

/**
 * Whether an approved request's target is still one to launch at: fresh (a stale track is never a
 * target, however the decision went), and carrying no flag the request does not name (raised after
 * the deciders saw it). If not, the request stays approved and lapses at its deadline unless the
 * target is fresh again and the flag clears; an honest agent withdraws and asks again.
 */
export function targetStillFit(
  r: Pick<AuthorizationRequest, 'nation' | 'targetWarnings' | 'engagement' | 'jamming'>,
  facts: Pick<FactSources, 'warnings' | 'stale'>,
): Outcome<true> {
  const target = r.engagement?.targetTrackId ?? r.jamming?.targetTrackId;
  if (!target) return { ok: true, value: true };
  if (facts.stale(target)) return refuse('SITUATION_CHANGED', `${staleTarget(target)} It is not launched.`);
  const unseen = unnamedWarnings(r, facts.warnings(target, r.nation));
  return unseen.length === 0
    ? { ok: true, value: true }
    : refuse(
        'SITUATION_CHANGED',
        `Target ${target} was flagged after this request was decided: ${warningText(unseen)}. The deciders have not seen it; it is not launched.`,
      );
}

const refuse = (rule: RefusalRule, message: string) => ({ ok: false as const, rule, message });

/** Metres within which a claimed and a computed distance are the same (JSON round trips). */
const SAME_M = 1e-6;

/**
 * The engagement as the authority establishes it for an agent of `nation`. Refused when the effector
 * is not that nation's, the target is not in the picture, a claim disagrees with what the authority
 * computes, the intercept point is beyond the effector's reach or in no sector, or the request's
 * label would let someone see the target or the effector who may not.
 */
export function establishEngagement(
  nation: string,
  claim: EngagementDetails,
  label: Label,
  src: FactSources,
): Outcome<EngagementDetails> {
  const effector = src.effector(nation, claim.effectorId);
  if (!effector)
    return refuse('UNKNOWN_EFFECTOR', `${nation} has no effector ${claim.effectorId} in the reference data.`);
  if (effector.kind === 'EW_JAMMER')
    return refuse('CLAIM_MISMATCH', `${effector.id} is an EW jammer: ask for JAMMING, not an engagement.`);
  const target = src.track(claim.targetTrackId);
  if (!target) return refuse('TARGET_NOT_TRACKED', `Target ${claim.targetTrackId} is not in the authority's picture.`);
  if (!covers(label, target.label) || !covers(label, effector.label)) {
    return refuse(
      'INVALID',
      'The request would be visible to someone who may not see its target or its effector: label it at least as strictly as both.',
    );
  }
  if (src.stale(target.id)) return refuse('TARGET_NOT_TRACKED', staleTarget(target.id));
  const identity = identityAsSeenBy(target, nation);
  const kind = targetKindOf(target, src.detection(target.id)?.topClass);
  const sector = sectorAt(claim.interceptPoint, src.volumes(), nation);
  const dangerRadiusM = dangerRadiusOf(effector);
  const mismatches = [
    claim.effectorClass !== effector.kind && `effector class ${claim.effectorClass} (reference: ${effector.kind})`,
    claim.targetIdentity !== identity && `target identity ${claim.targetIdentity} (${nation}'s picture: ${identity})`,
    claim.targetKind !== kind && `target kind ${claim.targetKind} (picture: ${kind})`,
    Math.abs(claim.dangerRadiusM - dangerRadiusM) > SAME_M &&
      `danger radius ${claim.dangerRadiusM} m (reference: ${dangerRadiusM} m)`,
    sector &&
      (claim.sectorId !== sector.id || claim.sectorNation !== sector.nation) &&
      `sector ${claim.sectorId} (${claim.sectorNation}) (the intercept point lies in ${sector.id} (${sector.nation}))`,
  ].filter((m): m is string => typeof m === 'string');
  if (mismatches.length > 0)
    return refuse(
      'CLAIM_MISMATCH',
      `The request's claims disagree with the authority's picture: ${mismatches.join('; ')}.`,
    );
  if (!sector)
    return refuse(
      'CLAIM_MISMATCH',
      "The intercept point lies in no sector: nobody's weapons control status covers it.",
    );
  if (distanceM(effector.position, claim.interceptPoint) > effector.rangeKm * 1000)
    return refuse('CLAIM_MISMATCH', `The intercept point is beyond ${effector.id}'s range of ${effector.rangeKm} km.`);
  return {
    ok: true,
    value: {
      ...claim,
      effectorClass: effector.kind,
      effectorPosition: { lat: effector.position.lat, lon: effector.position.lon },
      targetIdentity: identity,
      targetKind: kind,
      // The detector's confidence as the authority has it (it gates ON_THE_LOOP and standing authority).
      confidence: src.detection(target.id)?.confidence ?? 0,
      dangerRadiusM,
      sectorId: sector.id,
      sectorNation: sector.nation,
    },
  };
}

/** A jamming request: the jammer must be the nation's, and its area's sector the one claimed. */
export function establishJamming(
  nation: string,
  claim: NonNullable<AuthorizationRequest['jamming']>,
  label: Label,
  src: FactSources,
): Outcome<NonNullable<AuthorizationRequest['jamming']>> {
  const effector = src.effector(nation, claim.effectorId);
  if (!effector)
    return refuse('UNKNOWN_EFFECTOR', `${nation} has no effector ${claim.effectorId} in the reference data.`);
  if (effector.kind !== 'EW_JAMMER')
    return refuse('CLAIM_MISMATCH', `${effector.id} is a ${effector.kind}, not an EW jammer.`);
  if (!covers(label, effector.label))
    return refuse(
      'INVALID',
      'The request would be visible to someone who may not see its jammer: label it at least as strictly.',
    );
  if (claim.targetTrackId !== undefined) {
    const target = src.track(claim.targetTrackId);
    if (!target)
      return refuse('TARGET_NOT_TRACKED', `Target ${claim.targetTrackId} is not in the authority's picture.`);
    if (!covers(label, target.label))
      return refuse(
        'INVALID',
        'The request would be visible to someone who may not see its target: label it at least as strictly.',
      );
    if (src.stale(target.id)) return refuse('TARGET_NOT_TRACKED', staleTarget(target.id));
  }
  const sector = sectorAt(claim.center, src.volumes(), nation);
  if (!sector) return refuse('CLAIM_MISMATCH', 'The jamming area lies in no sector.');
  if (claim.sectorId !== sector.id || claim.sectorNation !== sector.nation) {
    return refuse(
      'CLAIM_MISMATCH',
      `The request's claims disagree with the authority's picture: sector ${claim.sectorId} (${claim.sectorNation}) (the jamming area lies in ${sector.id} (${sector.nation})).`,
    );
  }
  if (distanceM(effector.position, claim.center) > effector.rangeKm * 1000)
    return refuse('CLAIM_MISMATCH', `The jamming area is beyond ${effector.id}'s range of ${effector.rangeKm} km.`);
  return { ok: true, value: claim };
}

/**
 * Every nation that must concur must be able to see the request, or it could only expire: refused
 * at once instead, naming who could not see it, except the nations in `unnamed` (for a jamming, those
 * there only because of restricted bands not every party may see: `unnamedOwners`). Naming them
 * would tell the requester who guards a withheld band, before any request exists, and by opening
 * requests over other bands, whose each band is. They are "other nations", whatever their number.
 */
export function visibleToApprovers(
  req: Pick<AuthorizationRequest, 'label' | 'requiredApprovals'>,
  unnamed: ReadonlySet<string> = new Set(),
): Outcome<true> {
  const audience = new Set([req.label.originator, ...req.label.releasableTo]);
  const blind = req.requiredApprovals.map((r) => r.nation).filter((n) => !audience.has(n));
  if (blind.length === 0) return { ok: true, value: true };
  const named = blind.filter((n) => !unnamed.has(n));
  const whom =
    named.length === blind.length
      ? `Commanders of ${named.join(' and ')}`
      : `Commanders of ${[...named, 'other nations whose restricted bands the jamming covers (not named: not every party may see those bands)'].join(' and of ')}`;
  return refuse(
    'NOT_RELEASABLE_TO_APPROVERS',
    `${whom} must concur but may not see this request: label it releasable to them (as its target, effector and, for a jamming, the bands it covers allow).`,
  );
}
