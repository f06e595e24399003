// Runs a script on the real Kamailio 5.6 (from Debian's package) on
// loopback: starts it in the foreground with the script, sends it one UDP
// message from a given local port, collects what its xlog wrote to stderr,
// and stops it. Also runs the same script through `siprc exec`, so the two
// can be compared line by line.

import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileFile } from '../../cli/compile.js';
import { runExec } from '../../cli/exec.js';
import { settledNow } from '../helpers.js';
import { spawnKamailio, hasKamailio, KAMAILIO_MODULES } from '../kamailio-process.js';

export { hasKamailio };

const MODULES = KAMAILIO_MODULES;

/** Kamailio's level names as xlog prints them, and their numbers. */
const LEVELS: Readonly<Record<string, number>> = { ALERT: -5, BUG: -4, CRITICAL: -3, ERROR: -1, WARNING: 0, NOTICE: 1, INFO: 2, DEBUG: 3 };

/** One script line as both print it: `LEVEL|text`. */
export type LogLine = string;

export interface KamailioRun {
  readonly lines: LogLine[];
  /** What Kamailio wrote to stderr, for diagnosing a failure. */
  readonly stderr: string;
}

const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The script with the settings both servers need: log to stderr, one process, a loopback socket. */
export function withHeader(script: string, port: number): string {
  return `debug=2\nlog_stderror=yes\nchildren=1\nlisten=udp:127.0.0.1:${port}\n${script}`;
}

/** Runs `script` (with its header) on Kamailio listening on `port`, sends `message` from `clientPort`. */
export async function runKamailio(script: string, message: Buffer, port: number, clientPort: number): Promise<KamailioRun> {
  const dir = mkdtempSync(join(tmpdir(), 'siprc-kam-'));
  const cfg = join(dir, 'test.cfg');
  writeFileSync(cfg, withHeader(script, port));
  const kamailio = spawnKamailio(['-f', cfg, '-E', '-D', '-w', dir, '-Y', dir, '-L', MODULES]);
  const child = kamailio.child;
  let changed = Date.now();
  child.stderr.on('data', () => void (changed = Date.now()));
  try {
    // Ready once its UDP socket is set up (it reports the receive buffer size then).
    for (let i = 0; i < 100 && !/SO_RCVBUF is finally/.test(kamailio.log()); i++) {
      if (child.exitCode !== null) break;
      await wait(20);
    }
    if (child.exitCode === null) {
      await wait(100);
      const socket = createSocket('udp4');
      await new Promise<void>((r) => socket.bind(clientPort, '127.0.0.1', () => r()));
      await new Promise<void>((r) => socket.send(message, port, '127.0.0.1', () => r()));
      // Done when nothing more is written for a while.
      const sent = Date.now();
      while (Date.now() - sent < 5000 && Date.now() - Math.max(changed, sent) < 500) await wait(25);
      socket.close();
    }
  } finally {
    await kamailio.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const stderr = kamailio.log();
  const lines: LogLine[] = [];
  for (const m of stderr.matchAll(/^\s*\d+\(\d+\) ([A-Z]+): <script>: (.*)$/gm)) lines.push(`${LEVELS[m[1]!] ?? m[1]}|${m[2]}`);
  return { lines, stderr };
}

/** Runs the same script (with its header) through `siprc exec` on the message file. */
export function runSiprc(script: string, messageFile: string, port: number, clientPort: number): { lines: LogLine[]; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'siprc-exec-'));
  const cfg = join(dir, 'test.cfg');
  writeFileSync(cfg, withHeader(script, port));
  try {
    const checked = compileFile(cfg, []);
    const errors = checked.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) return { lines: [], stderr: errors.map((d) => `${checked.parse.sources.describe(d.span)}: ${d.message}`).join('\n') };
    const out = settledNow(runExec(checked, { message: messageFile, source: `127.0.0.1:${clientPort}`, proto: 'udp' }));
    const lines = out.stdout
      .split('\n')
      .filter((l) => l.startsWith('log|'))
      .map((l) => l.slice(4).replace('|<script>: ', '|'));
    return { lines, stderr: out.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
