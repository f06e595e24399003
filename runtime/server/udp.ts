// UDP sockets for listen= lines: each binds its address and port, hands every
// datagram to the receiver, and sends from the socket a message names (or the
// first one of the destination's address family); a send that fails is
// logged and reported to the sender.

import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { Endpoint, Sent } from '../exec/context.js';
import type { NameLookup } from './name-lookup.js';
import type { Receiver, ServerLog } from './received.js';

/**
 * The receive buffer each socket asks for (the system caps it at
 * net.core.rmem_max): room for about 8000 typical requests, so a pause of the
 * process (a garbage collection under load) delays datagrams instead of
 * dropping them.
 */
const RECEIVE_BUFFER = 4 * 1024 * 1024;

interface BoundSocket {
  readonly local: Endpoint;
  readonly socket: Socket;
}

export class UdpTransport {
  private readonly sockets: BoundSocket[] = [];

  constructor(
    private readonly receive: Receiver,
    private readonly log: ServerLog,
    private readonly lookup: NameLookup,
  ) {}

  /** Binds a socket (port 0: any free one) and resolves with where; rejects with the system's reason (address in use, not local...). */
  async listen(requested: Endpoint): Promise<Endpoint> {
    const socket = createSocket({ type: isIPv6(requested.address) ? 'udp6' : 'udp4', reuseAddr: false, lookup: this.lookup });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(requested.port, requested.address, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    try {
      socket.setRecvBufferSize(RECEIVE_BUFFER);
    } catch (e) {
      this.log('warning', `udp ${requested.address}:${requested.port}: cannot enlarge the receive buffer: ${(e as Error).message}`);
    }
    // Port 0 asks the system for a free port: the socket is known by the one it got.
    const local = { address: requested.address, port: socket.address().port };
    socket.on('error', (e) => this.log('error', `udp ${local.address}:${local.port}: ${e.message}`));
    socket.on('message', (data, rinfo) => {
      // A CRLF keep-alive (RFC 5626) carries no message.
      if (data.length <= 4 && data.toString('latin1').trim() === '') return;
      this.receive({ data, source: { address: rinfo.address, port: rinfo.port }, proto: 'udp', local });
    });
    this.sockets.push({ local, socket });
    return local;
  }

  /** The socket to send from: the one named, else the first of the destination's family. */
  private socketFor(message: Sent): Socket | undefined {
    const from = message.from;
    const named = from && this.sockets.find((s) => s.local.address === from.address && s.local.port === from.port);
    if (named) return named.socket;
    const v6 = isIPv6(message.to.address);
    return this.sockets.find((s) => isIPv6(s.local.address) === v6)?.socket;
  }

  send(message: Sent): void {
    const socket = this.socketFor(message);
    if (!socket) {
      this.log('error', `no UDP socket to send to ${message.to.address}:${message.to.port}`);
      message.failed?.('no UDP socket for the address family');
      return;
    }
    socket.send(message.data, message.to.port, message.to.address, (e) => {
      if (!e) return;
      this.log('error', `udp send to ${message.to.address}:${message.to.port}: ${e.message}`);
      message.failed?.(e.message);
    });
  }

  get bound(): readonly Endpoint[] {
    return this.sockets.map((s) => s.local);
  }

  /** Closes the socket bound at `local` (a listen that could not be completed). */
  unlisten(local: Endpoint): void {
    const i = this.sockets.findIndex((s) => s.local.address === local.address && s.local.port === local.port);
    if (i < 0) return;
    this.sockets[i]!.socket.close();
    this.sockets.splice(i, 1);
  }

  close(): void {
    for (const s of this.sockets) s.socket.close();
    this.sockets.length = 0;
  }
}
