// Test helper for module tests: runs a script with `siprc exec` on one
// message (both written to a temporary directory) and splits what it printed
// into the route trace, the log lines and the messages it would send.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileFile } from '../../cli/compile.js';
import { runExec, type ExecOutput } from '../../cli/exec.js';
import { settledNow } from '../helpers.js';

export interface SentMessage {
  /** `udp|127.0.0.1:5070` */
  readonly to: string;
  readonly text: string;
}

export interface ScriptRun {
  readonly trace: string[];
  /** The text of each log line (`<script>: ` and the level left out). */
  readonly logs: string[];
  readonly sent: SentMessage[];
  readonly stderr: string;
}

const dir = mkdtempSync(join(tmpdir(), 'siprc-module-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let runs = 0;

/** A message from lines joined with CRLF, ending with the blank line (and body, if given). */
export function sipMessage(lines: readonly string[], body = ''): string {
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

export function runScript(script: string, message: string, options: { source?: string; proto?: string } = {}): ScriptRun {
  return splitOutput(settledNow(execScript(script, message, options)));
}

/** As runScript, for a script that may wait (a module on storage): resolves once the run has ended. */
export async function runScriptWaiting(script: string, message: string, options: { source?: string; proto?: string } = {}): Promise<ScriptRun> {
  return splitOutput(await execScript(script, message, options));
}

function execScript(script: string, message: string, options: { source?: string; proto?: string }): ExecOutput | Promise<ExecOutput> {
  const n = runs++;
  const cfg = join(dir, `s${n}.cfg`);
  const msg = join(dir, `m${n}.sip`);
  writeFileSync(cfg, script);
  writeFileSync(msg, message, 'latin1');
  return runExec(compileFile(cfg, []), { message: msg, source: options.source ?? '127.0.0.1:5070', proto: options.proto ?? 'udp' });
}

/** What `siprc exec` printed, split into the trace, the log lines and the messages it would send. */
function splitOutput(out: ExecOutput): ScriptRun {
  // Lines and messages are joined with \n, and the output ends with one.
  const [head = '', ...sends] = out.stdout.replace(/\n$/, '').split(/\n(?=send\|)/);
  const lines = head.split('\n').filter((l) => l !== '');
  return {
    trace: lines.filter((l) => /^(start|return|exit|drop)\|/.test(l)),
    logs: lines.filter((l) => l.startsWith('log|')).map((l) => l.replace(/^log\|-?\d+\|(<script>: )?/, '')),
    sent: sends.map((s) => {
      const eol = s.indexOf('\n');
      return { to: s.slice('send|'.length, eol), text: s.slice(eol + 1) };
    }),
    stderr: out.stderr,
  };
}
