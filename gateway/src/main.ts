import { connectNats, createLogger, runMain, stopOnSignals, systemClock } from '@tessera/service-kit';
import { buildGateway } from './app.ts';
import { startAuditNotaryFromEnv } from './audit-notary.ts';
import { loadUserDirectory } from './auth/users.ts';
import { readEnv } from './env.ts';

runMain('gateway', async () => {
  const env = readEnv();
  const logger = createLogger('gateway', env.LOG_LEVEL);
  const users = loadUserDirectory(env.USERS_FILE);
  const nats = await connectNats({
    url: env.NATS_URL,
    name: 'tessera-gateway',
    user: env.NATS_USER,
    pass: env.NATS_PASS,
    logger,
  });
  const gateway = buildGateway({
    config: {
      port: env.PORT,
      host: env.HOST,
      jwtSecret: env.JWT_SECRET,
      tokenTtlS: env.TOKEN_TTL_S,
      sessionMaxAgeS: env.SESSION_MAX_AGE_S,
      batchIntervalMs: env.BATCH_INTERVAL_MS,
      trackTimeoutS: env.TRACK_TIMEOUT_S,
      webOrigins: env.WEB_ORIGIN,
      devMode: env.DEV_MODE,
    },
    nats,
    users,
    clock: systemClock,
    logger,
  });
  await gateway.start();
  const notary = startAuditNotaryFromEnv(env, { link: nats, logger, clock: systemClock });
  stopOnSignals(logger, async () => {
    await notary?.stop();
    await gateway.stop();
    await nats.nc.drain();
  });
});
