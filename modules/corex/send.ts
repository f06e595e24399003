// Sending without a transaction: the message as received to host[:port], $du
// or the Request-URI, over UDP or TCP (send_udp, send_tcp); any data to a SIP
// URI over its transport, optionally from a given socket (send_data, sendx).
// Checked against Kamailio 5.6. Host names are not resolved (as forward()).

import { ANY_ROUTE, command, type CommandDecl, type ExecContext, type RouteType } from '../api.js';
import type { Transport } from '../../runtime/exec/context.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { isSipUri, parseUri, uriParam } from '../../runtime/sip/uri.js';
import { parseSocketSpec } from '../../runtime/exec/local-sockets.js';

const SEND_ROUTES: readonly RouteType[] = ['request', 'failure', 'event'];

const unbracket = (host: string): string => host.replace(/^\[(.*)\]$/, '$1');

/** `host[:port]` (port 5060 when left out; an IPv6 host in brackets). */
function hostPort(text: string): { host: string; port: number } {
  const m = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(text)!;
  return { host: unbracket(m[1]!), port: m[2] === undefined ? 5060 : Number.parseInt(m[2], 10) || 0 };
}

/** Where send_udp()/send_tcp() go without an argument: $du, else the Request-URI. */
function nextHop(ctx: ExecContext): { host: string; port: number } | undefined {
  const uri = parseUri(ctx.edits.destination ?? ctx.edits.currentRequestUri);
  if (isSipError(uri) || !isSipUri(uri)) return undefined;
  return { host: unbracket(uri.host), port: uri.port ?? 5060 };
}

function sendReceived(ctx: ExecContext, proto: Transport, destination?: string): number {
  const to = destination ? hostPort(destination) : nextHop(ctx);
  if (!to) return -1;
  ctx.sent.push({ to: { address: to.host, port: to.port }, proto, data: Buffer.from(ctx.message.buffer) });
  return 1;
}

/** Transports send_data can use (Kamailio refuses WebSocket ones). */
const DATA_PROTOS = new Set<string>(['udp', 'tcp', 'tls', 'sctp']);

function sendData(ctx: ExecContext, uriText: string, data: string, socket?: string): number {
  const uri = parseUri(uriText);
  if (isSipError(uri) || !isSipUri(uri)) return -1;
  const proto = uriParam(uri, 'transport')?.toLowerCase() ?? 'udp';
  if (!DATA_PROTOS.has(proto)) return -1;
  // The socket must be well formed; one this server does not have is only warned about by Kamailio.
  if (socket && !parseSocketSpec(socket)) return -1;
  const port = uri.port ?? (proto === 'tls' ? 5061 : 5060);
  ctx.sent.push({ to: { address: unbracket(uri.host), port }, proto: proto as Transport, data: Buffer.from(data, 'latin1') });
  return 1;
}

const HOST = { name: 'host', type: 'spve' } as const;
const URI = { name: 'uri', type: 'spve' } as const;
const DATA = { name: 'data', type: 'spve' } as const;

export const sendCommands: readonly CommandDecl[] = [
  command({ name: 'send_udp', args: [], routes: SEND_ROUTES, run: (ctx) => sendReceived(ctx, 'udp') }),
  command({ name: 'send_udp', args: [HOST], routes: SEND_ROUTES, run: (ctx, [host]) => sendReceived(ctx, 'udp', host) }),
  command({ name: 'send_tcp', args: [], routes: SEND_ROUTES, run: (ctx) => sendReceived(ctx, 'tcp') }),
  command({ name: 'send_tcp', args: [HOST], routes: SEND_ROUTES, run: (ctx, [host]) => sendReceived(ctx, 'tcp', host) }),
  command({ name: 'send_data', args: [URI, DATA], routes: ANY_ROUTE, run: (ctx, [uri, data]) => sendData(ctx, uri, data) }),
  command({ name: 'sendx', args: [URI, { name: 'sock', type: 'spve' }, DATA], routes: ANY_ROUTE, run: (ctx, [uri, sock, data]) => sendData(ctx, uri, data, sock) }),
];
