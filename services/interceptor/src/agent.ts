import {
  canSee,
  covers,
  targetWarningsOn,
  type AgentCommand,
  type AirspaceVolume,
  type Alert,
  type AuthorityReply,
  type AuthorizationRequest,
  type EffectorRef,
} from '@tessera/schema';
import type { Clock, Logger } from '@tessera/service-kit';
import { assign } from './domain/assignment.ts';
import { isUsedByAgents } from './domain/effectors.ts';
import { isLive, targetOf } from './domain/lifecycle.ts';
import { createTargetMemory } from './domain/memory.ts';
import { createNationPicture } from './domain/picture.ts';
import { approversMaySee } from './domain/request.ts';
import { threatsFor } from './domain/threats.ts';
import { createEngagements } from './engagements.ts';
import type { InterceptorPolicy, InterceptorStats } from './policy.ts';

/** What the agents need of reference data: effectors, airspace volumes (sectors, no-fire areas), the scenario's seed. */
export interface ReferenceView {
  effectors(): Iterable<EffectorRef>;
  volumes(): Iterable<AirspaceVolume>;
  /** The scenario's random seed, when reference data has one. */
  seed(): number | undefined;
}

/** What every nation's agent shares, from the service. */
export interface AgentContext {
  clock: Clock;
  logger: Logger;
  policy: InterceptorPolicy;
  timeScale: number;
  stats: InterceptorStats;
  reference: ReferenceView;
  seed(): number;
  /** The authority's requests (its KV bucket, mirrored). */
  requests(): Iterable<AuthorizationRequest>;
  request(id: string): AuthorizationRequest | undefined;
  /** The detector's alerts (its KV bucket, mirrored): open ANOMALY alerts flag implausible tracks. */
  alerts(): Iterable<Alert>;
  /** Send a command on `nation`'s agent subject; `then` gets the reply (null: no answer). */
  send(nation: string, cmd: AgentCommand, then: (reply: AuthorityReply | null) => void): void;
}

/**
 * One nation's interceptor agent: the picture its nation may see, its kinetic effectors and EW
 * jammers, and on every look a greedy assignment of its free effectors to the threats nobody
 * engages yet. What becomes of each request is its engagements' business (engagements.ts).
 */
export function createAgent(nation: string, ctx: AgentContext) {
  const { clock, policy, reference } = ctx;
  const picture = createNationPicture(nation);
  const memory = createTargetMemory(policy.maxAttempts);

  /** This nation's kinetic effectors and EW jammers (see domain/effectors.ts). */
  const effectors = (): EffectorRef[] =>
    [...reference.effectors()]
      .filter((e) => e.nation === nation && isUsedByAgents(e.kind) && canSee(picture.viewer, e.label))
      .sort((a, b) => a.id.localeCompare(b.id));
  const volumes = () =>
    [...reference.volumes()].filter((v) => canSee(picture.viewer, v.label)).sort((a, b) => a.id.localeCompare(b.id));
  /** The target of an engagement or jamming request (a jamming request may name it only in its id). */
  const targetOfRequest = (r: AuthorizationRequest) =>
    r.kind === 'JAMMING'
      ? targetOf(
          r,
          [...picture.tracks()].map((t) => t.id),
        )
      : targetOf(r);

  /** The detector's open implausibility flags on a track this nation may see. */
  const warningsOf = (trackId: string) => targetWarningsOn(trackId, ctx.alerts(), picture.viewer);

  const engagements = createEngagements({
    nation,
    clock,
    log: ctx.logger.child({ nation }),
    policy,
    timeScale: ctx.timeScale,
    stats: ctx.stats,
    seed: ctx.seed,
    send: (cmd, then) => ctx.send(nation, cmd, then),
    request: ctx.request,
    picture,
    memory,
    effectorById: (id) => effectors().find((e) => e.id === id),
    volumes,
    targetOf: targetOfRequest,
    warningsOf,
  });

  function onGone(ids: readonly string[]) {
    for (const id of ids) {
      memory.forget(id);
      engagements.onTrackGone(id);
    }
  }

  /** One look at the picture: follow up engagements, then assign free effectors to new threats. */
  function look() {
    const nowMs = clock.now();
    engagements.followUp();
    const own = effectors();
    if (own.length === 0) return;
    const current = engagements.views();
    const engagedTracks = new Set(current.map((e) => e.trackId));
    // Coalition: a target another agent (or nation) is already engaging is left to it.
    for (const r of ctx.requests()) {
      if (!isLive(r) || !canSee(picture.viewer, r.label)) continue;
      const target = targetOfRequest(r);
      if (target !== null) engagedTracks.add(target);
    }
    const threats = threatsFor(nation, picture.tracks(), picture.detection, picture.nowMs(), {
      maxCoastS: policy.maxCoastS,
      warningsOf,
    }).filter((t) => !engagedTracks.has(t.trackId) && memory.mayEngage(t.trackId, nowMs));
    if (threats.length === 0) return;
    const busy = new Set(current.map((e) => e.effectorId));
    const byTrack = new Map(threats.map((t) => [t.trackId, t]));
    const byId = new Map(own.map((e) => [e.id, e]));
    const assignments = assign(threats, own, busy, {
      nation,
      volumes: volumes(),
      urgency: policy.urgency,
      jamming: policy.jamming,
      mayName: (e, t) => covers(byTrack.get(t.trackId)!.label, byId.get(e.id)!.label),
      approversMaySee: (sectorNation, e, t) => approversMaySee(sectorNation, byTrack.get(t.trackId)!, byId.get(e.id)!),
    });
    for (const a of assignments) engagements.open(a, byTrack.get(a.trackId)!, byId.get(a.effectorId)!);
  }

  return {
    nation,
    picture,
    look,
    onRequest: engagements.onRequest,
    onGone,
    engagements: engagements.views,
    stop: engagements.stop,
  };
}
export type Agent = ReturnType<typeof createAgent>;
