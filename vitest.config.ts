import { defineConfig } from 'vitest/config';

/**
 * unit: pure logic next to the code (*.spec.ts), no I/O.
 * integration: a real nats-server per file and real clients (test/*.test.ts).
 * e2e: the whole stack as `./tessera up` starts it (e2e/test/*.test.ts).
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['{schema,gateway,services/*}/src/**/*.spec.ts', 'scripts/**/*.spec.ts'] } },
      {
        test: {
          name: 'integration',
          include: ['{gateway,services/*}/test/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/test/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
