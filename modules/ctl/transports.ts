// ctl's listening sockets: Unix stream and TCP servers (packets framed in
// the byte stream, answered in order on each connection) and UDP (a packet
// per datagram, the reply sent back to its sender). A Unix socket's file
// is made with only the owner's permissions (the umask is narrowed while it
// is created), then given the `mode` (0600 by default) and the `user` and
// `group` asked for; a stale file left at its path is replaced, and its
// folder is made when missing (/run/kamailio for the default).

import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { chmodSync, chownSync, lstatSync, mkdirSync, unlinkSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { dirname } from 'node:path';
import { BinrpcError, decodePacket, type Packet } from './binrpc.js';
import type { Endpoint } from './endpoints.js';

/** What a transport does with a received packet: the reply's bytes, if any. */
export type Respond = (packet: Packet) => Promise<Buffer | undefined>;

export interface UnixOwnership {
  readonly mode: number;
  readonly uid?: number;
  readonly gid?: number;
}

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
  if (endpoint.proto === 'unix_dgram') return Promise.reject(new Error(`${endpoint.path}: Unix datagram sockets are not available in siprc (Node.js has none); use unix: (stream), tcp: or udp:`));
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
    try {
      prepareUnixPath(endpoint.path);
    } catch (e) {
      reject(e);
      return;
    }
    const umask = process.umask(0o177);
    try {
      server.listen(endpoint.path, () => {
        try {
          chmodSync(endpoint.path, owner.mode);
          if (owner.uid !== undefined || owner.gid !== undefined) chownSync(endpoint.path, owner.uid ?? -1, owner.gid ?? -1);
        } catch (e) {
          server.close();
          reject(e);
          return;
        }
        listening();
      });
    } finally {
      process.umask(umask);
    }
  });
}

/** Makes the socket's folder when missing and removes a stale socket file at its path (not any other kind of file). */
function prepareUnixPath(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    return;
  }
  if (!stat.isSocket()) throw new Error(`${path} exists and is not a socket`);
  unlinkSync(path);
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
  socket.on('message', (data, from) => {
    let read;
    try {
      read = decodePacket(data);
    } catch (e) {
      log(`datagram from ${from.address}:${from.port}: ${(e as Error).message}`);
      return;
    }
    if (read === 'incomplete') {
      log(`datagram from ${from.address}:${from.port}: truncated binrpc packet`);
      return;
    }
    respond(read.packet)
      .then((reply) => reply && socket.send(reply, from.port, from.address))
      .catch((e: Error) => log(`answering a request: ${e.message}`));
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(endpoint.port, endpoint.host, () => {
      socket.off('error', reject);
      socket.on('error', (e) => log(e.message));
      resolve({ endpoint, connections: new Set(), close: () => new Promise<void>((done) => socket.close(() => done())) });
    });
  });
}
