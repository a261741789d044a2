import type { AuthorizationRequest, EffectorClass, StandingAuthority } from '@tessera/schema';
import { distanceM } from '@tessera/service-kit/geo';
import { refuse, type Decider, type Outcome } from './rules.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/** Standing authority (pre-delegation): bounded in space, kind, identity, confidence and time. */
/**
 * Whether a standing authority covers an engagement: same nation, not revoked, within its validity,
 * intercept point in its zone, effector class, target kind and identity listed, confidence enough.
 */
export function standingAuthorityCovers(
  sa: StandingAuthority,
  req: Pick<AuthorizationRequest, 'nation' | 'engagement'>,
  nowMs: number,
): Outcome<true> {
  const e = req.engagement;
  const out = (why: string) =>
    refuse('STANDING_AUTHORITY_BOUNDS', `Standing authority ${sa.id} does not cover this: ${why}.`);
  if (!e) return out('not an engagement');
  if (sa.nation !== req.nation) return out(`it is ${sa.nation}'s, the effector is ${req.nation}'s`);
  if (sa.revokedAt !== null && nowMs >= Date.parse(sa.revokedAt)) return out('it was revoked');
  if (nowMs < Date.parse(sa.validFrom) || nowMs >= Date.parse(sa.expiresAt)) return out('it is not valid now');
  if (distanceM(sa.zone.center, e.interceptPoint) > sa.zone.radiusM)
    return out('the intercept point is outside its zone');
  if (!sa.effectorClasses.includes(e.effectorClass as EffectorClass))
    return out(`effector class ${e.effectorClass} is not listed`);
  if (!sa.targetKinds.includes(e.targetKind)) return out(`target kind ${e.targetKind} is not listed`);
  if (!sa.identities.includes(e.targetIdentity)) return out(`identity ${e.targetIdentity} is not listed`);
  if (e.confidence < sa.minConfidence) return out(`confidence ${e.confidence} is below ${sa.minConfidence}`);
  return { ok: true, value: true };
}

/**
 * Granting standing authority: only a commander of its nation, valid for a future window of at most
 * `maxHours` (pre-delegation is bounded in time as in everything else).
 */
export function grantStanding(
  sa: Omit<StandingAuthority, 'revokedAt' | 'grantedBy'>,
  by: Decider,
  nowMs: number,
  maxHours = 24,
): Outcome<StandingAuthority> {
  if (!by.roles.includes('COMMANDER')) return refuse('NOT_A_COMMANDER', 'Only a commander grants standing authority.');
  if (by.nation !== sa.nation)
    return refuse('WRONG_NATION', `Only commanders of ${sa.nation} grant its standing authority.`);
  const from = Date.parse(sa.validFrom);
  const to = Date.parse(sa.expiresAt);
  if (!(to > from) || to <= nowMs)
    return refuse('INVALID', 'A standing authority must end after it starts, in the future.');
  if (to - Math.max(from, nowMs) > maxHours * 3_600_000)
    return refuse('STANDING_AUTHORITY_BOUNDS', `A standing authority lasts at most ${maxHours} h.`);
  return { ok: true, value: { ...sa, grantedBy: { username: by.username, nation: by.nation }, revokedAt: null } };
}

/** Revoking it: a commander of its nation, once. */
export function revokeStanding(sa: StandingAuthority, by: Decider, nowMs: number): Outcome<StandingAuthority> {
  if (!by.roles.includes('COMMANDER')) return refuse('NOT_A_COMMANDER', 'Only a commander revokes standing authority.');
  if (by.nation !== sa.nation)
    return refuse('WRONG_NATION', `Only commanders of ${sa.nation} revoke its standing authority.`);
  if (sa.revokedAt !== null)
    return refuse('NOT_PENDING', `Standing authority ${sa.id} was revoked at ${sa.revokedAt}.`);
  return { ok: true, value: { ...sa, revokedAt: iso(nowMs) } };
}
