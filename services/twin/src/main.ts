import { connectNats, connectService, runMain, serveUntilSignalled, systemClock } from '@tessera/service-kit';
import { readEnv } from './env.ts';
import { loadScenarioFile } from './scenario-file.ts';
import { createTwinService } from './service.ts';

runMain('twin', async () => {
  const env = readEnv();
  const scenario = await loadScenarioFile(env.SCENARIO_FILE);
  const { logger, link, rejector } = await connectService('twin', env);
  const fusion = new Map(
    await Promise.all(
      Object.entries(env.NATS_FUSION_CREDENTIALS).map(
        async ([nation, c]) =>
          [
            nation,
            await connectNats({
              url: env.NATS_URL,
              name: `tessera-fusion-${nation}`,
              user: c.user,
              pass: c.pass,
              logger,
            }),
          ] as const,
      ),
    ),
  );
  const twin = createTwinService({
    nc: link.nc,
    trackPublisher: (nation) => fusion.get(nation)?.nc ?? link.nc,
    clock: systemClock,
    logger,
    rejector,
    scenario,
    tickMs: env.TICK_MS,
    timeScale: env.TIME_SCALE,
  });
  await twin.start();
  await serveUntilSignalled({
    logger,
    link,
    rejector,
    healthPort: env.HEALTH_PORT,
    details: twin.status,
    stop: async () => {
      await twin.stop();
      await Promise.all([...fusion.values()].map((f) => f.nc.drain()));
    },
  });
});
