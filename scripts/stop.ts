/** `./tessera stop`: ends the stack that `./tessera up` started, by the pid it recorded. */
import { existsSync, readFileSync } from 'node:fs';
import { STACK_FILE } from './stack.ts';

if (!existsSync(STACK_FILE)) {
  process.stdout.write('no running stack (nothing recorded in .data/stack.json)\n');
  process.exit(0);
}
const { pid } = JSON.parse(readFileSync(STACK_FILE, 'utf8')) as { pid: number };
try {
  process.kill(pid, 'SIGTERM');
  process.stdout.write(`asked the stack (pid ${pid}) to stop\n`);
} catch {
  process.stdout.write(`the stack recorded as pid ${pid} is not running\n`);
}
