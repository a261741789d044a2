/** `./tessera twin status|pause|resume|reset|speed <factor>`: control the running digital twin over NATS. */
import { existsSync, readFileSync } from 'node:fs';
import { connect } from '@nats-io/transport-node';
import { TwinControlReply, subjects, type TwinControlRequest } from '@tessera/schema';
import { STACK_FILE } from './stack.ts';

const [command = 'status', arg] = process.argv.slice(2);
const requests: Record<string, () => TwinControlRequest> = {
  status: () => ({ command: 'status' }),
  pause: () => ({ command: 'pause' }),
  resume: () => ({ command: 'resume' }),
  reset: () => ({ command: 'reset' }),
  speed: () => ({ command: 'setTimeScale', timeScale: Number(arg) }),
};
const build = requests[command];
if (!build) {
  process.stderr.write('usage: ./tessera twin status|pause|resume|reset|speed <factor>\n');
  process.exit(2);
}
const natsUrl = process.env.NATS_URL ?? (existsSync(STACK_FILE) ? (JSON.parse(readFileSync(STACK_FILE, 'utf8')) as { natsUrl: string }).natsUrl : undefined);
if (!natsUrl) {
  process.stderr.write('no running stack found; start one with ./tessera up or set NATS_URL\n');
  process.exit(1);
}
const nc = await connect({ servers: natsUrl });
try {
  const msg = await nc.request(subjects.twinControl, JSON.stringify(build()), { timeout: 3000 });
  const reply = TwinControlReply.parse(msg.json());
  process.stdout.write(JSON.stringify(reply, null, 2) + '\n');
  process.exitCode = reply.ok ? 0 : 1;
} finally {
  await nc.close();
}
