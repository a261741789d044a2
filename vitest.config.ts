import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// graphql ships both index.mjs and index.js; Node (and Yoga) load index.js. Tests must load the same
// copy, or `instanceof GraphQLError` fails across the two and typed errors get masked.
const graphqlEntry = createRequire(new URL('./gateway/package.json', import.meta.url)).resolve('graphql');

/**
 * unit: pure logic next to the code (*.spec.ts), no I/O.
 * integration: a real nats-server per file and real clients (test/*.test.ts).
 * e2e: the whole stack as `./tessera up` starts it (e2e/test/*.test.ts).
 */
export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] },
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            '{schema,gateway,web,services/*}/src/**/*.spec.ts',
            'scripts/**/*.spec.ts',
            'e2e/chaos/**/*.spec.ts',
          ],
          // A timeout finds a hang, it does not measure speed: the 100,000-case property tests take
          // 2-3 s alone and past 5 s (vitest's default) on a loaded 2-core machine.
          testTimeout: 60_000,
        },
      },
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
