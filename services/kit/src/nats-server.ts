import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopWhenParentDies } from './orphan-guard.ts';

export interface NatsServerOptions {
  /** Port to listen on; omitted picks a free one. */
  port?: number;
  /** JetStream store directory; omitted uses a fresh temporary one removed on stop. */
  storeDir?: string;
  /** Extra nats-server arguments (e.g. -c <config>). */
  args?: string[];
  /** nats-server binary; default `nats-server` on PATH. */
  bin?: string;
  /** Called with every log line of the server. */
  onLog?: (line: string) => void;
  /** Own process group, so a terminal's Ctrl-C reaches only the parent, which stops it in order. */
  detached?: boolean;
  /**
   * Start it again (same port, same store) whenever it exits unasked, as a supervisor would: after
   * `superviseDelayMs` (default 1 s), again and again. Clients reconnect on their own.
   */
  supervise?: boolean;
  superviseDelayMs?: number;
  /** Told of every unasked exit and of every restart that followed (or failed). */
  onSupervise?: (
    event:
      | { type: 'exited'; code: number | null; signal: string | null }
      | { type: 'restarted' }
      | { type: 'failed'; error: Error },
  ) => void;
}

export interface NatsServer {
  url: string;
  port: number;
  pid: number;
  storeDir: string;
  /** Stop the server (SIGTERM, then SIGKILL after 5 s). Idempotent. */
  stop(): Promise<void>;
  /** Stop and start again on the same port and store, as after a crash or upgrade. */
  restart(): Promise<void>;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Whatever happens to the tests, never leave a nats-server behind.
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

function launch(
  bin: string,
  args: string[],
  onLog?: (line: string) => void,
  detached = false,
): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'], detached });
    running.add(child);
    stopWhenParentDies(child.pid);
    child.once('exit', () => running.delete(child));
    let buffered = '';
    let settled = false;
    const timer = setTimeout(() => fail(new Error(`nats-server did not start within 10 s:\n${buffered}`)), 10_000);
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(err);
    };
    child.once('error', (err) =>
      fail(new Error(`cannot run ${bin} (${err.message}); install it with: apt-get install -y nats-server`)),
    );
    child.once('exit', (code) => fail(new Error(`nats-server exited with code ${code}:\n${buffered}`)));
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) if (line && onLog) onLog(line);
      if (settled) return;
      buffered += chunk;
      const m = /Listening for client connections on [^\s]+:(\d+)/.exec(buffered);
      if (m && /Server is ready/.test(buffered)) {
        settled = true;
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]) });
      }
    });
  });
}

function waitExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Start a real nats-server with JetStream on 127.0.0.1. Tests start one per file and stop it in
 * `afterAll`; an exit hook kills any that are left when the process ends.
 */
export async function startNatsServer(opts: NatsServerOptions = {}): Promise<NatsServer> {
  installExitHook();
  const bin = opts.bin ?? 'nats-server';
  const ownStore = opts.storeDir === undefined;
  const storeDir = opts.storeDir ?? mkdtempSync(join(tmpdir(), 'tessera-nats-'));
  const argsFor = (port: number) => [
    '-a',
    '127.0.0.1',
    '-p',
    String(port),
    '-js',
    '-sd',
    storeDir,
    ...(opts.args ?? []),
  ];
  let { child, port } = await launch(bin, argsFor(opts.port ?? -1), opts.onLog, opts.detached);
  let stopped = false;
  /** Set while stop() or restart() ends the child: that exit is asked for. */
  let ending = false;
  const relaunch = async (): Promise<void> => {
    try {
      ({ child, port } = await launch(bin, argsFor(port), opts.onLog, opts.detached));
      watch();
      opts.onSupervise?.({ type: 'restarted' });
    } catch (err) {
      opts.onSupervise?.({ type: 'failed', error: err as Error });
      if (!stopped) setTimeout(() => void relaunch(), opts.superviseDelayMs ?? 1000);
    }
  };
  /** Supervision: an exit nobody asked for starts the server again on the same port and store. */
  function watch() {
    if (!opts.supervise) return;
    const mine = child;
    mine.once('exit', (code, signal) => {
      if (ending || stopped || mine !== child) return;
      opts.onSupervise?.({ type: 'exited', code, signal });
      setTimeout(() => !stopped && mine === child && void relaunch(), opts.superviseDelayMs ?? 1000);
    });
  }
  watch();
  const server: NatsServer = {
    get url() {
      return `nats://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    get pid() {
      return child.pid ?? -1;
    },
    storeDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      ending = true;
      await waitExit(child);
      if (ownStore) rmSync(storeDir, { recursive: true, force: true });
    },
    async restart() {
      ending = true;
      try {
        await waitExit(child);
        ({ child, port } = await launch(bin, argsFor(port), opts.onLog, opts.detached));
      } finally {
        ending = false;
      }
      watch();
    },
  };
  return server;
}
