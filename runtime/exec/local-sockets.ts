// Local sockets as scripts name them: `[proto:]host[:port]` parsed, and the
// listen socket such a name means (corex's socket commands, pv's static
// branch).

import type { ExecContext, ListenSocket, Transport } from './context.js';

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
