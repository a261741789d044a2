import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ROOT } from '../../scripts/stack.ts';
import { twinControl } from '../support/twin.ts';
import { gqlAs, pictureIds, signIn, startBrowserStack } from './support.ts';

/**
 * The human-machine boundary in the browser, against the whole stack (twin, detector, authority,
 * interceptor agents, gateway, web): POL's interceptor agent asks to engage the hostile drone
 * POL-spoof-01 over POL South.
 *
 * Two clocks are at work, and the test sets both. A request's deadline is the authority's (wall
 * clock): a request has DECISION_S to be decided, and the commander's console is open before the
 * request to approve exists, so that time covers the decision itself (approve, a reason, confirm:
 * 7 s here, 12 s with four CPU hogs on two cores, over 30 s with five whole test runs side by side)
 * and the agent's launch, never a sign-in: 120 s, about ten times the loaded case. The drone's
 * flight is the twin's (scenario time; it ends after 493 s): while people act the twin runs in real
 * time, and at 5x (the interceptor's time scale) only from the approval on, so a flyout takes
 * seconds. How long people (and this machine) take to decide never uses up the drone's flight.
 */
const DECISION_S = 120;
const FLYOUT_TIME_SCALE = 5;
let stack: Awaited<ReturnType<typeof startBrowserStack>>;
const outside: string[] = [];
const SHOTS = join(ROOT, 'e2e', 'test-results', 'screenshots');

test.beforeAll(async () => {
  stack = await startBrowserStack({ timeScale: FLYOUT_TIME_SCALE, env: { ENGAGEMENT_DEADLINE_S: String(DECISION_S) } });
  await twinControl(stack, { command: 'setTimeScale', timeScale: 1 });
});

test.afterAll(async () => {
  await stack?.stop();
});

test.afterEach(() => {
  expect(outside, 'requests outside the stack').toEqual([]);
});

const DECIDE = 'mutation($id: ID!) { decideRequest(id: $id, decision: APPROVE, reason: "looks hostile") { id state } }';

test('a watch officer cannot approve, a request left alone expires and nothing launches, a commander approves and the target is destroyed', async ({
  browser,
}) => {
  // Failure bounds, not deadlines: a request's life, and a flyout of up to 20 km at 80 m/s (at 5x), each take up to a minute.
  test.setTimeout(600_000); // a hang detector: about ten times the spec alone
  const watch = await signIn(browser, stack.webUrl!, 'pol-watch', outside);
  await watch.getByTestId('tab-authorizations').click();

  // The agent's request, as the watch officer sees it: no decision buttons, and the API refuses.
  // POL-spoof-01's position jumps 20 s after launch and the detector flags it: from then on every
  // request about it names the flag (one asked for before the flag is withdrawn, never decided).
  const first = watch
    .locator('[data-testid="request-row"][data-state="PENDING"]')
    .filter({ hasText: 'POL-spoof-01' })
    .filter({ has: watch.getByTestId('request-warning') })
    .first();
  await expect(first).toBeVisible({ timeout: 60_000 });
  const firstId = (await first.getAttribute('data-request-id'))!;
  const firstRow = watch.locator(`[data-request-id="${firstId}"]`);
  await expect(firstRow).toContainText('pol-interceptor-1');
  await expect(firstRow.getByTestId('request-approve')).toHaveCount(0);
  const refused = await gqlAs(stack.gatewayUrl, 'pol-watch', DECIDE, { id: firstId });
  // Only commanders decide: the gateway refuses anyone else before the authority hears of it.
  expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });

  // The commander is at the console before the agent asks again.
  const cmdr = await signIn(browser, stack.webUrl!, 'pol-cmdr', outside);
  await cmdr.getByTestId('tab-authorizations').click();

  // Left alone, it expires at its deadline; it never launched, and the drone still flies.
  await expect(firstRow).toHaveAttribute('data-state', 'EXPIRED', { timeout: (DECISION_S + 30) * 1000 });
  await expect(firstRow).toHaveAttribute('data-engagement-state', '');
  expect(await pictureIds(watch)).toContain('POL-spoof-01');
  await watch.screenshot({ path: join(SHOTS, 'engagement-expired.png') });

  // The agent asks again; the commander approves with a reason, after a confirmation step.
  const next = cmdr
    .locator(`[data-testid="request-row"][data-state="PENDING"]:not([data-request-id="${firstId}"])`)
    .filter({ hasText: 'POL-spoof-01' })
    .first();
  await expect(next).toBeVisible({ timeout: 30_000 });
  const id = (await next.getAttribute('data-request-id'))!;
  expect(id).not.toBe(firstId);
  const row = cmdr.locator(`[data-request-id="${id}"]`);
  // The spoofing flag is on the request, in words, before the commander can approve.
  await expect(row.getByTestId('request-warning')).toContainText('Possible GNSS spoofing — position may be false');
  await expect(row.getByTestId('request-warning')).toContainText('position jump');
  await cmdr.screenshot({ path: join(SHOTS, 'engagement-spoofing-warning.png') });
  await row.getByTestId('request-approve').click();
  await expect(row.getByTestId('request-confirm-warning')).toContainText('Possible GNSS spoofing');
  await expect(row.getByTestId('request-confirm')).toBeDisabled(); // a reason first
  await row.getByTestId('request-reason').fill('hostile drone over POL South, no friendlies near');
  await cmdr.screenshot({ path: join(SHOTS, 'engagement-confirm.png') });
  await row.getByTestId('request-confirm').click();
  await expect(row).toHaveAttribute('data-state', 'APPROVED');
  await twinControl(stack, { command: 'setTimeScale', timeScale: FLYOUT_TIME_SCALE });

  // The watch officer sees the engagement run and the drone destroyed: gone from the list and the globe.
  const watched = watch.locator(`[data-request-id="${id}"]`);
  await expect(watched.getByTestId('request-status')).toHaveText(/IN FLIGHT|DESTROYED/, { timeout: 20_000 });
  // Effector -> intercept point (and the danger radius) is drawn on the globe while it runs.
  await expect
    .poll(
      () =>
        watch.evaluate(
          () => (window as unknown as { __tessera?: { predictions(): number } }).__tessera?.predictions() ?? -1,
        ),
      { timeout: 20_000 },
    )
    .toBeGreaterThan(0);
  await watch.screenshot({ path: join(SHOTS, 'engagement-in-flight.png') });
  await expect(watched.getByTestId('request-status')).toHaveText('DESTROYED', { timeout: 120_000 });
  await expect(watch.locator('[data-track-id="POL-spoof-01"]')).toHaveCount(0, { timeout: 10_000 });
  await expect.poll(() => pictureIds(watch), { timeout: 10_000 }).not.toContain('POL-spoof-01');
  await watch.screenshot({ path: join(SHOTS, 'engagement-destroyed.png') });

  // Who decided is on record: the request carries the decision, the audit trail the approval.
  // The gateway follows the audit stream: the completion's record may arrive just after the list shows it.
  const trailOf = async () =>
    (
      await gqlAs<{ auditLog: { action: string; actor: { id: string } }[] }>(
        stack.gatewayUrl,
        'pol-cmdr',
        'query($s: String) { auditLog(subject: $s) { action actor { id } } }',
        { s: id },
      )
    ).data!.auditLog;
  await expect
    .poll(async () => (await trailOf()).map((r) => r.action), { timeout: 30_000 })
    .toEqual(
      expect.arrayContaining(['REQUEST_OPENED', 'DECISION_APPROVE', 'ENGAGEMENT_EXECUTING', 'ENGAGEMENT_COMPLETED']),
    );
  expect((await trailOf()).find((r) => r.action === 'DECISION_APPROVE')!.actor.id).toBe('pol-cmdr');
  await watch.context().close();
  await cmdr.context().close();
});
