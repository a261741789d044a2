/**
 * Where the gateway's fan-out work waits its turn. Each task (one audience's share of one batch) runs
 * in its own turn of the event loop, so NATS messages and sockets are served between them; urgent
 * tasks (a new authorization request, a critical alert) go before every waiting ordinary one, so they
 * are never stuck behind a large track batch. Nothing here is unbounded in time: a task is small
 * by construction (one audience, one batch), and the queues hold at most one task per audience
 * and batch.
 */
export interface FanoutScheduler {
  run(task: () => void, urgent?: boolean): void;
  /** Tasks waiting (both queues). */
  waiting(): number;
}

export function createFanoutScheduler(opts: { onError: (err: unknown) => void }): FanoutScheduler {
  const urgentTasks: (() => void)[] = [];
  const tasks: (() => void)[] = [];
  let scheduled = false;

  const turn = () => {
    scheduled = false;
    const task = urgentTasks.shift() ?? tasks.shift();
    if (!task) return;
    try {
      task();
    } catch (err) {
      opts.onError(err);
    }
    // Every urgent task waiting runs now, before the loop goes on to I/O and ordinary tasks.
    while (urgentTasks.length) {
      try {
        urgentTasks.shift()!();
      } catch (err) {
        opts.onError(err);
      }
    }
    schedule();
  };
  const schedule = () => {
    if (scheduled || (urgentTasks.length === 0 && tasks.length === 0)) return;
    scheduled = true;
    setImmediate(turn);
  };

  return {
    run(task, urgent = false) {
      (urgent ? urgentTasks : tasks).push(task);
      schedule();
    },
    waiting: () => urgentTasks.length + tasks.length,
  };
}
