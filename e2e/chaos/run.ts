/**
 * A chaos run: the real stack as `./tessera up` starts it (supervised), the demo at a raised time
 * scale, people working through the gateway (clients.ts), and one process after another killed
 * with SIGKILL in a seeded random order at seeded random moments. After the last kill the run waits
 * for the stack to settle and checks what must hold (invariants.ts) against the stack's own state:
 * the authority's requests through the gateway, the audit chain, `./tessera audit verify`.
 *
 * Only processes this run started are killed, by their process id.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { chromium, type Browser, type Page } from '@playwright/test';
import { freePort } from '@tessera/service-kit';
import { AUDIT_PUBLIC_KEY_NAME, readAuditStream } from '@tessera/service-kit/audit';
import { ROOT, startStack, type ServiceName, type Stack } from '../../scripts/stack.ts';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { twinControl } from '../support/twin.ts';
import {
  autonomyToggle,
  checkLiaison,
  Commander,
  gql,
  Liaison,
  login,
  Watcher,
  wcsToggle,
  type Ask,
  type Endpoint,
  type TrackItem,
} from './clients.ts';
import {
  checkBatchSequence,
  checkDecisions,
  checkExecutions,
  checkRecovery,
  checkStuck,
  killOrder,
  LIMITS,
  resumeTimes,
  seededRandom,
  type AuditEntry,
  type FinalRequest,
  type Kill,
  type ProcessKind,
} from './invariants.ts';

export interface ChaosOptions {
  /** How many processes to kill (every kind once per round of 7). */
  kills: number;
  seed: number;
  /** Scenario time per wall-clock second. */
  timeScale: number;
  /** Also follow a watch officer's page in headless Chromium through gateway kills. */
  browser: boolean;
  /** Pause between a process being back and the next kill, drawn from [min, max] ms. */
  pauseMs: [number, number];
  /** Progress lines. */
  log: (line: string) => void;
}

export interface ChaosReport {
  seed: number;
  durationS: number;
  kills: Kill[];
  resume: ReturnType<typeof resumeTimes>;
  decisions: { ok: number; refused: number; unknown: number; verified: number };
  requests: number;
  executions: number;
  liaisonEdits: number;
  auditRecords: number;
  auditVerify: string;
  streamReconnections: number;
  violations: string[];
  /** Where the stack's output was written. */
  logFile: string;
}

const WATCHERS = ['pol-watch', 'ukr-watch', 'ltu-watch'];
/** UKR's commander decides the interceptors' engagements; POL's and LTU's also ask for changes of their own. */
const COMMANDERS: [string, string, Ask[]][] = [
  ['pol-cmdr', 'POL', wcsToggle('pol-north', 'HOLD', 'TIGHT')],
  ['ukr-cmdr', 'UKR', []],
  ['ltu-cmdr', 'LTU', autonomyToggle('GUN', 'MANUAL', 'IN_THE_LOOP')],
];
/** How often a commander asks for a change of its own. */
const ASK_EVERY_MS = 6_000;
const LIAISONS: [string, string, { lat: number; lon: number }][] = [
  ['pol-liaison', 'POL', { lat: 50.9, lon: 22.9 }],
  ['ukr-liaison', 'UKR', { lat: 50.3, lon: 25.0 }],
];
const SERVICE_OF: Record<Exclude<ProcessKind, 'nats-server'>, ServiceName> = {
  gateway: 'gateway',
  authority: 'authority',
  interceptor: 'interceptor',
  detector: 'detector',
  twin: 'twin',
  deconfliction: 'deconfliction',
};
const HEALTH_SERVICES = ['twin', 'detector', 'authority', 'deconfliction', 'interceptor'] as const;
/** After its deadline the authority's watch expires a request on its next tick; a restart adds its start. */
const STUCK_GRACE_MS = 15_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll until `check` holds; the bound only ends a wait that would otherwise hang. */
async function until(what: string, check: () => Promise<boolean> | boolean, boundMs = 60_000, everyMs = 50) {
  const end = Date.now() + boundMs;
  for (;;) {
    if (await Promise.resolve(check()).catch(() => false)) return Date.now();
    if (Date.now() > end) throw new Error(`${what}: not within ${boundMs / 1000} s`);
    await sleep(everyMs);
  }
}

const ready = async (url: string) => (await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok;

export async function runChaos(opts: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now();
  const random = seededRandom(opts.seed);
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-chaos-'));
  const logFile = join(tmpdir(), `tessera-chaos-${opts.seed}-${started}.log`);
  const logLines: string[] = [];
  /** Each service's health port, and when its current process said so. */
  const health = new Map<string, { port: number; at: number }>();
  const [gatewayPort, webPort] = [await freePort(), await freePort()];
  opts.log(`seed ${opts.seed}, ${opts.kills} kills, time scale ${opts.timeScale}, data in ${dataDir}`);
  const stack = await startStack({
    dataDir,
    gatewayPort,
    webPort,
    web: opts.browser,
    timeScale: opts.timeScale,
    supervise: true,
    onOutput: (service, line) => {
      logLines.push(`${new Date().toISOString()} ${service.padEnd(13)}| ${line}`);
      const port = /"healthPort":(\d+)/.exec(line);
      if (port) health.set(service, { port: Number(port[1]), at: Date.now() });
    },
  });
  const end: Endpoint = { httpUrl: stack.gatewayUrl, wsUrl: stack.gatewayWsUrl };
  const gatewayReady = () => ready(`http://127.0.0.1:${gatewayPort}/readyz`);
  const serviceReady = (name: string, since = 0) => {
    const h = health.get(name);
    return h !== undefined && h.at > since && ready(`http://127.0.0.1:${h.port}/readyz`);
  };

  const watchers: Watcher[] = [];
  const commanders: Commander[] = [];
  const liaisons: Liaison[] = [];
  let browser: Browser | undefined;
  let page: Page | undefined;
  let navigations = 0;
  const kills: Kill[] = [];
  const violations: string[] = [];
  try {
    await until('every service ready', async () => {
      for (const s of HEALTH_SERVICES) if (!(await serviceReady(s))) return false;
      return true;
    });
    for (const u of WATCHERS) watchers.push(new Watcher(u, end, await login(end, u)));
    for (const [u, n, asks] of COMMANDERS) commanders.push(new Commander(u, n, end, await login(end, u), random, asks));
    commanders.forEach((c) => c.startAsking(ASK_EVERY_MS));
    for (const [u, n, at] of LIAISONS) liaisons.push(new Liaison(u, n, end, await login(end, u), at));
    liaisons.forEach((l) => l.start());
    await until('every watcher has a picture', () => watchers.every((w) => w.tracks.items.size > 0), 120_000);
    if (opts.browser) {
      browser = await chromium.launch({
        executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
        args: CHROMIUM_ARGS,
      });
      page = await openPage(browser, stack.webUrl!, 'pol-watch');
      page.on('framenavigated', (f) => {
        if (f === page!.mainFrame()) navigations++;
      });
    }
    opts.log(
      `stack up in ${((Date.now() - started) / 1000).toFixed(0)} s; ${watchers.length} watch officers, ${commanders.length} commanders, ${liaisons.length} liaisons working`,
    );

    for (const kind of killOrder(opts.kills, random)) {
      const [lo, hi] = opts.pauseMs;
      await sleep(lo + random() * (hi - lo));
      const kill = await killOne(kind);
      kills.push(kill);
      const back = kill.backAt === undefined ? 'NOT BACK' : `back in ${kill.backAt - kill.at} ms`;
      const streams = kill.streamsBackAt && kill.backAt ? `, streams +${kill.streamsBackAt - kill.backAt} ms` : '';
      const pageBack = kill.pageBackAt && kill.backAt ? `, page +${kill.pageBackAt - kill.backAt} ms` : '';
      opts.log(`kill ${kills.length}/${opts.kills}: ${kind} (pid ${kill.pid}) ${back}${streams}${pageBack}`);
      if (kill.backAt === undefined) break;
    }

    // Settle: everyone back, and every request past its deadline given its final state.
    opts.log('kills done; waiting for the stack to settle');
    await until('the gateway ready', gatewayReady, 60_000);
    for (const c of commanders) await c.close();
    for (const l of liaisons) await l.stop();
    let finals: FinalRequest[] = [];
    const stuckBound = Date.now() + 120_000;
    for (;;) {
      finals = await finalRequests(end);
      const stuck = checkStuck(finals, Date.now(), STUCK_GRACE_MS);
      if (stuck.length === 0) break;
      if (Date.now() > stuckBound) {
        violations.push(...stuck);
        break;
      }
      await sleep(500);
    }

    // Freeze the picture, then every watcher's must equal a fresh snapshot (no ghosts, nothing missing).
    await twinControl(stack, { command: 'pause' });
    for (const w of watchers) {
      const fresh = new Watcher(w.username, end, await login(end, w.username));
      try {
        await until(`${w.username}'s fresh snapshot`, () => fresh.tracks.snapshotsAt.length > 0, 30_000);
        const same = () => pictureKey(w.tracks.items) === pictureKey(fresh.tracks.items);
        await until(`${w.username}'s picture equals a fresh snapshot`, same, 30_000).catch(() => {
          violations.push(
            `${w.username}'s picture (${w.tracks.items.size} tracks) differs from a fresh snapshot (${fresh.tracks.items.size}): ${diff(w.tracks.items, fresh.tracks.items)}`,
          );
        });
      } finally {
        await fresh.close();
      }
    }
    if (page) {
      const ids = await pageIds(page);
      const fresh = await gql<{ tracks: { id: string }[] }>(
        end,
        '{ tracks { id } }',
        {},
        await login(end, 'pol-watch'),
      );
      const want = (fresh.data?.tracks ?? [])
        .map((t) => t.id)
        .sort()
        .join();
      await until(
        'the page shows the gateway picture',
        async () => (await pageIds(page!)).join() === want,
        30_000,
      ).catch(() => violations.push(`the page's picture (${ids.length} tracks) differs from the gateway's`));
      if (navigations > 0)
        violations.push(`the page navigated ${navigations} times during the run (it must recover without a reload)`);
    }

    const streamsOf = [...watchers.map((w) => w.tracks), ...commanders.map((c) => c.requests)];
    let reconnections = 0;
    for (const s of streamsOf) {
      s.connections.forEach((batches, i) => {
        if (batches.length > 0) violations.push(...checkBatchSequence(`${s.name} connection ${i + 1}`, batches));
      });
      reconnections += Math.max(0, s.connections.length - 1);
    }

    const audit = await readAudit(stack);
    const attempts = commanders.flatMap((c) => c.attempts);
    violations.push(...checkDecisions(attempts, audit, finals));
    violations.push(...checkExecutions(audit));
    violations.push(...checkRecovery(kills, LIMITS, opts.browser));
    for (const l of liaisons) violations.push(...checkLiaison(l, await l.current()));
    const verify = auditVerify(stack, dataDir);
    if (!verify.ok) violations.push(`./tessera audit verify: ${verify.output}`);

    const confirmed = attempts.filter((a) => a.outcome === 'ok');
    return {
      seed: opts.seed,
      durationS: Math.round((Date.now() - started) / 1000),
      kills,
      resume: resumeTimes(kills),
      decisions: {
        ok: confirmed.length,
        refused: attempts.filter((a) => a.outcome === 'refused').length,
        unknown: attempts.filter((a) => a.outcome === 'unknown').length,
        verified: confirmed.filter((a) => checkDecisions([a], audit, finals).length === 0).length,
      },
      requests: finals.length,
      executions: audit.filter((r) => r.action === 'ENGAGEMENT_EXECUTING').length,
      liaisonEdits: liaisons.flatMap((l) => l.edits).filter((e) => e.outcome === 'ok').length,
      auditRecords: audit.length,
      auditVerify: verify.output,
      streamReconnections: reconnections,
      violations,
      logFile,
    };
  } finally {
    writeFileSync(logFile, logLines.join('\n') + '\n');
    for (const c of commanders) await c.close().catch(() => undefined);
    for (const l of liaisons) await l.stop().catch(() => undefined);
    for (const w of watchers) await w.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }

  /** SIGKILL one process and wait for it to be back, measuring what followed. */
  async function killOne(kind: ProcessKind): Promise<Kill> {
    const pid = kind === 'nats-server' ? stack.nats!.pid : stack.pid(SERVICE_OF[kind]);
    if (!pid) throw new Error(`${kind} is not running`);
    const pageStatesBefore = page ? await pageLinkStates(page) : 0;
    const at = Date.now();
    process.kill(pid, 'SIGKILL');
    const kill: Kill = { kind, pid, at };
    try {
      if (kind === 'nats-server') {
        // Back: a new server, and every service and the gateway connected to it again.
        kill.backAt = await until(
          'nats-server and everyone reconnected',
          async () => {
            if (stack.nats!.pid === pid) return false;
            const nc = await connect({
              servers: stack.natsUrl,
              ...stack.natsOperator,
              reconnect: false,
              timeout: 1000,
            });
            await nc.close();
            for (const s of HEALTH_SERVICES) if (!(await serviceReady(s))) return false;
            return gatewayReady();
          },
          LIMITS.backWithinMs,
        );
      } else if (kind === 'gateway') {
        kill.backAt = await until(
          'gateway back',
          async () => stack.pid('gateway') !== undefined && stack.pid('gateway') !== pid && gatewayReady(),
          LIMITS.backWithinMs,
        );
        const streams = [...watchers.map((w) => w.tracks), ...commanders.map((c) => c.requests)];
        const snapshotAfter = (s: (typeof streams)[number]) => s.snapshotsAt.find((t) => t > at);
        await until(
          'every live stream has a new snapshot',
          () => streams.every((s) => snapshotAfter(s) !== undefined),
          30_000,
        );
        kill.streamsBackAt = Math.max(...streams.map((s) => snapshotAfter(s)!));
        if (page) {
          const live = await until(
            'the page live again',
            async () => (await pageLiveSince(page!, at, pageStatesBefore)) !== undefined,
            30_000,
            100,
          );
          kill.pageBackAt = (await pageLiveSince(page, at, pageStatesBefore)) ?? live;
          await until('the page shows a picture', async () => (await pageIds(page!)).length > 0, 30_000, 100);
        }
      } else {
        const name = SERVICE_OF[kind];
        kill.backAt = await until(
          `${kind} back`,
          async () => stack.pid(name) !== undefined && stack.pid(name) !== pid && serviceReady(name, at),
          LIMITS.backWithinMs,
        );
      }
    } catch (err) {
      opts.log(`  ${(err as Error).message}`);
    }
    return kill;
  }
}

const pictureKey = (items: Map<string, TrackItem>) =>
  [...items.values()]
    .map((t) => `${t.id}@${t.updatedAt}`)
    .sort()
    .join();

function diff(have: Map<string, TrackItem>, want: Map<string, TrackItem>): string {
  const ghosts = [...have.keys()].filter((id) => !want.has(id));
  const missing = [...want.keys()].filter((id) => !have.has(id));
  const stale = [...want.values()].filter((t) => have.has(t.id) && have.get(t.id)!.updatedAt !== t.updatedAt);
  return `ghosts [${ghosts.join(', ')}], missing [${missing.join(', ')}], stale [${stale.map((t) => t.id).join(', ')}]`;
}

/** Every request the authority holds, as the commanders of the three nations see them (merged by id). */
async function finalRequests(end: Endpoint): Promise<FinalRequest[]> {
  const byId = new Map<string, FinalRequest>();
  for (const [u] of COMMANDERS) {
    const r = await gql<{ authorizationRequests: FinalRequest[] }>(
      end,
      '{ authorizationRequests(includeFinal: true) { id state engagementState deadline decisions { decision by { username } } } }',
      {},
      await login(end, u),
    );
    if (!r.data) throw new Error(`${u} cannot read the requests: ${JSON.stringify(r.errors)}`);
    for (const f of r.data.authorizationRequests) byId.set(f.id, f);
  }
  return [...byId.values()];
}

/** The whole audit chain, read as the operator. */
async function readAudit(stack: Stack): Promise<AuditEntry[]> {
  const nc = await connect({ servers: stack.natsUrl, ...stack.natsOperator });
  try {
    const out: AuditEntry[] = [];
    for await (const r of readAuditStream(nc)) out.push(r as AuditEntry);
    return out;
  } finally {
    await nc.close();
  }
}

/** `./tessera audit verify` against this run's stack and keys. */
function auditVerify(stack: Stack, dataDir: string): { ok: boolean; output: string } {
  const res = spawnSync(process.execPath, [join(ROOT, 'scripts/audit.ts'), 'verify'], {
    env: {
      ...process.env,
      NATS_URL: stack.natsUrl,
      NATS_USER: stack.natsOperator!.user,
      NATS_PASS: stack.natsOperator!.pass,
      AUDIT_PUBLIC_KEY_FILE: join(dataDir, 'secrets', AUDIT_PUBLIC_KEY_NAME),
      TESSERA_DATA_DIR: dataDir,
    },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { ok: res.status === 0, output: `${res.stdout}${res.stderr}`.trim() };
}

/** A watch officer's COP in a fresh context; records the connection indicator's states with times. */
async function openPage(browser: Browser, webUrl: string, username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  await context.addInitScript(() => localStorage.setItem('tessera.settings', JSON.stringify({ lite: true })));
  const page = await context.newPage();
  await page.goto(`${webUrl}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('tessera');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const status = page.getByTestId('connection-status');
  await status.waitFor({ timeout: 120_000 });
  await page.waitForFunction(
    () => document.querySelector('[data-testid="connection-status"]')?.getAttribute('data-state') === 'live',
    undefined,
    { timeout: 120_000 },
  );
  await status.evaluate((el) => {
    const seen: { state: string; at: number }[] = [];
    (window as unknown as { __chaosLink: typeof seen }).__chaosLink = seen;
    new MutationObserver(() => seen.push({ state: el.getAttribute('data-state') ?? '', at: Date.now() })).observe(el, {
      attributes: true,
      attributeFilter: ['data-state'],
    });
  });
  return page;
}

const pageLinkStates = (page: Page) =>
  page.evaluate(() => (window as unknown as { __chaosLink: unknown[] }).__chaosLink.length);

/** When the page went live again after losing the gateway (a state other than live seen after `since`). */
async function pageLiveSince(page: Page, since: number, from: number): Promise<number | undefined> {
  const states = await page.evaluate(
    () => (window as unknown as { __chaosLink: { state: string; at: number }[] }).__chaosLink,
  );
  const after = states.slice(from);
  const lost = after.findIndex((s) => s.state !== 'live' && s.at >= since - 1000);
  if (lost < 0) return undefined;
  return after.slice(lost).find((s) => s.state === 'live')?.at;
}

const pageIds = (page: Page) =>
  page
    .evaluate(() => (window as unknown as { __tessera?: { trackIds(): string[] } }).__tessera?.trackIds() ?? [])
    .then((ids) => [...ids].sort());
