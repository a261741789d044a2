import { spawn } from 'node:child_process';

/**
 * Make sure a child process we started ends when this process ends, however it ends (a test worker
 * killed by its runner, SIGKILL, a crash): a tiny shell watches both pids once a second and stops
 * the child when this process is gone. It exits by itself when the child exits first.
 */
export function stopWhenParentDies(childPid: number | undefined): void {
  if (!childPid) return;
  const script = `while kill -0 ${process.pid} 2>/dev/null && kill -0 ${childPid} 2>/dev/null; do sleep 1; done; kill ${childPid} 2>/dev/null`;
  const guard = spawn('/bin/sh', ['-c', script], { stdio: 'ignore', detached: true });
  guard.unref();
}
