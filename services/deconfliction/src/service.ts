import { Kvm, type KV } from '@nats-io/kv';
import type { Subscription } from '@nats-io/transport-node';
import {
  AIRSPACE_BUCKET,
  AirspaceVolume,
  AUTHORITY_BUCKET,
  AuthorizationRequest,
  DeconflictionCommand,
  REFERENCE_BUCKET,
  RestrictedEntry,
  SpectrumAssignment,
  subjects,
  type DeconflictionReply,
} from '@tessera/schema';
import {
  mirrorKvBucket,
  serveParsed,
  type Clock,
  type KvMirror,
  type Logger,
  type NatsLink,
  type Rejector,
} from '@tessera/service-kit';
import type { AuditTrail } from './audit-client.ts';
import { createDeconfliction, type Deconfliction } from './commands.ts';
import { createConflictTracker } from './domain/conflict-tracker.ts';
import type { NegotiationPolicy } from './domain/negotiation.ts';
import { createSpectrumTracker } from './domain/spectrum-conflicts.ts';
import { createAirspaceStore, type AirspaceStore } from './store.ts';

export interface DeconflictionDeps {
  link: NatsLink;
  clock: Clock;
  logger: Logger;
  rejector: Rejector;
  /** The signed chain, appended to by the authority for this service. */
  audit: AuditTrail;
  policy: NegotiationPolicy;
  /** Secret for conflict ids, so an id does not confirm a guessed pair of reservations; stable across restarts. */
  conflictIdKey?: string | undefined;
  /** How often expiries and windows that passed are checked, ms; null: only when tick() is called (tests). */
  tickMs?: number | null;
  /** The bucket, when not TESSERA_AIRSPACE opened on `link` (tests wrap it to make a write fail). */
  bucket?: KV;
}

/**
 * The single owner of airspace reservations, wired to NATS. Commands come from the gateway only
 * (its NATS user is the only one that may publish on `subjects.deconflictionFromGateway`, so the
 * person named is the one it authenticated); one command, seed or tick runs at a time; state is
 * written audit-first and repaired from the chain after a command failed half-way (store.ts).
 */
export function createDeconflictionService(deps: DeconflictionDeps) {
  const { link, logger, clock } = deps;
  const nc = link.nc;
  let store: AirspaceStore | undefined;
  let core: Deconfliction | undefined;
  let scenario: KvMirror<AirspaceVolume> | undefined;
  let plannedAssignments: KvMirror<SpectrumAssignment> | undefined;
  let plannedRestricted: KvMirror<RestrictedEntry> | undefined;
  let requests: KvMirror<AuthorizationRequest> | undefined;
  /** An evaluation of the engagements is queued: changes that arrive meanwhile are in it. */
  let engagementsQueued = false;
  const subs: Subscription[] = [];
  let timer: NodeJS.Timeout | undefined;
  /** A command failed half-way: KV may lag the chain until the next replay. */
  let needsRepair = false;
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(repairIfNeeded).then(fn);
    queue = next.catch(() => undefined);
    return next;
  };
  /** Whatever fails half-way leaves the chain ahead of KV: replay before anything else runs. */
  const guarded = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      needsRepair = true;
      throw err;
    }
  };

  async function repairIfNeeded() {
    if (!needsRepair) return;
    const repaired = await store!.replay();
    await core!.evaluateAll();
    needsRepair = false;
    logger.warn({ repaired }, 'airspace repaired from the audit chain after a failed change');
  }

  /** Scenario volumes and spectrum plan not owned yet (again after a failure: a seed that could not be audited is retried). */
  const seed = () =>
    serially(() =>
      checkpointed(async () => {
        await core!.seed(scenario?.values() ?? []);
        await core!.seedSpectrum({
          assignments: plannedAssignments?.values() ?? [],
          restricted: plannedRestricted?.values() ?? [],
        });
      }),
    ).catch((err: unknown) => logger.error({ err }, "could not seed the scenario's volumes and spectrum plan"));
  const tick = async () => {
    await serially(() => checkpointed(() => core!.tick())).catch((err: unknown) =>
      logger.error({ err }, 'deconfliction tick failed'),
    );
    await seed();
  };

  /** The authority's requests changed (a burst of them at start): evaluate the engagements once. */
  const engagementsChanged = () => {
    if (engagementsQueued) return;
    engagementsQueued = true;
    void serially(() => {
      engagementsQueued = false;
      return checkpointed(() => core!.engagementsChanged());
    }).catch((err: unknown) => {
      // A repair that failed before the evaluation ran: the next change must queue one again.
      engagementsQueued = false;
      logger.error({ err }, "could not evaluate the engagements' conflicts");
    });
  };

  const checkpointed = async <T>(fn: () => Promise<T>): Promise<T> => {
    const result = await guarded(fn);
    await store!.checkpoint();
    return result;
  };

  return {
    async start() {
      const kv = deps.bucket ?? (await new Kvm(nc).create(AIRSPACE_BUCKET, { history: 1, storage: 'file' }));
      store = createAirspaceStore(kv, deps.audit);
      core = createDeconfliction({
        store,
        tracker: createConflictTracker({ idKey: deps.conflictIdKey }),
        spectrumTracker: createSpectrumTracker({ idKey: deps.conflictIdKey }),
        clock,
        policy: deps.policy,
        requests: () => requests?.values() ?? [],
      });
      // The chain is ahead of KV after a kill mid-change: bring KV up to it, then evaluate everything once.
      const repaired = await store.replay();
      if (repaired > 0) logger.warn({ repaired }, 'airspace repaired from the audit chain after an interrupted change');
      // Without the chain's writer this fails; the next tick repairs and evaluates again.
      await serially(() => checkpointed(() => core!.evaluateAll())).catch((err: unknown) =>
        logger.error({ err }, 'could not evaluate the airspace yet'),
      );
      const common = { nc, rejector: deps.rejector, logger };
      subs.push(
        serveParsed<DeconflictionCommand, DeconflictionReply>({
          ...common,
          subject: subjects.deconflictionFromGateway,
          what: 'airspace command',
          parse: DeconflictionCommand,
          answer: (cmd) => serially(() => checkpointed(() => core!.command(cmd))),
          refusal: (error) => ({ ok: false, rule: 'INVALID', message: error }),
          failure: () => ({
            ok: false,
            rule: 'UNAVAILABLE',
            message: 'The airspace could not be changed now; ask again with the same command id to learn the outcome.',
          }),
        }),
      );
      // The scenario's volumes (the twin writes them) seed the reservations the service does not have yet.
      scenario = mirrorKvBucket<AirspaceVolume>({
        ...common,
        link,
        bucket: REFERENCE_BUCKET,
        key: 'volume.>',
        schemaFor: () => AirspaceVolume,
        onChange: () => void seed(),
      });
      // The scenario's spectrum plan (the protected bands among it) seeds assignments and the restricted list.
      plannedAssignments = mirrorKvBucket<SpectrumAssignment>({
        ...common,
        link,
        bucket: REFERENCE_BUCKET,
        key: 'assignment.>',
        schemaFor: () => SpectrumAssignment,
        onChange: () => void seed(),
      });
      plannedRestricted = mirrorKvBucket<RestrictedEntry>({
        ...common,
        link,
        bucket: REFERENCE_BUCKET,
        key: 'restricted.>',
        schemaFor: () => RestrictedEntry,
        onChange: () => void seed(),
      });
      // Engagements the authority is asked for, against the reservations (conflicts of ENGAGEMENT kind).
      requests = mirrorKvBucket<AuthorizationRequest>({
        ...common,
        link,
        bucket: AUTHORITY_BUCKET,
        key: 'request.>',
        schemaFor: () => AuthorizationRequest,
        onChange: engagementsChanged,
      });
      await nc.flush();
      if (deps.tickMs !== null) timer = setInterval(() => void tick(), deps.tickMs ?? 1000);
      logger.info(
        { bucket: AIRSPACE_BUCKET, reservations: store.reservations().length, conflicts: store.conflicts().length },
        'deconfliction started',
      );
    },

    async stop() {
      clearInterval(timer);
      scenario?.stop();
      plannedAssignments?.stop();
      plannedRestricted?.stop();
      requests?.stop();
      for (const s of subs) s.unsubscribe();
      await queue;
    },

    /** Check expiries and overlaps that are over now, seed what is missing (the timer does this every tickMs). */
    tick,
    /** The state in memory (tests, health). */
    state: () => ({
      reservations: store?.reservations() ?? [],
      conflicts: store?.conflicts() ?? [],
      proposals: store?.proposals() ?? [],
      assignments: store?.assignments() ?? [],
      restricted: store?.restricted() ?? [],
    }),
  };
}
export type DeconflictionService = ReturnType<typeof createDeconflictionService>;
