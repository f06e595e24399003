// `siprc rpc METHOD [PARAMS...]`: calls a control method of a running siprc
// through its jsonrpcs transports, the Unix datagram socket (default
// /run/kamailio/kamailio_rpc.sock, jsonrpcs' default) or the FIFO (--fifo),
// and prints the answer as indented lines (kamcmd's way) or as JSON
// (--json). Parameters are typed as kamcmd types them: an integer or a
// decimal number is sent as a number, `s:TEXT` forces a string.

import { spawnSync } from 'node:child_process';
import { closeSync, constants, existsSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';

export const DEFAULT_RPC_SOCKET = '/run/kamailio/kamailio_rpc.sock';

export interface RpcCliOptions {
  readonly socket?: string;
  readonly fifo?: string;
  readonly replyDir: string;
  readonly json?: boolean;
  readonly timeout: string;
}

/** A command-line parameter as kamcmd types it. */
export function typedParam(text: string): string | number {
  if (text.startsWith('s:')) return text.slice(2);
  if (/^-?\d+$/.test(text) || /^-?\d+\.\d+$/.test(text)) return Number(text);
  return text;
}

/** A JSON value as indented `name: value` lines. */
export function renderValue(value: unknown, indent = ''): string {
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' && v !== null ? `${indent}{\n${renderValue(v, `${indent}\t`)}${indent}}\n` : `${indent}${String(v)}\n`)).join('');
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value)
      .map(([k, v]) => (typeof v === 'object' && v !== null ? `${indent}${k}:\n${renderValue(v, `${indent}\t`)}` : `${indent}${k}: ${String(v)}\n`))
      .join('');
  }
  return `${indent}${String(value)}\n`;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer from ${what} within ${ms / 1000} s`)), ms);
    p.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}

async function overSocket(path: string, text: string, ms: number): Promise<string> {
  if (!existsSync(path)) throw new Error(`nothing listens on ${path} (is siprc running with jsonrpcs? --socket or --fifo name another)`);
  // The answer comes to a socket of our own (owner-only, removed at close).
  const { openUnixDgram } = await import('../modules/kit/unix-dgram.js');
  let failed: (e: Error) => void = () => undefined;
  let answered: (text: string) => void = () => undefined;
  const answer = new Promise<string>((resolve, reject) => {
    answered = resolve;
    failed = reject;
  });
  const own = join(tmpdir(), `siprc_rpc_${process.pid}.sock`);
  const client = await openUnixDgram(own, { mode: 0o600 }, (data) => answered(data.toString('utf8')), (e) => failed(new Error(`cannot send to ${path}: ${e}`)));
  try {
    client.send(path, Buffer.from(text));
    return await withTimeout(answer, ms, path);
  } finally {
    client.close();
  }
}

async function overFifo(fifo: string, replyDir: string, request: Record<string, unknown>, ms: number): Promise<string> {
  if (!existsSync(fifo)) throw new Error(`there is no FIFO ${fifo} (is siprc running with jsonrpcs' FIFO transport?)`);
  const name = `siprc_rpc_reply_${process.pid}`;
  const replyPath = join(replyDir, name);
  if (existsSync(replyPath)) unlinkSync(replyPath);
  const made = spawnSync('mkfifo', ['-m', '600', replyPath], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`cannot make the reply FIFO ${replyPath}: ${made.stderr?.trim() || made.error?.message}`);
  try {
    const reading = readFile(replyPath, 'utf8');
    // Non-blocking: a FIFO nobody reads (no siprc behind it) fails at once instead of hanging.
    let fd: number;
    try {
      fd = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    } catch (e) {
      throw new Error(`nothing reads the FIFO ${fifo} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    try {
      writeSync(fd, `${JSON.stringify({ ...request, reply_name: name })}\n`);
    } finally {
      closeSync(fd);
    }
    return await withTimeout(reading, ms, fifo);
  } finally {
    unlinkSync(replyPath);
  }
}

/** Calls the method; resolves with the exit code (0 answered, 1 a fault or no answer). */
export async function runRpc(method: string, params: readonly string[], options: RpcCliOptions, out = (t: string) => void process.stdout.write(t), err = (t: string) => void process.stderr.write(t)): Promise<number> {
  const request = { jsonrpc: '2.0', method, params: params.map(typedParam), id: 1 };
  const ms = Number(options.timeout) * 1000;
  let text: string;
  try {
    text = options.fifo ? await overFifo(options.fifo, options.replyDir, request, ms) : await overSocket(options.socket ?? DEFAULT_RPC_SOCKET, JSON.stringify(request), ms);
  } catch (e) {
    err(`siprc rpc: ${(e as Error).message}\n`);
    return 1;
  }
  let answer: { result?: unknown; error?: { code: number; message: string } };
  try {
    answer = JSON.parse(text);
  } catch {
    err(`siprc rpc: the answer is not JSON: ${text.slice(0, 200)}\n`);
    return 1;
  }
  if (answer.error) {
    if (options.json) out(`${JSON.stringify(answer.error, null, 2)}\n`);
    err(`error: ${answer.error.code} - ${answer.error.message}\n`);
    return 1;
  }
  out(options.json ? `${JSON.stringify(answer.result, null, 2)}\n` : renderValue(answer.result));
  return 0;
}

export function addRpcCommand(program: Command, setExit: (code: number) => void): void {
  program
    .command('rpc')
    .description('call a control method of a running siprc (core.version, stats.get_statistics all, ul.dump, ...) through jsonrpcs')
    .argument('<method>', 'the method (system.listMethods lists them)')
    .argument('[params...]', 'its parameters: numbers are sent as numbers, s:TEXT as a string')
    .option('-s, --socket <path>', `jsonrpcs' Unix datagram socket (default ${DEFAULT_RPC_SOCKET})`)
    .option('--fifo <path>', "use jsonrpcs' FIFO instead of its socket")
    .option('--reply-dir <dir>', "where to make the reply FIFO: jsonrpcs' fifo_reply_dir", '/tmp/')
    .option('--json', 'print the result as JSON')
    .option('--timeout <seconds>', 'how long to wait for the answer', '5')
    .action(async (method: string, params: string[], options: RpcCliOptions) => setExit(await runRpc(method, params, options)));
}
