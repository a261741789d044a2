import { startServiceProcess, systemClock, type Logger, type ServiceProcess } from '@tessera/service-kit';
import { watchDefendedAssets } from '../src/assets.ts';
import { DEFAULT_ALERT_POLICY } from '../src/domain/alerts.ts';
import { DEFAULT_LIMITS } from '../src/domain/anomaly.ts';
import type { Classifier } from '../src/domain/classifier.ts';
import { loadModelFile, MODEL_PATH } from '../src/model-file.ts';
import { createDetectorService, type DetectorPolicy, type DetectorService } from '../src/service.ts';

/** The detector's policy in tests: the defaults, paths predicted 10 minutes ahead in 10 s steps. */
export const TEST_POLICY: DetectorPolicy = {
  alerts: DEFAULT_ALERT_POLICY,
  limits: DEFAULT_LIMITS,
  horizonS: 600,
  stepS: 10,
  anomalyCooldownS: 60,
};

export type RunningDetector = ServiceProcess<DetectorService>;

let committedModel: Classifier | undefined;

/**
 * A detector process of its own (as `services/detector/src/main.ts` starts it): its own connection,
 * rejector and defended-asset watch, the committed model. Resolves once its subscriptions are on
 * the server.
 */
export async function startDetector(opts: {
  url: string;
  name: string;
  logger: Logger;
  policy?: DetectorPolicy;
}): Promise<RunningDetector> {
  committedModel ??= loadModelFile(MODEL_PATH);
  const classifier = committedModel;
  const running = await startServiceProcess({ ...opts, service: 'detector' }, ({ link, rejector, logger }) => {
    const reference = watchDefendedAssets({ link, rejector, logger });
    const service = createDetectorService({
      link,
      clock: systemClock,
      logger,
      rejector,
      classifier,
      policy: opts.policy ?? TEST_POLICY,
      assets: () => reference.assets(),
    });
    return { service, watches: [reference] };
  });
  // start() resolves with its subscriptions sent, not yet confirmed by the server: requests from other connections could still miss them
  await running.link.nc.flush();
  return running;
}
