/** `./tessera up`: the whole stack with the demo scenario, until Ctrl-C. */
import { rmSync, writeFileSync } from 'node:fs';
import { STACK_FILE, startStack } from './stack.ts';

const env = process.env;
const stack = await startStack({
  ...(env.NATS_URL ? { natsUrl: env.NATS_URL } : {}),
  natsPort: Number(env.NATS_PORT ?? 0),
  gatewayPort: Number(env.GATEWAY_PORT ?? 4000),
  webPort: Number(env.WEB_PORT ?? 3000),
  ...(env.SCENARIO_FILE ? { scenarioFile: env.SCENARIO_FILE } : {}),
  ...(env.TIME_SCALE ? { timeScale: Number(env.TIME_SCALE) } : {}),
});
process.stdout.write(
  [
    '',
    'Tessera is running.',
    `  Web UI:                     ${stack.webUrl ?? 'not built (pnpm build)'}`,
    `  GraphQL (HTTP + WebSocket): ${stack.gatewayUrl}`,
    `  NATS:                       ${stack.natsUrl}`,
    '  Demo users: pol-watch, pol-cmdr, ukr-watch, ... password "tessera" (see README).',
    '  Ctrl-C stops everything.',
    '',
  ].join('\n') + '\n',
);
// What ./tessera stop and ./tessera twin need to find this stack.
writeFileSync(
  STACK_FILE,
  JSON.stringify({ pid: process.pid, natsUrl: stack.natsUrl, gatewayUrl: stack.gatewayUrl, webUrl: stack.webUrl }) +
    '\n',
  { mode: 0o600 },
);
process.once('exit', () => rmSync(STACK_FILE, { force: true }));
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    process.stdout.write('stopping Tessera...\n');
    void stack.stop().then(() => process.exit(0));
  });
}
