// COP rendering benchmark: frames per second in headless Chromium (lite rendering) with 1,000, 5,000
// and 10,000 tracks updating at 1 Hz, and the time from a NATS publish to the symbol moving on screen.
// The real stack runs (nats-server, gateway, web); this process publishes the tracks.
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
const PROBES = 30;

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
const stack = await startStack({
  dataDir: dir,
  scenarioFile,
  gatewayPort: await freePort(),
  webPort: await freePort(),
  web: true,
  env: { LOG_LEVEL: 'warn' },
  onOutput: () => undefined,
});
const nc = await connect({ servers: stack.natsUrl, ...stack.natsOperator });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
});
let seq = 0;
let timer: ReturnType<typeof setInterval> | undefined;
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
  page.on('console', (m) => m.type() === 'error' && console.log('console error:', m.text().slice(0, 500)));
  await page.goto(`${stack.webUrl}/login`);
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
    if (process.env.BENCH_PROFILE) {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
      await page.waitForTimeout(5000);
      const { profile } = (await cdp.send('Profiler.stop')) as {
        profile: {
          nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
          samples: number[];
          timeDeltas: number[];
        };
      };
      const self = new Map<string, number>();
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      profile.samples.forEach((id, i) => {
        const f = byId.get(id)!.callFrame;
        const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
        self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
      });
      console.log(
        [...self]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 25)
          .map(([k, v]) => `${v.toFixed(0).padStart(6)} ms ${k}`)
          .join('\n'),
      );
    }
    const samples: number[] = [];
    for (let s = 0; s < FPS_SECONDS; s++) {
      await page.waitForTimeout(1000);
      samples.push(await page.evaluate(() => (window as unknown as { __tessera: { fps(): number } }).__tessera.fps()));
    }

    console.log(
      `COP, lite rendering, ${count} tracks at 1 Hz: ${pct(samples, 50).toFixed(1)} fps median (min ${Math.min(...samples).toFixed(1)}, max ${Math.max(...samples).toFixed(1)})`,
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
    console.log(
      `COP, ${count} tracks: NATS publish -> symbol moving: p50 ${pct(latencies, 50)} ms, p99 ${pct(latencies, 99)} ms (${PROBES} probes)`,
    );
    // Clear the picture before the next size: remove every bench track.
    const clear: TrackBatch = {
      source: { nation: 'POL', system: 'POL-FUSION' },
      seq: ++seq,
      publishedAt: new Date().toISOString(),
      upserts: [],
      removals: [
        ...base.map((b) => ({ id: b.id, reason: 'LEFT' as const })),
        { id: 'POL-probe', reason: 'LEFT' as const },
      ],
    };
    nc.publish(subjects.trackBatch('POL'), JSON.stringify(clear));
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
  await browser.close();
  await nc.close();
  await stack.stop();
  rmSync(dir, { recursive: true, force: true });
}
