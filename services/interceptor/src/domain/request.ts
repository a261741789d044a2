import {
  dangerRadiusOf,
  derivedLabel,
  type Actor,
  type AgentCommand,
  type AuthorizationRequest,
  type EffectorRef,
  type Label,
} from '@tessera/schema';
import type { Assignment } from './assignment.ts';
import { jammingDetails, type JammingPolicy } from './jamming.ts';
import { reasonWithWarnings } from './plausibility.ts';
import type { Threat } from './threats.ts';

/** The request an agent's OPEN command carries. */
export type OpenRequest = Extract<AgentCommand, { type: 'OPEN' }>['request'];

/** A request's label: the track's, narrowed if the effector's own is stricter (the request reveals both). Null when they cannot be combined. */
export const requestLabelFor = (threat: Threat, effector: EffectorRef): Label | null =>
  derivedLabel(threat.label.originator, [threat.label, effector.label], threat.label.policy);

/**
 * Whether the commanders of `sectorNation`, who must concur when the intercept point lies in their
 * sector, may see the request about `threat` by `effector` (one they may not see could only expire).
 */
export function approversMaySee(sectorNation: string, threat: Threat, effector: EffectorRef): boolean {
  const label = requestLabelFor(threat, effector);
  return label !== null && (label.originator === sectorNation || label.releasableTo.includes(sectorNation));
}

/**
 * What an agent asks the authority for, for one assignment: JAMMING by an EW jammer (the band, and a
 * circle around where the target is now) or ENGAGEMENT by a kinetic
 * effector, with the claims the authority checks for itself (identity, kind, intercept point and
 * time, danger radius, sector) and the detector's flags on the target (named in the reason, first).
 * The intercept time is on the wall clock: scenario seconds to
 * intercept run `timeScale` times faster.
 */
export function requestFor(
  requestId: string,
  a: Assignment,
  threat: Threat,
  effector: EffectorRef,
  opts: { nowMs: number; timeScale: number; jamming: JammingPolicy },
): OpenRequest {
  const common = {
    id: requestId,
    label: requestLabelFor(threat, effector) ?? threat.label,
    targetWarnings: threat.warnings,
  };
  if (a.jamming) {
    return {
      ...common,
      kind: 'JAMMING',
      engagement: null,
      jamming: { ...jammingDetails(effector.id, a.solution.point, a.sector, opts.jamming), targetTrackId: a.trackId },
    };
  }
  return {
    ...common,
    kind: 'ENGAGEMENT',
    engagement: {
      effectorId: effector.id,
      effectorClass: effector.kind,
      effectorPosition: { lat: effector.position.lat, lon: effector.position.lon },
      targetTrackId: a.trackId,
      targetIdentity: threat.identity,
      targetKind: threat.kind,
      confidence: threat.confidence,
      interceptPoint: a.solution.point,
      interceptAt: new Date(opts.nowMs + (a.solution.timeS * 1000) / opts.timeScale).toISOString(),
      dangerRadiusM: dangerRadiusOf(effector),
      sectorId: a.sector.id,
      sectorNation: a.sector.nation,
      reason: reasonWithWarnings(a.reason, threat.warnings),
    },
    jamming: null,
  };
}

/** Whether a request is an engagement or jamming request `agent` (one nation's agents) asked for. */
export const isRequestOf = (r: AuthorizationRequest, agent: Actor): boolean =>
  ((r.kind === 'ENGAGEMENT' && r.engagement !== null) || (r.kind === 'JAMMING' && r.jamming !== null)) &&
  r.requestedBy.kind === 'SERVICE' &&
  r.requestedBy.id === agent.id;

/** The effector an engagement or jamming request is about. */
export const effectorOf = (r: AuthorizationRequest): string => (r.engagement ?? r.jamming)!.effectorId;
