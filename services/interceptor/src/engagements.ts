import {
  agentActor,
  identityAsSeenBy,
  isAwaitingDecision,
  isProtectedIdentity,
  TRANSIENT_REFUSAL_RULES,
  type AgentCommand,
  type AirspaceVolume,
  type AuthorityReply,
  type AuthorizationRequest,
  type EffectorRef,
  type TargetWarning,
} from '@tessera/schema';
import type { Clock, Logger } from '@tessera/service-kit';
import type { Assignment } from './domain/assignment.ts';
import { launchNow } from './domain/launch.ts';
import { afterEnd, attemptOf, isLive, mayAskToLaunch, requestIdFor, stepFor, type Phase } from './domain/lifecycle.ts';
import type { TargetMemoryBook } from './domain/memory.ts';
import { outcomeOf } from './domain/outcome.ts';
import type { NationPicture } from './domain/picture.ts';
import { checkTarget } from './domain/plausibility.ts';
import { effectorOf, isRequestOf, requestFor } from './domain/request.ts';
import type { Threat } from './domain/threats.ts';
import type { InterceptorPolicy, InterceptorStats } from './policy.ts';

export interface EngagementView {
  nation: string;
  requestId: string;
  trackId: string;
  effectorId: string;
  phase: Phase;
}

interface Engagement {
  requestId: string;
  trackId: string;
  effectorId: string;
  /** A JAMMING request (an EW jammer), not an ENGAGEMENT: FLYING then means jamming. */
  jamming: boolean;
  phase: Phase;
  /** A command about it is on its way (one at a time). */
  busy: boolean;
  ended: boolean;
  timer?: NodeJS.Timeout;
  outcome?: 'DESTROYED' | 'MISSED';
  /** Last reason it could not launch yet (logged once per change). */
  waiting?: string;
}

/** What one nation's engagements need of its agent and of the service. */
export interface EngagementDeps {
  nation: string;
  clock: Clock;
  log: Logger;
  policy: InterceptorPolicy;
  /** Scenario seconds per wall-clock second: a flyout lasts time-to-intercept / timeScale. */
  timeScale: number;
  stats: InterceptorStats;
  /** Seed of the outcome draws. */
  seed(): number;
  /** Send a command to the authority on the nation's agent subject; `then` gets the reply (null: no answer). */
  send(cmd: AgentCommand, then: (reply: AuthorityReply | null) => void): void;
  /** The authority's current version of a request (from its KV bucket). */
  request(id: string): AuthorizationRequest | undefined;
  picture: NationPicture;
  memory: TargetMemoryBook;
  effectorById(id: string): EffectorRef | undefined;
  volumes(): AirspaceVolume[];
  /** The target of an engagement or jamming request. */
  targetOf(r: AuthorizationRequest): string | null;
  /** The detector's open implausibility flags on a track. */
  warningsOf(trackId: string): TargetWarning[];
}

/**
 * The engagements of one nation's agents, each driven through its life with the authority: OPEN a
 * request, wait for the decision, ask to LAUNCH only when authorized and still possible, fly out (or
 * jam) only after the authority's ok, draw the outcome at the end and COMPLETE it; WITHDRAW a request
 * whose target left or became protected; stop on an abort, expiry, denial or withdrawal. One command
 * per engagement at a time; a command without an answer is sent again later with the same command id.
 */
export function createEngagements(deps: EngagementDeps) {
  const { nation, clock, log, policy, stats, picture, memory } = deps;
  const actor = agentActor(nation);
  const engagements = new Map<string, Engagement>();

  function end(e: Engagement, why: string, retry: boolean) {
    if (e.ended) return;
    e.ended = true;
    clearTimeout(e.timer);
    engagements.delete(e.requestId);
    if (picture.track(e.trackId)) {
      const m = memory.of(e.trackId);
      if (!retry) m.closed = why;
      else m.notBeforeMs = clock.now() + policy.retryAfterMs;
    }
    log.info(
      { request: e.requestId, track: e.trackId, effector: e.effectorId, why },
      'engagement ended; effector released',
    );
  }

  function open(a: Assignment, threat: Threat, effector: EffectorRef) {
    const m = memory.of(a.trackId);
    const action = a.jamming ? 'jam' : 'eng';
    let attempt = m.attempts + 1;
    // Never reuse the id of a request that exists (an earlier run against a track of the same id).
    while (deps.request(requestIdFor(nation, a.trackId, attempt, action))) attempt++;
    const requestId = requestIdFor(nation, a.trackId, attempt, action);
    const e: Engagement = {
      requestId,
      trackId: a.trackId,
      effectorId: effector.id,
      jamming: a.jamming,
      phase: 'OPENING',
      busy: true,
      ended: false,
    };
    engagements.set(requestId, e);
    const sentAtMs = clock.now();
    const request = requestFor(requestId, a, threat, effector, {
      nowMs: sentAtMs,
      timeScale: deps.timeScale,
      jamming: policy.jamming,
    });
    deps.send({ type: 'OPEN', commandId: `open-${requestId}`, request }, (reply) => {
      e.busy = false;
      if (!reply) {
        // Not answered: the same attempt is asked again later (same command id: opened at most once).
        engagements.delete(requestId);
        m.notBeforeMs = clock.now() + policy.retryAfterMs;
        return;
      }
      m.attempts = Math.max(m.attempts, attempt);
      if (!reply.ok) {
        engagements.delete(requestId);
        m.notBeforeMs = clock.now() + policy.refusedRetryMs;
        stats.refused++;
        log.info(
          { request: requestId, track: a.trackId, effector: effector.id, rule: reply.rule, message: reply.message },
          'the authority refused the request',
        );
        return;
      }
      const r = reply.request;
      // A request created before this command is an earlier run's (the authority answered a repeated
      // command with its stored reply, which may be out of date): KV says what became of it.
      const earlier = Date.parse(r.createdAt) < sentAtMs - 1000;
      if (earlier || !isRequestOf(r, actor) || deps.targetOf(r) !== a.trackId || !isLive(r)) {
        engagements.delete(requestId);
        const current = deps.request(requestId);
        if (current) onRequest(current);
        return;
      }
      // A repeated OPEN is answered with the first request: follow what it says.
      e.effectorId = effectorOf(r);
      e.phase = 'PENDING';
      stats.opened++;
      log.info(
        { request: requestId, track: a.trackId, effector: e.effectorId, state: r.state, reason: a.reason },
        a.jamming ? 'jamming requested' : 'engagement requested',
      );
      onRequest(r);
    });
  }

  function withdraw(e: Engagement, why: string, forTarget = false) {
    if (e.busy || e.ended || e.phase !== 'PENDING') return;
    e.busy = true;
    log.info({ request: e.requestId, track: e.trackId, why }, 'withdrawing the request');
    deps.send({ type: 'WITHDRAW', commandId: `withdraw-${e.requestId}`, requestId: e.requestId }, (reply) => {
      e.busy = false;
      if (reply?.ok) {
        stats.withdrawn++;
        if (forTarget) stats.withdrawnForTarget++;
        end(e, `withdrawn: ${why}`, true);
      }
    });
  }

  /** Whether the target may still be engaged under this request: fresh, and every flag on it named (plausibility.ts). */
  const targetCheck = (e: Engagement, r: AuthorizationRequest) => {
    const t = picture.track(e.trackId);
    return t ? checkTarget(r, t, deps.warningsOf(e.trackId), picture.nowMs(), policy.maxCoastS) : null;
  };

  function launch(e: Engagement, r: AuthorizationRequest) {
    if (e.busy || e.ended || e.phase !== 'PENDING') return;
    const nowMs = clock.now();
    if (!mayAskToLaunch(r, nowMs)) {
      if (nowMs >= Date.parse(r.deadline)) end(e, 'the authorization lapsed before a launch was possible', true);
      return;
    }
    const wait = (why: string) => {
      if (e.waiting !== why) log.info({ request: e.requestId, why }, 'authorized, not launching yet');
      e.waiting = why;
    };
    const effector = deps.effectorById(e.effectorId);
    if (!effector) return wait(`effector ${e.effectorId} unknown`);
    const t = picture.track(e.trackId);
    if (!t) return wait('target not in the picture');
    // Never on a stale track, nor on an approval given without a flag the detector raised since.
    const target = targetCheck(e, r);
    if (target && !target.ok) return wait(target.why);
    const check = launchNow(
      r,
      effector,
      t,
      { nowMs: picture.nowMs(), volumes: deps.volumes(), tracks: picture.tracks() },
      policy.jamming,
    );
    if ('wait' in check) return wait(check.wait);
    const { effectS } = check;
    e.phase = 'LAUNCHING';
    e.busy = true;
    deps.send({ type: 'LAUNCH', commandId: `launch-${e.requestId}`, requestId: e.requestId }, (reply) => {
      e.busy = false;
      if (e.ended) return;
      if (!reply || (!reply.ok && TRANSIENT_REFUSAL_RULES.has(reply.rule))) {
        e.phase = 'PENDING'; // asked again on the next look, same command id
        return;
      }
      if (!reply.ok || reply.request.engagementState !== 'EXECUTING') {
        stats.launchRefused++;
        end(e, `launch refused: ${reply.ok ? reply.request.engagementState : `${reply.rule}: ${reply.message}`}`, true);
        return;
      }
      // Only now, with the authority's ok: fly (or jam until the link loss bites).
      e.phase = 'FLYING';
      stats.launched++;
      const flyoutMs = (effectS * 1000) / deps.timeScale;
      e.timer = setTimeout(() => finish(e, effector.probabilityOfKill), flyoutMs);
      log.info(
        {
          request: e.requestId,
          effector: effector.id,
          track: e.trackId,
          effectInS: Math.round(effectS),
          flyoutMs: Math.round(flyoutMs),
        },
        e.jamming ? 'jamming' : 'launched',
      );
    });
  }

  function finish(e: Engagement, probabilityOfKill: number) {
    e.timer = undefined;
    if (e.ended) return;
    e.phase = 'COMPLETING';
    e.outcome ??= outcomeOf(deps.seed(), e.requestId, probabilityOfKill);
    complete(e);
  }

  function complete(e: Engagement) {
    if (e.busy || e.ended || e.phase !== 'COMPLETING' || !e.outcome) return;
    const outcome = e.outcome;
    e.busy = true;
    deps.send({ type: 'COMPLETE', commandId: `complete-${e.requestId}`, requestId: e.requestId, outcome }, (reply) => {
      e.busy = false;
      if (e.ended || !reply) return; // not answered: sent again on the next look
      if (!reply.ok) {
        end(e, `completion refused: ${reply.rule}: ${reply.message}`, true);
        return;
      }
      stats.completed++;
      // The authority, having recorded it, reports the outcome to the world (the twin).
      if (outcome === 'DESTROYED') stats.destroyed++;
      else stats.missed++;
      const next = afterEnd(reply.request);
      end(e, next.why, next.retry);
    });
  }

  /** A request of ours, known or not yet (after a restart): take it up again. */
  function adopt(r: AuthorizationRequest) {
    const trackId = deps.targetOf(r);
    if (trackId === null) return;
    const m = memory.of(trackId);
    m.attempts = Math.max(m.attempts, attemptOf(r.id) ?? 0);
    if (!isLive(r)) {
      if (clock.now() - Date.parse(r.createdAt) < policy.memoryMs) {
        const next = afterEnd(r);
        if (!next.retry) m.closed = next.why;
      }
      return;
    }
    if ([...engagements.values()].some((x) => x.trackId === trackId)) return;
    const e: Engagement = {
      requestId: r.id,
      trackId,
      effectorId: effectorOf(r),
      jamming: r.kind === 'JAMMING',
      phase: 'PENDING',
      busy: false,
      ended: false,
    };
    engagements.set(r.id, e);
    if (r.engagementState === 'EXECUTING') {
      // In flight when the agent stopped: the flyout ends at the planned intercept time (or now, if
      // past); jamming bites its time to effect from now (the request does not say when it started).
      e.phase = 'FLYING';
      const endAtMs = r.engagement
        ? Date.parse(r.engagement.interceptAt)
        : clock.now() + (policy.jamming.effectS * 1000) / deps.timeScale;
      const pk = deps.effectorById(e.effectorId)?.probabilityOfKill;
      e.timer = setTimeout(
        () => {
          const known = pk ?? deps.effectorById(e.effectorId)?.probabilityOfKill;
          if (known === undefined) return end(e, `effector ${e.effectorId} unknown: outcome not drawn`, true);
          finish(e, known);
        },
        Math.max(0, endAtMs - clock.now()),
      );
    }
    log.info(
      { request: r.id, track: trackId, state: r.state, engagementState: r.engagementState },
      'took up a request of an earlier run',
    );
    onRequest(r);
  }

  /** The authority changed a request (or it is the agent's look): follow what it now allows. */
  function onRequest(r: AuthorizationRequest) {
    if (!isRequestOf(r, actor)) return;
    const e = engagements.get(r.id);
    if (!e) return adopt(r);
    if (e.phase === 'OPENING') return; // the reply to OPEN decides
    switch (stepFor(r, e.phase)) {
      case 'LAUNCH':
        return launch(e, r);
      case 'STOP': {
        if (e.phase === 'FLYING') {
          stats.aborted++;
          log.warn(
            { request: r.id, state: r.state, engagementState: r.engagementState, abortReason: r.abortReason },
            'flyout stopped',
          );
        }
        const next = afterEnd(r);
        return end(e, next.why, next.retry);
      }
      case 'FINISHED':
        // Completed: by our COMPLETE (its reply reports the outcome) or by an earlier run.
        if (e.phase !== 'COMPLETING') end(e, afterEnd(r).why, afterEnd(r).retry);
        return;
      case 'WAIT':
        return;
    }
  }

  /** On every look: follow up each engagement (launch when authorized and possible now, stop what the authority stopped). */
  function followUp() {
    for (const e of [...engagements.values()]) {
      if (e.phase === 'COMPLETING') complete(e); // not answered yet: again, same command id
      const r = deps.request(e.requestId);
      if (!r || e.phase === 'OPENING') continue;
      const t = picture.track(e.trackId);
      const identity = t && identityAsSeenBy(t, nation);
      const waiting = e.phase === 'PENDING' && isAwaitingDecision(r);
      const target = waiting ? targetCheck(e, r) : null;
      if (waiting && identity && isProtectedIdentity(identity)) withdraw(e, `target is now ${identity}`);
      // Stale, or flagged since it was asked for: withdrawn, so nobody decides on a ghost or without
      // the flag; the agent asks again (naming the flag) once the target is fresh.
      else if (target && !target.ok) withdraw(e, target.why, true);
      else onRequest(r);
    }
  }

  /** A track left the nation's picture: withdraw the requests about it still waiting for a decision. */
  function onTrackGone(trackId: string) {
    for (const e of engagements.values())
      if (e.trackId === trackId && e.phase === 'PENDING') withdraw(e, `track ${trackId} left the picture`);
  }

  return {
    open,
    onRequest,
    followUp,
    onTrackGone,
    views: (): EngagementView[] =>
      [...engagements.values()].map((e) => ({
        nation,
        requestId: e.requestId,
        trackId: e.trackId,
        effectorId: e.effectorId,
        phase: e.phase,
      })),
    stop() {
      for (const e of engagements.values()) clearTimeout(e.timer);
    },
  };
}
export type Engagements = ReturnType<typeof createEngagements>;
