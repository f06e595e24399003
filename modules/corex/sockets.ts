// Sockets: the one to send from (set_send_socket[_name]), the one the message
// counts as received on (set_recv_socket[_name]), the address it counts as
// from (set_source_address), and socket names. As in Kamailio 5.6, a socket
// not found changes nothing but returns 1; a malformed address returns -1.

import { ANY_ROUTE, command, type CommandDecl, type ExecContext } from '../api.js';
import type { ListenSocket, Transport } from '../../runtime/exec/context.js';
import { listenSockets, parseSocketSpec, socketAt } from '../../runtime/exec/local-sockets.js';
import { isIP } from 'node:net';

function socketNamed(ctx: ExecContext, name: string): ListenSocket | undefined {
  return listenSockets(ctx).find((s) => s.name === name);
}

type Apply = (ctx: ExecContext, socket: ListenSocket, proto: Transport | undefined) => void;

const sendFrom: Apply = (ctx, socket, proto) => {
  ctx.sendSocket = { address: socket.address, port: socket.port, proto: socket.proto ?? proto };
};

const receivedOn: Apply = (ctx, socket, proto) => {
  ctx.local = { ...ctx.local, socket: { address: socket.address, port: socket.port } };
  ctx.proto = socket.proto ?? proto ?? ctx.proto;
};

/** By address: -1 when malformed; 1 otherwise, the socket applied when it exists. */
function byAddress(apply: Apply): (ctx: ExecContext, args: readonly [string]) => number {
  return (ctx, [text]) => {
    const spec = text === '' ? undefined : parseSocketSpec(text);
    if (!spec) return -1;
    const socket = socketAt(ctx, spec);
    if (socket) apply(ctx, socket, spec.proto);
    return 1;
  };
}

function byName(apply: Apply): (ctx: ExecContext, args: readonly [string]) => number {
  return (ctx, [name]) => {
    if (name === '') return -1;
    const socket = socketNamed(ctx, name);
    if (socket) apply(ctx, socket, undefined);
    return 1;
  };
}

/**
 * set_source_address: an IPv4 address with an optional port (0 when left
 * out). Kamailio cannot resolve an IPv6 address in brackets, and siprc
 * resolves no host names.
 */
function setSourceAddress(ctx: ExecContext, [text]: readonly [string]): number {
  const spec = parseSocketSpec(text);
  if (!spec || isIP(spec.host) !== 4) return -1;
  ctx.source = { address: spec.host, port: spec.port };
  return 1;
}

const SADDR = [{ name: 'saddr', type: 'spve' }] as const;
const SNAME = [{ name: 'sname', type: 'spve' }] as const;

export const socketCommands: readonly CommandDecl[] = [
  command({ name: 'set_send_socket', args: SADDR, routes: ANY_ROUTE, run: byAddress(sendFrom) }),
  command({ name: 'set_send_socket_name', args: SNAME, routes: ANY_ROUTE, run: byName(sendFrom) }),
  command({ name: 'set_recv_socket', args: SADDR, routes: ANY_ROUTE, run: byAddress(receivedOn) }),
  command({ name: 'set_recv_socket_name', args: SNAME, routes: ANY_ROUTE, run: byName(receivedOn) }),
  command({ name: 'set_source_address', args: SADDR, routes: ANY_ROUTE, run: setSourceAddress }),
  command({
    name: 'is_socket_name',
    args: [{ name: 'sockname', type: 'spve' }],
    routes: ANY_ROUTE,
    run: (ctx, [name]) => (name !== '' && socketNamed(ctx, name) ? 1 : -1),
  }),
];
