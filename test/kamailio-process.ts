// Stopping a server a test started in a process group of its own (spawned
// with `detached: true`): SIGTERM to the group, then SIGKILL when it has not
// exited in time. Kamailio's main process waits up to a minute for a child
// that does not stop, longer than a test may take.

import type { ChildProcess } from 'node:child_process';

/** Stops `child`'s process group; `exited` is its exit, listened for since it was spawned. */
export async function stopGroup(child: ChildProcess, exited: Promise<unknown>, graceMs = 3000): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const signal = (name: NodeJS.Signals): void => {
    try {
      process.kill(-pid, name);
    } catch {
      // The group is gone already.
    }
  };
  signal('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs)));
  const first = await Promise.race([exited.then(() => 'exited' as const), late]);
  clearTimeout(timer);
  if (first === 'late') {
    signal('SIGKILL');
    await exited;
  }
}
