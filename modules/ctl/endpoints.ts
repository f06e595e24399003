// The listen addresses of ctl's `binrpc` parameter, in the forms Kamailio's
// ctl documents: `unix:PATH`, `unixs:PATH` (Unix stream), `unixd:PATH` (Unix
// datagram), `tcp:ADDR:PORT`, `udp:ADDR:PORT`, `tcp:PORT`; an address `*`
// or left out is every local address. Without a protocol, a value that
// looks like a path is a Unix stream socket and anything else UDP.

export type EndpointProto = 'unix_stream' | 'unix_dgram' | 'tcp' | 'udp';

export type UnixEndpoint = { readonly proto: 'unix_stream'; readonly path: string } | { readonly proto: 'unix_dgram'; readonly path: string };
export type IpEndpoint = { readonly proto: 'tcp'; readonly host: string; readonly port: number } | { readonly proto: 'udp'; readonly host: string; readonly port: number };
export type Endpoint = UnixEndpoint | IpEndpoint;

/** Kamailio's default, also kamcmd's: a Unix stream socket. */
export const DEFAULT_BINRPC = 'unix:/run/kamailio/kamailio_ctl';

const PROTOS: Readonly<Record<string, EndpointProto>> = { unix: 'unix_stream', unixs: 'unix_stream', unixd: 'unix_dgram', tcp: 'tcp', udp: 'udp' };

/** One `binrpc` value as an endpoint, or why it is not one. */
export function parseEndpoint(text: string): Endpoint | { readonly error: string } {
  const value = text.trim();
  const colon = value.indexOf(':');
  const named = colon > 0 ? PROTOS[value.slice(0, colon).toLowerCase()] : undefined;
  const proto = named ?? (looksLikePath(value) ? 'unix_stream' : 'udp');
  const rest = named ? value.slice(colon + 1) : value;
  if (proto === 'unix_stream' || proto === 'unix_dgram') return rest === '' ? { error: `"${text}": no socket path` } : { proto, path: rest };
  const hostPort = splitHostPort(rest);
  return hostPort ? { proto, ...hostPort } : { error: `"${text}": expected [${proto}:][address:]port` };
}

/** A value with a slash, or starting with a dot, names a file. */
function looksLikePath(value: string): boolean {
  return value.includes('/') || value.startsWith('.');
}

/** `ADDR:PORT`, `[V6]:PORT`, `*:PORT` or `PORT`. */
function splitHostPort(text: string): { readonly host: string; readonly port: number } | undefined {
  const m = /^(?:(\[[0-9a-fA-F:.]+\]|[^:[\]]*):)?(\d{1,5})$/.exec(text);
  if (!m) return undefined;
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return undefined;
  const raw = m[1] ?? '';
  const host = raw === '' || raw === '*' ? '0.0.0.0' : raw.startsWith('[') ? raw.slice(1, -1) : raw;
  return { host, port };
}

/** How ctl.listen and the start-up line name an endpoint. */
export function describeEndpoint(e: Endpoint): string {
  return 'path' in e ? `${e.proto}:${e.path}` : `${e.proto}:${e.host.includes(':') ? `[${e.host}]` : e.host}:${e.port}`;
}
