// Via header values: `SIP/2.0/UDP host:port;branch=...;received=...;rport`,
// several per header line, with white space allowed around the slashes.

import { isIPv6 } from 'node:net';
import { HOSTNAME, parseDecimal } from '../chars.js';
import { sipError, type SipError } from '../errors.js';
import { Cursor, paramValue, splitList, type GenericParam } from './scan.js';

export interface Via {
  readonly protocol: string;
  readonly version: string;
  /** The transport as written (UDP, TCP, TLS, SCTP, WS, WSS or an extension). */
  readonly transport: string;
  /** The sent-by host as written; IPv6 keeps its brackets. */
  readonly host: string;
  readonly port: number | undefined;
  readonly params: readonly GenericParam[];
  /** The value as written (after unfolding). */
  readonly raw: string;
}

/** The RFC 3261 branch prefix of transactions that follow RFC 3261. */
export const MAGIC_COOKIE = 'z9hG4bK';

export function viaParam(via: Via, name: string): string | undefined {
  return paramValue(via.params, name);
}

function parseOne(raw: string): Via | SipError {
  const text = raw.trim();
  const c = new Cursor(text);
  c.skipWhite();
  const protocol = c.token();
  if (!c.accept(47 /* / */)) return sipError(`bad Via "${text}": sent-protocol expected`);
  c.skipWhite();
  const version = c.token();
  if (!c.accept(47)) return sipError(`bad Via "${text}": sent-protocol expected`);
  c.skipWhite();
  const transport = c.token();
  if (protocol.length === 0 || version.length === 0 || transport.length === 0) return sipError(`bad Via "${text}": bad sent-protocol`);
  c.skipWhite();
  const start = c.pos;
  let host: string;
  if (c.peek() === 91 /* [ */) {
    const close = text.indexOf(']', c.pos);
    if (close < 0) return sipError(`bad Via "${text}": unterminated IPv6 reference`);
    host = text.slice(c.pos, close + 1);
    if (!isIPv6(host.slice(1, -1))) return sipError(`bad Via "${text}": bad IPv6 address`);
    c.pos = close + 1;
  } else {
    while (!c.done && HOSTNAME[c.peek()] === 1) c.pos++;
    host = text.slice(start, c.pos);
    if (host.length === 0) return sipError(`bad Via "${text}": sent-by host expected`);
  }
  let port: number | undefined;
  if (c.accept(58 /* : */)) {
    c.skipWhite();
    const digits = c.token();
    port = parseDecimal(digits, 65535);
    if (port === undefined) return sipError(`bad Via "${text}": bad port "${digits}"`);
  }
  const params = c.params('Via');
  if (!Array.isArray(params)) return params;
  c.skipWhite();
  if (!c.done) return sipError(`bad Via "${text}": unexpected "${text.slice(c.pos)}"`);
  return { protocol, version, transport, host, port, params, raw: text };
}

/** All Via values of one header line. */
export function parseVias(raw: string): Via[] | SipError {
  const out: Via[] = [];
  for (const part of splitList(raw)) {
    if (part.trim().length === 0) return sipError('bad Via: empty value');
    const via = parseOne(part);
    if ('kind' in via) return via;
    out.push(via);
  }
  return out;
}

/** Only the first Via value of a header line: what a proxy reads on every message. */
export function parseTopVia(raw: string): Via | SipError {
  let end = raw.length;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 34) {
      for (i++; i < raw.length && raw.charCodeAt(i) !== 34; i++) if (raw.charCodeAt(i) === 92) i++;
    } else if (c === 44) {
      end = i;
      break;
    }
  }
  return parseOne(end === raw.length ? raw : raw.slice(0, end));
}

/** A Via value as text, for building messages. */
export function formatVia(via: Omit<Via, 'raw'>): string {
  const port = via.port === undefined ? '' : `:${via.port}`;
  const params = via.params.map((p) => (p.value === undefined ? `;${p.name}` : `;${p.name}=${p.value}`)).join('');
  return `${via.protocol}/${via.version}/${via.transport} ${via.host}${port}${params}`;
}

