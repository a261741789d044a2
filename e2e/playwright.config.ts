import { defineConfig } from '@playwright/test';

/**
 * Browser e2e: Debian's headless Chromium against the real stack (nats-server, twin with the small
 * test scenario, gateway, built web), started by the spec itself. Never `playwright install`.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: './browser',
  outputDir: './test-results',
  // A timeout catches a hang, it measures nothing: ten times what a spec takes alone here, so a spec
  // keeps passing on a 2-core machine running other suites beside it (3x slower and more).
  timeout: 300_000,
  expect: { timeout: 60_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [['list']],
  use: {
    viewport: { width: 1600, height: 900 },
    launchOptions: { executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
});
