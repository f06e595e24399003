// Via header values: `SIP/2.0/UDP host:port;branch=...;received=...;rport`,
// several per header line, with white space allowed around the slashes.

import { isIPv6 } from 'node:net';
import { DIGIT, HOSTNAME, TOKEN, skipBlanks, trimEnd } from '../chars.js';
import { isSipError, sipError, type SipError } from '../errors.js';
import { paramValue, scanParams, splitList, type GenericParam } from './scan.js';

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

function tokenEnd(s: string, i: number, end: number): number {
  while (i < end && TOKEN[s.charCodeAt(i)] === 1) i++;
  return i;
}

function badVia(s: string, start: number, end: number, why: string): SipError {
  return sipError(`bad Via "${s.slice(start, end).trim()}": ${why}`);
}

/** One Via value in s[start, end): scanned by hand, as every message's top Via is read on the hot path. */
function parseOne(s: string, start: number, end: number): Via | SipError {
  let i = skipBlanks(s, start, end);
  const protocolStart = i;
  i = tokenEnd(s, i, end);
  const protocol = s.slice(protocolStart, i);
  i = skipBlanks(s, i, end);
  if (s.charCodeAt(i) !== 47) return badVia(s, start, end, 'sent-protocol expected');
  i = skipBlanks(s, i + 1, end);
  const versionStart = i;
  i = tokenEnd(s, i, end);
  const version = s.slice(versionStart, i);
  i = skipBlanks(s, i, end);
  if (s.charCodeAt(i) !== 47) return badVia(s, start, end, 'sent-protocol expected');
  i = skipBlanks(s, i + 1, end);
  const transportStart = i;
  i = tokenEnd(s, i, end);
  const transport = s.slice(transportStart, i);
  if (protocol.length === 0 || version.length === 0 || transport.length === 0) return badVia(s, start, end, 'bad sent-protocol');
  i = skipBlanks(s, i, end);
  const hostStart = i;
  if (s.charCodeAt(i) === 91 /* [ */) {
    const close = s.indexOf(']', i);
    if (close < 0 || close >= end) return badVia(s, start, end, 'unterminated IPv6 reference');
    i = close + 1;
    if (!isIPv6(s.slice(hostStart + 1, close))) return badVia(s, start, end, 'bad IPv6 address');
  } else {
    while (i < end && HOSTNAME[s.charCodeAt(i)] === 1) i++;
    if (i === hostStart) return badVia(s, start, end, 'sent-by host expected');
  }
  const host = s.slice(hostStart, i);
  i = skipBlanks(s, i, end);
  let port: number | undefined;
  if (s.charCodeAt(i) === 58 /* : */) {
    i = skipBlanks(s, i + 1, end);
    const portStart = i;
    let value = 0;
    while (i < end && DIGIT[s.charCodeAt(i)] === 1 && value <= 65535) value = value * 10 + s.charCodeAt(i++) - 48;
    if (i === portStart || value > 65535) return badVia(s, start, end, 'bad port');
    port = value;
    i = skipBlanks(s, i, end);
  }
  const params: GenericParam[] = [];
  const stop = scanParams(s, i, end, params);
  if (typeof stop !== 'number') return badVia(s, start, end, stop.reason);
  i = stop;
  if (skipBlanks(s, i, end) !== end) return badVia(s, start, end, `unexpected "${s.slice(i, end).trim()}"`);
  return { protocol, version, transport, host, port, params, raw: s.slice(skipBlanks(s, start, end), trimEnd(s, start, end)) };
}

/** All Via values of one header line. */
export function parseVias(raw: string): Via[] | SipError {
  const out: Via[] = [];
  for (const part of splitList(raw)) {
    if (part.trim().length === 0) return sipError('bad Via: empty value');
    const via = parseOne(part, 0, part.length);
    if (isSipError(via)) return via;
    out.push(via);
  }
  return out;
}

/** Only the first Via value of a header line (in raw[start, end)): what a proxy reads on every message. */
export function parseTopVia(raw: string, start = 0, end = raw.length): Via | SipError {
  const comma = raw.indexOf(',', start);
  if (comma < 0 || comma >= end) return parseOne(raw, start, end);
  const quote = raw.indexOf('"', start);
  if (quote < 0 || quote >= end) return parseOne(raw, start, comma);
  const value = raw.slice(start, end);
  return parseOne(value, 0, splitList(value)[0]!.length);
}

/** A Via value as text, for building messages. */
export function formatVia(via: Omit<Via, 'raw'>): string {
  const port = via.port === undefined ? '' : `:${via.port}`;
  const params = via.params.map((p) => (p.value === undefined ? `;${p.name}` : `;${p.name}=${p.value}`)).join('');
  return `${via.protocol}/${via.version}/${via.transport} ${via.host}${port}${params}`;
}

