// The Unix datagram socket syslog lines are sent on. Node's standard library
// has no Unix datagram sockets, so this uses node-unix-socket's DgramSocket
// (a small native addon, shipped prebuilt per platform), loaded only when a
// script logs to syslog (log-setup.ts imports this file then).

import { DgramSocket } from 'node-unix-socket';
import type { DatagramSender } from '../runtime/log/syslog.js';

/** A sender on an unbound datagram socket. */
export function openDatagramSender(): DatagramSender {
  const socket = new DgramSocket();
  let closed = false;
  socket.on('error', () => undefined);
  return {
    send: (data, path, done) => {
      if (closed) return done(new Error('the syslog socket is closed'));
      try {
        socket.sendTo(data, 0, data.length, path, (err) => done(err));
      } catch (e) {
        done(e as Error);
      }
    },
    close: () => {
      if (!closed) socket.close();
      closed = true;
    },
  };
}
