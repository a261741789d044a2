import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ROOT } from '../../scripts/stack.ts';
import { seriousViolations, settled, signIn, useBrowserStack } from './support.ts';

/**
 * The liaison console against the whole stack with the deconfliction service. UKR's liaison reserves
 * a transit corridor by typing its corners; POL's liaison draws a ROZ over it by clicking on the
 * globe; both see the conflict. POL proposes to accept the risk, UKR counters (POL's ROZ below the
 * corridor), POL accepts, and both see the conflict resolved and the ROZ lowered. POL then reshapes
 * its ROZ by dragging a corner and ends it. A watch officer sees the conflict and cannot negotiate.
 */
const run = useBrowserStack();
const SHOTS = join(ROOT, 'e2e', 'test-results', 'screenshots');

/** Clear of the test scenario's own ROZ (50.1N 22.7E, 5 km), so the only conflict is the one drawn here. */
const CORRIDOR = ['50.2400, 22.8500', '50.2400, 23.2500', '50.2800, 23.2500', '50.2800, 22.8500'];
const ROZ = [
  { lat: 50.22, lon: 22.98 },
  { lat: 50.22, lon: 23.1 },
  { lat: 50.3, lon: 23.1 },
  { lat: 50.3, lon: 22.98 },
];

/** The globe's test hook appears once Cesium has loaded, which may come after the page is live. */
type ScreenPoint = { x: number; y: number };
type Hook = {
  __tessera?: {
    screenPositionOf(p: { lat: number; lon: number }): ScreenPoint | null;
    draftHandleAt(screen: ScreenPoint): string | null;
  };
};
const screenOf = (page: Page, p: { lat: number; lon: number }) =>
  page.evaluate((p) => (window as unknown as Hook).__tessera?.screenPositionOf(p) ?? null, p);

/** Where the draft's handle is once the camera has stopped and the globe has drawn it there to be grabbed. */
async function grabbableHandle(page: Page, p: { lat: number; lon: number }, handle: string): Promise<ScreenPoint> {
  let at: ScreenPoint | null = null;
  await expect
    .poll(
      async () => {
        at = await settledScreenOf(page, p);
        return page.evaluate(({ at }) => (window as unknown as Hook).__tessera?.draftHandleAt(at) ?? null, { at });
      },
      { intervals: [250], timeout: 30_000 },
    )
    .toBe(handle);
  return at!;
}

/** Where a ground point is on screen once the camera has stopped moving. */
const settledScreenOf = (page: Page, p: { lat: number; lon: number }) => settled(() => screenOf(page, p));

async function openConsole(page: Page) {
  await page.getByTestId('tab-deconfliction').click();
  await expect(page.getByTestId('deconfliction-console')).toBeVisible();
}

const conflictRow = (page: Page) =>
  page.getByTestId('conflict-row').filter({ hasText: 'ROZ Alpha' }).filter({ hasText: 'Corridor K' });

test('POL draws a ROZ over a UKR corridor, UKR counters, POL accepts, and both see the conflict resolved', async ({
  browser,
}) => {
  test.setTimeout(600_000); // a hang detector: about ten times the spec alone

  // UKR reserves a transit corridor by typing its corners, releasable to POL.
  const ukr = await signIn(browser, run.stack.webUrl!, 'ukr-liaison', run.outside);
  await openConsole(ukr);
  await ukr.getByTestId('new-reservation').click();
  const ukrEditor = ukr.getByTestId('reservation-editor');
  await ukrEditor.getByLabel('Name').fill('Corridor K');
  await ukrEditor.getByLabel('Kind').selectOption('TRANSIT_CORRIDOR');
  await ukrEditor.getByLabel('Corners (lat, lon)').fill(CORRIDOR.join('\n'));
  await ukrEditor.getByLabel('Floor (m)').fill('500');
  await ukrEditor.getByLabel('Ceiling (m)').fill('3000');
  await ukrEditor.getByRole('group', { name: 'Releasable to' }).getByLabel('POL').check();
  await ukr.screenshot({ path: join(SHOTS, 'deconfliction-ukr-typed-corridor.png') });
  await ukrEditor.getByTestId('reservation-save').click();
  await expect(ukr.getByTestId('reservation-row').filter({ hasText: 'Corridor K' })).toHaveAttribute(
    'data-state',
    'ACTIVE',
  );

  // POL sees the corridor, and draws a ROZ across it by clicking its corners on the globe.
  const pol = await signIn(browser, run.stack.webUrl!, 'pol-liaison', run.outside);
  await openConsole(pol);
  const corridorAtPol = pol.getByTestId('reservation-row').filter({ hasText: 'Corridor K' });
  await expect(corridorAtPol).toHaveAttribute('data-nation', 'UKR');
  await corridorAtPol.getByRole('button', { name: 'Corridor K' }).click(); // the camera flies to it
  await pol.getByTestId('new-reservation').click();
  const polEditor = pol.getByTestId('reservation-editor');
  await polEditor.getByLabel('Name').fill('ROZ Alpha');
  const globe = (await pol.getByTestId('globe').boundingBox())!;
  await settledScreenOf(pol, ROZ[0]!);
  for (const corner of ROZ) {
    const at = (await screenOf(pol, corner))!;
    await pol.mouse.click(globe.x + at.x, globe.y + at.y);
  }
  await expect(polEditor.getByLabel('Corners (lat, lon)')).toHaveValue(/^(.+\n){3}.+$/);
  await polEditor.getByRole('group', { name: 'Releasable to' }).getByLabel('UKR').check();
  await pol.screenshot({ path: join(SHOTS, 'deconfliction-pol-drawing-roz.png') });
  await polEditor.getByTestId('reservation-save').click();
  await expect(pol.getByTestId('reservation-row').filter({ hasText: 'ROZ Alpha' })).toHaveAttribute(
    'data-state',
    'ACTIVE',
  );

  // The conflict appears for both, with its overlap drawn on the globe.
  await expect(conflictRow(pol)).toHaveAttribute('data-state', 'OPEN');
  await expect(conflictRow(ukr)).toHaveAttribute('data-state', 'OPEN');
  // On the tab, flashing, with a tone: this one and the scenario's spectrum conflict; one of them airspace.
  await expect(ukr.getByTestId('deconfliction-count')).toHaveText('2');
  await expect(ukr.getByTestId('mode-airspace-count')).toHaveText('1');
  // Seven hours ahead both reservations have ended: the slider shows that airspace, then back to now.
  await pol.getByLabel('Airspace at').fill('420');
  await expect(pol.getByTestId('time-slider-value')).toHaveText(/^\+7 h · /);
  await expect(pol.getByTestId('reservation-row').filter({ hasText: 'ROZ Alpha' })).toHaveClass(/dim/);
  await pol.getByRole('button', { name: 'Now', exact: true }).click();
  await expect(pol.getByTestId('reservation-row').filter({ hasText: 'ROZ Alpha' })).not.toHaveClass(/dim/);
  await conflictRow(pol).getByRole('button', { expanded: false }).click();
  await expect(pol.getByTestId('negotiation-thread')).toContainText('No proposal yet.');
  await pol.screenshot({ path: join(SHOTS, 'deconfliction-pol-conflict.png') });

  // POL proposes to accept the risk.
  await pol.getByTestId('propose').click();
  await pol.getByLabel('Accept the risk').check();
  await pol
    .getByTestId('proposal-rationale')
    .fill('The ROZ is used for two hours only; the corridor traffic is light.');
  await pol.getByTestId('proposal-send').click();
  await expect(pol.getByTestId('proposal')).toHaveAttribute('data-state', 'OPEN');

  // UKR counters: POL's ROZ below the corridor's floor, shown before and after while it is written.
  await conflictRow(ukr).getByRole('button', { expanded: false }).click();
  const first = ukr.getByTestId('proposal').first();
  await expect(first).toContainText('accept the risk');
  await first.getByTestId('proposal-counter').click();
  const counter = ukr.getByTestId('proposal-editor');
  await counter.getByLabel('Change a reservation').check();
  await counter.getByLabel('Which one').selectOption({ label: 'ROZ Alpha (POL)' });
  await counter.getByLabel('Ceiling (m)').fill('400');
  await counter
    .getByTestId('proposal-rationale')
    .fill('Civil traffic uses the corridor from 500 m: keep the ROZ below 400 m.');
  await ukr.screenshot({ path: join(SHOTS, 'deconfliction-ukr-counter.png') });
  await counter.getByTestId('proposal-send').click();
  const counterAtUkr = ukr.getByTestId('proposal').filter({ hasText: 'counter: change' });
  await expect(counterAtUkr).toHaveAttribute('data-state', 'OPEN');
  await expect(first).toHaveAttribute('data-state', 'COUNTERED');

  // POL reads the counter as a before/after diff, looks at it on the globe, and accepts.
  const counterAtPol = pol.getByTestId('proposal').filter({ hasText: 'counter: change' });
  await expect(counterAtPol).toHaveAttribute('data-state', 'OPEN');
  await expect(counterAtPol.getByRole('table')).toContainText('0–1,500 m');
  await expect(counterAtPol.getByRole('table')).toContainText('0–400 m');
  await counterAtPol.getByTestId('proposal-preview').click();
  expect(await seriousViolations(pol), 'liaison console with a negotiation open').toEqual([]);
  await pol.screenshot({ path: join(SHOTS, 'deconfliction-pol-counter-preview.png') });
  await counterAtPol.getByTestId('proposal-accept').click();

  // Both see it resolved, and the ROZ lowered (a new version).
  await expect(conflictRow(pol)).toHaveAttribute('data-state', 'RESOLVED');
  await expect(conflictRow(ukr)).toHaveAttribute('data-state', 'RESOLVED');
  await expect(counterAtPol).toHaveAttribute('data-state', 'ACCEPTED');
  await expect(pol.getByTestId('reservation-row').filter({ hasText: 'ROZ Alpha' })).toContainText('0–400 m');
  await expect(ukr.getByTestId('reservation-row').filter({ hasText: 'ROZ Alpha' })).toContainText('v2');
  await pol.screenshot({ path: join(SHOTS, 'deconfliction-pol-resolved.png') });
  await ukr.screenshot({ path: join(SHOTS, 'deconfliction-ukr-resolved.png') });

  // POL reshapes its ROZ by dragging a corner on the globe, then ends it.
  const rozAtPol = pol.getByTestId('reservation-row').filter({ hasText: 'ROZ Alpha' });
  await rozAtPol.getByTestId('reservation-edit').click();
  const editor = pol.getByTestId('reservation-editor');
  await expect(editor.getByLabel('Corners (lat, lon)')).toHaveValue(/^50\.2200, 22\.9800\n/);
  const from = await grabbableHandle(pol, ROZ[0]!, 'vertex 0');
  const to = (await screenOf(pol, { lat: 50.2, lon: 22.95 }))!;
  await pol.mouse.move(globe.x + from.x, globe.y + from.y);
  await pol.mouse.down();
  await pol.mouse.move(globe.x + to.x, globe.y + to.y, { steps: 12 });
  await pol.mouse.up();
  await expect(editor.getByLabel('Corners (lat, lon)')).not.toHaveValue(/^50\.2200, 22\.9800\n/);
  const [lat, lon] = (await editor.getByLabel('Corners (lat, lon)').inputValue())
    .split('\n')[0]!
    .split(', ')
    .map(Number);
  expect(Math.abs(lat! - 50.2)).toBeLessThan(0.01);
  expect(Math.abs(lon! - 22.95)).toBeLessThan(0.01);
  await pol.screenshot({ path: join(SHOTS, 'deconfliction-pol-dragged-corner.png') });
  await editor.getByTestId('reservation-save').click();
  await expect(rozAtPol).toContainText('v3');
  await rozAtPol.getByTestId('reservation-end').click();
  await rozAtPol.getByTestId('reservation-end-confirm').click();
  await expect(rozAtPol).toHaveAttribute('data-state', 'ENDED');
  await expect(ukr.getByTestId('reservation-row').filter({ hasText: 'ROZ Alpha' })).toHaveAttribute(
    'data-state',
    'ENDED',
  );

  // A watch officer sees conflicts, and cannot reserve or negotiate.
  const watch = await signIn(browser, run.stack.webUrl!, 'pol-watch', run.outside);
  await openConsole(watch);
  await expect(conflictRow(watch)).toHaveAttribute('data-state', 'RESOLVED');
  await expect(watch.getByTestId('new-reservation')).toHaveCount(0);
  await conflictRow(watch).getByRole('button', { expanded: false }).click();
  await expect(watch.getByTestId('negotiation-thread')).toContainText('Read only');
  await expect(watch.getByTestId('proposal-accept')).toHaveCount(0);
  for (const page of [watch, pol, ukr]) await page.context().close();
});
