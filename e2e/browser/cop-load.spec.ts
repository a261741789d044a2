import { connect, type NatsConnection } from '@nats-io/transport-node';
import { expect, test, type Page } from '@playwright/test';
import { subjects, type Track, type TrackBatch } from '@tessera/schema';
import { signIn, useBrowserStack } from './support.ts';

/**
 * The watch officer's COP under load: 5,000 more tracks, each updating once a second, published over
 * NATS beside the small test scenario's own. The page must stay alive (no crash, no page error), say
 * that it draws the picture simplified, and stay responsive: a track clicked in the list is selected
 * and its details shown within seconds.
 */
const env = useBrowserStack();
const COUNT = 5000;

function track(i: number, tick: number, nowMs: number): Track {
  const at = new Date(nowMs).toISOString();
  const course = (i * 37) % 360;
  const rad = (course * Math.PI) / 180;
  // A grid north-west of the area of operations, away from its defended asset; 50 m/s each.
  const lat = 50.6 + (i % 100) * 0.014 + 0.00045 * tick * Math.cos(rad);
  const lon = 21.5 + Math.floor(i / 100) * 0.02 + 0.0007 * tick * Math.sin(rad);
  return {
    id: `POL-load-${i}`,
    label: { policy: 'NATO', classification: 'UNCLASSIFIED', originator: 'POL', releasableTo: [] },
    provenance: { nation: 'POL', system: 'LOAD', sourceId: 'load', observedAt: at, publishedAt: at },
    kind: 'FIXED_WING',
    identity: 'NEUTRAL',
    assessments: [{ nation: 'POL', identity: 'NEUTRAL' }],
    position: { lat, lon, altM: 3000 },
    velocity: { speedMps: 50, courseDeg: course, climbMps: 0 },
    quality: 1,
    updatedAt: at,
    staleAt: new Date(nowMs + 5000).toISOString(),
    fieldLabels: [],
  };
}

type Hook = {
  __tessera?: { drawnSymbols(): number; frameStats(reset?: boolean): { frames: number; meanMs: number } };
};
const drawn = (page: Page) => page.evaluate(() => (window as unknown as Hook).__tessera?.drawnSymbols() ?? -1);
const frames = (page: Page) => page.evaluate(() => (window as unknown as Hook).__tessera?.frameStats().frames ?? -1);

let nc: NatsConnection | undefined;
let timer: ReturnType<typeof setInterval> | undefined;

test.afterEach(async () => {
  clearInterval(timer);
  await nc?.close();
});

test("a watch officer's page stays alive and responsive while 5,000 tracks update every second", async ({
  browser,
}) => {
  const stack = env.stack;
  nc = await connect({ servers: stack.natsUrl, ...stack.natsOperator });
  const conn = nc;
  // Every track once a second, a tenth of them every 100 ms (as e2e/bench/cop.bench.ts publishes).
  let seq = 0;
  let tick = 0;
  const publish = () => {
    const now = Date.now();
    const upserts: Track[] = [];
    for (let i = tick % 10; i < COUNT; i += 10) upserts.push(track(i, Math.floor(tick / 10), now));
    const batch: TrackBatch = {
      source: { nation: 'POL', system: 'LOAD' },
      seq: ++seq,
      publishedAt: new Date(now).toISOString(),
      upserts,
      removals: [],
    };
    conn.publish(subjects.trackBatch('POL'), JSON.stringify(batch));
    tick++;
  };

  const page = await signIn(browser, stack.webUrl!, 'pol-watch', env.outside);
  const errors: string[] = [];
  let crashed = false;
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('crash', () => (crashed = true));
  timer = setInterval(publish, 100);

  // Every track drawn; the globe says it draws the picture simplified (it does not degrade silently).
  await expect.poll(() => drawn(page), { timeout: 120_000 }).toBeGreaterThanOrEqual(COUNT);
  await expect(page.getByTestId('globe-status')).toContainText(/5,0\d\d tracks — simplified drawing/, {
    timeout: 30_000,
  });

  // The page keeps drawing while the tracks keep coming: another 60 frames, at least 10 s of updates.
  const ticks = tick;
  const framesThen = await frames(page);
  await expect
    .poll(async () => (await frames(page)) - framesThen >= 60 && tick - ticks >= 100, {
      timeout: 120_000,
      intervals: [1000],
    })
    .toBe(true);

  // Responsive: a track found in the list and clicked is selected, its details shown, within seconds.
  await page.getByLabel('Search tracks').fill('POL-load-4321');
  const row = page.locator('[data-track-id="POL-load-4321"]');
  await expect(row).toBeVisible({ timeout: 15_000 });
  const clickedAt = Date.now();
  await row.click({ timeout: 15_000 });
  await expect(page.getByTestId('track-detail')).toContainText('POL-load-4321', { timeout: 15_000 });
  await expect(row).toHaveClass(/selected/, { timeout: 15_000 });
  console.log(`click -> detail shown: ${Date.now() - clickedAt} ms under ${COUNT} tracks`);
  // ...and the globe draws it, with its symbol, where the track is.
  await expect
    .poll(
      () =>
        page.evaluate(
          () =>
            (window as unknown as { __tessera: { screenPosition(id: string): unknown } }).__tessera.screenPosition(
              'POL-load-4321',
            ) !== null,
        ),
      { timeout: 30_000 },
    )
    .toBe(true);

  expect(crashed, 'the page crashed').toBe(false);
  expect(errors, 'errors on the page').toEqual([]);
  await page.context().close();
});
