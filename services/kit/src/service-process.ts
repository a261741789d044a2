import type { Rejector } from './dead-letter.ts';
import { createRejector } from './dead-letter.ts';
import type { Logger } from './logger.ts';
import { connectNats, type NatsLink } from './nats.ts';

export interface ServiceProcess<S> {
  link: NatsLink;
  rejector: Rejector;
  service: S;
  /** Stop the service, then what it watches, then close its connection. */
  stop(): Promise<void>;
}

/**
 * A service started as its own process starts it (its `main.ts`), for tests and benches: its own
 * connection named `name`, a rejector dead-lettering as `service`, whatever it watches (`build`
 * returns those to stop), then start().
 */
export async function startServiceProcess<S extends { start(): Promise<void>; stop(): Promise<void> }>(
  opts: { url: string; name: string; service: string; logger: Logger },
  build: (deps: { link: NatsLink; rejector: Rejector; logger: Logger }) => { service: S; watches?: { stop(): void }[] },
): Promise<ServiceProcess<S>> {
  const link = await connectNats({ url: opts.url, name: opts.name, logger: opts.logger });
  const rejector = createRejector({ nc: link.nc, service: opts.service, logger: opts.logger });
  const { service, watches = [] } = build({ link, rejector, logger: opts.logger });
  await service.start();
  return {
    link,
    rejector,
    service,
    async stop() {
      await service.stop();
      for (const w of watches) w.stop();
      await link.nc.close();
    },
  };
}
