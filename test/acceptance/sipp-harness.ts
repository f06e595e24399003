// Test harness for serving tests: starts `siprc run` (the bundled command)
// on a script and waits until it serves, and runs SIPp scenarios against it,
// reading SIPp's final statistics. Everything listens on 127.0.0.1.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const hasSipp = spawnSync('sipp', ['-v'], { encoding: 'utf8' }).stdout?.includes('SIPp') ?? false;

export interface RunningServer {
  readonly process: ChildProcess;
  /** Everything the server wrote to stderr so far. */
  log(): string;
  stop(): Promise<number | null>;
}

/** Starts `siprc run FILE ARGS...`; resolves once it says it is serving. */
export function startSiprc(file: string, args: readonly string[] = []): Promise<RunningServer> {
  const child = spawn(process.execPath, ['bin/siprc.cjs', 'run', file, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const server: RunningServer = {
    process: child,
    log: () => stderr,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('siprc: serving')) resolve(server);
    });
    child.once('exit', (code) => reject(new Error(`siprc run exited with ${code}:\n${stderr}`)));
  });
}

export interface SippResult {
  readonly code: number | null;
  /** The last line of SIPp's statistics file, by column name. */
  readonly stats: Readonly<Record<string, string>>;
  readonly output: string;
}

const dir = mkdtempSync(join(tmpdir(), 'siprc-sipp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let runs = 0;

/** Runs SIPp with `args` (plus statistics to a file) to completion. */
export function runSipp(args: readonly string[]): Promise<SippResult> {
  const stf = join(dir, `stats-${runs++}.csv`);
  const child = spawn('sipp', [...args, '-nostdin', '-trace_stat', '-stf', stf, '-fd', '1'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => void (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => void (output += c.toString()));
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      let stats: Record<string, string> = {};
      try {
        const lines = readFileSync(stf, 'latin1').trim().split('\n');
        const header = lines[0]!.split(';');
        const last = lines[lines.length - 1]!.split(';');
        stats = Object.fromEntries(header.map((name, i) => [name, last[i] ?? '']));
      } catch {
        // No statistics: SIPp could not start; the exit code and output say why.
      }
      resolve({ code, stats, output });
    });
  });
}

/** The figures a run is judged by. */
export function outcome(result: SippResult): { successful: number; failed: number; unexpected: number } {
  return {
    successful: Number(result.stats['SuccessfulCall(C)']),
    failed: Number(result.stats['FailedCall(C)']),
    unexpected: Number(result.stats['FailedUnexpectedMessage(C)']),
  };
}

export { portsFree } from '../../bench/ports-free.mjs';
