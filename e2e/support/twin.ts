import { connect } from '@nats-io/transport-node';
import { TwinControlReply, subjects, type TwinControlRequest, type TwinStatus } from '@tessera/schema';
import type { Stack } from '../../scripts/stack.ts';

/**
 * The digital twin's clock, for tests (what `./tessera twin` does, over the same control subject).
 *
 * The scenario is a function of scenario time, and scenario time runs with the wall clock while the
 * twin runs. A test that expects a given picture (these tracks up, none ended yet) or a target still
 * in the air must not let scenario time depend on how fast the machine gets through the test: it
 * holds the twin (`pause`) while it does things that take wall-clock time, and lets it run only while
 * it needs the picture to move. Requests are repeated until the twin answers (after a NATS or twin
 * restart it takes a moment to come back); every command but `reset` may be repeated safely.
 */
export async function twinControl(
  stack: Pick<Stack, 'natsUrl' | 'natsOperator'>,
  request: TwinControlRequest,
  timeoutMs = 60_000,
): Promise<TwinStatus> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const nc = await connect({ servers: stack.natsUrl, ...stack.natsOperator, reconnect: false, timeout: 2000 });
      try {
        const reply = TwinControlReply.parse(
          (await nc.request(subjects.twinControl, JSON.stringify(request), { timeout: 2000 })).json(),
        );
        if (!reply.ok) throw new Error(`twin refused ${request.command}: ${reply.error}`);
        return reply.status;
      } finally {
        await nc.close();
      }
    } catch (err) {
      last = err;
      if ((err as Error).message.startsWith('twin refused')) throw err;
    }
    if (Date.now() > end)
      throw new Error(`the twin did not answer ${request.command} within ${timeoutMs / 1000} s: ${String(last)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Let the scenario run while `fn` waits for what it needs to see move, then hold it again. */
export async function whileTwinRuns<T>(
  stack: Pick<Stack, 'natsUrl' | 'natsOperator'>,
  fn: () => Promise<T>,
): Promise<T> {
  await twinControl(stack, { command: 'resume' });
  try {
    return await fn();
  } finally {
    await twinControl(stack, { command: 'pause' });
  }
}
