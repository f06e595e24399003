// jsonrpcs over datagrams, as Kamailio's: one JSON-RPC document per
// datagram, answered to the sender's address. A Unix datagram socket
// (modules/kit/unix-dgram.ts; the client must bind its own socket to get an
// answer) is made owner-only unless dgram_mode says otherwise; a socket
// another process still serves is refused; `udp:ADDRESS:PORT` listens on UDP.

import { createSocket } from 'node:dgram';
import type { RpcAccess } from '../api.js';
import type { Closable } from './fifo.js';
import { answerText } from './protocol.js';
import type { DgramAddress, Ownership } from './settings.js';

async function serveUnix(path: string, owner: Ownership, rpc: RpcAccess, pretty: boolean, log: (line: string) => void): Promise<Closable> {
  const { openUnixDgram } = await import('../kit/unix-dgram.js');
  const socket = await openUnixDgram(
    path,
    owner,
    (data, from) => {
      void answerText(data.toString('utf8'), rpc, pretty).then((text) => {
        if (!from) return log(`datagram socket ${path}: a request from an unbound socket cannot be answered`);
        socket.send(from, Buffer.from(text, 'utf8'));
      });
    },
    (text) => log(`datagram socket ${text}`),
  );
  return { where: `unixd:${path}`, close: async () => socket.close() };
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
