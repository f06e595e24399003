// Sockets: the one to send from (set_send_socket[_name]), the one the message
// counts as received on (set_recv_socket[_name]), the address it counts as
// from (set_source_address), and socket names. As in Kamailio 5.6, a socket
// not found changes nothing but returns 1; a malformed address returns -1.

import { ANY_ROUTE, command, type CommandDecl, type ExecContext } from '../api.js';
import type { ListenSocket, Transport } from '../../runtime/exec/context.js';
import { isIP } from 'node:net';

const PROTOS = new Set(['udp', 'tcp', 'tls', 'sctp', 'ws', 'wss']);

export interface SocketSpec {
  readonly proto: Transport | undefined;
  readonly host: string;
  /** 0: not given. */
  readonly port: number;
}

/** `[proto:]host[:port]` (an IPv6 host in brackets), or undefined when malformed. */
export function parseSocketSpec(text: string): SocketSpec | undefined {
  const m = /^(?:([a-z]+):)?(\[[^\]]*\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(text.trim());
  if (!m) return undefined;
  const proto = m[1]?.toLowerCase();
  if (proto !== undefined && !PROTOS.has(proto)) return undefined;
  return { proto: proto as Transport | undefined, host: m[2]!.replace(/^\[(.*)\]$/, '$1'), port: m[3] === undefined ? 0 : Number(m[3]) };
}

function listenSockets(ctx: ExecContext): readonly ListenSocket[] {
  return ctx.local.sockets ?? [{ proto: undefined, ...ctx.local.socket }];
}

/** The listen socket an address names (port 0 and no protocol match any), or undefined. */
function socketAt(ctx: ExecContext, spec: SocketSpec): ListenSocket | undefined {
  return listenSockets(ctx).find(
    (s) => s.address.toLowerCase() === spec.host.toLowerCase() && (spec.port === 0 || s.port === spec.port) && (!spec.proto || !s.proto || s.proto === spec.proto),
  );
}

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
