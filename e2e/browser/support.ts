import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { freePort } from '@tessera/service-kit';
import { ROOT, startStack, type Stack } from '../../scripts/stack.ts';

/**
 * Signing in as a demo user in a fresh browser context, recording every request that leaves the
 * stack (the COP must work fully offline) into `outside`.
 */
export async function signIn(browser: Browser, webUrl: string, username: string, outside: string[]): Promise<Page> {
  const context = await browser.newContext();
  context.on('request', (r) => {
    const url = new URL(r.url());
    if (!['data:', 'blob:'].includes(url.protocol) && !['localhost', '127.0.0.1'].includes(url.hostname))
      outside.push(r.url());
  });
  // Lite rendering, as software WebGL needs it; the setting is the user's own, remembered per browser.
  await context.addInitScript(
    () =>
      localStorage.getItem('tessera.settings') ??
      localStorage.setItem('tessera.settings', JSON.stringify({ lite: true })),
  );
  const page = await context.newPage();
  await page.goto(`${webUrl}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('tessera');
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Failure bounds: the first page load (Cesium, its workers) is slow on a loaded machine.
  await expect(page.getByTestId('user-info')).toContainText(username.slice(0, 3).toUpperCase(), { timeout: 60_000 });
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'live', { timeout: 60_000 });
  return page;
}

/** A GraphQL call as a demo user, over HTTP (the source of truth the page must agree with). */
export async function gqlAs<T = Record<string, unknown>>(
  gatewayUrl: string,
  username: string,
  query: string,
  variables: object = {},
): Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string; rule?: string } }[] }> {
  const post = async (q: string, v: object, token?: string) =>
    (await (
      await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query: q, variables: v }),
      })
    ).json()) as { data?: T; errors?: { message: string; extensions?: { code?: string; rule?: string } }[] };
  const login = (await post('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
    u: username,
    p: 'tessera',
  })) as { data: { login: { token: string } } };
  return post(query, variables, login.data.login.token);
}

export const pictureIds = (page: Page) =>
  page.evaluate(() => (window as unknown as { __tessera?: { trackIds(): string[] } }).__tessera?.trackIds() ?? []);

/**
 * The whole stack (nats-server, twin with the small test scenario, detector, authority, interceptor,
 * gateway, built web) in a fresh data folder on free ports; `stop()` ends it and removes the folder.
 */
export async function startBrowserStack(
  opts: { timeScale?: number; env?: Record<string, string> } = {},
): Promise<Stack & { stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-browser-'));
  const stack = await startStack({
    dataDir,
    gatewayPort: await freePort(),
    webPort: await freePort(),
    web: true,
    scenarioFile: join(ROOT, 'services/twin/scenarios/test-small.json'),
    ...(opts.timeScale ? { timeScale: opts.timeScale } : {}),
    env: { LOG_LEVEL: 'warn', ...opts.env },
    onOutput: () => undefined,
  });
  return {
    ...stack,
    async stop() {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An accessibility violation axe-core found, with where: what a failing test prints. */
export interface Violation {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/**
 * axe-core's WCAG 2 A and AA rules (2.0 and 2.1) on the page as it is now; the serious and critical
 * violations. The globe's canvas is left out: its pixels are a map, not text.
 */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  const { AxeBuilder } = await import('@axe-core/playwright');
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .exclude('canvas')
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

type ScreenPoint = { x: number; y: number };

/**
 * Where something is drawn on screen once the camera has stopped moving: `look` is asked every
 * 250 ms until two answers agree to a pixel.
 */
export async function settled(look: () => Promise<ScreenPoint | null>): Promise<ScreenPoint> {
  let last: ScreenPoint | null = null;
  let still: ScreenPoint | null = null;
  await expect
    .poll(
      async () => {
        const p = await look();
        if (p && last && Math.hypot(p.x - last.x, p.y - last.y) < 1) still = p;
        last = p;
        return still !== null;
      },
      { intervals: [250], timeout: 30_000 },
    )
    .toBe(true);
  return still!;
}

/**
 * The whole stack for the specs of one file: started before them, stopped after them, and after each
 * spec no request may have left it (the COP works fully offline). Read `stack` inside a test.
 */
export function useBrowserStack(opts: Parameters<typeof startBrowserStack>[0] = {}): {
  readonly stack: Stack;
  outside: string[];
} {
  let stack: Awaited<ReturnType<typeof startBrowserStack>> | undefined;
  const outside: string[] = [];
  test.beforeAll(async () => {
    stack = await startBrowserStack(opts);
  });
  test.afterAll(async () => {
    await stack?.stop();
  });
  test.afterEach(() => {
    expect(outside, 'requests outside the stack').toEqual([]);
  });
  return {
    get stack() {
      if (!stack) throw new Error('The stack starts in beforeAll: read it inside a test.');
      return stack;
    },
    outside,
  };
}
