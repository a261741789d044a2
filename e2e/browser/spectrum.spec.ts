import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ROOT } from '../../scripts/stack.ts';
import { seriousViolations, signIn, useBrowserStack } from './support.ts';

/**
 * The spectrum view against the whole stack. The test scenario's plan: POL's ROZ drone datalink
 * (5740-5760 MHz, tied to its ROZ), UKR's border jammer (5725-5850 MHz, 47 dBm) 14 km from the ROZ,
 * an LTU radar, the coalition's protected bands and a GUARDED band UKR keeps to itself. Both
 * liaisons see the jammer over the datalink; POL proposes the engine's nearest free channel in one
 * click, UKR accepts, and the conflict is resolved for both, the datalink retuned at version 2.
 */
const run = useBrowserStack();
const SHOTS = join(ROOT, 'e2e', 'test-results', 'screenshots');

async function openSpectrum(page: Page) {
  await page.getByTestId('tab-deconfliction').click();
  await expect(page.getByTestId('deconfliction-console')).toBeVisible();
  await page.getByTestId('mode-spectrum').click();
  await expect(page.getByTestId('spectrum-view')).toBeVisible();
}

const bar = (page: Page, nation: string, id: string) =>
  page.locator(`[data-testid="spectrum-bar"][data-nation="${nation}"][data-id="${id}"]`);
const conflictRow = (page: Page) => page.locator('[data-testid="conflict-row"][data-kind="SPECTRUM"]');

test('both liaisons see the jammer over the datalink; POL proposes the suggested channel, UKR accepts, it resolves for both', async ({
  browser,
}) => {
  test.setTimeout(600_000); // a hang detector: about ten times the spec alone

  // POL's liaison: its datalink, UKR's jammer (releasable to POL), LTU's radar; the protected bands;
  // UKR's GUARDED band only as "a restricted band" with its edges.
  const pol = await signIn(browser, run.stack.webUrl!, 'pol-liaison', run.outside);
  await openSpectrum(pol);
  await expect(bar(pol, 'POL', 'pol-roz-datalink')).toBeVisible();
  await expect(bar(pol, 'UKR', 'ukr-ew-border')).toBeVisible();
  await expect(bar(pol, 'LTU', 'ltu-radar')).toHaveCount(1);
  await expect(pol.locator('[data-testid="restricted-band"][data-kind="TABOO"]')).toHaveCount(6);
  const guarded = pol.locator('[data-testid="restricted-band"][data-withheld="true"]');
  await expect(guarded).toHaveCount(1);
  await expect(pol.locator('body')).not.toContainText('Adversary drone telemetry');
  const marker = pol.getByTestId('spectrum-conflict');
  await expect(marker).toHaveCount(1);
  await expect(marker).toContainText(/\d+(\.\d)? dB/);
  // Nothing zooms by itself: the whole axis, the marker at its right end wholly inside the chart.
  const polWindow = pol.getByTestId('spectrum-window');
  await expect(polWindow).toHaveText('30 MHz – 6 GHz');
  const chart = (await pol.getByTestId('spectrum-view').boundingBox())!;
  const markerBox = (await marker.boundingBox())!;
  expect(markerBox.x + markerBox.width).toBeLessThanOrEqual(chart.x + chart.width);
  await expect(conflictRow(pol)).toHaveAttribute('data-state', 'OPEN');
  expect(await seriousViolations(pol), 'spectrum view').toEqual([]);
  await pol.screenshot({ path: join(SHOTS, 'spectrum-pol-view.png') });

  // UKR's liaison sees the same conflict (its jammer against POL's datalink).
  const ukr = await signIn(browser, run.stack.webUrl!, 'ukr-liaison', run.outside);
  await openSpectrum(ukr);
  await expect(ukr.getByTestId('spectrum-conflict')).toHaveCount(1);
  await expect(conflictRow(ukr)).toHaveAttribute('data-state', 'OPEN');

  // POL selects the conflict: the chart zooms onto its two bands (the 20 MHz datalink, under a pixel
  // on the whole axis, becomes a bar to read); the engine's suggestions, each checked; POL proposes
  // the datalink's new channel.
  await marker.click();
  const datalink = bar(pol, 'POL', 'pol-roz-datalink');
  await expect.poll(async () => (await datalink.boundingBox())?.width ?? 0, { timeout: 10_000 }).toBeGreaterThan(20);
  await expect(polWindow).not.toHaveText('30 MHz – 6 GHz');
  await expect(bar(pol, 'UKR', 'ukr-ew-border')).toBeVisible();
  expect(await seriousViolations(pol), 'spectrum view, zoomed').toEqual([]);
  await pol.getByTestId('spectrum-view').screenshot({ path: join(SHOTS, 'spectrum-pol-zoomed.png') });
  const retune = pol
    .getByTestId('suggestion')
    .filter({ hasText: 'ROZ drone datalink' })
    .filter({ hasText: '5671.75' })
    .first();
  await expect(retune).toBeVisible();
  await pol.screenshot({ path: join(SHOTS, 'spectrum-pol-suggestions.png') });
  await retune.getByTestId('suggestion-propose').click();
  await expect(conflictRow(pol).getByTestId('proposal').first()).toHaveAttribute('data-state', 'OPEN');

  // UKR opens the conflict, reads the proposal and accepts it.
  await conflictRow(ukr).getByRole('button').first().click();
  const proposal = conflictRow(ukr).getByTestId('proposal').first();
  await expect(proposal).toHaveAttribute('data-state', 'OPEN');
  await expect(proposal).toContainText('5671.75');
  await ukr.screenshot({ path: join(SHOTS, 'spectrum-ukr-proposal.png') });
  await proposal.getByTestId('proposal-accept').click();

  // Resolved for both; the datalink is at its new channel, version 2.
  await expect(conflictRow(ukr)).toHaveAttribute('data-state', 'RESOLVED');
  await expect(conflictRow(pol)).toHaveAttribute('data-state', 'RESOLVED');
  await expect(pol.getByTestId('assignment-row').filter({ hasText: 'ROZ drone datalink' })).toContainText('v2');
  await expect(pol.getByTestId('spectrum-conflict')).toHaveCount(0);
  await pol.screenshot({ path: join(SHOTS, 'spectrum-pol-resolved.png') });
  await ukr.screenshot({ path: join(SHOTS, 'spectrum-ukr-resolved.png') });
  // "All" shows the whole axis again.
  await pol.getByTestId('spectrum-zoom-reset').click();
  await expect(polWindow).toHaveText('30 MHz – 6 GHz');
  await pol.context().close();
  await ukr.context().close();
});
