import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Kvm } from '@nats-io/kv';
import { connect } from '@nats-io/transport-node';
import { startNatsServer } from '../src/nats-server.ts';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('nats-server test kit', () => {
  it('starts a JetStream server on a free port, restarts it on the same port and store, stops it', async () => {
    const server = await startNatsServer();
    try {
      const nc = await connect({ servers: server.url });
      await nc.close();
      const { port, storeDir } = server;
      await server.restart();
      expect(server.port).toBe(port);
      const again = await connect({ servers: server.url });
      await again.close();
      expect(existsSync(storeDir)).toBe(true);
    } finally {
      await server.stop();
    }
    await server.stop(); // idempotent
    expect(alive(server.pid)).toBe(false);
    expect(existsSync(server.storeDir)).toBe(false);
  });

  it('supervised, it comes back on the same port and store after a SIGKILL, and a client reconnects', async () => {
    const events: string[] = [];
    const server = await startNatsServer({
      supervise: true,
      superviseDelayMs: 200,
      onSupervise: (e) => events.push(e.type),
    });
    try {
      const nc = await connect({ servers: server.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
      const kv = await new Kvm(nc).create('SUPERVISED', { storage: 'file' });
      await kv.put('k', 'before the kill');
      const { port, pid } = server;
      process.kill(pid, 'SIGKILL');
      await expect.poll(() => server.pid !== pid && alive(server.pid), { timeout: 30_000, interval: 100 }).toBe(true);
      expect(server.port).toBe(port);
      expect(events).toEqual(['exited', 'restarted']);
      // The same client, reconnected on its own, reads what was written before the kill.
      await expect
        .poll(async () => (await kv.get('k').catch(() => null))?.string() ?? null, { timeout: 30_000, interval: 100 })
        .toBe('before the kill');
      await nc.close();
    } finally {
      await server.stop();
    }
    // Stopping is not an exit to recover from.
    expect(alive(server.pid)).toBe(false);
    expect(events).toEqual(['exited', 'restarted']);
  });

  it('stops the server even when the process that started it is killed', async () => {
    const script = fileURLToPath(new URL('./fixtures/start-and-die.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [script]).catch((err: { stdout: string }) => err);
    const pid = Number(stdout.trim());
    expect(pid).toBeGreaterThan(0);
    await expect.poll(() => alive(pid), { timeout: 5000, interval: 100 }).toBe(false);
  });

  it('says how to install nats-server when the binary is missing', async () => {
    await expect(startNatsServer({ bin: '/nonexistent/nats-server' })).rejects.toThrow(
      /apt-get install -y nats-server/,
    );
  });
});
