// Test helper: serves a script as `siprc run` does (the SIP server on a free
// UDP port of 127.0.0.1, then the modules' childInit, which opens the control
// transports), in a temp dir the script can name as $DIR, and JSON-RPC
// clients for the FIFO, a Unix datagram socket and HTTP.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileFileWithModules } from '../../../cli/compile.js';
import { prepare, stopModules, type Prepared } from '../../../cli/prepare.js';
import { localIdentity } from '../../../cli/script-settings.js';
import { SipServer } from '../../../runtime/server/server.js';

export interface Running {
  readonly dir: string;
  readonly port: number;
  readonly prepared: Prepared;
  stop(): Promise<void>;
}

const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Serves `script` (with `$DIR` replaced by a fresh temp dir); resolves once `ready` (a path) exists or after a pause. */
export async function runScript(script: string, ready: readonly string[] = []): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), 'siprc-jsonrpcs-'));
  const path = join(dir, 'siprc.cfg');
  writeFileSync(path, script.replaceAll('$DIR', dir));
  const checked = await compileFileWithModules(path, []);
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('\n'));
  const prepared = prepare(checked, 'test', false);
  if ('error' in prepared) throw new Error(prepared.error);
  const refused = await prepared.linked.ready;
  if (refused) throw new Error(refused);
  const server = new SipServer({
    runner: prepared.runner,
    identity: { ...localIdentity(checked), sockets: [{ proto: 'udp' as const, address: '127.0.0.1', port: 0 }] },
    debugLevel: 3,
    maxBranches: 12,
    tcp: { lifetime: 10, connectTimeout: 2 },
    write: () => undefined,
  });
  await server.start();
  Object.assign(prepared.linked.serverInfo, { version: 'test', startedAt: Date.now() });
  for (const m of prepared.linked.modules) m.decl.childInit?.(m, 0);
  for (const p of ready) {
    for (let i = 0; i < 100 && spawnSync('test', ['-e', p]).status !== 0; i++) await wait(20);
  }
  await wait(50);
  const port = Number(/:(\d+)$/.exec(server.listening[0]!)![1]);
  return {
    dir,
    port,
    prepared,
    stop: async () => {
      await server.stop(0);
      await stopModules(prepared.linked.modules);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let replies = 0;

/** Writes a request to the FIFO with a fresh reply FIFO in `replyDir`; resolves with the reply text. */
export async function fifoCall(fifo: string, replyDir: string, request: Record<string, unknown>): Promise<string> {
  const name = `siprc_reply_${process.pid}_${replies++}`;
  const replyPath = join(replyDir, name);
  spawnSync('mkfifo', ['-m', '600', replyPath]);
  try {
    const reading = readFile(replyPath, 'utf8');
    writeFileSync(fifo, `${JSON.stringify({ ...request, reply_name: name })}\n`);
    return await reading;
  } finally {
    unlinkSync(replyPath);
  }
}

/** Sends a document over a Unix datagram socket from a bound socket of its own; resolves with the answer. */
export async function dgramCall(socketPath: string, clientPath: string, text: string): Promise<string> {
  const { DgramSocket } = await import('node-unix-socket');
  const client = new DgramSocket();
  client.bind(clientPath);
  try {
    return await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no answer on the datagram socket')), 3000);
      client.on('data', (data: Buffer) => {
        clearTimeout(timer);
        resolve(data.toString('utf8'));
      });
      const out = Buffer.from(text);
      client.sendTo(out, 0, out.length, socketPath);
    });
  } finally {
    client.close();
    unlinkSync(clientPath);
  }
}

/** POSTs a document; resolves with the status and body. */
export function httpCall(port: number, text: string, headers: Record<string, string> = {}, method = 'POST'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/RPC', method, headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(text);
  });
}
