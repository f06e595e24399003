// jsonrpcs' parameters read into what its transports need: which
// transports (the `transport` bits: 1 HTTP, 2 FIFO, 4 datagram; 0 all that
// are configured), the FIFO and datagram files (relative paths under
// Kamailio's run_dir, /run/kamailio), their modes and owners, and siprc's own
// HTTP socket and token (Kamailio serves HTTP through xhttp instead).

import { isAbsolute, join } from 'node:path';
import type { ParamValues } from '../api.js';
import { lookupId } from '../kit/owner.js';
import type { UnixOwnership } from '../kit/unix-files.js';

/** Kamailio's run_dir, where relative FIFO and socket names are created. */
export const RUN_DIR = '/run/kamailio';

export type Ownership = UnixOwnership;

export type DgramAddress = { readonly kind: 'unix'; readonly path: string } | { readonly kind: 'udp'; readonly host: string; readonly port: number };

export interface HttpAddress {
  readonly host: string;
  readonly port: number;
}

export interface JsonrpcsSettings {
  readonly pretty: boolean;
  readonly fifo?: { readonly path: string; readonly owner: Ownership; readonly replyDir: string };
  readonly dgram?: { readonly address: DgramAddress; readonly owner: Ownership; readonly timeout: number };
  readonly http?: { readonly address: HttpAddress; readonly token?: string };
  /** The HTTP bit is set but no http_socket is: said in the log at start. */
  readonly httpWithoutSocket: boolean;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}

function underRunDir(path: string): string {
  return isAbsolute(path) ? path : join(RUN_DIR, path);
}

/** A user or group parameter as an id; undefined when not set; a string saying what is wrong. */
function ownerId(params: ParamValues, name: string, kind: 'user' | 'group'): number | undefined | string {
  const text = String(params.get(name) ?? '');
  if (text === '') return undefined;
  return lookupId(text, kind) ?? `${name} "${text}": no such ${kind}`;
}

function ownership(params: ParamValues, prefix: 'fifo' | 'dgram'): Ownership | string {
  const uid = ownerId(params, `${prefix}_user`, 'user');
  const gid = ownerId(params, `${prefix}_group`, 'group');
  if (typeof uid === 'string') return uid;
  if (typeof gid === 'string') return gid;
  return { mode: Number(params.get(`${prefix}_mode`)), uid, gid };
}

/** `udp:HOST:PORT` (HOST may be a bracketed IPv6 address), else a Unix socket path. */
export function parseDgram(text: string): DgramAddress | string {
  if (!text.startsWith('udp:')) return { kind: 'unix', path: underRunDir(text) };
  const m = /^udp:(\[[^\]]+\]|[^:]+):(\d+)$/.exec(text);
  const port = m ? Number(m[2]) : NaN;
  if (!m || port < 1 || port > 65535) return `dgram_socket "${text}": expected udp:ADDRESS:PORT`;
  return { kind: 'udp', host: m[1]!.replace(/^\[|\]$/g, ''), port };
}

/** `HOST:PORT` or `PORT` (on 127.0.0.1). */
export function parseHttp(text: string): HttpAddress | string {
  const m = /^(?:(\[[^\]]+\]|[^:]+):)?(\d+)$/.exec(text);
  const port = m ? Number(m[2]) : NaN;
  if (!m || port < 1 || port > 65535) return `http_socket "${text}": expected ADDRESS:PORT`;
  return { host: (m[1] ?? '127.0.0.1').replace(/^\[|\]$/g, ''), port };
}

export function settingsOf(params: ParamValues): JsonrpcsSettings | string {
  const bits = Number(params.get('transport'));
  const wants = (bit: number): boolean => bits === 0 || (bits & bit) !== 0;
  const pretty = Number(params.get('pretty_format')) !== 0;
  let fifo: JsonrpcsSettings['fifo'];
  if (wants(2)) {
    const owner = ownership(params, 'fifo');
    if (typeof owner === 'string') return owner;
    const name = String(params.get('fifo_name'));
    if (name === '') return 'fifo_name is empty';
    fifo = { path: underRunDir(name), owner, replyDir: String(params.get('fifo_reply_dir')) };
  }
  let dgram: JsonrpcsSettings['dgram'];
  if (wants(4)) {
    const owner = ownership(params, 'dgram');
    if (typeof owner === 'string') return owner;
    const address = parseDgram(String(params.get('dgram_socket')));
    if (typeof address === 'string') return address;
    dgram = { address, owner, timeout: Number(params.get('dgram_timeout')) };
  }
  let http: JsonrpcsSettings['http'];
  const httpText = String(params.get('http_socket') ?? '');
  if (wants(1) && httpText !== '') {
    const address = parseHttp(httpText);
    if (typeof address === 'string') return address;
    const token = String(params.get('http_token') ?? '');
    if (!isLoopback(address.host) && token === '') return `http_socket ${httpText} is not a loopback address: set http_token to serve it`;
    http = { address, token: token === '' ? undefined : token };
  }
  return { pretty, fifo, dgram, http, httpWithoutSocket: bits !== 0 && (bits & 1) !== 0 && httpText === '' };
}
