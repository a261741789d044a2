/** `./tessera up`: the whole stack with the demo scenario, until Ctrl-C. */
import { startStack } from './stack.ts';

const env = process.env;
const stack = await startStack({
  ...(env.NATS_URL ? { natsUrl: env.NATS_URL } : {}),
  natsPort: Number(env.NATS_PORT ?? 0),
  gatewayPort: Number(env.GATEWAY_PORT ?? 4000),
  ...(env.WEB_ORIGIN ? { webOrigin: env.WEB_ORIGIN } : {}),
  ...(env.SCENARIO_FILE ? { scenarioFile: env.SCENARIO_FILE } : {}),
  ...(env.TIME_SCALE ? { timeScale: Number(env.TIME_SCALE) } : {}),
});
process.stdout.write(
  [
    '',
    'Tessera is running.',
    `  GraphQL (HTTP + WebSocket): ${stack.gatewayUrl}`,
    `  NATS:                       ${stack.natsUrl}`,
    '  Demo users: pol-watch, pol-cmdr, ukr-watch, ... password "tessera" (see README).',
    '  Ctrl-C stops everything.',
    '',
  ].join('\n') + '\n',
);
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    process.stdout.write('stopping Tessera...\n');
    void stack.stop().then(() => process.exit(0));
  });
}
