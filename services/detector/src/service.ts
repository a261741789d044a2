import { Kvm, type KV } from '@nats-io/kv';
import type { Subscription } from '@nats-io/transport-node';
import {
  ALERT_BUCKET,
  Alert,
  AlertAckRequest,
  alertKey,
  subjects,
  type AlertAckReply,
  type Detection,
  type DetectionBatch,
  type Label,
  type Track,
  type TrackBatch,
} from '@tessera/schema';
import {
  createPictureClocks,
  parseJson,
  parseTrackBatch,
  serveParsed,
  subscribeParsed,
  type Clock,
  type Logger,
  type NatsLink,
  type Rejector,
} from '@tessera/service-kit';
import { createAlertBook, type AlertPolicy } from './domain/alerts.ts';
import { checkPlausibility, type PlausibilityLimits } from './domain/anomaly.ts';
import type { Classifier } from './domain/classifier.ts';
import { featuresOf, WINDOW_REPORTS, type Report } from './domain/features.ts';
import { createAnomalyCooldown, createReportHistories } from './domain/history.ts';
import { anomalyEventOf, mayThreatenAssets, provenanceOf, sensorFieldLabels } from './domain/outputs.ts';
import { methodFor, predict, threatsTo, type Asset } from './domain/prediction.ts';

export interface DetectorPolicy {
  alerts: AlertPolicy;
  limits: PlausibilityLimits;
  /** How far ahead paths are predicted, and the spacing of their points (seconds). */
  horizonS: number;
  stepS: number;
  /** An anomaly of one kind on one track is published at most once per this many seconds. */
  anomalyCooldownS: number;
}

export interface LabelledAsset {
  asset: Asset;
  label: Label;
}

export interface DetectorDeps {
  link: NatsLink;
  clock: Clock;
  logger: Logger;
  rejector: Rejector;
  classifier: Classifier;
  policy: DetectorPolicy;
  /** The defended assets as reference data has them now. */
  assets: () => Iterable<LabelledAsset>;
}

export interface DetectorStats {
  batches: number;
  detections: number;
  anomalies: number;
  openAlerts: number;
  tracks: number;
}

const HISTORY = 24;

/**
 * The AI detection layer at work: every track report is classified, its path predicted, checked for
 * plausibility; threats to defended assets and anomalies become alerts. Detections go out per nation
 * with the track's label (never more visible than the track); alerts live in JetStream KV, so the
 * gateway and a restarted detector see them at once. Advisory only: nothing here commands an effector.
 */
export function createDetectorService(deps: DetectorDeps) {
  const { link, logger, classifier, policy } = deps;
  const nc = link.nc;
  const histories = createReportHistories(HISTORY);
  const cooldown = createAnomalyCooldown(policy.anomalyCooldownS);
  const seqByNation = new Map<string, number>();
  let book = createAlertBook(policy.alerts);
  let kv: KV | undefined;
  let writes: Promise<unknown> = Promise.resolve();
  const subs: Subscription[] = [];
  let sweepTimer: NodeJS.Timeout | undefined;
  /** The picture's time per feed (the kit's picture-clock.ts): a feed lying about time ages only its own tracks' alerts. */
  const clocks = createPictureClocks();
  const stats = { batches: 0, detections: 0, anomalies: 0 };

  function persist(alerts: readonly Alert[], purged: readonly string[] = []) {
    if (!kv || (alerts.length === 0 && purged.length === 0)) return;
    const store = kv;
    writes = writes.then(async () => {
      for (const a of alerts)
        await store
          .put(alertKey(a.id), JSON.stringify(a))
          .catch((err: unknown) => logger.error({ err, alert: a.id }, 'could not store alert'));
      for (const id of purged)
        await store
          .delete(alertKey(id))
          .catch((err: unknown) => logger.error({ err, alert: id }, 'could not purge alert'));
    });
  }

  function assess(t: Track, history: Report[], nowIso: string): Detection {
    const features = featuresOf(history);
    const result = classifier.classify(features);
    const last = history[history.length - 1]!;
    const method = methodFor(result.top, last.climbMps);
    const prediction = predict(last, method, policy.horizonS, policy.stepS);
    const hostile = mayThreatenAssets(t, result.top);
    const assets = hostile ? [...deps.assets()] : [];
    const threats = hostile
      ? threatsTo(
          last,
          method,
          assets.map((a) => a.asset),
          policy.horizonS,
        )
      : [];
    const labelOf = new Map(assets.map((a) => [a.asset.id, a.label]));
    const observedMs = Date.parse(t.provenance.observedAt);
    persist(
      book.threats(
        t,
        threats.map((threat) => ({ threat, assetLabel: labelOf.get(threat.defendedAssetId)! })),
        observedMs,
      ),
    );
    const top = threats[0] ?? null;
    const fieldLabels: Detection['fieldLabels'] = [
      ...sensorFieldLabels(t),
      ...(top ? [{ path: 'threat' as const, label: labelOf.get(top.defendedAssetId)! }] : []),
    ];
    return {
      id: `${t.id}@${classifier.model.name}`,
      trackId: t.id,
      label: t.label,
      fieldLabels,
      provenance: provenanceOf(t, classifier.model, nowIso),
      classProbabilities: result.probabilities,
      topClass: result.top,
      confidence: result.confidence,
      reports: Math.min(history.length, WINDOW_REPORTS),
      explanation: classifier.explain(features, result),
      prediction,
      threat: top,
      assessedAt: nowIso,
    };
  }

  function checkAnomalies(t: Track, history: Report[], nowIso: string) {
    const observedMs = Date.parse(t.provenance.observedAt);
    for (const finding of checkPlausibility(history, policy.limits)) {
      if (!cooldown.due(t.id, finding.kind, observedMs)) continue;
      nc.publish(subjects.anomalies(t.label.originator), JSON.stringify(anomalyEventOf(t, finding, nowIso)));
      stats.anomalies++;
      logger.info({ track: t.id, kind: finding.kind, summary: finding.summary }, 'cyber-kinetic anomaly');
      const alert = book.anomaly(t, finding, observedMs);
      if (alert) persist([alert]);
    }
  }

  function onTrackBatch(batch: TrackBatch) {
    const nation = batch.source.nation;
    stats.batches++;
    const nowIso = new Date(deps.clock.now()).toISOString();
    const upserts: Detection[] = [];
    clocks.batch(
      nation,
      batch.upserts.map((t) => ({ trackId: t.id, observedMs: Date.parse(t.provenance.observedAt) })),
    );
    for (const t of batch.upserts) {
      try {
        const history = histories.add(t);
        if (!history) continue; // repeated or out-of-order report
        checkAnomalies(t, history, nowIso);
        upserts.push(assess(t, history, nowIso));
      } catch (err) {
        logger.error({ err, track: t.id }, 'could not assess track');
      }
    }
    const removals: string[] = [];
    for (const r of batch.removals) {
      if (histories.forget(r.id)) removals.push(r.id);
      cooldown.forget(r.id);
      persist(book.trackGone(r.id, clocks.of(nation, deps.clock.now())));
      clocks.forget(r.id);
    }
    if (upserts.length === 0 && removals.length === 0) return;
    const seq = (seqByNation.get(nation) ?? 0) + 1;
    seqByNation.set(nation, seq);
    const out: DetectionBatch = { seq, publishedAt: nowIso, upserts, removals };
    nc.publish(subjects.detections(nation), JSON.stringify(out));
    stats.detections += upserts.length;
  }

  async function onAck(request: AlertAckRequest): Promise<AlertAckReply> {
    const reply = book.acknowledge(request, deps.clock.now());
    if (reply.ok) {
      persist([reply.alert]);
      await writes;
      logger.info({ alert: reply.alert.id, nation: request.nation, by: request.username }, 'alert acknowledged');
    }
    return reply;
  }

  async function loadAlerts(): Promise<void> {
    kv = await new Kvm(nc).create(ALERT_BUCKET, { history: 1, storage: 'file' });
    const restored: Alert[] = [];
    for await (const key of await kv.keys()) {
      const entry = await kv.get(key);
      if (!entry || entry.operation !== 'PUT') continue;
      const parsed = parseJson(Alert, entry.value);
      if (parsed.ok) restored.push(parsed.value);
      else deps.rejector.reject(`$KV.${ALERT_BUCKET}.${key}`, entry.value, parsed.error);
    }
    book = createAlertBook(policy.alerts, restored);
    logger.info({ alerts: restored.length }, 'alerts restored from JetStream');
  }

  return {
    async start() {
      await loadAlerts();
      const common = { nc, rejector: deps.rejector, logger };
      subs.push(
        subscribeParsed({
          ...common,
          subject: subjects.allTrackBatches,
          parse: parseTrackBatch,
          what: 'track batch',
          handle: onTrackBatch,
        }),
        serveParsed<AlertAckRequest, AlertAckReply>({
          ...common,
          subject: subjects.alertAck,
          parse: AlertAckRequest,
          what: 'alert acknowledgement',
          answer: onAck,
          refusal: (message) => ({ ok: false, code: 'INVALID', message }),
        }),
      );
      // The subscriptions are on the server before start() returns (an early request finds a responder).
      await nc.flush();
      sweepTimer = setInterval(() => {
        const wall = deps.clock.now();
        const { changed, purged } = book.sweep((a) => clocks.forTrack(a.trackId, wall));
        persist(changed, purged);
      }, 1000);
      logger.info({ model: classifier.model }, 'detector started');
    },
    async stop() {
      clearInterval(sweepTimer);
      for (const s of subs) s.unsubscribe();
      await writes;
    },
    stats: (): DetectorStats => ({
      ...stats,
      tracks: histories.size(),
      openAlerts: book.all().filter((a) => !a.clearedAt).length,
    }),
    alerts: () => book.all(),
  };
}
export type DetectorService = ReturnType<typeof createDetectorService>;
