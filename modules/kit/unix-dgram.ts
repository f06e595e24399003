// A Unix datagram socket for the control modules (ctl's `unixd:PATH`,
// jsonrpcs' dgram_socket): created owner-only (see unix-files.ts), each
// datagram handed over with the sender's socket path to answer to. Node.js
// has no Unix datagram sockets: this uses node-unix-socket's DgramSocket (a
// native addon, external in the bundle). The modules import this file
// lazily (`import('../kit/unix-dgram.js')`), so the addon loads only when
// such a socket is asked for; the addon itself is imported statically here,
// as the bundle can only `require` it.

import { unlinkSync } from 'node:fs';
import { DgramSocket } from 'node-unix-socket';
import { applyOwnership, bindPrivately, prepareUnixPath, type UnixOwnership } from './unix-files.js';

export interface UnixDgram {
  /** Sends a datagram to a client's socket path; a failure is logged. */
  send(to: string, data: Buffer): void;
  close(): void;
}

/**
 * Binds a datagram socket at `path` (a stale socket file is replaced, see
 * prepareUnixPath) with the owner's mode and ids; `receive` gets each
 * datagram with the sender's path ('' when the sender bound none, which
 * cannot be answered).
 */
export async function openUnixDgram(path: string, owner: UnixOwnership, receive: (data: Buffer, from: string) => void, log: (text: string) => void): Promise<UnixDgram> {
  await prepareUnixPath(path);
  const socket = new DgramSocket();
  socket.on('error', (e: Error) => log(`${path}: ${e.message}`));
  socket.on('data', (data: Buffer, from: string) => receive(data, from ?? ''));
  bindPrivately(() => socket.bind(path));
  try {
    applyOwnership(path, owner);
  } catch (e) {
    socket.close();
    throw e;
  }
  return {
    send: (to, data) => {
      try {
        socket.sendTo(data, 0, data.length, to, (e?: Error) => e && log(`${path}: answer to ${to}: ${e.message}`));
      } catch (e) {
        log(`${path}: answer to ${to}: ${(e as Error).message}`);
      }
    },
    close: () => {
      socket.close();
      try {
        unlinkSync(path);
      } catch {
        // already gone
      }
    },
  };
}
