// jsonrpcs over a FIFO file, as Kamailio's: siprc makes the FIFO (owner-only
// unless fifo_mode says otherwise), reads JSON-RPC documents written to it,
// and writes each answer to the FIFO named by the document's `reply_name`
// in fifo_reply_dir, which the client made and is reading. A reply name
// with `/` or `.` in it is refused, as Kamailio refuses it. The FIFO is read
// through a non-blocking descriptor opened read-write, so that it stays
// open between writers.

import { spawnSync } from 'node:child_process';
import { chownSync, chmodSync, constants, lstatSync, mkdirSync, openSync, unlinkSync } from 'node:fs';
import { Socket } from 'node:net';
import { dirname, join } from 'node:path';
import type { RpcAccess } from '../api.js';
import { answerDocument, splitDocuments } from './protocol.js';
import type { Ownership } from './settings.js';

export interface Closable {
  close(): Promise<void>;
  /** What it listens on, for logs and the rpc listing. */
  readonly where: string;
}

/** Makes the FIFO at `path` (a stale one replaced; another kind of file refused). */
function makeFifo(path: string, owner: Ownership): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
  try {
    if (!lstatSync(path).isFIFO()) throw new Error(`${path} exists and is not a FIFO`);
    unlinkSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const made = spawnSync('mkfifo', ['-m', (owner.mode & 0o7777).toString(8), path], { encoding: 'utf8' });
  if (made.error) throw new Error(`cannot run mkfifo: ${made.error.message}`);
  if (made.status !== 0) throw new Error(made.stderr.trim() || `mkfifo exited with ${made.status}`);
  chmodSync(path, owner.mode);
  if (owner.uid !== undefined || owner.gid !== undefined) chownSync(path, owner.uid ?? -1, owner.gid ?? -1);
}

/** Removes a file this module made, if it is still there. */
export function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Opens the client's reply FIFO for writing, waiting (up to `timeout` ms) for its reader. */
async function openReply(path: string, timeout: number): Promise<number> {
  const until = Date.now() + timeout;
  for (;;) {
    try {
      if (!lstatSync(path).isFIFO()) throw new Error(`${path} is not a FIFO`);
      return openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
    } catch (e) {
      // ENXIO: no reader yet; ENOENT: the client has not made it yet.
      const code = (e as NodeJS.ErrnoException).code;
      if ((code !== 'ENXIO' && code !== 'ENOENT') || Date.now() >= until) throw e;
      await wait(20);
    }
  }
}

async function reply(replyDir: string, name: unknown, text: string, log: (line: string) => void): Promise<void> {
  if (typeof name !== 'string' || name === '') return log('FIFO request without reply_name: not answered');
  if (/[/.]/.test(name)) return log(`FIFO request: reply_name "${name}" refused (no "/" or "." allowed)`);
  const path = join(replyDir, name);
  try {
    const fd = await openReply(path, 2000);
    await new Promise<void>((resolve) => {
      const out = new Socket({ fd, readable: false, writable: true });
      out.on('error', (e) => {
        log(`reply FIFO ${path}: ${e.message}`);
        resolve();
      });
      out.end(text, resolve);
    });
  } catch (e) {
    log(`cannot open reply FIFO ${path}: ${(e as Error).message}`);
  }
}

/** Serves the FIFO until closed. */
export function serveFifo(path: string, owner: Ownership, replyDir: string, rpc: RpcAccess, pretty: boolean, log: (line: string) => void): Closable {
  makeFifo(path, owner);
  const fd = openSync(path, constants.O_RDWR | constants.O_NONBLOCK);
  const input = new Socket({ fd, readable: true, writable: false });
  let pending = '';
  input.setEncoding('utf8');
  input.on('data', (chunk: string) => {
    const { docs, rest } = splitDocuments(pending + chunk);
    pending = rest.length > 1 << 20 ? '' : rest;
    for (const text of docs) void answerFifo(text);
  });
  input.on('error', (e) => log(`FIFO ${path}: ${e.message}`));
  const answerFifo = async (text: string): Promise<void> => {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      return log(`FIFO ${path}: not a JSON document: ${text.slice(0, 80)}`);
    }
    const { reply_name: name, ...request } = (doc ?? {}) as Record<string, unknown>;
    await reply(replyDir, name, await answerDocument(Array.isArray(doc) ? doc : request, rpc, pretty), log);
  };
  return {
    where: `fifo:${path}`,
    close: async () => {
      input.destroy();
      removeQuietly(path);
    },
  };
}
