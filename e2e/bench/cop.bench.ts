// COP rendering benchmark: with 1,000, 5,000 and 10,000 tracks updating at 1 Hz in headless Chromium
// (software WebGL, lite rendering): the main-thread time of the globe's drawing code per frame (the
// page's frame statistics), frames per second, the page's JavaScript heap, and the time from a NATS
// publish to the symbol moving on screen. The real stack runs (nats-server, gateway, web); this
// process publishes the tracks. BENCH_PROFILE=1 adds a CDP CPU profile of 5 s per size (the functions
// the page spends its time in, and all JavaScript per frame). BENCH_WEB_ENTRY=<build>/index.js serves
// another build of the web app (a before/after comparison).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { connect } from '@nats-io/transport-node';
import { subjects, type Track, type TrackBatch } from '@tessera/schema';
import { startStack } from '../../scripts/stack.ts';
import { freePort } from '@tessera/service-kit';
import { CHROMIUM_ARGS } from '../playwright.config.ts';

const COUNTS = (process.env.BENCH_COUNTS ?? '1000,5000,10000').split(',').map(Number);
const FPS_SECONDS = 10;
const PROBES = Number(process.env.BENCH_PROBES ?? 30);

interface FrameStats {
  frames: number;
  meanMs: number;
  p95Ms: number;
  maxMs: number;
  applyMsPerFrame: number;
  seconds: number;
  lagMs: number;
}
/** The page's frame statistics since the last reset (`reset`: start a new window); null in a build without them. */
const frameStats = (page: Page, reset: boolean) =>
  page.evaluate(
    (r) =>
      (window as unknown as { __tessera: { frameStats?(reset: boolean): FrameStats } }).__tessera.frameStats?.(r) ??
      null,
    reset,
  );

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}
/**
 * BENCH_TRACE=1: a Chrome trace of 5 s, and what the page's main thread (CrRendererMain) spent it on,
 * by trace event, self time (what a CPU profile shows only as "(program)": style, layout, paint,
 * GPU calls, parsing messages).
 */
async function traceMainThread(page: Page): Promise<string> {
  const browser = page.context().browser()!;
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'gpu', 'toplevel'],
  });
  await page.waitForTimeout(5000);
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
  const mains = traceEvents.filter(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  );
  const byThread = mains.map((m) => traceEvents.filter((e) => e.pid === m.pid && e.tid === m.tid && e.ph === 'X'));
  const events = byThread.sort((a, b) => b.length - a.length)[0] ?? [];
  events.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const self = new Map<string, number>();
  const stack: { end: number; name: string }[] = [];
  let busy = 0;
  for (const e of events) {
    const dur = e.dur ?? 0;
    while (stack.length && stack[stack.length - 1]!.end <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - dur);
    else busy += dur;
    self.set(e.name, (self.get(e.name) ?? 0) + dur);
    stack.push({ end: e.ts + dur, name: e.name });
  }
  return [
    `main thread busy ${(busy / 1000).toFixed(0)} ms of 5,000 ms; self time by trace event:`,
    ...[...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 18)
      .map(([k, v]) => `${(v / 1000).toFixed(0).padStart(6)} ms ${k}`),
  ].join('\n');
}

const pct = (v: number[], p: number) =>
  [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.floor((p / 100) * v.length))]!;

function track(id: string, lat: number, lon: number, nowMs: number, speedMps: number, courseDeg: number): Track {
  const at = new Date(nowMs).toISOString();
  return {
    id,
    label: { policy: 'NATO', classification: 'UNCLASSIFIED', originator: 'POL', releasableTo: [] },
    provenance: { nation: 'POL', system: 'BENCH', sourceId: 'bench', observedAt: at, publishedAt: at },
    kind: 'UAS',
    identity: 'HOSTILE',
    assessments: [{ nation: 'POL', identity: 'HOSTILE' }],
    position: { lat, lon, altM: 500 },
    velocity: { speedMps, courseDeg, climbMps: 0 },
    quality: 1,
    updatedAt: at,
    staleAt: new Date(nowMs + 5000).toISOString(),
    fieldLabels: [],
  };
}

// A scenario with no traffic of its own: the bench is the only source of tracks.
const dir = mkdtempSync(join(tmpdir(), 'tessera-bench-'));
const scenarioFile = join(dir, 'empty.json');
writeFileSync(
  scenarioFile,
  JSON.stringify({
    name: 'bench',
    seed: 1,
    areaOfOperations: { center: { lat: 50.5, lon: 23.5 }, radiusKm: 150 },
    nations: [{ code: 'POL', name: 'Poland' }],
    sensors: [
      {
        id: 'bench',
        nation: 'POL',
        kind: 'RADAR',
        position: { lat: 50.5, lon: 23.5 },
        heightM: 10,
        rangeKm: 10,
        periodS: 1,
        noiseM: 0,
      },
    ],
  }),
);
const webPort = await freePort();
const otherWeb = process.env.BENCH_WEB_ENTRY;
const gatewayPort = await freePort();
const stack = await startStack({
  dataDir: dir,
  scenarioFile,
  gatewayPort,
  webPort,
  web: !otherWeb,
  env: { LOG_LEVEL: 'warn' },
  onOutput: () => undefined,
});
let web: ChildProcess | undefined;
let webUrl = stack.webUrl!;
if (otherWeb) {
  web = spawn(process.execPath, [otherWeb], {
    env: {
      ...process.env,
      NATS_URL: stack.natsUrl,
      PORT: String(webPort),
      HOST: '127.0.0.1',
      GATEWAY_PORT: String(gatewayPort),
    },
    stdio: 'ignore',
  });
  webUrl = `http://localhost:${webPort}`;
  for (let i = 0; ; i++) {
    const ok = await fetch(`http://127.0.0.1:${webPort}/config.json`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 300) throw new Error(`${otherWeb} did not start`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const nc = await connect({ servers: stack.natsUrl, ...stack.natsOperator });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
});
let seq = 0;
let timer: ReturnType<typeof setInterval> | undefined;
let memoryTimer: ReturnType<typeof setInterval> | undefined;
const publish = (tracks: Track[]) => {
  const batch: TrackBatch = {
    source: { nation: 'POL', system: 'POL-FUSION' },
    seq: ++seq,
    publishedAt: new Date().toISOString(),
    upserts: tracks,
    removals: [],
  };
  nc.publish(subjects.trackBatch('POL'), JSON.stringify(batch));
};

try {
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  // BENCH_LAYERS='{"trails":false}' measures the cost of one layer.
  const settings = JSON.stringify({ lite: true, layers: JSON.parse(process.env.BENCH_LAYERS ?? '{}') as object });
  await context.addInitScript((s) => localStorage.setItem('tessera.settings', s), settings);
  const page: Page = await context.newPage();
  page.on('pageerror', (e) => console.log('page error:', e.message));
  let crashed = false;
  page.on('crash', () => {
    crashed = true;
    console.log('PAGE CRASHED');
  });
  const cdp = await context.newCDPSession(page);
  // BENCH_MEMORY=1: the page's JavaScript heap every 5 s (what grows before a crash).
  if (process.env.BENCH_MEMORY) {
    const started = Date.now();
    memoryTimer = setInterval(() => {
      void cdp.send('Runtime.getHeapUsage').then(
        (h) =>
          console.log(`${((Date.now() - started) / 1000).toFixed(0)} s: JS heap ${(h.usedSize / 1e6).toFixed(0)} MB`),
        () => undefined,
      );
    }, 5000);
  }
  page.on('console', (m) => m.type() === 'error' && console.log('console error:', m.text().slice(0, 500)));
  await page.goto(`${webUrl}/login`);
  await page.getByLabel('Username').fill('pol-watch');
  await page.getByLabel('Password').fill('tessera');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForFunction(() => (window as unknown as { __tessera?: object }).__tessera !== undefined, null, {
    timeout: 60_000,
  });

  for (const count of COUNTS) {
    // Tracks on a grid around the AO, each flying at 50 m/s; every track updates once a second.
    const base = Array.from({ length: count }, (_, i) => ({
      id: `POL-b${i}`,
      lat: 49.8 + (i % 100) * 0.014,
      lon: 22.5 + Math.floor(i / 100) * (2 / Math.max(1, count / 100)),
      course: (i * 37) % 360,
    }));
    let tick = 0;
    timer = setInterval(() => {
      const now = Date.now();
      const slice = base.filter((_, i) => i % 10 === tick % 10);
      const t = tick / 10;
      publish(
        slice.map((b) =>
          track(
            b.id,
            b.lat + 0.00045 * t * Math.cos((b.course * Math.PI) / 180),
            b.lon + 0.0007 * t * Math.sin((b.course * Math.PI) / 180),
            now,
            50,
            b.course,
          ),
        ),
      );
      tick++;
    }, 100);
    await page.waitForFunction(
      (n) => (window as unknown as { __tessera: { drawnSymbols(): number } }).__tessera.drawnSymbols() >= n,
      count,
      { timeout: 120_000 },
    );
    await page.waitForTimeout(2000);
    if (process.env.BENCH_TRACE) console.log(await traceMainThread(page));
    if (process.env.BENCH_PROFILE) {
      await cdp.send('Profiler.enable');
      await frameStats(page, true);
      await cdp.send('Profiler.start');
      await page.waitForTimeout(5000);
      const { profile } = (await cdp.send('Profiler.stop')) as {
        profile: {
          nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
          samples: number[];
          timeDeltas: number[];
        };
      };
      const frames = (await frameStats(page, true))?.frames ?? Number.NaN;
      const self = new Map<string, number>();
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      let js = 0;
      let gc = 0;
      profile.samples.forEach((id, i) => {
        const f = byId.get(id)!.callFrame;
        const ms = (profile.timeDeltas[i] ?? 0) / 1000;
        if (f.functionName === '(garbage collector)') gc += ms;
        else if (!['(idle)', '(program)', '(root)'].includes(f.functionName)) js += ms;
        const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
        self.set(key, (self.get(key) ?? 0) + ms);
      });
      console.log(
        [...self]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 25)
          .map(([k, v]) => `${v.toFixed(0).padStart(6)} ms ${k}`)
          .join('\n'),
      );
      console.log(
        `COP, ${count} tracks, CPU profile of 5 s: all JavaScript ${js.toFixed(0)} ms + GC ${gc.toFixed(0)} ms over ${frames} frames = ${((js + gc) / frames).toFixed(1)} ms per frame`,
      );
    }
    const samples: number[] = [];
    await frameStats(page, true);
    for (let s = 0; s < FPS_SECONDS; s++) {
      await page.waitForTimeout(1000);
      samples.push(await page.evaluate(() => (window as unknown as { __tessera: { fps(): number } }).__tessera.fps()));
    }

    const stats = await frameStats(page, false);
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
    const status = await page
      .getByTestId('globe-status')
      .textContent({ timeout: 1000 })
      .catch(() => null);
    console.log(
      `COP, lite rendering, ${count} tracks at 1 Hz: ${pct(samples, 50).toFixed(1)} fps median (min ${Math.min(...samples).toFixed(1)}, max ${Math.max(...samples).toFixed(1)})`,
    );
    console.log(
      stats
        ? `COP, ${count} tracks: drawing code ${stats.meanMs.toFixed(2)} ms per frame mean, p95 ${stats.p95Ms.toFixed(2)} ms, max ${stats.maxMs.toFixed(1)} ms; applying batches ${stats.applyMsPerFrame.toFixed(2)} ms per frame (${stats.frames} frames in ${stats.seconds.toFixed(1)} s); page behind the gateway by ${stats.lagMs.toFixed(0)} ms`
        : `COP, ${count} tracks: no frame statistics in this build`,
    );
    console.log(
      `COP, ${count} tracks: JS heap ${(heap.usedSize / 1e6).toFixed(0)} MB used of ${(heap.totalSize / 1e6).toFixed(0)} MB; globe status: ${status ? `"${status}"` : 'none'}`,
    );

    // Latency: a motionless probe jumps between two places; when does its symbol start to move?
    await page.evaluate(() => {
      const w = window as unknown as {
        __tessera: { screenPosition(id: string): { x: number; y: number } | null };
        __moves: number[];
      };
      w.__moves = [];
      let last: { x: number; y: number } | null = null;
      const loop = () => {
        const p = w.__tessera.screenPosition('POL-probe');
        if (p && last && Math.hypot(p.x - last.x, p.y - last.y) > 2) w.__moves.push(Date.now());
        last = p;
        requestAnimationFrame(loop);
      };
      requestAnimationFrame(loop);
    });
    publish([track('POL-probe', 50.2, 23.0, Date.now(), 0, 0)]);
    await page.waitForTimeout(2000);
    const latencies: number[] = [];
    for (let i = 0; i < PROBES; i++) {
      const sentAt = Date.now();
      publish([track('POL-probe', i % 2 ? 50.2 : 50.6, 23.0, sentAt, 0, 0)]);
      const moved = await page
        .waitForFunction(
          (after) => (window as unknown as { __moves: number[] }).__moves.find((m) => m >= after) ?? false,
          sentAt,
          { timeout: 10_000, polling: 50 },
        )
        .then(
          (h) => h.jsonValue() as Promise<number>,
          () => Number.POSITIVE_INFINITY,
        );
      latencies.push(moved - sentAt);
      await page.waitForTimeout(1500);
    }
    clearInterval(timer);
    // The page must survive every size.
    if (crashed || page.isClosed()) throw new Error(`the page did not survive ${count} tracks`);
    console.log(
      `COP, ${count} tracks: NATS publish -> symbol moving: p50 ${pct(latencies, 50)} ms, p99 ${pct(latencies, 99)} ms (${PROBES} probes)`,
    );
    // Clear the picture before the next size: remove every bench track, in batches of at most
    // 5,000 removals (a batch holds up to 10,000: the schema refuses a larger one).
    const removals = [...base.map((b) => b.id), 'POL-probe'].map((id) => ({ id, reason: 'LEFT' as const }));
    for (let i = 0; i < removals.length; i += 5000) {
      const clear: TrackBatch = {
        source: { nation: 'POL', system: 'POL-FUSION' },
        seq: ++seq,
        publishedAt: new Date().toISOString(),
        upserts: [],
        removals: removals.slice(i, i + 5000),
      };
      nc.publish(subjects.trackBatch('POL'), JSON.stringify(clear));
    }
    await page
      .waitForFunction(
        () => (window as unknown as { __tessera: { drawnSymbols(): number } }).__tessera.drawnSymbols() === 0,
        null,
        { timeout: 30_000 },
      )
      .catch(async (err: unknown) => {
        console.log(
          'left on the page:',
          await page.evaluate(() =>
            (window as unknown as { __tessera: { trackIds(): string[] } }).__tessera.trackIds().slice(0, 10),
          ),
          await page.evaluate(() =>
            (window as unknown as { __tessera: { drawnSymbols(): number } }).__tessera.drawnSymbols(),
          ),
        );
        throw err;
      });
  }
} catch (err) {
  console.error('benchmark failed:', err);
  process.exitCode = 1;
} finally {
  clearInterval(timer);
  clearInterval(memoryTimer);
  await browser.close();
  await nc.close();
  web?.kill();
  await stack.stop();
  rmSync(dir, { recursive: true, force: true });
}
