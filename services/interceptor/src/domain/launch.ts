import type { AirspaceVolume, AuthorizationRequest, EffectorRef, Track } from '@tessera/schema';
import { interceptSolution } from './intercept.ts';
import { jamBlocker, type JammingPolicy } from './jamming.ts';
import { launchBlocker } from './lifecycle.ts';
import { extrapolate } from './threats.ts';

/**
 * Whether an authorized request can go now. The target has moved since the request, so it is solved
 * again where it is at the picture's clock: a jammer must still reach it inside the approved circle;
 * an interceptor must still reach it, at a point launchBlocker allows. Scenario seconds until the
 * effect (the flyout, or the jamming's time to bite), or why not yet.
 */
export function launchNow(
  request: AuthorizationRequest,
  effector: EffectorRef,
  target: Track,
  picture: { nowMs: number; volumes: Iterable<AirspaceVolume>; tracks: Iterable<Track> },
  jamming: JammingPolicy,
): { effectS: number } | { wait: string } {
  const position = extrapolate(target, picture.nowMs);
  if (request.kind === 'JAMMING') {
    const blocker = request.jamming ? jamBlocker(request.jamming, effector, position) : 'not a jamming request';
    return blocker ? { wait: blocker } : { effectS: jamming.effectS };
  }
  const solution = interceptSolution(effector, { position, velocity: target.velocity });
  if (!solution) return { wait: 'target out of reach now' };
  const blocker = launchBlocker(request, solution.point, picture.volumes, picture.tracks);
  return blocker ? { wait: blocker } : { effectS: solution.timeS };
}
