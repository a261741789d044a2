import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ROOT } from '../../scripts/stack.ts';
import { gqlAs, pictureIds, settled, signIn as signInAs, startBrowserStack } from './support.ts';

/** The whole stack with the small test scenario, once for this file. */
let stack: Awaited<ReturnType<typeof startBrowserStack>>;
const SHOTS = join(ROOT, 'e2e', 'test-results', 'screenshots');

/** The ids the gateway releases to this user right now, asked over HTTP (the source of truth). */
async function gatewayTrackIds(username: string): Promise<string[]> {
  const res = await gqlAs<{ tracks: { id: string }[] }>(stack.gatewayUrl, username, '{ tracks { id staleAt } }');
  return res.data!.tracks.map((t) => t.id).sort();
}

/** Requests that left the stack (the COP must work fully offline: no CDN, no tiles, no ion). */
const outside: string[] = [];

const signIn = (browser: Browser, username: string): Promise<Page> =>
  signInAs(browser, stack.webUrl!, username, outside);

type Hook = { __tessera: { screenPosition(id: string): { x: number; y: number } | null } };
const screenPosition = (page: Page, id: string) =>
  page.evaluate((id) => (window as unknown as Hook).__tessera.screenPosition(id), id);

/** Where the globe draws a track once the camera has stopped moving. */
const settledScreenPosition = (page: Page, id: string) => settled(() => screenPosition(page, id));

const listIds = async (page: Page) =>
  (
    await page.locator('[data-track-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-track-id')!))
  ).sort();
const drawn = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { __tessera?: { drawnSymbols(): number } }).__tessera?.drawnSymbols() ?? -1,
  );

/** The list, the globe and the gateway agree on this user's picture. */
async function expectPictureMatchesGateway(page: Page, username: string) {
  await expect
    .poll(
      async () => {
        const [ids, gateway, symbols] = [await listIds(page), await gatewayTrackIds(username), await drawn(page)];
        return ids.join() === gateway.join() && symbols === gateway.length ? ids.length : -1;
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThan(0);
}

test.beforeAll(async () => {
  stack = await startBrowserStack();
});

test.afterEach(() => {
  expect(outside, 'requests outside the stack').toEqual([]);
});

test.afterAll(async () => {
  await stack?.stop();
});

test('a wrong password shows an error and keeps the user on the sign-in page', async ({ page }) => {
  await page.goto(`${stack.webUrl}/login`);
  await page.getByLabel('Username').fill('pol-watch');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('login-error')).toHaveText('Wrong username or password.');
  await expect(page).toHaveURL(/\/login$/);
});

test('a watch officer sees the picture on the list and the globe, selects tracks on either, and a partner never sees national tracks', async ({
  browser,
}) => {
  const pol = await signIn(browser, 'pol-watch');
  await expect(pol.getByTestId('classification-banner').first()).toHaveText(/CONFIDENTIAL|SECRET|RESTRICTED/);
  await expectPictureMatchesGateway(pol, 'pol-watch');
  expect(await listIds(pol)).toContain('POL-pol-cap-01'); // POL eyes only

  // Select from the list: the detail opens with kinematics, identities, label and provenance.
  await pol.locator('[data-track-id="UKR-owa-01"]').click();
  const detail = pol.getByTestId('track-detail');
  await expect(detail).toContainText('UKR-owa-01');
  await expect(detail).toContainText('HOSTILE');
  await expect(detail).toContainText('DIFFERS'); // POL assesses SUSPECT, UKR HOSTILE
  await expect(detail).toContainText('Releasable to');
  await expect(detail).toContainText('UKR-FUSION');
  // The UKR sensor behind the track is UKR eyes only: withheld from POL, and said so.
  await expect(detail.getByTestId('provenance-source')).toHaveText('withheld — releasable to UKR');
  await pol.screenshot({ path: join(SHOTS, 'cop-pol-watch.png') });

  // Select on the globe: click the symbol where the globe drew it, once the camera is home.
  await pol.keyboard.press('h');
  const at = await settledScreenPosition(pol, 'POL-civil-01');
  const box = (await pol.getByTestId('globe').boundingBox())!;
  await pol.mouse.click(box.x + at.x, box.y + at.y);
  await expect(detail).toContainText('POL-civil-01');
  await expect(pol.locator('[data-track-id="POL-civil-01"]')).toHaveClass(/selected/);

  const ukr = await signIn(browser, 'ukr-watch');
  await expectPictureMatchesGateway(ukr, 'ukr-watch');
  for (let i = 0; i < 5; i++) {
    expect(await pictureIds(ukr)).not.toContain('POL-pol-cap-01');
    await ukr.waitForTimeout(500);
  }
  expect(await listIds(ukr)).toContain('UKR-heli-01'); // UKR eyes only...
  await ukr.locator('[data-track-id="UKR-owa-01"]').click();
  await expect(ukr.getByTestId('provenance-source')).toHaveText('ukr-radar-1'); // ...and its own sensor
  expect(await listIds(pol)).not.toContain('UKR-heli-01'); // ...never at POL
  await ukr.screenshot({ path: join(SHOTS, 'cop-ukr-watch.png') });
  await ukr.context().close();
  await pol.context().close();
});

test('after the gateway restarts the page reconnects and resynchronizes without ghosts', async ({ browser }) => {
  const pol = await signIn(browser, 'pol-watch');
  await expectPictureMatchesGateway(pol, 'pol-watch');
  // What the connection indicator goes through is recorded: the page is seen to lose the gateway and come back.
  await pol.getByTestId('connection-status').evaluate((el) => {
    const seen: string[] = [];
    (window as unknown as { __linkStates: string[] }).__linkStates = seen;
    new MutationObserver(() => seen.push(el.getAttribute('data-state') ?? '')).observe(el, {
      attributes: true,
      attributeFilter: ['data-state'],
    });
  });
  // The sockets the page opens from now on: every subscription of the page shares one.
  const sockets = new Set<unknown>();
  pol.on('websocket', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
  });
  await stack.restart('gateway');
  await expect
    .poll(() => pol.evaluate(() => (window as unknown as { __linkStates: string[] }).__linkStates), { timeout: 30_000 })
    .toContain('reconnecting');
  await expect(pol.getByTestId('connection-status')).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  await expect.poll(() => sockets.size, { timeout: 30_000 }).toBe(1);
  await expectPictureMatchesGateway(pol, 'pol-watch');
  const ids = await pictureIds(pol);
  expect(new Set(ids).size).toBe(ids.length);
  await pol.screenshot({ path: join(SHOTS, 'cop-after-gateway-restart.png') });
  await pol.context().close();
});

test('the help overlay lists the shortcuts and lite rendering is remembered', async ({ browser }) => {
  const pol = await signIn(browser, 'pol-watch');
  await pol.keyboard.press('?');
  await expect(pol.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('Follow the selected track');
  await pol.screenshot({ path: join(SHOTS, 'help-overlay.png') });
  await pol.keyboard.press('Escape');
  await expect(pol.getByTestId('lite-toggle')).toBeChecked();
  await pol.keyboard.press('l');
  await expect(pol.getByTestId('lite-toggle')).not.toBeChecked();
  await pol.reload();
  await expect(pol.getByTestId('lite-toggle')).not.toBeChecked();
  await pol.context().close();
});

test('a commander previews what a partner would receive, never more than the commander sees', async ({ browser }) => {
  const cmdr = await signIn(browser, 'pol-cmdr');
  await expect(cmdr.locator('[data-track-id="UKR-owa-01"]')).toBeVisible();
  await cmdr.locator('[data-track-id="UKR-owa-01"]').click();
  const viewAs = cmdr.getByTestId('view-as');
  await viewAs.getByLabel('Partner nation').selectOption('LTU');
  await expect(viewAs.getByTestId('view-as-result')).toHaveText('LTU would not receive this track.');
  // UKR owns the track, but the preview cannot show the UKR sensor that POL itself may not see.
  await viewAs.getByLabel('Partner nation').selectOption('UKR');
  await expect(viewAs.getByTestId('view-as-result')).toHaveText('UKR receives it, without provenance.sourceId.');
  await cmdr.screenshot({ path: join(SHOTS, 'view-as-partner.png') });
  await cmdr.context().close();
});

test('the camera follows the selected track, and an account without a nation is told why it sees nothing', async ({
  browser,
}) => {
  const pol = await signIn(browser, 'pol-watch');
  await pol.locator('[data-track-id="POL-civil-01"]').click();
  await pol.keyboard.press('f');
  await expect(pol.getByRole('button', { name: 'Following' })).toBeVisible();
  const screen = () => screenPosition(pol, 'POL-civil-01');
  // Following keeps the track at the centre of the globe while it flies on.
  const box = (await pol.getByTestId('globe').boundingBox())!;
  const offCentre = async () => {
    const p = (await screen())!;
    return Math.hypot(p.x - box.width / 2, p.y - box.height / 2);
  };
  await expect.poll(offCentre, { timeout: 30_000 }).toBeLessThan(10);
  // Once the airliner has flown on 1 km (its reported position, the twin's clock) it is centred still:
  // sampled between frames on a loaded machine the track may be a frame ahead of the camera, so this
  // waits for a frame that shows it centred; a camera that stopped following never centres it again.
  const position = pol.getByTestId('track-position');
  const from = parseLatLon(await position.innerText());
  await expect
    .poll(async () => metresBetween(from, parseLatLon(await position.innerText())), { timeout: 60_000 })
    .toBeGreaterThan(1000);
  await expect.poll(offCentre, { timeout: 30_000 }).toBeLessThan(10);
  await pol.keyboard.press('Escape');
  await pol.context().close();

  const admin = await signIn(browser, 'admin');
  await expect(admin.getByTestId('no-nation')).toBeVisible();
  await expect(admin.getByTestId('track-count')).toHaveText('0 of 0 tracks');
  await admin.context().close();
});

/** `50.1500N 022.5057E`, as the track detail shows a position. */
function parseLatLon(text: string): { lat: number; lon: number } {
  const m = /^(\d+\.\d+)([NS]) (\d+\.\d+)([EW])$/.exec(text.trim());
  if (!m) throw new Error(`not a position: ${text}`);
  return { lat: Number(m[1]) * (m[2] === 'S' ? -1 : 1), lon: Number(m[3]) * (m[4] === 'W' ? -1 : 1) };
}

/** Metres between two nearby positions (flat earth: a few kilometres at most). */
const metresBetween = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) =>
  Math.hypot((b.lat - a.lat) * 111_320, (b.lon - a.lon) * 111_320 * Math.cos((a.lat * Math.PI) / 180));

/** The alerts the gateway releases to this user, asked over HTTP. */
async function gatewayAlerts(
  username: string,
): Promise<
  { id: string; acknowledged: boolean; acknowledgements: { nation: string; username: string; at: string }[] }[]
> {
  const res = await gqlAs<{ alerts: never[] }>(
    stack.gatewayUrl,
    username,
    '{ alerts { id acknowledged acknowledgements { nation username at } } }',
  );
  return res.data!.alerts;
}

test('a watch officer sees a threat alert with its countdown, the AI assessment and predicted path, and acknowledges it', async ({
  browser,
}) => {
  const ukr = await signIn(browser, 'ukr-watch');
  // The one-way attack drones fly at the depot: the detector predicts their arrival within the alert threshold.
  const row = ukr.locator('[data-testid="alert-row"][data-alert-id="threat:UKR-owa-01:ukr-depot"]');
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row).toContainText('UKR-owa-01 threatens Depot');
  await expect(row.getByTestId('alert-countdown')).toHaveText(/^T-\d+:\d\d$/);
  // Selecting the alert selects its track: the AI assessment names the class, the model and the threat.
  await row.locator('.what').click();
  await expect(ukr.getByTestId('ai-top-class')).toHaveText('uas');
  await expect(ukr.getByTestId('ai-model')).toContainText('threat-classifier');
  await expect(ukr.getByTestId('ai-threat')).toContainText('Depot');
  await expect
    .poll(
      () =>
        ukr.evaluate(
          () => (window as unknown as { __tessera?: { predictions(): number } }).__tessera?.predictions() ?? -1,
        ),
      { timeout: 20_000 },
    )
    .toBeGreaterThan(0);
  await ukr.screenshot({ path: join(SHOTS, 'alerts-before-ack.png') });

  const before = Date.now();
  await row.getByTestId('alert-ack').click();
  await expect(row.getByTestId('alert-acknowledged')).toContainText('ukr-watch');
  await ukr.screenshot({ path: join(SHOTS, 'alerts-acknowledged.png') });
  // Recorded by the detector (who and when) and released by the gateway; POL's watch floor acknowledges for itself.
  const mine = (await gatewayAlerts('ukr-watch')).find((a) => a.id === 'threat:UKR-owa-01:ukr-depot')!;
  expect(mine.acknowledged).toBe(true);
  expect(mine.acknowledgements).toHaveLength(1);
  expect(mine.acknowledgements[0]!.username).toBe('ukr-watch');
  expect(Date.parse(mine.acknowledgements[0]!.at)).toBeGreaterThanOrEqual(before - 2000);
  const polView = (await gatewayAlerts('pol-watch')).find((a) => a.id === 'threat:UKR-owa-01:ukr-depot')!;
  expect(polView.acknowledged).toBe(false);
  expect(polView.acknowledgements).toEqual([]);
  // After a reload the acknowledgement is still there: it lives in JetStream, not in the page.
  await ukr.reload();
  await expect(
    ukr.locator('[data-alert-id="threat:UKR-owa-01:ukr-depot"]').getByTestId('alert-acknowledged'),
  ).toContainText('ukr-watch');
  await ukr.context().close();
});
