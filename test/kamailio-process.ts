// Running Kamailio beside a test: whether it is installed and where its
// modules are (one answer for every test), and the process itself: in a
// process group of its own, its log
// (stderr, with -E) collected, its exit listened for from the spawn (one that
// fails to start has exited before the test stops it), stopped with SIGTERM
// to the group, then SIGKILL when it has not exited in time. Kamailio's main process waits up to a minute for a
// child that does not stop, longer than a test may take.

import { spawn, spawnSync, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';

/** Whether Kamailio (Debian's kamailio package) is installed: the tests beside it are skipped without it. */
export const hasKamailio = spawnSync('kamailio', ['-v'], { encoding: 'utf8' }).status === 0;

/** Where Debian's package puts Kamailio's modules. */
export const KAMAILIO_MODULES = '/usr/lib/x86_64-linux-gnu/kamailio/modules';

export interface KamailioProcess {
  readonly child: ChildProcessByStdio<null, null, Readable>;
  /** What it has written to stderr so far. */
  log(): string;
  /** Stops the whole group; resolves once Kamailio has exited. */
  stop(): Promise<void>;
}

/** Starts `kamailio` with these arguments. */
export function spawnKamailio(args: readonly string[]): KamailioProcess {
  const child = spawn('kamailio', args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let log = '';
  child.stderr.on('data', (d: Buffer) => void (log += d.toString('latin1')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, log: () => log, stop: () => stopGroup(child, exited) };
}

async function stopGroup(child: ChildProcess, exited: Promise<void>, graceMs = 3000): Promise<void> {
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
