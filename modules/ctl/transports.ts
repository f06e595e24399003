// ctl's listening sockets: Unix stream and TCP servers (packets framed in
// the byte stream, answered in order on each connection), UDP (a packet
// per datagram, the reply sent back to its sender) and Unix datagram
// sockets (unix-dgram.ts). Unix socket files are made as unix-files.ts says.

import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';
import { BinrpcError, decodePacket, type Packet } from './binrpc.js';
import { answerDatagram } from './datagram.js';
import type { Endpoint } from './endpoints.js';
import { applyOwnership, bindPrivately, prepareUnixPath, type UnixOwnership } from '../kit/unix-files.js';

export type { UnixOwnership } from '../kit/unix-files.js';

/** What a transport does with a received packet: the reply's bytes, if any. */
export type Respond = (packet: Packet) => Promise<Buffer | undefined>;

/** An open connection, as ctl.who lists it. */
export interface Connection {
  readonly proto: 'unix_stream' | 'tcp';
  readonly from: readonly [string, string];
  readonly to: readonly [string, string];
}

export interface Listening {
  readonly endpoint: Endpoint;
  readonly connections: ReadonlySet<Connection>;
  close(): Promise<void>;
}

/** Starts listening on an endpoint; rejects with the reason when it cannot. */
export function listen(endpoint: Endpoint, respond: Respond, owner: UnixOwnership, log: (text: string) => void): Promise<Listening> {
  if (endpoint.proto === 'udp') return listenUdp(endpoint, respond, log);
  if (endpoint.proto === 'unix_dgram') return import('./unix-dgram.js').then((m) => m.listenUnixDgram(endpoint.path, respond, owner, log));
  return listenStream(endpoint, respond, owner, log);
}

function listenStream(endpoint: Exclude<Endpoint, { proto: 'udp' | 'unix_dgram' }>, respond: Respond, owner: UnixOwnership, log: (text: string) => void): Promise<Listening> {
  const connections = new Set<Connection>();
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    const connection: Connection =
      endpoint.proto === 'tcp'
        ? { proto: 'tcp', from: [socket.remoteAddress ?? '', String(socket.remotePort ?? '')], to: [socket.localAddress ?? '', String(socket.localPort ?? '')] }
        : { proto: 'unix_stream', from: ['<anonymous unix socket>', ''], to: [endpoint.path, ''] };
    connections.add(connection);
    sockets.add(socket);
    serveStream(socket, respond, log);
    socket.on('close', () => {
      connections.delete(connection);
      sockets.delete(socket);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    const listening = (): void => {
      server.off('error', reject);
      server.on('error', (e) => log(`${e.message}`));
      resolve({
        endpoint,
        connections,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    };
    if (endpoint.proto === 'tcp') {
      server.listen({ host: endpoint.host, port: endpoint.port }, listening);
      return;
    }
    const path = endpoint.path;
    prepareUnixPath(path)
      .then(() =>
        bindPrivately(() =>
          server.listen(path, () => {
            try {
              applyOwnership(path, owner);
            } catch (e) {
              server.close();
              reject(e);
              return;
            }
            listening();
          }),
        ),
      )
      .catch(reject);
  });
}

/** Reads packets from a connection and writes each answer, one request after the other. */
function serveStream(socket: Socket, respond: Respond, log: (text: string) => void): void {
  let pending = Buffer.alloc(0);
  let queue = Promise.resolve();
  socket.on('error', () => socket.destroy());
  socket.on('data', (data) => {
    pending = pending.length === 0 ? data : Buffer.concat([pending, data]);
    for (;;) {
      let read;
      try {
        read = decodePacket(pending);
      } catch (e) {
        if (!(e instanceof BinrpcError)) throw e;
        log(`closing a connection: ${e.message}`);
        socket.destroy();
        return;
      }
      if (read === 'incomplete') return;
      const { packet } = read;
      pending = pending.subarray(read.length);
      queue = queue
        .then(async () => {
          const reply = await respond(packet);
          if (reply && !socket.destroyed) socket.write(reply);
        })
        .catch((e: Error) => log(`answering a request: ${e.message}`));
    }
  });
}

function listenUdp(endpoint: Extract<Endpoint, { proto: 'udp' }>, respond: Respond, log: (text: string) => void): Promise<Listening> {
  const socket: UdpSocket = createSocket(endpoint.host.includes(':') ? 'udp6' : 'udp4');
  socket.on('message', (data, from) => answerDatagram(data, `${from.address}:${from.port}`, respond, (reply) => socket.send(reply, from.port, from.address), log));
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(endpoint.port, endpoint.host, () => {
      socket.off('error', reject);
      socket.on('error', (e) => log(e.message));
      resolve({ endpoint, connections: new Set(), close: () => new Promise<void>((done) => socket.close(() => done())) });
    });
  });
}
