import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HealthReport {
  ready: boolean;
  [detail: string]: unknown;
}

/** Answers /healthz (alive) and /readyz (ready to do its work) with JSON; 503 when not ready. */
export function healthHandler(report: () => HealthReport) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/healthz' && path !== '/readyz') return false;
    const body = report();
    const status = path === '/healthz' || body.ready ? 200 : 503;
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ status: status === 200 ? 'ok' : 'unavailable', ...body }));
    return true;
  };
}

/** A tiny health server for services that have no HTTP server of their own. */
export async function startHealthServer(opts: { host: string; port: number; report: () => HealthReport }) {
  const handle = healthHandler(opts.report);
  const server = createServer((req, res) => {
    if (!handle(req, res)) {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
