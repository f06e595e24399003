// ctl's Unix datagram sockets (`unixd:PATH`), which kamcmd reaches with
// `-s unixd:PATH` from a socket of its own that the reply is sent to.
// Node.js has no Unix datagram sockets: this uses node-unix-socket's
// DgramSocket (a native addon). transports.ts imports this file only when a
// unixd endpoint is asked for, so the addon loads only then (external in
// the bundle, as the storage clients are).

import { unlinkSync } from 'node:fs';
import { DgramSocket } from 'node-unix-socket';
import type { Packet } from './binrpc.js';
import { answerDatagram } from './datagram.js';
import type { Listening } from './transports.js';
import { applyOwnership, bindPrivately, prepareUnixPath, type UnixOwnership } from './unix-files.js';

export async function listenUnixDgram(path: string, respond: (packet: Packet) => Promise<Buffer | undefined>, owner: UnixOwnership, log: (text: string) => void): Promise<Listening> {
  await prepareUnixPath(path);
  const socket = new DgramSocket();
  socket.on('error', (e) => log(`${path}: ${e.message}`));
  socket.on('data', (data, from) => {
    if (!from) {
      log(`${path}: a request from an unnamed socket cannot be answered`);
      return;
    }
    answerDatagram(data, from, respond, (reply) => socket.sendTo(reply, 0, reply.length, from, (e) => e && log(`${path}: ${e.message}`)), log);
  });
  bindPrivately(() => socket.bind(path));
  try {
    applyOwnership(path, owner);
  } catch (e) {
    socket.close();
    throw e;
  }
  return {
    endpoint: { proto: 'unix_dgram', path },
    connections: new Set(),
    close: async () => {
      socket.close();
      try {
        unlinkSync(path);
      } catch {
        // already gone
      }
    },
  };
}
