// Sockets as Record-Route URIs write them and Route URIs name them: the
// address part of a Record-Route (host, port unless 5060, transport unless
// UDP, the socket's name in sockname mode), whether two sockets are different
// "realms" (double Record-Route), and the listen socket a Route URI of ours
// names (the socket loose_route forces for sending).

import type { SendingSocket } from '../../runtime/sip/edits.js';
import type { ExecContext, Transport } from '../../runtime/exec/context.js';
import { listenSockets, socketAt } from '../../runtime/exec/local-sockets.js';
import { uriParam, type SipUri } from '../../runtime/sip/uri.js';

/** The socket the message arrived on, with its name and what its listen= line advertises. */
export function receivingSocket(ctx: ExecContext): SendingSocket {
  const { address, port } = ctx.local.socket;
  const listed = socketAt(ctx, { proto: ctx.proto, host: address, port });
  return { proto: ctx.proto, address, port, name: listed?.name, advertisedAddress: listed?.advertise?.address, advertisedPort: listed?.advertise?.port };
}

function bracketed(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** The transport parameter a Record-Route carries for a protocol (WebSocket ones are both `ws`). */
export function transportParam(proto: string): string {
  return `;transport=${proto === 'wss' ? 'ws' : proto}`;
}

/**
 * `host[:port][;transport=p][;sn=name]`: a socket as a Record-Route URI names
 * it, with its advertised address and port when set; the port left out when
 * it is 5060, the transport when it is UDP.
 */
export function socketUriPart(socket: SendingSocket, sockname: boolean): string {
  const port = socket.advertisedPort ?? socket.port;
  let out = bracketed(socket.advertisedAddress ?? socket.address);
  if (port !== 5060) out += `:${port}`;
  if (socket.proto !== 'udp') out += transportParam(socket.proto);
  if (sockname && socket.name !== undefined) out += `;sn=${socket.name}`;
  return out;
}

/** Whether a request received on one socket and sent from another needs two Record-Route headers. */
export function differentRealms(a: SendingSocket, b: SendingSocket): boolean {
  return a.proto !== b.proto || a.port !== b.port || a.address.toLowerCase() !== b.address.toLowerCase();
}

/** The listen socket a Route URI of ours names: by its `sn` parameter in sockname mode, else by host, port and transport. */
export function socketOfRoute(ctx: ExecContext, uri: SipUri, sockname: boolean): ExecContext['sendSocket'] {
  const name = sockname ? uriParam(uri, 'sn') : undefined;
  const transport = uriParam(uri, 'transport')?.toLowerCase() as Transport | undefined;
  const found =
    name !== undefined
      ? listenSockets(ctx).find((s) => s.name === name)
      : socketAt(ctx, { proto: transport, host: uri.host.replace(/^\[(.*)\]$/, '$1'), port: uri.port ?? 0 });
  return found && { address: found.address, port: found.port, proto: found.proto ?? transport };
}
