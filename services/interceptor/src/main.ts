import {
  connectNats,
  connectService,
  runMain,
  serveUntilSignalled,
  startReferenceFeed,
  systemClock,
} from '@tessera/service-kit';
import { readEnv } from './env.ts';
import { createInterceptorService } from './service.ts';

runMain('interceptor', async () => {
  const env = readEnv();
  const { logger, link, rejector } = await connectService('interceptor', env);
  const reference = startReferenceFeed({ link, rejector, logger });
  // One connection per nation's agents, made when that nation's agent first asks the authority.
  const agentLinks = new Map<string, ReturnType<typeof connectNats>>();
  const agentConnection = async (nation: string) => {
    const creds = env.NATS_AGENT_CREDENTIALS[nation];
    if (!creds) throw new Error(`no NATS credentials for ${nation}'s agents`);
    let pending = agentLinks.get(nation);
    if (!pending)
      agentLinks.set(
        nation,
        (pending = connectNats({
          url: env.NATS_URL,
          name: `tessera-interceptor-${nation}`,
          user: creds.user,
          pass: creds.pass,
          logger,
        })),
      );
    return (await pending).nc;
  };
  const interceptor = createInterceptorService({
    link,
    clock: systemClock,
    logger,
    rejector,
    reference,
    ...(Object.keys(env.NATS_AGENT_CREDENTIALS).length > 0 ? { agentConnection } : {}),
    timeScale: env.TIME_SCALE,
    tickMs: env.TICK_MS,
    ...(env.SEED !== undefined ? { seed: env.SEED } : {}),
  });
  await interceptor.start();
  await serveUntilSignalled({
    logger,
    link,
    rejector,
    healthPort: env.HEALTH_PORT,
    details: () => interceptor.stats(),
    stop: async () => {
      await interceptor.stop();
      reference.stop();
      await Promise.all([...agentLinks.values()].map(async (l) => (await l).nc.drain()));
    },
  });
});
