import {
  EffectOutcome,
  REFERENCE_BUCKET,
  referenceKeys,
  subjects,
  TwinControlRequest,
  type Scenario,
  type TrackBatch,
  type TwinControlReply,
  type TwinStatus,
} from '@tessera/schema';
import {
  serveParsed,
  subscribeParsed,
  type Clock,
  type Logger,
  type NatsConnection,
  type Rejector,
} from '@tessera/service-kit';
import type { Subscription } from '@nats-io/transport-node';
import { Kvm } from '@nats-io/kv';
import { referenceData } from './reference.ts';
import { createSimulation, type Simulation, type TwinEvent } from './domain/simulation.ts';
import { fusionSystem, groupIntoBatches } from './batches.ts';

export interface TwinServiceDeps {
  nc: NatsConnection;
  /** Where a nation's track batches go out: that nation's own connection when it has one. */
  trackPublisher?: (nation: string) => NatsConnection;
  clock: Clock;
  logger: Logger;
  rejector: Rejector;
  scenario: Scenario;
  /** Wall-clock milliseconds between simulation steps. */
  tickMs: number;
  /** Scenario seconds per wall-clock second. */
  timeScale: number;
}

export interface TwinService {
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): TwinStatus;
  /** Batches published so far (all nations). */
  published(): number;
}

/**
 * Runs the simulation against the wall clock, publishes one TrackBatch per nation per tick, and
 * answers control requests (pause, resume, reset, time scale, status). Reacts to effect outcomes:
 * a destroyed target leaves the simulation at once.
 */
export function createTwinService(deps: TwinServiceDeps): TwinService {
  const { nc, clock, logger, scenario } = deps;
  let sim: Simulation = createSimulation(scenario, clock.now());
  let anchorMs = clock.now();
  let lastWallMs = clock.now();
  let paused = false;
  let timeScale = deps.timeScale;
  let timer: NodeJS.Timeout | undefined;
  let control: Subscription | undefined;
  let outcomes: Subscription | undefined;
  let published = 0;
  const seqByNation = new Map<string, number>();

  const scenarioIso = (s: number) => new Date(anchorMs + Math.round(s * 1000)).toISOString();

  function status(): TwinStatus {
    return {
      scenario: scenario.name,
      seed: scenario.seed,
      paused,
      timeScale,
      elapsedS: sim.elapsedS(),
      scenarioTime: scenarioIso(sim.elapsedS()),
      activeTracks: sim.shownTracks().length,
    };
  }

  function publish(events: TwinEvent[]) {
    const publishedAt = scenarioIso(sim.elapsedS());
    for (const [nation, group] of groupIntoBatches(events)) {
      const seq = (seqByNation.get(nation) ?? 0) + 1;
      seqByNation.set(nation, seq);
      const batch: TrackBatch = {
        source: fusionSystem(nation),
        seq,
        publishedAt,
        upserts: group.upserts.map((t) => ({ ...t, provenance: { ...t.provenance, publishedAt } })),
        removals: group.removals,
      };
      (deps.trackPublisher?.(nation) ?? nc).publish(subjects.trackBatch(nation), JSON.stringify(batch));
      published++;
    }
  }

  function tick() {
    const now = clock.now();
    const wallS = (now - lastWallMs) / 1000;
    lastWallMs = now;
    if (paused) return;
    try {
      publish(sim.advanceTo(sim.elapsedS() + wallS * timeScale));
    } catch (err) {
      logger.error({ err }, 'simulation step failed');
    }
  }

  function publishStatus() {
    nc.publish(subjects.twinStatus, JSON.stringify(status()));
  }

  function reset() {
    const removals: TwinEvent[] = sim
      .shownTracks()
      .map(({ id, nation }) => ({ type: 'removal', atS: sim.elapsedS(), nation, removal: { id, reason: 'RESET' } }));
    publish(removals);
    anchorMs = clock.now();
    lastWallMs = anchorMs;
    sim = createSimulation(scenario, anchorMs);
    logger.info({ scenario: scenario.name }, 'scenario reset');
  }

  /** Write the scenario's reference data to KV and delete keys the scenario no longer has. */
  async function publishReference() {
    const kv = await new Kvm(nc).create(REFERENCE_BUCKET, { history: 1 });
    const { area, volumes, effectors, assignments, restricted } = referenceData(scenario, anchorMs);
    const entries = new Map<string, unknown>([
      [referenceKeys.area, area],
      ...volumes.map((v) => [referenceKeys.volume(v.nation, v.id), v] as const),
      ...effectors.map((e) => [referenceKeys.effector(e.nation, e.id), e] as const),
      ...assignments.map((a) => [referenceKeys.assignment(a.nation, a.id), a] as const),
      ...restricted.map((r) => [referenceKeys.restricted(r.nation, r.id), r] as const),
    ]);
    for await (const key of await kv.keys()) if (!entries.has(key)) await kv.delete(key);
    for (const [key, value] of entries) await kv.put(key, JSON.stringify(value));
  }

  /** An engagement's outcome: a DESTROYED target ends now; its nation's next batch removes it. */
  function onOutcome(outcome: EffectOutcome, subject: string, data: Uint8Array) {
    if (outcome.outcome !== 'DESTROYED') return;
    const flight = sim.flights.find((f) => f.id === outcome.trackId);
    if (flight && flight.raid.trackedBy !== outcome.nation) {
      return deps.rejector.reject(
        subject,
        data,
        `track ${outcome.trackId} is tracked by ${flight.raid.trackedBy}, not ${outcome.nation}`,
      );
    }
    const destroyed = sim.destroy(outcome.trackId, sim.elapsedS());
    logger.info(
      { track: outcome.trackId, request: outcome.requestId, effector: outcome.effectorId, destroyed },
      destroyed ? 'target destroyed' : 'outcome for a target no longer in the air',
    );
  }

  function handleControl(request: TwinControlRequest): TwinControlReply {
    switch (request.command) {
      case 'status':
        break;
      case 'pause':
        paused = true;
        break;
      case 'resume':
        lastWallMs = clock.now();
        paused = false;
        break;
      case 'reset':
        reset();
        break;
      case 'setTimeScale':
        timeScale = request.timeScale;
        break;
    }
    if (request.command !== 'status') {
      logger.info({ command: request.command, paused, timeScale }, 'twin control');
      publishStatus();
    }
    return { ok: true, status: status() };
  }

  return {
    async start() {
      await publishReference();
      const common = { nc, rejector: deps.rejector, logger };
      control = serveParsed<TwinControlRequest, TwinControlReply>({
        ...common,
        subject: subjects.twinControl,
        parse: TwinControlRequest,
        what: 'control request',
        answer: handleControl,
        refusal: (error) => ({ ok: false, error }),
      });
      outcomes = subscribeParsed({
        ...common,
        subject: subjects.effectOutcome,
        parse: EffectOutcome,
        what: 'effect outcome',
        handle: (outcome, msg) => onOutcome(outcome, msg.subject, msg.data),
      });
      await nc.flush();
      lastWallMs = clock.now();
      tick();
      timer = setInterval(tick, deps.tickMs);
      publishStatus();
      logger.info(
        { scenario: scenario.name, flights: sim.flights.length, timeScale, tickMs: deps.tickMs },
        'twin started',
      );
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      control?.unsubscribe();
      outcomes?.unsubscribe();
    },
    status,
    published: () => published,
  };
}
