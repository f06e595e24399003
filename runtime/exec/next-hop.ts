// Where a request goes and how it looks when it leaves: the next hop from
// $du or the Request-URI (with the URI's transport, or the one forced) and
// the socket it leaves from, and the request with our Via on top (the
// advertised address, an IPv6 address in brackets, rport, srvid, the
// via_add_xavp_params fields) and the
// previous hop's Via marked with received/rport. The core's forward() and
// tm's branches share it.

import { buildForwardedRequest } from '../sip/builders.js';
import { isSipError, type SipError } from '../sip/errors.js';
import type { MessageEdits } from '../sip/edits.js';
import { isSipUri, parseUri } from '../sip/uri.js';
import type { Endpoint, ExecContext, Transport } from './context.js';
import { advertisedAs, sendingSocket, socketAt } from './local-sockets.js';

export interface NextHop {
  readonly to: Endpoint;
  readonly proto: Transport;
  /** The local socket it leaves from. */
  readonly from: Endpoint;
}

const STREAMS = new Set<string>(['tcp', 'tls', 'sctp', 'ws', 'wss']);

export function unbracket(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1');
}

/**
 * The next hop of a request: the host and port given, or those of `uri`
 * ($du or the Request-URI); over the transport forced (forward_tcp,
 * t_relay_to_tcp...), else the URI's transport, else UDP (TLS for a sips:
 * URI) whatever the request came over, as Kamailio does — never that of the socket
 * force_send_socket names, as in Kamailio; from the socket sendingSocket
 * picks. Undefined when the URI is not a SIP URI.
 */
export function nextHop(ctx: ExecContext, uri: string, forced?: { host?: string; port?: number; proto?: Transport }): NextHop | undefined {
  let host = forced?.host;
  let port = forced?.port;
  let proto: Transport = forced?.proto ?? 'udp';
  if (host === undefined) {
    const parsed = parseUri(uri);
    if (isSipError(parsed) || !isSipUri(parsed)) return undefined;
    host = parsed.host;
    port = parsed.port;
    if (!forced?.proto && parsed.scheme === 'sips') proto = 'tls';
    const transport = parsed.params.find((p) => p.name.toLowerCase() === 'transport')?.value?.toLowerCase();
    if (!forced?.proto && transport !== undefined && STREAMS.has(transport)) proto = transport as Transport;
    else if (!forced?.proto && transport === 'udp') proto = 'udp';
  }
  const address = unbracket(host);
  const local = sendingSocket(ctx, proto, address) ?? ctx.sendSocket ?? ctx.local.socket;
  const defaultPort = proto === 'tls' || proto === 'wss' ? 5061 : 5060;
  return { to: { address, port: port ?? defaultPort }, proto, from: { address: local.address, port: local.port } };
}

/**
 * `;name=value` for each field of the first item of the XAVP xavp_via_params
 * names, the newest first (`;name` for an empty value, an integer unsigned),
 * when via_add_xavp_params asked for them. Kamailio 5.6 lists an item's
 * fields in the order they were set, newest first; siprc keeps a name's
 * values together, so a name set again after others lists all its values
 * where it was first set.
 */
function viaXavpParams(ctx: ExecContext): string {
  const root = ctx.local.xavpViaParams;
  const item = ctx.viaXavpParams && root !== undefined ? ctx.xavps.item(root, 0) : undefined;
  if (!item) return '';
  let out = '';
  for (const name of [...item.names()].reverse()) {
    for (const v of item.all(name)) {
      const text = v === null ? '' : typeof v === 'number' ? String(v >>> 0) : v;
      out += text === '' ? `;${name}` : `;${name}=${text}`;
    }
  }
  return out;
}

/** The request as it leaves for `hop`: our Via (with `branch`) on top, the previous Via marked, the edits applied. */
export function outgoingRequest(ctx: ExecContext, edits: MessageEdits, hop: NextHop, branch: string): Buffer | SipError {
  const socket = socketAt(ctx, { proto: hop.proto, host: hop.from.address, port: hop.from.port });
  const named = advertisedAs(ctx, socket ?? hop.from);
  // As Kamailio writes its Via: the port left out when it is the transport's default.
  const defaultPort = hop.proto === 'tls' || hop.proto === 'wss' ? 5061 : 5060;
  return buildForwardedRequest(ctx.message, {
    via: {
      transport: hop.proto.toUpperCase(),
      host: named.address.includes(':') && !named.address.startsWith('[') ? `[${named.address}]` : named.address,
      port: named.port === defaultPort ? undefined : named.port,
      branch,
      rport: ctx.localRport,
      // via_add_srvid: the server_id, when it is set.
      srvid: ctx.viaServerId && ctx.local.serverId ? ctx.local.serverId : undefined,
      params: (ctx.viaParamsText ??= viaXavpParams(ctx)),
    },
    source: ctx.source,
    edits,
    forceRport: ctx.forceRport,
    keepMaxForwards: true,
    // What headers written from the sending socket (rr's Record-Route) name.
    sending: {
      proto: hop.proto,
      address: hop.from.address,
      port: hop.from.port,
      name: socket?.name,
      advertisedAddress: ctx.advertisedAddress ?? socket?.advertise?.address,
      advertisedPort: ctx.advertisedPort ?? socket?.advertise?.port,
    },
  });
}
