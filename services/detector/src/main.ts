import { connectService, runMain, serveUntilSignalled, systemClock } from '@tessera/service-kit';
import { watchDefendedAssets } from './assets.ts';
import { DEFAULT_LIMITS } from './domain/anomaly.ts';
import { DEFAULT_ALERT_POLICY } from './domain/alerts.ts';
import { readEnv } from './env.ts';
import { loadModelFile } from './model-file.ts';
import { createDetectorService } from './service.ts';

runMain('detector', async () => {
  const env = readEnv();
  const classifier = loadModelFile(env.MODEL_FILE);
  const { logger, link, rejector } = await connectService('detector', env);
  const reference = watchDefendedAssets({ link, rejector, logger });
  const detector = createDetectorService({
    link,
    clock: systemClock,
    logger,
    rejector,
    classifier,
    assets: () => reference.assets(),
    policy: {
      alerts: { ...DEFAULT_ALERT_POLICY, thresholdS: env.ALERT_THRESHOLD_S, criticalS: env.ALERT_CRITICAL_S },
      limits: DEFAULT_LIMITS,
      horizonS: env.PREDICTION_HORIZON_S,
      stepS: 10,
      anomalyCooldownS: 60,
    },
  });
  await detector.start();
  await serveUntilSignalled({
    logger,
    link,
    rejector,
    healthPort: env.HEALTH_PORT,
    details: () => ({ model: classifier.model, ...detector.stats() }),
    stop: async () => {
      await detector.stop();
      reference.stop();
    },
  });
});
