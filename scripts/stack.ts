/**
 * Starts the whole Tessera stack as `./tessera up` runs it: nats-server (unless NATS_URL is given),
 * the digital twin, the services and the gateway as child processes. Used by `./tessera up` and by
 * the e2e tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import {
  DEAD_LETTER_STREAM,
  OPERATOR_PERMISSIONS,
  SERVICE_PERMISSIONS,
  fusionCentrePermissions,
  fusionCentreUser,
  interceptorAgentPermissions,
  interceptorAgentUser,
  subjects,
} from '@tessera/schema';
import { startNatsServer, type NatsServer } from '@tessera/service-kit/nats-server';
import { natsAuthConfig, stopWhenParentDies } from '@tessera/service-kit';
import {
  AUDIT_ANCHOR_PRIVATE_KEY_NAME,
  AUDIT_ANCHOR_PUBLIC_KEY_NAME,
  AUDIT_PRIVATE_KEY_NAME,
  AUDIT_PUBLIC_KEY_NAME,
  ensureAuditAnchorStream,
  ensureAuditKeyFiles,
  ensureAuditStream,
} from '@tessera/service-kit/audit';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Written by `./tessera up` while it runs: its pid and URLs. */
export const STACK_FILE = join(ROOT, '.data', 'stack.json');

export interface StackOptions {
  /** Folder for NATS data and generated secrets (default: <repo>/.data). */
  dataDir?: string;
  /** Use this NATS server instead of starting one. */
  natsUrl?: string;
  /** Port of the embedded nats-server (0 = any free port). */
  natsPort?: number;
  gatewayPort?: number;
  /** Port of the web app (default 3000); the web app runs when it has been built. */
  webPort?: number;
  web?: boolean;
  scenarioFile?: string;
  timeScale?: number;
  /** Extra environment for every service. */
  env?: Record<string, string>;
  /** Where service output goes (default: this process's stdout, prefixed). */
  onOutput?: (service: string, line: string) => void;
  /** Restart a service that exits by itself (default true). */
  supervise?: boolean;
}

export interface Stack {
  natsUrl: string;
  gatewayUrl: string;
  gatewayWsUrl: string;
  /** The web app's URL, when it runs. */
  webUrl?: string;
  /** Operator credentials for the embedded nats-server (tools, tests); absent with an external NATS_URL. */
  natsOperator?: { user: string; pass: string };
  nats?: NatsServer;
  /** Stop one service (SIGTERM) and start it again. */
  restart(service: ServiceName): Promise<void>;
  pid(service: ServiceName): number | undefined;
  stop(): Promise<void>;
}

export type ServiceName = 'twin' | 'detector' | 'authority' | 'deconfliction' | 'interceptor' | 'gateway' | 'web';

function secret(dataDir: string, name: string): string {
  const file = join(dataDir, 'secrets', name);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/**
 * The authority's Ed25519 audit signing key pair in <dataDir>/secrets (generated once, private key
 * mode 600), as the environment the authority service reads it from.
 */
export function auditKeyEnv(dataDir: string): { AUDIT_KEY_FILE: string; AUDIT_PUBLIC_KEY_FILE: string } {
  const env = {
    AUDIT_KEY_FILE: join(dataDir, 'secrets', AUDIT_PRIVATE_KEY_NAME),
    AUDIT_PUBLIC_KEY_FILE: join(dataDir, 'secrets', AUDIT_PUBLIC_KEY_NAME),
  };
  ensureAuditKeyFiles(env.AUDIT_KEY_FILE, env.AUDIT_PUBLIC_KEY_FILE);
  return env;
}

/**
 * The audit notary's Ed25519 key pair in <dataDir>/secrets (generated once like the authority's,
 * another pair), as the environment the gateway reads it from: it signs the chain's anchors.
 */
export function anchorKeyEnv(dataDir: string): {
  AUDIT_ANCHOR_KEY_FILE: string;
  AUDIT_ANCHOR_PUBLIC_KEY_FILE: string;
} {
  const env = {
    AUDIT_ANCHOR_KEY_FILE: join(dataDir, 'secrets', AUDIT_ANCHOR_PRIVATE_KEY_NAME),
    AUDIT_ANCHOR_PUBLIC_KEY_FILE: join(dataDir, 'secrets', AUDIT_ANCHOR_PUBLIC_KEY_NAME),
  };
  ensureAuditKeyFiles(env.AUDIT_ANCHOR_KEY_FILE, env.AUDIT_ANCHOR_PUBLIC_KEY_FILE);
  return env;
}

/** The nations a scenario file lists (the twin validates the whole file; this only needs the codes). */
function scenarioNations(file: string): string[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { nations?: { code?: unknown }[] };
  return (parsed.nations ?? [])
    .map((n) => n.code)
    .filter((c): c is string => typeof c === 'string' && /^[A-Z]{3}$/.test(c));
}

async function ensureStreams(natsUrl: string, creds?: { user: string; pass: string }) {
  const nc = await connect({ servers: natsUrl, ...creds });
  try {
    const jsm = await jetstreamManager(nc);
    const existing = await jsm.streams.info(DEAD_LETTER_STREAM).catch(() => undefined);
    if (!existing) {
      await jsm.streams.add({
        name: DEAD_LETTER_STREAM,
        subjects: [subjects.allDeadLetters],
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
        max_age: 7 * 24 * 3600 * 1e9,
        max_bytes: 256 * 1024 * 1024,
      });
    }
    // The audit chain: append-only, settings shared with the authority's audit log; its anchors likewise.
    await ensureAuditStream(jsm);
    await ensureAuditAnchorStream(jsm);
  } finally {
    await nc.close();
  }
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} not ready after ${timeoutMs / 1000} s`);
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const dataDir = opts.dataDir ?? join(ROOT, '.data');
  mkdirSync(dataDir, { recursive: true });
  const out = opts.onOutput ?? ((service, line) => process.stdout.write(`${service.padEnd(8)}| ${line}\n`));
  const supervise = opts.supervise ?? true;

  let nats: NatsServer | undefined;
  let natsUrl = opts.natsUrl;
  let natsOperator: { user: string; pass: string } | undefined;
  const serviceCreds: Partial<Record<string, Record<string, string>>> = {};
  if (!natsUrl) {
    // One NATS user per service with allow-listed subjects; passwords generated into .data/secrets.
    const users = Object.entries(SERVICE_PERMISSIONS).map(([user, permissions]) => ({
      user,
      password: secret(dataDir, `nats-${user}`),
      permissions,
    }));
    // Each scenario nation's fusion centre (played by the twin) publishes only its own tracks.
    const nations = scenarioNations(opts.scenarioFile ?? join(ROOT, 'services/twin/scenarios/demo.json'));
    const fusion = nations.map((n) => ({
      nation: n,
      user: fusionCentreUser(n),
      password: secret(dataDir, `nats-${fusionCentreUser(n)}`),
      permissions: fusionCentrePermissions(n),
    }));
    natsOperator = { user: 'operator', pass: secret(dataDir, 'nats-operator') };
    const config = join(dataDir, 'nats.conf');
    // Each scenario nation's interceptor agents ask the authority over their own user, for their nation only.
    const agents = nations.map((n) => ({
      nation: n,
      user: interceptorAgentUser(n),
      password: secret(dataDir, `nats-${interceptorAgentUser(n)}`),
      permissions: interceptorAgentPermissions(n),
    }));
    writeFileSync(
      config,
      natsAuthConfig([
        ...users,
        ...fusion,
        ...agents,
        { user: natsOperator.user, password: natsOperator.pass, permissions: OPERATOR_PERMISSIONS },
      ]),
      { mode: 0o600 },
    );
    for (const u of users) serviceCreds[u.user] = { NATS_USER: u.user, NATS_PASS: u.password };
    serviceCreds.interceptor = {
      ...serviceCreds.interceptor,
      NATS_AGENT_CREDENTIALS: JSON.stringify(
        Object.fromEntries(agents.map((a) => [a.nation, { user: a.user, pass: a.password }])),
      ),
    };
    serviceCreds.twin = {
      ...serviceCreds.twin,
      NATS_FUSION_CREDENTIALS: JSON.stringify(
        Object.fromEntries(fusion.map((f) => [f.nation, { user: f.user, pass: f.password }])),
      ),
    };
    nats = await startNatsServer({
      port: opts.natsPort || undefined,
      storeDir: join(dataDir, 'nats'),
      args: ['-c', config],
      onLog: (l) => out('nats', l),
      detached: true,
      // The embedded server is supervised like the services: a crash restarts it on the same port and
      // store, and every service reconnects on its own (JetStream state survives a process kill).
      supervise,
      onSupervise: (e) =>
        out(
          'stack',
          e.type === 'exited'
            ? `nats-server exited (${e.signal ?? e.code}); restarting in 1 s`
            : e.type === 'restarted'
              ? 'nats-server restarted'
              : `nats-server could not restart: ${e.error.message}; trying again in 1 s`,
        ),
    });
    natsUrl = nats.url;
  }
  await ensureStreams(natsUrl, natsOperator);
  // Generated at setup so `./tessera audit verify` has the public keys; the authority gets auditKeyEnv, the gateway anchorKeyEnv.
  auditKeyEnv(dataDir);
  anchorKeyEnv(dataDir);

  const gatewayPort = opts.gatewayPort ?? 4000;
  const webPort = opts.webPort ?? 3000;
  const webEntry = join(ROOT, 'web/build/index.js');
  const withWeb = opts.web ?? existsSync(webEntry);
  const common: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NATS_URL: natsUrl,
    ...opts.env,
  };
  const services: Partial<Record<ServiceName, { entry: string; env: Record<string, string> }>> = {
    twin: {
      entry: join(ROOT, 'services/twin/src/main.ts'),
      env: {
        ...common,
        ...serviceCreds.twin,
        HEALTH_PORT: '0',
        ...(opts.scenarioFile ? { SCENARIO_FILE: opts.scenarioFile } : {}),
        ...(opts.timeScale ? { TIME_SCALE: String(opts.timeScale) } : {}),
      },
    },
    detector: {
      entry: join(ROOT, 'services/detector/src/main.ts'),
      env: { ...common, ...serviceCreds.detector, HEALTH_PORT: '0' },
    },
    authority: {
      entry: join(ROOT, 'services/authority/src/main.ts'),
      env: { ...common, ...serviceCreds.authority, ...auditKeyEnv(dataDir), HEALTH_PORT: '0' },
    },
    // Asks the authority to audit for it (subjects.auditAppend): no audit keys of its own.
    deconfliction: {
      entry: join(ROOT, 'services/deconfliction/src/main.ts'),
      env: {
        ...common,
        ...serviceCreds.deconfliction,
        CONFLICT_ID_KEY: common.CONFLICT_ID_KEY ?? secret(dataDir, 'conflict-id-key'),
        HEALTH_PORT: '0',
      },
    },
    interceptor: {
      entry: join(ROOT, 'services/interceptor/src/main.ts'),
      env: {
        ...common,
        ...serviceCreds.interceptor,
        HEALTH_PORT: '0',
        ...(opts.timeScale ? { TIME_SCALE: String(opts.timeScale) } : {}),
      },
    },
    gateway: {
      entry: join(ROOT, 'gateway/src/main.ts'),
      env: {
        ...common,
        ...serviceCreds.gateway,
        ...anchorKeyEnv(dataDir),
        PORT: String(gatewayPort),
        JWT_SECRET: common.JWT_SECRET ?? secret(dataDir, 'gateway-jwt'),
        WEB_ORIGIN: common.WEB_ORIGIN ?? `http://localhost:${webPort},http://127.0.0.1:${webPort}`,
      },
    },
    ...(withWeb
      ? {
          web: {
            entry: webEntry,
            env: {
              ...common,
              PORT: String(webPort),
              HOST: common.WEB_HOST ?? '127.0.0.1',
              GATEWAY_PORT: String(gatewayPort),
            },
          },
        }
      : {}),
  };

  const children = new Map<ServiceName, ChildProcess>();
  let stopping = false;
  process.once('exit', () => {
    for (const child of children.values()) child.kill('SIGKILL');
  });

  function launch(name: ServiceName) {
    const { entry, env } = services[name]!;
    // Own process group: Ctrl-C reaches the launcher only, which stops services before NATS.
    const child = spawn(process.execPath, [entry], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    children.set(name, child);
    stopWhenParentDies(child.pid);
    for (const stream of [child.stdout!, child.stderr!]) {
      let rest = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop() ?? '';
        for (const l of lines) if (l) out(name, l);
      });
    }
    child.once('exit', (code, signal) => {
      if (children.get(name) !== child) return;
      children.delete(name);
      if (stopping) return;
      out('stack', `${name} exited (${signal ?? code})${supervise ? '; restarting in 1 s' : ''}`);
      if (supervise) setTimeout(() => !stopping && !children.has(name) && launch(name), 1000);
    });
  }

  function terminate(name: ServiceName): Promise<void> {
    const child = children.get(name);
    if (!child) return Promise.resolve();
    children.delete(name);
    return new Promise((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }

  const stack: Stack = {
    natsUrl,
    gatewayUrl: `http://127.0.0.1:${gatewayPort}/graphql`,
    gatewayWsUrl: `ws://127.0.0.1:${gatewayPort}/graphql`,
    ...(nats ? { nats } : {}),
    ...(withWeb ? { webUrl: `http://localhost:${webPort}` } : {}),
    ...(natsOperator ? { natsOperator } : {}),
    async restart(name) {
      await terminate(name);
      launch(name);
      if (name === 'gateway') await waitFor('gateway', gatewayReady);
      if (name === 'web') await waitFor('web', webReady);
    },
    pid: (name) => children.get(name)?.pid,
    async stop() {
      stopping = true;
      await Promise.all([...children.keys()].map(terminate));
      await nats?.stop();
    },
  };
  const gatewayReady = async () => (await fetch(`http://127.0.0.1:${gatewayPort}/readyz`)).ok;
  const webReady = async () => (await fetch(`http://127.0.0.1:${webPort}/config.json`)).ok;

  try {
    for (const name of Object.keys(services) as ServiceName[]) launch(name);
    await waitFor('gateway', gatewayReady);
    if (withWeb) await waitFor('web', webReady);
  } catch (err) {
    await stack.stop();
    throw err;
  }
  return stack;
}
