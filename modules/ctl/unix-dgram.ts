// ctl's Unix datagram sockets (`unixd:PATH`), which kamcmd reaches with
// `-s unixd:PATH` from a socket of its own that the reply is sent to.
// transports.ts imports this file only when a unixd endpoint is asked for,
// so the native addon behind modules/kit/unix-dgram.ts loads only then.

import type { Packet } from './binrpc.js';
import { answerDatagram } from './datagram.js';
import type { Listening } from './transports.js';
import { openUnixDgram } from '../kit/unix-dgram.js';
import type { UnixOwnership } from '../kit/unix-files.js';

export async function listenUnixDgram(path: string, respond: (packet: Packet) => Promise<Buffer | undefined>, owner: UnixOwnership, log: (text: string) => void): Promise<Listening> {
  const socket = await openUnixDgram(
    path,
    owner,
    (data, from) => {
      if (!from) return log(`${path}: a request from an unnamed socket cannot be answered`);
      answerDatagram(data, from, respond, (reply) => socket.send(from, reply), log);
    },
    log,
  );
  return {
    endpoint: { proto: 'unix_dgram', path },
    connections: new Set(),
    close: async () => socket.close(),
  };
}
