import { createHash } from 'node:crypto';
import { identityAsSeenBy, type AirspaceVolume, type AuthorizationRequest, type Track } from '@tessera/schema';
import { distanceM, type LatLon } from '@tessera/service-kit/geo';
import { distanceToVolumeM, sectorAt } from '@tessera/service-kit/airspace';

/**
 * The life of one engagement as its agent sees it, in pure functions: what the authority's request
 * allows next, whether a launch may even be asked for, what an ended request means for the next
 * attempt, and the checks on a recomputed intercept point before launch.
 */

/** OPENING: OPEN sent; PENDING: waiting for a decision; LAUNCHING: LAUNCH sent; FLYING: in flight; COMPLETING: COMPLETE sent. */
export type Phase = 'OPENING' | 'PENDING' | 'LAUNCHING' | 'FLYING' | 'COMPLETING';

/** WAIT: nothing to do; LAUNCH: ask the authority to launch; STOP: it will never fly (or must stop flying); FINISHED: completed. */
export type Step = 'WAIT' | 'LAUNCH' | 'STOP' | 'FINISHED';

const REFUSED: ReadonlySet<AuthorizationRequest['state']> = new Set(['DENIED', 'VETOED', 'EXPIRED', 'WITHDRAWN']);

export function stepFor(request: AuthorizationRequest, phase: Phase): Step {
  if (request.engagementState === 'COMPLETED') return 'FINISHED';
  if (REFUSED.has(request.state) || request.engagementState === 'ABORTED' || request.engagementState === 'FAILED')
    return 'STOP';
  if (
    phase === 'PENDING' &&
    (request.state === 'APPROVED' || request.state === 'AUTO_APPROVED') &&
    request.engagementState === 'AUTHORIZED'
  )
    return 'LAUNCH';
  return 'WAIT';
}

/** The agent's own check before it even asks: approved (or auto-approved), AUTHORIZED, before the deadline. The authority checks again. */
export function mayAskToLaunch(request: AuthorizationRequest, nowMs: number): boolean {
  return (
    (request.state === 'APPROVED' || request.state === 'AUTO_APPROVED') &&
    request.engagementState === 'AUTHORIZED' &&
    nowMs < Date.parse(request.deadline)
  );
}

/** Whether a request still ties up its effector and target. */
export function isLive(request: AuthorizationRequest): boolean {
  if (REFUSED.has(request.state)) return false;
  return (
    request.engagementState === null ||
    request.engagementState === 'AUTHORIZED' ||
    request.engagementState === 'EXECUTING'
  );
}

/**
 * What an ended request means for the same target: a commander's no (DENIED, VETOED) and a
 * destroyed target are final; a miss, an expiry (nobody decided in time), an abort or a withdrawal
 * leave the threat there, so another request may follow.
 */
export function afterEnd(request: AuthorizationRequest): { retry: boolean; why: string } {
  if (request.state === 'DENIED' || request.state === 'VETOED')
    return { retry: false, why: `${request.state.toLowerCase()} by a commander` };
  if (request.engagementState === 'COMPLETED')
    return request.outcome === 'DESTROYED' ? { retry: false, why: 'destroyed' } : { retry: true, why: 'missed' };
  if (request.engagementState === 'ABORTED' || request.engagementState === 'FAILED')
    return {
      retry: true,
      why: `${request.engagementState.toLowerCase()}: ${request.abortReason ?? 'no reason given'}`,
    };
  return { retry: true, why: request.state.toLowerCase() };
}

/**
 * Request ids are deterministic: nation, action (`eng`agement or `jam`ming), target and attempt
 * number, so an agent that restarts and asks again for the same attempt repeats a command the
 * authority has already answered (same command id), instead of opening a second request. Track ids
 * may hold `.` and `:`; those and long ids are made safe with a short hash.
 */
export function requestIdFor(nation: string, trackId: string, attempt: number, action: 'eng' | 'jam' = 'eng'): string {
  const safe = trackId.replace(/[^A-Za-z0-9_-]/g, '_');
  const slug =
    safe === trackId && safe.length <= 40
      ? safe
      : `${safe.slice(0, 31)}_${createHash('sha256').update(trackId).digest('hex').slice(0, 8)}`;
  return `${nation.toLowerCase()}-${action}-${slug}-${attempt}`;
}

/**
 * The target of an engagement or jamming request. A JAMMING request names its drone (earlier ones named only an area):
 * its target is the track among `trackIds` whose request id it carries, else the track id written
 * in the request id (exact unless the id had to be hashed). Null for other kinds of request.
 */
export function targetOf(
  request: Pick<AuthorizationRequest, 'id' | 'kind' | 'nation' | 'engagement' | 'jamming'>,
  trackIds: Iterable<string> = [],
): string | null {
  if (request.engagement) return request.engagement.targetTrackId;
  if (request.kind !== 'JAMMING' || !request.jamming) return null;
  if (request.jamming.targetTrackId) return request.jamming.targetTrackId;
  const attempt = attemptOf(request.id);
  if (attempt === null) return null;
  for (const id of trackIds) if (requestIdFor(request.nation, id, attempt, 'jam') === request.id) return id;
  const prefix = `${request.nation.toLowerCase()}-jam-`;
  return request.id.startsWith(prefix)
    ? request.id.slice(prefix.length, request.id.length - `-${attempt}`.length) || null
    : null;
}

export function attemptOf(requestId: string): number | null {
  const m = /-(\d+)$/.exec(requestId);
  return m ? Number(m[1]) : null;
}

/**
 * Before asking to launch at a recomputed intercept point (the target moved since the request):
 * the point must still be in a sector whose nation concurred, and nothing friendly the nation can
 * see (tracks, no-fire areas) within the danger radius of it. Returns why not, or null.
 */
export function launchBlocker(
  request: Pick<AuthorizationRequest, 'nation' | 'requiredApprovals' | 'engagement'>,
  point: LatLon & { altM: number },
  volumes: Iterable<AirspaceVolume>,
  tracks: Iterable<Track>,
): string | null {
  const e = request.engagement;
  if (!e) return 'not an engagement';
  const all = [...volumes];
  const sector = sectorAt(point, all, request.nation);
  if (!sector) return 'the intercept point is now outside every sector';
  if (!request.requiredApprovals.some((r) => r.nation === sector.nation))
    return `the intercept point is now in ${sector.nation} sector ${sector.id}, whose commander did not concur`;
  for (const t of tracks) {
    if (t.id === e.targetTrackId) continue;
    const identity = identityAsSeenBy(t, request.nation);
    if (identity !== 'FRIEND' && identity !== 'ASSUMED_FRIEND') continue;
    const d = distanceM(t.position, point);
    if (d <= e.dangerRadiusM)
      return `friendly track ${t.id} is ${Math.round(d)} m from the intercept point (danger radius ${e.dangerRadiusM} m)`;
  }
  for (const v of all) {
    if (v.kind === 'NO_FIRE_AREA' && distanceToVolumeM(v, point) <= e.dangerRadiusM)
      return `no-fire area ${v.id} is within the danger radius of the intercept point`;
  }
  return null;
}
