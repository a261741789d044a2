import { createRejector, type Rejector } from './dead-letter.ts';
import { startHealthServer } from './health.ts';
import { createLogger, type Logger } from './logger.ts';
import { connectNats, type NatsLink } from './nats.ts';
import { stopOnSignals } from './shutdown.ts';

/** The variables every service reads (serviceEnv in env.ts). */
export interface ServiceEnv {
  NATS_URL: string;
  NATS_USER?: string | undefined;
  NATS_PASS?: string | undefined;
  LOG_LEVEL: string;
}

/**
 * A service's first step in its main: its logger, its NATS connection (named `tessera-<service>`,
 * signed in as its own user) and its rejector (dead letters under its name).
 */
export async function connectService(
  service: string,
  env: ServiceEnv,
): Promise<{ logger: Logger; link: NatsLink; rejector: Rejector }> {
  const logger = createLogger(service, env.LOG_LEVEL);
  const link = await connectNats({
    url: env.NATS_URL,
    name: `tessera-${service}`,
    user: env.NATS_USER,
    pass: env.NATS_PASS,
    logger,
  });
  return { logger, link, rejector: createRejector({ nc: link.nc, service, logger }) };
}

/**
 * A started service's last step in its main: the health endpoint on 127.0.0.1 (ready while NATS is
 * connected; the rejections per subject and `details`), then, on SIGTERM / SIGINT, `stop` (the
 * service, what it watches, connections of its own), NATS drained, and the endpoint closed.
 */
export async function serveUntilSignalled(opts: {
  logger: Logger;
  link: NatsLink;
  rejector: Rejector;
  healthPort: number;
  details?: () => Record<string, unknown>;
  stop: () => Promise<void>;
}): Promise<void> {
  const { logger, link } = opts;
  const health = await startHealthServer({
    host: '127.0.0.1',
    port: opts.healthPort,
    report: () => ({
      ready: link.connected(),
      nats: link.connected(),
      rejected: opts.rejector.counts(),
      ...opts.details?.(),
    }),
  });
  logger.info({ healthPort: health.port }, 'health endpoint up');
  stopOnSignals(logger, async () => {
    await opts.stop();
    await link.nc.drain();
    await health.stop();
  });
}
