// jsonrpcs over datagrams, as Kamailio's: one JSON-RPC document per
// datagram, answered to the sender's address. A Unix datagram socket
// (node-unix-socket: Node.js has none of its own; the client must bind its
// own socket to get an answer) is made owner-only unless dgram_mode says
// otherwise; `udp:ADDRESS:PORT` listens on UDP.

import { createSocket } from 'node:dgram';
import { chmodSync, chownSync, lstatSync, mkdirSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RpcAccess } from '../api.js';
import { removeQuietly, type Closable } from './fifo.js';
import { answerText } from './protocol.js';
import type { DgramAddress, Ownership } from './settings.js';

/** Removes a stale socket file at `path` (any other kind of file is refused) and makes its folder. */
function clearSocketPath(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
  try {
    if (!lstatSync(path).isSocket()) throw new Error(`${path} exists and is not a socket`);
    unlinkSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

async function serveUnix(path: string, owner: Ownership, rpc: RpcAccess, pretty: boolean, log: (line: string) => void): Promise<Closable> {
  const { DgramSocket } = await import('node-unix-socket');
  clearSocketPath(path);
  const socket = new DgramSocket();
  // Bound under a umask that leaves only the owner's bits, then given its mode.
  const umask = process.umask(0o177);
  try {
    socket.bind(path);
  } finally {
    process.umask(umask);
  }
  chmodSync(path, owner.mode);
  if (owner.uid !== undefined || owner.gid !== undefined) chownSync(path, owner.uid ?? -1, owner.gid ?? -1);
  socket.on('error', (e: Error) => log(`datagram socket ${path}: ${e.message}`));
  socket.on('data', (data: Buffer, from: string) => {
    void answerText(data.toString('utf8'), rpc, pretty).then((text) => {
      if (!from) return log(`datagram socket ${path}: a request from an unbound socket cannot be answered`);
      const out = Buffer.from(text, 'utf8');
      try {
        socket.sendTo(out, 0, out.length, from, (e?: Error) => e && log(`datagram socket ${path}: answer to ${from}: ${e.message}`));
      } catch (e) {
        log(`datagram socket ${path}: answer to ${from}: ${(e as Error).message}`);
      }
    });
  });
  return {
    where: `unixd:${path}`,
    close: async () => {
      socket.close();
      removeQuietly(path);
    },
  };
}

async function serveUdp(host: string, port: number, rpc: RpcAccess, pretty: boolean, log: (line: string) => void): Promise<Closable> {
  const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  socket.on('error', (e) => log(`udp:${host}:${port}: ${e.message}`));
  socket.on('message', (data, from) => {
    void answerText(data.toString('utf8'), rpc, pretty).then((text) => socket.send(text, from.port, from.address, (e) => e && log(`udp:${host}:${port}: answer to ${from.address}:${from.port}: ${e.message}`)));
  });
  return { where: `udp:${host}:${port}`, close: () => new Promise<void>((resolve) => socket.close(() => resolve())) };
}

export function serveDgram(address: DgramAddress, owner: Ownership, rpc: RpcAccess, pretty: boolean, log: (line: string) => void): Promise<Closable> {
  return address.kind === 'unix' ? serveUnix(address.path, owner, rpc, pretty, log) : serveUdp(address.host, address.port, rpc, pretty, log);
}
