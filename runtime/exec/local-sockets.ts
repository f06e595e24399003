// Local sockets as scripts name them: `[proto:]host[:port]` parsed, and the
// listen socket such a name means (corex's socket commands, pv's static
// branch); the socket a message leaves from, and the address and port it
// names itself by there (`advertise`, set_advertised_address/port).

import type { ExecContext, ListenSocket, MyselfName, Transport } from './context.js';

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

export function listenSockets(ctx: ExecContext): readonly ListenSocket[] {
  return ctx.local.sockets ?? [{ proto: undefined, ...ctx.local.socket }];
}

/** The listen socket an address names (port 0 and no protocol match any), or undefined. */
export function socketAt(ctx: ExecContext, spec: SocketSpec): ListenSocket | undefined {
  return listenSockets(ctx).find(
    (s) => s.address.toLowerCase() === spec.host.toLowerCase() && (spec.port === 0 || s.port === spec.port) && (!spec.proto || !s.proto || s.proto === spec.proto),
  );
}

/** Whether a listen socket serves a protocol (one listen= named without a protocol serves UDP and TCP). */
function serves(s: ListenSocket, proto: Transport): boolean {
  return s.proto === undefined ? proto === 'udp' || proto === 'tcp' : s.proto === proto;
}

const family = (address: string): number => (address.includes(':') ? 6 : 4);

/**
 * The listen socket a message over `proto` to `to` leaves from, as Kamailio
 * picks it: the one force_send_socket names when it serves the protocol,
 * else the one at the same address and port that does (a mismatch logged),
 * else the socket the message came on, else the first of the protocol and
 * the destination's address family. Undefined when none serves it.
 */
export function sendingSocket(ctx: ExecContext, proto: Transport, to: string): ListenSocket | undefined {
  const sockets = listenSockets(ctx);
  const forced = ctx.sendSocket;
  if (forced) {
    const at = (s: ListenSocket): boolean => s.address.toLowerCase() === forced.address.toLowerCase() && s.port === forced.port;
    const found = sockets.find((s) => at(s) && serves(s, proto));
    if (found) return found;
    ctx.log(0, `protocol/port mismatch (forced ${forced.proto ?? 'udp'}:${forced.address}:${forced.port}, to ${proto}:${to})`);
  }
  const fits = (s: ListenSocket): boolean => serves(s, proto) && family(s.address) === family(to);
  const received = socketAt(ctx, { proto: ctx.proto, host: ctx.local.socket.address, port: ctx.local.socket.port });
  return received && fits(received) ? received : sockets.find(fits);
}

/** The address and port a message sent from `socket` names itself by: set_advertised_address/port, else the socket's advertise, else its own. */
export function advertisedAs(ctx: ExecContext, socket: { readonly address: string; readonly port: number; readonly advertise?: ListenSocket['advertise'] }): { address: string; port: number } {
  return {
    address: ctx.advertisedAddress ?? socket.advertise?.address ?? socket.address,
    port: ctx.advertisedPort ?? socket.advertise?.port ?? socket.port,
  };
}

/** The name `myself` knows an advertising socket by: the advertised address with the advertised port, else the socket's. */
export function advertisedName(socket: ListenSocket): MyselfName | undefined {
  const a = socket.advertise;
  return a && { host: a.address, port: a.port ?? socket.port, ...(socket.proto ? { proto: socket.proto } : {}) };
}
