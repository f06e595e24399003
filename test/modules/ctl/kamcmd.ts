// Runs Debian's kamcmd (the real binrpc client) for the ctl tests; absent,
// the tests are skipped, except in CI, where kamailio is installed.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';

const BINARY = ['/usr/sbin/kamcmd', '/usr/bin/kamcmd'].find((p) => existsSync(p));

if (!BINARY && process.env.CI) throw new Error('kamcmd is not installed (Debian package kamailio)');

/** `describe`, or `describe.skip` when kamcmd is not installed. */
export const withKamcmd = BINARY ? describe : describe.skip;

/** kamcmd's output and exit code for `kamcmd -s ADDRESS ARGS...`. */
export function kamcmd(address: string, ...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    execFile(BINARY!, ['-s', address, ...args], { timeout: 10000 }, (error, stdout, stderr) => {
      resolve({ stdout, stderr, code: error ? (typeof error.code === 'number' ? error.code : -1) : 0 });
    });
  });
}
