import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { GatewayYoga } from './yoga.ts';

export interface HttpServer {
  server: Server;
  /** Listen; resolves with the bound port. */
  listen(port: number, host: string): Promise<number>;
  /** Stop listening and drop every open connection. */
  close(): Promise<void>;
}

/**
 * The HTTP server: health endpoints first (they answer anyone who reaches the port), then the API
 * for the web app's origins only, through Yoga. It keeps its sockets so that stopping does not wait
 * for idle keep-alive connections.
 */
export function createHttpServer(opts: {
  yoga: GatewayYoga;
  health: (req: IncomingMessage, res: ServerResponse) => boolean;
  originAllowed: (origin: string | undefined) => boolean;
}): HttpServer {
  const { yoga, health, originAllowed } = opts;
  const server = createServer((req, res) => {
    if (health(req, res)) return;
    // Browsers send Origin; only the web app's origins may call the API from a page.
    if (!originAllowed(req.headers.origin)) {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          errors: [
            { message: `Origin ${req.headers.origin} is not allowed.`, extensions: { code: 'FORBIDDEN_ORIGIN' } },
          ],
        }),
      );
      return;
    }
    void yoga.handle(req, res);
  });
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  return {
    server,
    async listen(port, host) {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      return (server.address() as AddressInfo).port;
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
  };
}
