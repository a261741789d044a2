import { connectNats, createLogger, createRejector, runMain, serveUntilSignalled, systemClock } from '@tessera/service-kit';
import { watchDefendedAssets } from './assets.ts';
import { DEFAULT_LIMITS } from './domain/anomaly.ts';
import { DEFAULT_ALERT_POLICY } from './domain/alerts.ts';
import { readEnv } from './env.ts';
import { loadModelFile } from './model-file.ts';
import { createDetectorService } from './service.ts';

runMain('detector', async () => {
  const env = readEnv();
  const logger = createLogger('detector', env.LOG_LEVEL);
  const classifier = loadModelFile(env.MODEL_FILE);
  const link = await connectNats({ url: env.NATS_URL, name: 'tessera-detector', user: env.NATS_USER, pass: env.NATS_PASS, logger });
  const rejector = createRejector({ nc: link.nc, service: 'detector', logger });
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
