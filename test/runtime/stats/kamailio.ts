// Test helper: runs a script on the real Kamailio 5.6 (Debian's package) on
// loopback with a binrpc control socket in a temp dir, lets the test play
// messages to it, then reads its statistics with kamcmd and stops it; its
// log (stderr) is returned too.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnKamailio, hasKamailio as kamailioInstalled, KAMAILIO_MODULES } from '../../kamailio-process.js';

export const hasKamailio = kamailioInstalled && spawnSync('kamcmd', ['-h'], { encoding: 'utf8' }).error === undefined;

const MODULES = KAMAILIO_MODULES;
const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface KamailioRun {
  /** `group:name` to value, from `kamcmd stats.get_statistics all` after the play. */
  readonly stats: ReadonlyMap<string, number>;
  readonly log: string;
}

/** `script` is everything after the global lines this helper writes (listen, mpath, kex, ctl). */
export async function runKamailio(script: string, port: number, play: () => Promise<unknown>): Promise<KamailioRun> {
  const dir = mkdtempSync(join(tmpdir(), 'siprc-kam-stats-'));
  const cfg = join(dir, 'test.cfg');
  const sock = join(dir, 'ctl.sock');
  writeFileSync(
    cfg,
    `#!KAMAILIO\nlog_stderror=yes\nchildren=1\nlisten=udp:127.0.0.1:${port}\nmpath="${MODULES}/"\nloadmodule "kex.so"\nloadmodule "ctl.so"\nmodparam("ctl", "binrpc", "unix:${sock}")\n${script}`,
  );
  const kamailio = spawnKamailio(['-f', cfg, '-E', '-DD', '-m', '64', '-M', '8', '-Y', dir, '-L', MODULES]);
  const child = kamailio.child;
  const stats = new Map<string, number>();
  try {
    for (let i = 0; i < 150 && !/SO_RCVBUF is finally/.test(kamailio.log()) && child.exitCode === null; i++) await wait(20);
    await wait(150);
    if (child.exitCode !== null) throw new Error(`kamailio did not start:\n${kamailio.log()}`);
    await play();
    const out = spawnSync('kamcmd', ['-s', `unix:${sock}`, 'stats.get_statistics', 'all'], { encoding: 'utf8' });
    for (const line of out.stdout.split('\n')) {
      const m = /^(\S+) = (-?\d+)$/.exec(line.trim());
      if (m) stats.set(m[1]!, Number(m[2]));
    }
  } finally {
    await kamailio.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return { stats, log: kamailio.log() };
}
