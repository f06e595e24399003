// TCP for listen= lines: accepted and outgoing connections, each framed into
// SIP messages by Content-Length (runtime/sip/framing.ts). A connection is
// found again by its id (replies go back on the connection their request came
// on) or by its remote address or an alias of it (RFC 5923: the address and
// port a peer's Via names, so a new request to the peer reuses the open
// connection); idle connections close after the lifetime, a connection whose
// stream cannot be framed is closed with a log line. An outgoing connection
// that fails (refused, connect timeout) logs it and tells the senders of the
// messages written to it.

import { connect, createServer, isIPv6, type Server, type Socket } from 'node:net';
import { StreamFramer, type FramingLimits } from '../sip/framing.js';
import type { Endpoint, Sent } from '../exec/context.js';
import type { NameLookup } from './name-lookup.js';
import type { Receiver, ServerLog } from './received.js';

export interface TcpOptions {
  /** Seconds a connection may stay idle (tcp_connection_lifetime, Kamailio's default 120). */
  readonly lifetime: number;
  /** Seconds to wait for an outgoing connection (tcp_connect_timeout, default 10). */
  readonly connectTimeout: number;
  /** tcp_accept_aliases: a request whose Via has `;alias` makes its connection the one for the Via's port (RFC 5923). */
  readonly acceptAliases?: boolean;
  readonly framing?: FramingLimits;
}

interface Connection {
  readonly id: number;
  readonly socket: Socket;
  readonly remote: Endpoint;
  readonly local: Endpoint;
  /** Other remote addresses it is found by (aliases). */
  readonly aliases: string[];
  /** An outgoing connection until it is up: who to tell when it fails. */
  pending: Array<(reason: string) => void> | undefined;
}

const key = (e: Endpoint): string => `${e.address}|${e.port}`;

export class TcpTransport {
  private readonly servers: Array<{ local: Endpoint; server: Server }> = [];
  private readonly byId = new Map<number, Connection>();
  private readonly byRemote = new Map<string, Connection>();
  private nextId = 1;
  private paused = false;

  constructor(
    private readonly receive: Receiver,
    private readonly log: ServerLog,
    private readonly options: TcpOptions,
    private readonly lookup: NameLookup,
  ) {}

  /** Listens (port 0: on any free port) and resolves with where. */
  async listen(requested: Endpoint): Promise<Endpoint> {
    let local = requested;
    const server = createServer((socket) => {
      this.adopt(socket, { address: normalise(socket.remoteAddress ?? ''), port: socket.remotePort ?? 0 }, local);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: requested.address, port: requested.port, exclusive: true }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    local = { address: requested.address, port: typeof address === 'object' && address ? address.port : requested.port };
    server.on('error', (e) => this.log('error', `tcp ${local.address}:${local.port}: ${e.message}`));
    this.servers.push({ local, server });
    return local;
  }

  /** Starts reading a connection: frames go to the receiver, the connection is known by id and remote address. */
  private adopt(socket: Socket, remote: Endpoint, local: Endpoint): Connection {
    const connection: Connection = { id: this.nextId++, socket, remote, local, aliases: [], pending: undefined };
    this.byId.set(connection.id, connection);
    this.byRemote.set(key(remote), connection);
    socket.setNoDelay(true);
    if (this.paused) socket.pause();
    socket.setTimeout(this.options.lifetime * 1000, () => socket.destroy(connection.pending ? new Error(`connect timeout (${this.options.connectTimeout} s)`) : undefined));
    const framer = new StreamFramer(this.options.framing);
    socket.on('data', (chunk) => {
      for (const frame of framer.push(chunk)) {
        if (frame.kind === 'message') this.receive({ data: frame.data, source: remote, proto: 'tcp', local, connection: connection.id });
        else if (frame.kind === 'ping') socket.write('\r\n');
        else {
          this.log('warning', `tcp connection from ${remote.address}:${remote.port} closed: ${frame.error.reason}`);
          socket.destroy();
        }
      }
    });
    let failure = 'closed before connecting';
    socket.on('error', (e) => {
      failure = e.message;
      if (!connection.pending) this.log('info', `tcp connection ${remote.address}:${remote.port}: ${e.message}`);
    });
    socket.on('close', () => {
      this.forget(connection);
      if (connection.pending) this.failed(connection, failure);
    });
    return connection;
  }

  /** An outgoing connection that never came up: logged, and each message written to it reported. */
  private failed(connection: Connection, reason: string): void {
    const waiting = connection.pending ?? [];
    connection.pending = undefined;
    this.log('error', `tcp connect to ${connection.remote.address}:${connection.remote.port} failed: ${reason}; ${waiting.length > 0 ? 'reported to the sender' : 'message dropped'}`);
    for (const tell of waiting) tell(reason);
  }

  private forget(connection: Connection): void {
    this.byId.delete(connection.id);
    for (const k of [key(connection.remote), ...connection.aliases]) if (this.byRemote.get(k) === connection) this.byRemote.delete(k);
  }

  /** Stops (true) or resumes reading every connection, new ones too: the messages read wait for the server to catch up. */
  pauseReading(paused: boolean): void {
    this.paused = paused;
    for (const c of this.byId.values()) {
      if (paused) c.socket.pause();
      else c.socket.resume();
    }
  }

  /** Makes an open connection the one for `remote` too (a Via `;alias`, force_tcp_alias). */
  alias(connection: number, remote: Endpoint): void {
    const c = this.byId.get(connection);
    if (!c || c.socket.destroyed) return;
    c.aliases.push(key(remote));
    this.byRemote.set(key(remote), c);
  }

  /** Sends on the connection named, else on one open to the destination, else on a new one. */
  send(message: Sent): void {
    const open = (message.connection !== undefined ? this.byId.get(message.connection) : undefined) ?? this.byRemote.get(key(message.to));
    if (open && !open.socket.destroyed) {
      if (message.failed) open.pending?.push(message.failed);
      open.socket.write(message.data);
      if (message.closeAfter) open.socket.end();
      return;
    }
    if (message.noConnect) {
      // set_reply_no_connect / set_forward_no_connect: the peer's connection is gone and none may be opened.
      this.log('info', `tcp: no open connection to ${message.to.address}:${message.to.port}, and the script asked not to open one: not sent`);
      message.failed?.('no open connection (no-connect)');
      return;
    }
    const local = this.localFor(message);
    const socket = connect({ host: message.to.address, port: message.to.port, localAddress: local?.address, lookup: this.lookup });
    const connection = this.adopt(socket, message.to, local ?? { address: '', port: 0 });
    connection.pending = message.failed ? [message.failed] : [];
    // Until it connects, the connect timeout; then the idle lifetime.
    socket.setTimeout(this.options.connectTimeout * 1000);
    socket.once('connect', () => {
      connection.pending = undefined;
      socket.setTimeout(this.options.lifetime * 1000);
    });
    socket.write(message.data);
    if (message.closeAfter) socket.end();
  }

  private localFor(message: Sent): Endpoint | undefined {
    const from = message.from;
    const named = from && this.servers.find((s) => s.local.address === from.address && s.local.port === from.port);
    const v6 = isIPv6(message.to.address);
    return (named ?? this.servers.find((s) => isIPv6(s.local.address) === v6))?.local;
  }

  get bound(): readonly Endpoint[] {
    return this.servers.map((s) => s.local);
  }

  /** Stops accepting; open connections close. */
  close(): void {
    for (const s of this.servers) s.server.close();
    for (const c of this.byId.values()) c.socket.destroy();
    this.servers.length = 0;
  }
}

/** An IPv4 address as Node may report it on a dual-stack socket (::ffff:a.b.c.d). */
function normalise(address: string): string {
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
