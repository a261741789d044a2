import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import {
  agentActor,
  AUTHORITY_BUCKET,
  AuthorityReply,
  AuthorizationRequest,
  canSee,
  dangerRadiusOf,
  derivedLabel,
  identityAsSeenBy,
  isAwaitingDecision,
  isProtectedIdentity,
  parseWith,
  subjects,
  TRANSIENT_REFUSAL_RULES,
  type AgentCommand,
  type EffectorRef,
} from '@tessera/schema';
import { decodeJson, mirrorKvBucket, parseDetectionBatch, parseTrackBatch, type Clock, type KvMirror, type Logger, type NatsLink, type Rejector } from '@tessera/service-kit';
import { assign, DEFAULT_URGENCY, type Assignment, type UrgencyPolicy } from './domain/assignment.ts';
import { isUsedByAgents } from './domain/effectors.ts';
import { interceptSolution } from './domain/intercept.ts';
import { DEFAULT_JAMMING, jamBlocker, jammingDetails, type JammingPolicy } from './domain/jamming.ts';
import { afterEnd, attemptOf, isLive, launchBlocker, mayAskToLaunch, requestIdFor, stepFor, targetOf, type Phase } from './domain/lifecycle.ts';
import { outcomeOf } from './domain/outcome.ts';
import { covers, createNationPicture, type NationPicture } from './domain/picture.ts';
import { extrapolate, threatsFor, type Threat } from './domain/threats.ts';
import type { ReferenceView } from './reference.ts';

export interface InterceptorPolicy {
  urgency: UrgencyPolicy;
  /** Band, area, duration and time to effect of the JAMMING the agents ask for. */
  jamming: JammingPolicy;
  /** After an expiry, abort, withdrawal or miss: wait this long (wall ms) before asking again about the target. */
  retryAfterMs: number;
  /** After the authority refused to open a request (e.g. weapons HOLD): wait this long before asking again. */
  refusedRetryMs: number;
  /** Requests per target at most (a commander who wants more can say so by standing authority). */
  maxAttempts: number;
  /** How long to wait for the authority's answer, ms. */
  commandTimeoutMs: number;
  /** After a restart, ended requests younger than this (wall ms) still count: a denied target is not asked for again. */
  memoryMs: number;
}

export const DEFAULT_INTERCEPTOR_POLICY: InterceptorPolicy = {
  urgency: DEFAULT_URGENCY,
  jamming: DEFAULT_JAMMING,
  retryAfterMs: 1000,
  refusedRetryMs: 30_000,
  maxAttempts: 3,
  commandTimeoutMs: 5000,
  memoryMs: 10 * 60_000,
};

export interface InterceptorDeps {
  link: NatsLink;
  clock: Clock;
  logger: Logger;
  rejector: Rejector;
  reference: ReferenceView;
  /**
   * The connection a nation's agents ask the authority over, signed in as that nation's agent user
   * (per-nation NATS credentials); default: the service's own connection (tests without auth).
   */
  agentConnection?: (nation: string) => Promise<NatsConnection>;
  /** Scenario seconds per wall-clock second (the twin's): flyouts last time-to-intercept / timeScale. */
  timeScale: number;
  /** Seed of the outcome draws; else the scenario's from reference data; else 42. */
  seed?: number;
  policy?: Partial<InterceptorPolicy>;
  /** Wall ms between the agents' looks at the picture. */
  tickMs?: number;
  /**
   * Wall ms after start before the agents assign anything: time for the authority's requests to
   * arrive from KV, so a restarted agent takes up its open requests instead of asking anew.
   */
  settleMs?: number;
}

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

interface TrackMemory {
  attempts: number;
  notBeforeMs: number;
  closed: string | null;
}

const DEFAULT_SEED = 42;

/** A request's label: the track's, narrowed if the effector's own is stricter (the request reveals both). */
const requestLabelFor = (threat: Threat, effector: EffectorRef) => derivedLabel(threat.label.originator, [threat.label, effector.label], threat.label.policy);

/**
 * The autonomous interceptor agents, one per nation with kinetic effectors or EW jammers. Each keeps
 * the picture its nation may see, assigns its effectors to threats (greedy weapon-target
 * assignment), asks the authority for every engagement (ENGAGEMENT) or jamming (JAMMING: drones
 * only), and flies out or jams only after an ok reply to LAUNCH (the authority checks the
 * authorization again at that moment). An abort, expiry, denial or withdrawal stops it. At the end
 * of the flyout (or when the jamming has had its time to bite) the outcome is drawn from the
 * scenario seed, completion recorded with the authority, and a destroyed target reported to the twin.
 */
export function createInterceptorService(deps: InterceptorDeps) {
  const { link, clock, logger, rejector, reference } = deps;
  const nc = link.nc;
  const policy: InterceptorPolicy = { ...DEFAULT_INTERCEPTOR_POLICY, ...deps.policy };
  const agents = new Map<string, ReturnType<typeof createAgent>>();
  const subs: Subscription[] = [];
  const inFlight = new Set<Promise<unknown>>();
  let requests: KvMirror<AuthorizationRequest> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const stats = { opened: 0, refused: 0, withdrawn: 0, launched: 0, launchRefused: 0, completed: 0, destroyed: 0, missed: 0, aborted: 0 };

  const seed = () => deps.seed ?? reference.seed() ?? DEFAULT_SEED;
  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    return p;
  };

  /**
   * A command to the authority on the agent subject of `nation`, over that nation's own connection
   * (its NATS user may publish nowhere else); null when it did not answer (retried later with the same
   * command id, applied once).
   */
  async function command(nation: string, cmd: AgentCommand): Promise<AuthorityReply | null> {
    let data: Uint8Array;
    try {
      const agentNc = await (deps.agentConnection?.(nation) ?? nc);
      data = (await agentNc.request(subjects.authorityFromAgents(nation), JSON.stringify(cmd), { timeout: policy.commandTimeoutMs })).data;
    } catch (err) {
      logger.warn({ err, command: cmd.type, commandId: cmd.commandId }, 'the authority did not answer');
      return null;
    }
    const decoded = decodeJson(data);
    const parsed = decoded.ok ? parseWith(AuthorityReply, decoded.value) : decoded;
    if (!parsed.ok) {
      rejector.reject(subjects.authorityFromAgents(nation), data, `reply to ${cmd.type}: ${parsed.error}`);
      return null;
    }
    return parsed.value;
  }

  function createAgent(nation: string) {
    const picture: NationPicture = createNationPicture(nation);
    const actor = agentActor(nation);
    const engagements = new Map<string, Engagement>();
    const memory = new Map<string, TrackMemory>();
    const log = logger.child({ nation });

    /** This nation's kinetic effectors and EW jammers (see domain/effectors.ts). */
    const effectors = (): EffectorRef[] => [...reference.effectors()].filter((e) => e.nation === nation && isUsedByAgents(e.kind) && canSee(picture.viewer, e.label)).sort((a, b) => a.id.localeCompare(b.id));
    const effectorById = (id: string) => effectors().find((e) => e.id === id);
    const volumes = () => [...reference.volumes()].filter((v) => canSee(picture.viewer, v.label)).sort((a, b) => a.id.localeCompare(b.id));
    const memoryOf = (trackId: string): TrackMemory => {
      let m = memory.get(trackId);
      if (!m) memory.set(trackId, (m = { attempts: 0, notBeforeMs: 0, closed: null }));
      return m;
    };
    const mayEngage = (trackId: string, nowMs: number) => {
      const m = memory.get(trackId);
      return !m || (m.closed === null && nowMs >= m.notBeforeMs && m.attempts < policy.maxAttempts);
    };
    const isOurs = (r: AuthorizationRequest) =>
      ((r.kind === 'ENGAGEMENT' && r.engagement !== null) || (r.kind === 'JAMMING' && r.jamming !== null)) && r.requestedBy.kind === 'SERVICE' && r.requestedBy.id === actor.id;
    /** The target of an engagement or jamming request (a jamming request names it only in its id). */
    const targetOfRequest = (r: AuthorizationRequest) => (r.kind === 'JAMMING' ? targetOf(r, [...picture.tracks()].map((t) => t.id)) : targetOf(r));
    const effectorOf = (r: AuthorizationRequest) => (r.engagement ?? r.jamming)!.effectorId;

    function end(e: Engagement, why: string, retry: boolean) {
      if (e.ended) return;
      e.ended = true;
      clearTimeout(e.timer);
      engagements.delete(e.requestId);
      if (picture.track(e.trackId)) {
        const m = memoryOf(e.trackId);
        if (!retry) m.closed = why;
        else m.notBeforeMs = clock.now() + policy.retryAfterMs;
      }
      log.info({ request: e.requestId, track: e.trackId, effector: e.effectorId, why }, 'engagement ended; effector released');
    }

    function open(a: Assignment, threat: Threat, effector: EffectorRef) {
      const m = memoryOf(a.trackId);
      const action = a.jamming ? 'jam' : 'eng';
      let attempt = m.attempts + 1;
      // Never reuse the id of a request that exists (an earlier run against a track of the same id).
      while (requests?.get(`request.${requestIdFor(nation, a.trackId, attempt, action)}`)) attempt++;
      const requestId = requestIdFor(nation, a.trackId, attempt, action);
      const e: Engagement = { requestId, trackId: a.trackId, effectorId: effector.id, jamming: a.jamming, phase: 'OPENING', busy: true, ended: false };
      engagements.set(requestId, e);
      const nowMs = clock.now();
      const sentAtMs = nowMs;
      const common = {
        id: requestId,
        label: requestLabelFor(threat, effector) ?? threat.label,
      };
      const cmd: AgentCommand = {
        type: 'OPEN',
        commandId: `open-${requestId}`,
        request: a.jamming
          ? { ...common, kind: 'JAMMING', engagement: null, jamming: { ...jammingDetails(effector.id, a.solution.point, a.sector, policy.jamming), targetTrackId: a.trackId } }
          : {
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
                interceptAt: new Date(nowMs + (a.solution.timeS * 1000) / deps.timeScale).toISOString(),
                dangerRadiusM: dangerRadiusOf(effector),
                sectorId: a.sector.id,
                sectorNation: a.sector.nation,
                reason: a.reason,
              },
              jamming: null,
            },
      };
      void track(
        command(nation, cmd).then((reply) => {
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
            log.info({ request: requestId, track: a.trackId, effector: effector.id, rule: reply.rule, message: reply.message }, 'the authority refused the request');
            return;
          }
          const r = reply.request;
          // A request created before this command is an earlier run's (the authority answered a repeated
          // command with its stored reply, which may be out of date): KV says what became of it.
          const earlier = Date.parse(r.createdAt) < sentAtMs - 1000;
          if (earlier || !isOurs(r) || targetOfRequest(r) !== a.trackId || !isLive(r)) {
            engagements.delete(requestId);
            const current = requests?.get(`request.${requestId}`);
            if (current) onRequest(current);
            return;
          }
          // A repeated OPEN is answered with the first request: follow what it says.
          e.effectorId = effectorOf(r);
          e.phase = 'PENDING';
          stats.opened++;
          log.info({ request: requestId, track: a.trackId, effector: e.effectorId, state: r.state, reason: a.reason }, a.jamming ? 'jamming requested' : 'engagement requested');
          onRequest(r);
        }),
      );
    }

    function withdraw(e: Engagement, why: string) {
      if (e.busy || e.ended || e.phase !== 'PENDING') return;
      e.busy = true;
      void track(
        command(nation, { type: 'WITHDRAW', commandId: `withdraw-${e.requestId}`, requestId: e.requestId }).then((reply) => {
          e.busy = false;
          if (reply?.ok) {
            stats.withdrawn++;
            end(e, `withdrawn: ${why}`, true);
          }
        }),
      );
    }

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
      const effector = effectorById(e.effectorId);
      if (!effector) return wait(`effector ${e.effectorId} unknown`);
      const t = picture.track(e.trackId);
      if (!t) return wait('target not in the picture');
      // The target has moved since the request: solve again now (a jammer: is it still in range and in the approved area?).
      const position = extrapolate(t, picture.nowMs());
      let effectS: number;
      if (e.jamming) {
        const blocker = r.jamming ? jamBlocker(r.jamming, effector, position) : 'not a jamming request';
        if (blocker) return wait(blocker);
        effectS = policy.jamming.effectS;
      } else {
        const solution = interceptSolution(effector, { position, velocity: t.velocity });
        if (!solution) return wait('target out of reach now');
        const blocker = launchBlocker(r, solution.point, volumes(), picture.tracks());
        if (blocker) return wait(blocker);
        effectS = solution.timeS;
      }
      e.phase = 'LAUNCHING';
      e.busy = true;
      void track(
        command(nation, { type: 'LAUNCH', commandId: `launch-${e.requestId}`, requestId: e.requestId }).then((reply) => {
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
          log.info({ request: e.requestId, effector: effector.id, track: e.trackId, effectInS: Math.round(effectS), flyoutMs: Math.round(flyoutMs) }, e.jamming ? 'jamming' : 'launched');
        }),
      );
    }

    function finish(e: Engagement, probabilityOfKill: number) {
      e.timer = undefined;
      if (e.ended) return;
      e.phase = 'COMPLETING';
      e.outcome ??= outcomeOf(seed(), e.requestId, probabilityOfKill);
      complete(e);
    }

    function complete(e: Engagement) {
      if (e.busy || e.ended || e.phase !== 'COMPLETING' || !e.outcome) return;
      const outcome = e.outcome;
      e.busy = true;
      void track(
        command(nation, { type: 'COMPLETE', commandId: `complete-${e.requestId}`, requestId: e.requestId, outcome }).then((reply) => {
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
        }),
      );
    }

    /** A request of ours, known or not yet (after a restart): take it up again. */
    function adopt(r: AuthorizationRequest) {
      const trackId = targetOfRequest(r);
      if (trackId === null) return;
      const m = memoryOf(trackId);
      m.attempts = Math.max(m.attempts, attemptOf(r.id) ?? 0);
      if (!isLive(r)) {
        if (clock.now() - Date.parse(r.createdAt) < policy.memoryMs) {
          const next = afterEnd(r);
          if (!next.retry) m.closed = next.why;
        }
        return;
      }
      if ([...engagements.values()].some((x) => x.trackId === trackId)) return;
      const e: Engagement = { requestId: r.id, trackId, effectorId: effectorOf(r), jamming: r.kind === 'JAMMING', phase: 'PENDING', busy: false, ended: false };
      engagements.set(r.id, e);
      if (r.engagementState === 'EXECUTING') {
        // In flight when the agent stopped: the flyout ends at the planned intercept time (or now, if
        // past); jamming bites its time to effect from now (the request does not say when it started).
        e.phase = 'FLYING';
        const endAtMs = r.engagement ? Date.parse(r.engagement.interceptAt) : clock.now() + (policy.jamming.effectS * 1000) / deps.timeScale;
        const pk = effectorById(e.effectorId)?.probabilityOfKill;
        e.timer = setTimeout(() => {
          const known = pk ?? effectorById(e.effectorId)?.probabilityOfKill;
          if (known === undefined) return end(e, `effector ${e.effectorId} unknown: outcome not drawn`, true);
          finish(e, known);
        }, Math.max(0, endAtMs - clock.now()));
      }
      log.info({ request: r.id, track: trackId, state: r.state, engagementState: r.engagementState }, 'took up a request of an earlier run');
      onRequest(r);
    }

    function onRequest(r: AuthorizationRequest) {
      if (!isOurs(r)) return;
      const e = engagements.get(r.id);
      if (!e) return adopt(r);
      if (e.phase === 'OPENING') return; // the reply to OPEN decides
      switch (stepFor(r, e.phase)) {
        case 'LAUNCH':
          return launch(e, r);
        case 'STOP': {
          if (e.phase === 'FLYING') {
            stats.aborted++;
            log.warn({ request: r.id, state: r.state, engagementState: r.engagementState, abortReason: r.abortReason }, 'flyout stopped');
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

    function onGone(ids: readonly string[]) {
      for (const id of ids) {
        memory.delete(id);
        for (const e of engagements.values()) if (e.trackId === id && e.phase === 'PENDING') withdraw(e, `track ${id} left the picture`);
      }
    }

    /** One look at the picture: follow up engagements, then assign free effectors to new threats. */
    function look() {
      const nowMs = clock.now();
      for (const e of [...engagements.values()]) {
        if (e.phase === 'COMPLETING') complete(e); // not answered yet: again, same command id
        const r = requests?.get(`request.${e.requestId}`);
        if (!r || e.phase === 'OPENING') continue;
        const t = picture.track(e.trackId);
        if (e.phase === 'PENDING' && t && isProtectedIdentity(identityAsSeenBy(t, nation)) && isAwaitingDecision(r)) withdraw(e, `target is now ${identityAsSeenBy(t, nation)}`);
        else onRequest(r); // launch when authorized and possible now; stop what the authority stopped
      }
      const own = effectors();
      if (own.length === 0) return;
      const engagedTracks = new Set([...engagements.values()].map((e) => e.trackId));
      // Coalition: a target another agent (or nation) is already engaging is left to it.
      for (const r of requests?.values() ?? []) {
        if (!isLive(r) || !canSee(picture.viewer, r.label)) continue;
        const target = targetOfRequest(r);
        if (target !== null) engagedTracks.add(target);
      }
      const threats = threatsFor(nation, picture.tracks(), picture.detection, picture.nowMs()).filter((t) => !engagedTracks.has(t.trackId) && mayEngage(t.trackId, nowMs));
      if (threats.length === 0) return;
      const busy = new Set([...engagements.values()].map((e) => e.effectorId));
      const byTrack = new Map(threats.map((t) => [t.trackId, t]));
      const byId = new Map(own.map((e) => [e.id, e]));
      const assignments = assign(threats, own, busy, {
        nation,
        volumes: volumes(),
        urgency: policy.urgency,
        jamming: policy.jamming,
        mayName: (e, t) => covers(byTrack.get(t.trackId)!.label, byId.get(e.id)!.label),
        approversMaySee: (sectorNation, e, t) => {
          const label = requestLabelFor(byTrack.get(t.trackId)!, byId.get(e.id)!);
          return label !== null && (label.originator === sectorNation || label.releasableTo.includes(sectorNation));
        },
      });
      for (const a of assignments) open(a, byTrack.get(a.trackId)!, byId.get(a.effectorId)!);
    }

    return {
      nation,
      picture,
      look,
      onRequest,
      onGone,
      engagements: (): EngagementView[] => [...engagements.values()].map((e) => ({ nation, requestId: e.requestId, trackId: e.trackId, effectorId: e.effectorId, phase: e.phase })),
      stop() {
        for (const e of engagements.values()) clearTimeout(e.timer);
      },
    };
  }

  /** One agent per nation with kinetic effectors or jammers; a new one takes up that nation's open requests. */
  function ensureAgents() {
    for (const e of reference.effectors()) {
      if (!isUsedByAgents(e.kind) || agents.has(e.nation)) continue;
      const agent = createAgent(e.nation);
      agents.set(e.nation, agent);
      logger.info({ nation: e.nation }, 'interceptor agent started');
      for (const r of requests?.values() ?? []) agent.onRequest(r);
    }
  }

  function onTracks(subject: string, data: Uint8Array) {
    const parsed = parseTrackBatch(subject, data);
    if (!parsed.ok) return rejector.reject(subject, data, parsed.error);
    for (const agent of agents.values()) agent.onGone(agent.picture.applyTracks(parsed.value));
  }

  function onDetections(subject: string, data: Uint8Array) {
    // Only detections about the subject nation's own tracks (the kit checks ownership).
    const parsed = parseDetectionBatch(subject, data);
    if (!parsed.ok) return rejector.reject(subject, data, parsed.error);
    for (const agent of agents.values()) agent.picture.applyDetections(parsed.value.batch);
  }

  let startedAtMs = 0;
  function tick() {
    if (stopped || clock.now() - startedAtMs < (deps.settleMs ?? 1000)) return;
    try {
      ensureAgents();
      for (const agent of agents.values()) agent.look();
    } catch (err) {
      logger.error({ err }, 'interceptor look failed');
    }
  }

  return {
    async start() {
      requests = mirrorKvBucket<AuthorizationRequest>({
        link,
        rejector,
        logger,
        bucket: AUTHORITY_BUCKET,
        key: 'request.>',
        schemaFor: () => AuthorizationRequest,
        onChange: (_key, r) => {
          if (!r || stopped) return;
          for (const agent of agents.values()) agent.onRequest(r);
        },
      });
      const handler = (fn: (subject: string, data: Uint8Array) => void, what: string) => ({
        callback: (err: Error | null, msg: { subject: string; data: Uint8Array }) => {
          if (err) return logger.error({ err }, `${what} subscription error`);
          try {
            fn(msg.subject, msg.data);
          } catch (e) {
            logger.error({ err: e, subject: msg.subject }, `could not handle ${what}`);
          }
        },
      });
      subs.push(nc.subscribe(subjects.allTrackBatches, handler(onTracks, 'track')), nc.subscribe(subjects.allDetections, handler(onDetections, 'detection')));
      await nc.flush();
      startedAtMs = clock.now();
      timer = setInterval(tick, deps.tickMs ?? 250);
      logger.info({ timeScale: deps.timeScale, tickMs: deps.tickMs ?? 250 }, 'interceptor started');
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      for (const s of subs) s.unsubscribe();
      requests?.stop();
      for (const agent of agents.values()) agent.stop();
      await Promise.allSettled([...inFlight]);
    },
    stats: () => ({ ...stats, agents: [...agents.keys()], engagements: [...agents.values()].reduce((n, a) => n + a.engagements().length, 0), seed: seed() }),
    engagements: (): EngagementView[] => [...agents.values()].flatMap((a) => a.engagements()),
  };
}
export type InterceptorService = ReturnType<typeof createInterceptorService>;
