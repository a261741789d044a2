import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.ts';
import { startNatsServer, type NatsServer } from '../src/nats-server.ts';
import { startServiceProcess } from '../src/service-process.ts';

const logger = createLogger('service-process-test', 'silent');
let server: NatsServer;

beforeAll(async () => {
  server = await startNatsServer();
});

afterAll(async () => {
  await server?.stop();
});

describe('a service started as its own process', () => {
  it('gets its own connection and rejector, starts, and stops in order: service, watches, connection', async () => {
    const events: string[] = [];
    const running = await startServiceProcess(
      { url: server.url, name: 'test-service-1', service: 'test-service', logger },
      ({ link, rejector }) => {
        expect(link.connected()).toBe(true);
        expect(rejector.total()).toBe(0);
        return {
          service: {
            start: async () => void events.push('start'),
            stop: async () => void events.push(`stop (connection open: ${!link.nc.isClosed()})`),
          },
          watches: [{ stop: () => void events.push('watch stopped') }],
        };
      },
    );
    expect(events).toEqual(['start']);
    await running.stop();
    expect(events).toEqual(['start', 'stop (connection open: true)', 'watch stopped']);
    expect(running.link.nc.isClosed()).toBe(true);
  });
});
