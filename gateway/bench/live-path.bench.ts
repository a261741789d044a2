// The live path, measured the way a peer would be: the same track load through three paths on the
// same machine in one run, side by side.
//   a. floor   — a plain NATS subscriber per client;
//   b. naive   — the textbook graphql-yoga + graphql-ws server (naive-peer.ts), one event per
//                message per client;
//   c. tessera — the gateway (src/main.ts) with sign-in, release, audiences and 100 ms batches.
// A load is N track updates/s (N tracks at 1 Hz, 10 slices/s, five nations' fusion centres, labels
// of several nations, some fields labelled) and M clients of five nations at two clearances. Then,
// on Tessera at 5,000 x 20: critical alerts timed while the load runs, and one client throttled to
// 64 kbit/s. Prints one table and whether each target of issue 14 is met.
//   node bench/live-path.bench.ts           full run (a few minutes; numbers for docs/benchmarks.md)
//   node bench/live-path.bench.ts --smoke   seconds, small loads (CI: the bench cannot rot)
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect } from '@nats-io/transport-node';
import { Kvm } from '@nats-io/kv';
import { ALERT_BUCKET, alertKey, subjects, type Alert, type Label, type TrackBatch } from '@tessera/schema';
import { startNatsServer } from '@tessera/service-kit/nats-server';
import { freePort } from '@tessera/service-kit';
import { hashPassword } from '../src/auth/password.ts';
import { makeTrack } from '../src/picture/test-tracks.ts';
import type { ClientsJob, ClientsReport } from './clients.ts';

const SMOKE = process.argv.includes('--smoke');
const NATIONS = ['POL', 'UKR', 'LTU', 'DEU', 'USA'] as const;
const CLEARANCES = ['SECRET', 'CONFIDENTIAL'] as const;
const PASSWORD = 'bench-password';
const LOADS: [updatesPerS: number, clients: number][] = SMOKE
  ? [[200, 4]]
  : [
      [1000, 20],
      [5000, 20],
      [10000, 50],
    ];
const WARMUP_S = SMOKE ? 1 : 3;
const MEASURE_S = SMOKE ? 2 : 10;
const CLK_TCK = 100;
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// ---- processes -------------------------------------------------------------------------------

function procStats(pid: number) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    return { ticks, rssMb: rssKb / 1024 };
  } catch {
    return { ticks: 0, rssMb: 0 };
  }
}

/** Until the process has used under 5 % of a core for a second (a saturated path drains its backlog first), at most 30 s. */
async function waitIdle(pid: number | null) {
  if (!pid) return;
  for (let i = 0; i < 30; i++) {
    const before = procStats(pid).ticks;
    await new Promise((r) => setTimeout(r, 1000));
    if (procStats(pid).ticks - before <= 0.05 * CLK_TCK) return;
  }
}

async function waitHttp(url: string) {
  for (let i = 0; i < 200; i++) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never answered`);
}

function startProcess(script: string, env: Record<string, string>, args: string[] = []): ChildProcess {
  const child = spawn(process.execPath, [script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  return child;
}

/** SIGTERM, then SIGKILL after 15 s (the gateway's own graceful stop gives up after 10 s). */
const stopProcess = async (p: ChildProcess) => {
  if (p.exitCode !== null || p.signalCode !== null) return;
  const exited = new Promise((r) => p.once('exit', r));
  p.kill('SIGTERM');
  const timer = setTimeout(() => p.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
};
// Whatever happens to this process, its children do not outlive it.
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

// ---- load --------------------------------------------------------------------------------------

const everyoneBut = (n: string) => NATIONS.filter((x) => x !== n);
const trackLabel = (nation: string, i: number): Label => ({
  policy: 'NATO',
  classification: i % 3 === 0 ? 'CONFIDENTIAL' : 'UNCLASSIFIED',
  originator: nation,
  releasableTo: everyoneBut(nation),
});

/** Publishes `updatesPerS` track updates per second (every track at 1 Hz, in 10 slices) until stopped. */
function startLoad(nc: Awaited<ReturnType<typeof connect>>, updatesPerS: number) {
  const tracks = Array.from({ length: updatesPerS }, (_, i) => ({ i, nation: NATIONS[i % NATIONS.length]! }));
  const perSlice = Math.ceil(tracks.length / 10);
  const seqs = new Map<string, number>();
  let tick = 0;
  let stopped = false;
  const t0 = Date.now();
  const loop = async () => {
    while (!stopped) {
      const slice = tracks.slice((tick % 10) * perSlice, ((tick % 10) + 1) * perSlice);
      const now = Date.now();
      for (const nation of NATIONS) {
        const seq = (seqs.get(nation) ?? 0) + 1;
        seqs.set(nation, seq);
        const batch: TrackBatch = {
          source: { nation, system: `${nation}-FUSION` },
          seq,
          publishedAt: new Date(now).toISOString(),
          upserts: slice
            .filter((t) => t.nation === nation)
            .map((t) => ({
              ...makeTrack(`${nation}-b${t.i}`, {
                originator: nation,
                at: now,
                lat: 50 + ((tick / 10) % 1),
                // Every fifth track says which sensor saw it only to its own nation's SECRET users.
                fieldLabels:
                  t.i % 5 === 0
                    ? [
                        {
                          path: 'provenance.sourceId',
                          label: { policy: 'NATO', classification: 'SECRET', originator: nation, releasableTo: [] },
                        },
                      ]
                    : [],
              }),
              label: trackLabel(nation, t.i),
            })),
          removals: [],
        };
        nc.publish(subjects.trackBatch(nation), JSON.stringify(batch));
      }
      tick++;
      await new Promise((r) => setTimeout(r, Math.max(0, t0 + tick * 100 - Date.now())));
    }
  };
  const done = loop();
  return async () => {
    stopped = true;
    await done;
  };
}

/** A critical alert every 50 ms, raised now, visible to every nation. */
function startAlerts(kv: Awaited<ReturnType<Kvm['create']>>) {
  let n = 0;
  const timer = setInterval(() => {
    const at = new Date().toISOString();
    const alert: Alert = {
      id: `bench:POL-b${n % 100}:${n}`,
      kind: 'THREAT',
      severity: 'CRITICAL',
      label: { policy: 'NATO', classification: 'UNCLASSIFIED', originator: 'POL', releasableTo: everyoneBut('POL') },
      trackId: `POL-b${n % 100}`,
      title: 'Threat to the airfield',
      defendedAssetId: null,
      impactExpectedAt: null,
      predictedImpact: null,
      anomalyKind: null,
      raisedAt: at,
      updatedAt: at,
      clearedAt: null,
      acknowledgements: [],
    };
    n++;
    void kv.put(alertKey(alert.id), JSON.stringify(alert));
  }, 50);
  return () => clearInterval(timer);
}

/** A clients process (clients.ts) running `job`; `next(type)` waits for its message of that type. */
function startClients(job: ClientsJob) {
  const child = fork(here('./clients.ts'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.add(child);
  const messages: { type: string; report?: ClientsReport }[] = [];
  child.on('message', (m: { type: string; report?: ClientsReport }) => messages.push(m));
  child.send(job);
  const next = (type: string) =>
    new Promise<{ type: string; report?: ClientsReport }>((resolve, reject) => {
      const check = () => {
        const m = messages.find((x) => x.type === type);
        if (m) return resolve(m);
        setTimeout(check, 20);
      };
      child.once('exit', (code) => code !== 0 && reject(new Error(`clients exited ${code}`)));
      check();
    });
  return { next };
}

// ---- one measurement ---------------------------------------------------------------------------

interface Row {
  path: string;
  load: string;
  offeredPerS: number;
  deliveredPerS: number;
  p50: number;
  p99: number;
  max: number;
  behind: number;
  serverCpu: number;
  serverRssMb: number;
  clientCpu: number;
  natsCpu: number;
  /** Critical alerts at a client subscribed to alerts only (own process), and at the track clients. */
  alertP50?: number;
  alertP99?: number;
  alertCount?: number;
  alertAtTrackClientsP99?: number;
  throttledClosed?: number | null;
  /** Subscribers the gateway closed with 4413 during the measurement (its /healthz). */
  closedTooSlow?: number;
  /** Server resident memory growth over the measured window. */
  rssGrowthMb: number;
}

function percentiles(compact: number[]) {
  let total = 0;
  for (let i = 1; i < compact.length; i += 2) total += compact[i]!;
  const at = (p: number) => {
    let seen = 0;
    for (let i = 0; i < compact.length; i += 2) {
      seen += compact[i + 1]!;
      if (seen >= p * total) return compact[i]!;
    }
    return NaN;
  };
  return { count: total, p50: at(0.5), p99: at(0.99), max: compact.at(-2) ?? NaN };
}

async function measure(opts: {
  path: 'floor' | 'naive' | 'tessera';
  updatesPerS: number;
  clients: number;
  url: string;
  tokens: string[];
  serverPid: number | null;
  natsPid: number;
  nc: Awaited<ReturnType<typeof connect>>;
  alertsKv?: Awaited<ReturnType<Kvm['create']>>;
  throttle?: ClientsJob['throttle'];
  measureS?: number;
  /** The gateway's /healthz, to read how many subscribers it closed for being too slow. */
  healthUrl?: string;
}): Promise<Row> {
  const closedTooSlow = async () =>
    opts.healthUrl
      ? ((await (await fetch(opts.healthUrl)).json()) as { fanout: { closedTooSlow: number } }).fanout.closedTooSlow
      : 0;
  const closedBefore = await closedTooSlow();
  const measureS = opts.measureS ?? MEASURE_S;
  const job: ClientsJob = {
    kind: opts.path === 'floor' ? 'nats' : 'graphql',
    url: opts.url,
    tokens: opts.tokens,
    warmupS: WARMUP_S,
    measureS,
    throttle: opts.throttle,
    alerts: !!opts.alertsKv,
  };
  const clients = startClients(job);
  // The critical alerts are timed at a client of their own too, in its own process.
  const alertClient = opts.alertsKv ? startClients({ ...job, tokens: [opts.tokens[0]!], alertsOnly: true }) : null;
  await clients.next('ready');
  await alertClient?.next('ready');
  const stopLoad = startLoad(opts.nc, opts.updatesPerS);
  const stopAlerts = opts.alertsKv ? startAlerts(opts.alertsKv) : () => undefined;
  await new Promise((r) => setTimeout(r, WARMUP_S * 1000));
  const server0 = opts.serverPid ? procStats(opts.serverPid) : null;
  const nats0 = procStats(opts.natsPid);
  let rss = server0?.rssMb ?? 0;
  const sampler = setInterval(() => {
    if (opts.serverPid) rss = Math.max(rss, procStats(opts.serverPid).rssMb);
  }, 250);
  await new Promise((r) => setTimeout(r, measureS * 1000));
  clearInterval(sampler);
  const cpuOf = (before: { ticks: number } | null, pid: number | null) =>
    before && pid ? (procStats(pid).ticks - before.ticks) / CLK_TCK / measureS : 0;
  const serverCpu = cpuOf(server0, opts.serverPid);
  const natsCpu = cpuOf(nats0, opts.natsPid);
  const { report } = (await clients.next('report')) as { report: ClientsReport };
  const alertReport = alertClient ? ((await alertClient.next('report')).report as ClientsReport) : null;
  const clientCpu = report.cpuMs / 1000 / measureS;
  stopAlerts();
  await stopLoad();
  const closedSlow = (await closedTooSlow()) - closedBefore;
  const unthrottled = report.perClient.filter((_, i) => i !== opts.throttle?.index);
  const lat = percentiles(report.latency);
  const alerts = alertReport ? percentiles(alertReport.alertLatency) : null;
  const alertsAtTrackClients = percentiles(report.alertLatency);
  return {
    path: opts.path,
    load: `${opts.updatesPerS.toLocaleString('en')} x ${opts.clients}`,
    offeredPerS: opts.updatesPerS * unthrottled.length,
    deliveredPerS: unthrottled.reduce((a, b) => a + b, 0) / measureS,
    p50: lat.p50,
    p99: lat.p99,
    max: lat.max,
    behind: unthrottled.filter((n) => n < 0.9 * opts.updatesPerS * measureS).length,
    serverCpu,
    serverRssMb: rss,
    rssGrowthMb: server0 ? rss - server0.rssMb : 0,
    clientCpu,
    natsCpu,
    ...(alerts
      ? {
          alertP50: alerts.p50,
          alertP99: alerts.p99,
          alertCount: alerts.count,
          alertAtTrackClientsP99: alertsAtTrackClients.p99,
        }
      : {}),
    ...(opts.throttle ? { throttledClosed: report.throttledClosed?.code ?? null, closedTooSlow: closedSlow } : {}),
  };
}

// ---- the run -----------------------------------------------------------------------------------

const nats = await startNatsServer();
const nc = await connect({ servers: nats.url });
const dir = mkdtempSync(join(tmpdir(), 'tessera-bench-'));
const loadBefore = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
let loadAfter = '';
const procs: ChildProcess[] = [];
try {
  const alertsKv = await new Kvm(nc).create(ALERT_BUCKET, { history: 1 });
  const passwordHash = await hashPassword(PASSWORD);
  const users = NATIONS.flatMap((nation) =>
    CLEARANCES.map((clearance) => ({
      username: `${nation.toLowerCase()}-watch-${clearance[0]!.toLowerCase()}`,
      displayName: `${nation} watch (${clearance})`,
      nation,
      roles: ['WATCH_OFFICER'],
      clearance,
      passwordHash,
    })),
  );
  const usersFile = join(dir, 'users.json');
  writeFileSync(usersFile, JSON.stringify({ users }));

  const gatewayPort = await freePort();
  const gateway = startProcess(here('../src/main.ts'), {
    NATS_URL: nats.url,
    PORT: String(gatewayPort),
    JWT_SECRET: randomBytes(32).toString('hex'),
    USERS_FILE: usersFile,
    LOG_LEVEL: 'warn',
    BATCH_INTERVAL_MS: '100',
  });
  procs.push(gateway);
  const naivePort = await freePort();
  const naive = startProcess(here('./naive-peer.ts'), {}, [nats.url, String(naivePort)]);
  procs.push(naive);
  await waitHttp(`http://127.0.0.1:${gatewayPort}/readyz`);
  await new Promise<void>((resolve) => naive.stdout!.once('data', () => resolve()));

  const tokenOf = new Map<string, string>();
  for (const u of users) {
    const res = await fetch(`http://127.0.0.1:${gatewayPort}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
        variables: { u: u.username, p: PASSWORD },
      }),
    });
    tokenOf.set(u.username, ((await res.json()) as { data: { login: { token: string } } }).data.login.token);
  }
  /** Clients spread over the five nations and both clearances: ten audiences. */
  const tokens = (m: number) => Array.from({ length: m }, (_, i) => [...tokenOf.values()][i % users.length]!);

  const rows: Row[] = [];
  const common = { nc, natsPid: nats.pid };
  const pathsAt = (clients: number) => [
    { path: 'floor' as const, url: nats.url, tokens: tokens(clients).map(() => ''), serverPid: null },
    {
      path: 'naive' as const,
      url: `ws://127.0.0.1:${naivePort}/graphql`,
      tokens: tokens(clients).map(() => ''),
      serverPid: naive.pid!,
    },
    {
      path: 'tessera' as const,
      url: `ws://127.0.0.1:${gatewayPort}/graphql`,
      tokens: tokens(clients),
      serverPid: gateway.pid!,
    },
  ];
  const run = async (row: () => Promise<Row>, name?: string) => {
    // Whatever a saturated path still has to drain must not run into the next measurement.
    await Promise.all([waitIdle(naive.pid!), waitIdle(gateway.pid!), waitIdle(nats.pid)]);
    const r = await row();
    if (name) r.path = name;
    rows.push(r);
    console.error(`measured ${r.path} ${r.load}`);
  };
  // Tessera under the middle load: critical alerts timed, then a pair measured back to back, the
  // second with one client throttled to 64 kbit/s (before the largest load, whose heap would stay).
  const [midLoad, midClients] = SMOKE ? LOADS[0]! : [5000, 20];
  const tesseraMid = {
    ...common,
    ...pathsAt(midClients)[2]!,
    updatesPerS: midLoad,
    clients: midClients,
  };
  for (const [updatesPerS, clients] of LOADS) {
    for (const p of pathsAt(clients)) await run(() => measure({ ...common, ...p, updatesPerS, clients }));
    if (updatesPerS !== midLoad || clients !== midClients) continue;
    await run(() => measure({ ...tesseraMid, alertsKv }), 'tessera + critical alerts');
    const pairS = SMOKE ? MEASURE_S : 20;
    await run(() => measure({ ...tesseraMid, measureS: pairS }), 'tessera, pair: all clients read');
    await run(
      () =>
        measure({
          ...tesseraMid,
          measureS: pairS,
          throttle: { index: 0, bytesPerS: 8000 },
          healthUrl: `http://127.0.0.1:${gatewayPort}/healthz`,
        }),
      'tessera, pair: 1 client at 64 kbit/s',
    );
  }
  loadAfter = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  printTable(rows);
} finally {
  await Promise.all(procs.map(stopProcess));
  await nc.close();
  await nats.stop();
  rmSync(dir, { recursive: true, force: true });
}

function printTable(rows: Row[]) {
  const ms = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? `${n.toLocaleString('en')} ms` : '-');
  const pct = (n: number) => `${Math.round(n * 100)} %`;
  const cpuPerUpdate = (r: Row) => {
    const cpu = r.path === 'floor' ? r.natsCpu : r.serverCpu;
    return r.deliveredPerS > 0 ? (cpu * 1e6) / r.deliveredPerS : NaN;
  };
  console.log(
    `\nlive path, ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${WARMUP_S} s warm-up + ${MEASURE_S} s measured ` +
      `(pairs 20 s); load average before ${loadBefore}, after ${loadAfter}\n`,
  );
  console.log(
    '| load (updates/s x clients) | path | delivered/s | of offered | p50 | p99 | max | clients behind | server CPU | server CPU per update | server RSS (growth) | clients CPU | nats-server CPU |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const server = r.path === 'floor';
    console.log(
      `| ${r.load} | ${r.path} | ${Math.round(r.deliveredPerS).toLocaleString('en')} | ${pct(r.deliveredPerS / r.offeredPerS)} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.behind} | ${server ? '-' : pct(r.serverCpu)} | ${cpuPerUpdate(r).toFixed(1)} µs${server ? ' (nats-server)' : ''} | ${server ? '-' : `${Math.round(r.serverRssMb)} MB (+${Math.round(r.rssGrowthMb)})`} | ${pct(r.clientCpu)} | ${pct(r.natsCpu)} |`,
    );
  }
  const find = (load: string, path: string) => rows.find((r) => r.load === load && r.path === path)!;
  const loadName = ([u, c]: [number, number]) => `${u.toLocaleString('en')} x ${c}`;
  console.log('\nratios (same load): tessera / floor and tessera / naive');
  for (const l of LOADS) {
    const [a, b, c] = ['floor', 'naive', 'tessera'].map((p) => find(loadName(l), p)) as [Row, Row, Row];
    const saturated = (r: Row) =>
      r.deliveredPerS < 0.95 * r.offeredPerS || r.p99 > 1000
        ? `saturated by ${r.clientCpu >= 0.85 ? 'client CPU' : r.serverCpu >= 0.85 ? 'server CPU' : r.serverCpu + r.clientCpu + r.natsCpu >= 1.8 ? 'both cores' : 'socket / scheduling'}`
        : 'keeps up';
    console.log(
      `- ${loadName(l)}: delivered c/a ${(c.deliveredPerS / a.deliveredPerS).toFixed(2)}, c/b ${(c.deliveredPerS / b.deliveredPerS).toFixed(2)}; ` +
        `server CPU per delivered update b/c ${(cpuPerUpdate(b) / cpuPerUpdate(c)).toFixed(1)}x; ` +
        `floor ${saturated(a)}, naive ${saturated(b)}, tessera ${saturated(c)}`,
    );
  }
  console.log('\ntargets (issue 14)');
  const check = (ok: boolean, what: string) => console.log(`- [${ok ? 'met' : 'NOT met'}] ${what}`);
  for (const l of LOADS) {
    const [a, c] = [find(loadName(l), 'floor'), find(loadName(l), 'tessera')];
    if (a.p99 <= 150)
      check(
        c.deliveredPerS >= 0.9 * a.deliveredPerS && c.p99 <= 150 && c.behind === 0 && c.serverCpu <= 1,
        `${loadName(l)}: floor p99 ${a.p99} ms <= 150 ms, so tessera delivers >= 0.9x the floor (${(c.deliveredPerS / a.deliveredPerS).toFixed(2)}x) with p99 <= 150 ms (${c.p99} ms), no client behind (${c.behind}), gateway <= 1 core (${pct(c.serverCpu)})`,
      );
    else console.log(`- [n/a] ${loadName(l)}: the floor's own p99 is ${a.p99} ms (> 150 ms): no absolute target here`);
  }
  const mid = SMOKE ? loadName(LOADS[0]!) : '5,000 x 20';
  const [a, b, c] = ['floor', 'naive', 'tessera'].map((p) => find(mid, p)) as [Row, Row, Row];
  if (!SMOKE)
    check(
      c.deliveredPerS >= 5 * b.deliveredPerS && c.p99 <= Math.max(150, 1.5 * a.p99),
      `${mid}: tessera >= 5x naive's delivered rate (${(c.deliveredPerS / b.deliveredPerS).toFixed(2)}x; tessera delivers ${pct(c.deliveredPerS / c.offeredPerS)} of what is offered, naive ${pct(b.deliveredPerS / b.offeredPerS)}, so 5x is above the offered load) with p99 <= max(150, 1.5x floor) = ${Math.max(150, 1.5 * a.p99)} ms (${c.p99} ms); per delivered update naive spends ${(cpuPerUpdate(b) / cpuPerUpdate(c)).toFixed(1)}x tessera's server CPU`,
    );
  const [base, slow] = [
    find(mid, 'tessera, pair: all clients read'),
    find(mid, 'tessera, pair: 1 client at 64 kbit/s'),
  ];
  check(
    slow.p99 <= 1.1 * base.p99 && slow.rssGrowthMb - Math.max(0, base.rssGrowthMb) <= 50,
    `${mid}, one client at 64 kbit/s: the others' p99 ${slow.p99} ms vs ${base.p99} ms in the same run without it (<= +10 %); gateway RSS growth over the window +${Math.round(slow.rssGrowthMb)} MB vs +${Math.round(base.rssGrowthMb)} MB (<= +50 MB); the gateway closed ${slow.closedTooSlow ?? 0} subscriber(s) with 4413 (too slow) during the window; the slow client ${slow.throttledClosed ? `saw close ${slow.throttledClosed}` : 'had not yet read that far (its close frame waits behind the buffered bytes at 64 kbit/s)'}`,
  );
  const crit = find(mid, 'tessera + critical alerts');
  check(
    (crit.alertP99 ?? Infinity) <= 25,
    `${mid}, critical alerts at a subscribed client: p50 ${ms(crit.alertP50)}, p99 ${ms(crit.alertP99)} over ${crit.alertCount} (<= 25 ms); at the track clients, busy parsing the track load in one process: p99 ${ms(crit.alertAtTrackClientsP99)}`,
  );
}
