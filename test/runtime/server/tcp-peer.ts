// Test helper: TCP peers next to the server — a client connection that
// sends to it, and a listener standing for a next hop — each collecting the
// messages that come in (bodyless ones, split at their blank line).

import { connect, createServer, type Socket } from 'node:net';
import { inbox, type Inbox } from './serve-script.js';

/** Splits a TCP stream of bodyless SIP messages into messages. */
function reader(deliver: (text: string) => void): (chunk: Buffer) => void {
  let pending = '';
  return (chunk) => {
    pending += chunk.toString('latin1');
    for (let end = pending.indexOf('\r\n\r\n'); end >= 0; end = pending.indexOf('\r\n\r\n')) {
      deliver(pending.slice(0, end + 4));
      pending = pending.slice(end + 4);
    }
  };
}

export interface TcpClient extends Inbox {
  /** The local port of the connection. */
  readonly port: number;
  send(text: string): void;
  close(): void;
}

/** A connection to the server at `host`:`port`. */
export async function tcpClient(port: number, host = '127.0.0.1'): Promise<TcpClient> {
  const socket: Socket = connect({ host, port });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const box = inbox();
  socket.on('data', reader(box.deliver));
  return { port: socket.localPort!, received: box.received, waitFor: box.waitFor, send: (text) => socket.write(text), close: () => socket.destroy() };
}

export interface TcpListener extends Inbox {
  readonly port: number;
  /** How many connections it accepted. */
  readonly accepted: () => number;
  close(): void;
}

/** A listening next hop on a free port of `host`. */
export async function tcpListener(host = '127.0.0.1'): Promise<TcpListener> {
  const box = inbox();
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
    socket.on('data', reader(box.deliver));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    received: box.received,
    waitFor: box.waitFor,
    accepted: () => sockets.length,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

/**
 * A port of `host` nothing listens on, outside the kernel's ephemeral range
 * (32768 and up): a connection to an ephemeral port on loopback may be given
 * that same port as its source and connect to itself.
 */
export async function closedPort(host = '127.0.0.1'): Promise<number> {
  for (;;) {
    const port = 10000 + Math.floor(Math.random() * 10000);
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, host, () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
}
