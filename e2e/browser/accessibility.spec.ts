import { expect, test, type Page } from '@playwright/test';
import { seriousViolations, signIn, useBrowserStack } from './support.ts';

/**
 * Accessibility as a new user meets it: axe-core's WCAG 2 A/AA rules on the sign-in page, the COP
 * (with its alerts, requests, sectors and a track's detail) and the liaison console report no serious
 * or critical violation. Operations rooms run dark and at night: contrast is not cosmetic.
 */
const run = useBrowserStack();

const expectAccessible = async (page: Page, where: string) => expect(await seriousViolations(page), where).toEqual([]);

test('the sign-in page, also with an error, has no serious or critical violation', async ({ page }) => {
  await page.goto(`${run.stack.webUrl}/login`);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  await expectAccessible(page, 'sign-in');
  await page.getByLabel('Username').fill('pol-watch');
  await page.getByLabel('Password').fill('wrong');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('login-error')).toBeVisible();
  await expectAccessible(page, 'sign-in with an error');
});

test('the COP has no serious or critical violation, tab by tab and with a track selected', async ({ browser }) => {
  const pol = await signIn(browser, run.stack.webUrl!, 'pol-cmdr', run.outside);
  await expect(pol.locator('[data-track-id]').first()).toBeVisible();
  await expectAccessible(pol, 'COP, alerts');
  await pol.locator('[data-track-id="UKR-owa-01"]').click();
  await expect(pol.getByTestId('track-detail')).toBeVisible();
  await expectAccessible(pol, 'COP, track detail');
  for (const tab of ['authorizations', 'sectors', 'audit']) {
    await pol.getByTestId(`tab-${tab}`).click();
    await expectAccessible(pol, `COP, ${tab}`);
  }
  await pol.getByTestId('tab-sectors').click();
  await pol.getByTestId('sectors-panel').getByRole('button', { name: 'Change…' }).first().click();
  await expect(pol.getByLabel('New WCS')).toBeVisible();
  await pol.getByTestId('command-settings').getByRole('button', { name: 'Change…' }).first().click();
  await expect(pol.getByLabel('New autonomy mode')).toBeVisible();
  await expectAccessible(pol, 'COP, WCS and autonomy change forms open');
  await pol.getByRole('button', { name: 'Layers ▾' }).click();
  await expectAccessible(pol, 'COP, layers menu open');
  await pol.context().close();
});

test('the liaison console has no serious or critical violation, reading and drawing', async ({ browser }) => {
  const liaison = await signIn(browser, run.stack.webUrl!, 'pol-liaison', run.outside);
  await liaison.getByTestId('tab-deconfliction').click();
  await expect(liaison.getByTestId('deconfliction-console')).toBeVisible();
  await expectAccessible(liaison, 'liaison console');
  await liaison.getByTestId('new-reservation').click();
  await expect(liaison.getByTestId('reservation-editor')).toBeVisible();
  await expectAccessible(liaison, 'reservation editor');
  await liaison.context().close();
});
