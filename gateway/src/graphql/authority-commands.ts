import { randomUUID } from 'node:crypto';
import {
  autonomyRequestLabel,
  isProtectedIdentity,
  type AirspaceVolume,
  type GatewayCommand,
  type User,
} from '@tessera/schema';
import type { StandingAuthorityInput } from '../generated/resolvers.ts';
import { badInput } from './errors.ts';

/**
 * What a commander asks the authority for, as the commands it takes: the input checked first, the
 * person named as the gateway authenticated them, a fresh command id each time. The authority
 * applies its own rules to every command; these checks only spare it (and its audit log) requests
 * that are malformed on their face.
 */
type Commander = User & { nation: string };
type Command<T extends GatewayCommand['type']> = Extract<GatewayCommand, { type: T }>;
type OpenRequest = Command<'OPEN'>['request'];

/** The person as the authority's rules see them. */
const decider = (user: Commander) => ({ username: user.username, nation: user.nation, roles: user.roles });

/** An id no other request has (a readable prefix, then random). */
const newRequestId = (prefix: string) => `${prefix.slice(0, 27)}-${randomUUID()}`;

/** Every decision and change request carries a reason into the audit log: 1-500 characters, not blank. */
export function requireReason(reason: string): string {
  if (reason.trim().length === 0 || reason.length > 500)
    throw badInput('Give a reason (1-500 characters): it goes into the audit log.');
  return reason.trim();
}

export function decideCommand(
  user: Commander,
  requestId: string,
  decision: Command<'DECIDE'>['decision'],
  reason: string,
): Command<'DECIDE'> {
  return { type: 'DECIDE', commandId: randomUUID(), requestId, decision, reason, by: decider(user) };
}

/** A change of the nation's autonomy mode: national business, the nation's own commanders decide it, nobody else sees it. */
export function autonomyChangeCommand(
  user: Commander,
  change: NonNullable<OpenRequest['autonomyChange']>,
): Command<'OPEN'> {
  if (change.from === change.to) throw badInput(`${change.effectorClass} is already ${change.to}.`);
  return {
    type: 'OPEN',
    commandId: randomUUID(),
    request: {
      id: newRequestId(`autonomy-${user.nation}-${change.effectorClass}`),
      kind: 'AUTONOMY_CHANGE',
      nation: user.nation,
      label: autonomyRequestLabel(user.nation),
      requestedBy: decider(user),
      wcsChange: null,
      autonomyChange: change,
    },
  };
}

/** A change of a sector's weapon control status, labelled like the sector. */
export function wcsChangeCommand(
  user: Commander,
  sector: AirspaceVolume,
  change: Pick<NonNullable<OpenRequest['wcsChange']>, 'from' | 'to'>,
): Command<'OPEN'> {
  if (change.from === change.to) throw badInput(`Sector ${sector.id} is already ${change.to}.`);
  return {
    type: 'OPEN',
    commandId: randomUUID(),
    request: {
      id: newRequestId(`wcs-${sector.id}`),
      kind: 'WCS_CHANGE',
      nation: sector.nation,
      label: sector.label,
      requestedBy: decider(user),
      wcsChange: { sectorId: sector.id, sectorNation: sector.nation, ...change },
      autonomyChange: null,
    },
  };
}

/** Standing authority for the commander's nation, within bounds the input alone can show to be wrong. */
export function setStandingCommand(user: Commander, input: StandingAuthorityInput): Command<'SET_STANDING'> {
  if (input.minConfidence < 0 || input.minConfidence > 1) throw badInput('minConfidence must be between 0 and 1.');
  if (!(input.zone.radiusM > 0) || input.zone.radiusM > 200_000)
    throw badInput('The zone radius must be between 0 and 200 km.');
  if (input.effectorClasses.length === 0 || input.targetKinds.length === 0 || input.identities.length === 0)
    throw badInput('Name at least one effector class, target kind and identity.');
  if (input.identities.some(isProtectedIdentity))
    throw badInput('Standing authority never covers FRIEND, ASSUMED_FRIEND or NEUTRAL tracks.');
  return {
    type: 'SET_STANDING',
    commandId: randomUUID(),
    authority: {
      ...input,
      nation: user.nation,
      zone: { center: { lat: input.zone.lat, lon: input.zone.lon }, radiusM: input.zone.radiusM },
    },
    by: decider(user),
  };
}

export function revokeStandingCommand(user: Commander, standingId: string): Command<'REVOKE_STANDING'> {
  return { type: 'REVOKE_STANDING', commandId: randomUUID(), nation: user.nation, standingId, by: decider(user) };
}
