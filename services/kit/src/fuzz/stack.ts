import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPERATOR_PERMISSIONS, type NatsPermissions } from '@tessera/schema';
import { createLogger } from '../logger.ts';
import { natsAuthConfig } from '../nats-auth.ts';
import { connectNats, type NatsLink } from '../nats.ts';
import { startNatsServer, type NatsServer } from '../nats-server.ts';

export interface FuzzBus {
  server: NatsServer;
  /** A connection as `user` (one of those given, or `operator`, who may do anything: to watch). */
  as(user: string): Promise<NatsLink>;
  /** Close every connection, stop the server, remove its configuration and store. */
  stop(): Promise<void>;
}

const password = (user: string) => `${user}-fuzz-secret`;

/**
 * A nats-server with JetStream and the stack's NATS users (each with the permissions given, as
 * SERVICE_PERMISSIONS has them), plus an operator: hostile messages are sent with the credential
 * of the peer that may publish there, so the server's permissions hold as in the stack.
 */
export async function startFuzzBus(users: { user: string; permissions: NatsPermissions }[]): Promise<FuzzBus> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-nats-fuzz-'));
  const config = join(dir, 'nats.conf');
  writeFileSync(
    config,
    natsAuthConfig(
      [...users, { user: 'operator', permissions: OPERATOR_PERMISSIONS }].map((u) => ({
        ...u,
        password: password(u.user),
      })),
    ),
  );
  const server = await startNatsServer({ storeDir: join(dir, 'store'), args: ['-c', config] }).catch((err: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  });
  const links: NatsLink[] = [];
  const logger = createLogger('nats-fuzz', 'silent');
  return {
    server,
    async as(user) {
      const link = await connectNats({ url: server.url, name: user, user, pass: password(user), logger });
      links.push(link);
      return link;
    },
    async stop() {
      for (const l of links) if (!l.nc.isClosed()) await l.nc.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
