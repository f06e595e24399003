// Via header values: `SIP/2.0/UDP host:port;branch=...;received=...;rport`,
// several per header line, with white space allowed around the slashes.

import { isIPv6 } from 'node:net';
import { DIGIT, HOSTNAME, TOKEN, parseDecimal, trimEnd } from '../chars.js';
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

function skip(s: string, i: number, end: number): number {
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10) break;
    i++;
  }
  return i;
}

function tokenEnd(s: string, i: number, end: number): number {
  while (i < end && TOKEN[s.charCodeAt(i)] === 1) i++;
  return i;
}

/** One Via value in s[start, end): scanned by hand, as every message's top Via is read on the hot path. */
function parseOne(s: string, start: number, end: number): Via | SipError {
  const bad = (why: string): SipError => sipError(`bad Via "${s.slice(start, end).trim()}": ${why}`);
  let i = skip(s, start, end);
  const protocolStart = i;
  i = tokenEnd(s, i, end);
  const protocol = s.slice(protocolStart, i);
  i = skip(s, i, end);
  if (s.charCodeAt(i) !== 47) return bad('sent-protocol expected');
  i = skip(s, i + 1, end);
  const versionStart = i;
  i = tokenEnd(s, i, end);
  const version = s.slice(versionStart, i);
  i = skip(s, i, end);
  if (s.charCodeAt(i) !== 47) return bad('sent-protocol expected');
  i = skip(s, i + 1, end);
  const transportStart = i;
  i = tokenEnd(s, i, end);
  const transport = s.slice(transportStart, i);
  if (protocol.length === 0 || version.length === 0 || transport.length === 0) return bad('bad sent-protocol');
  i = skip(s, i, end);
  const hostStart = i;
  if (s.charCodeAt(i) === 91 /* [ */) {
    const close = s.indexOf(']', i);
    if (close < 0 || close >= end) return bad('unterminated IPv6 reference');
    i = close + 1;
    if (!isIPv6(s.slice(hostStart + 1, close))) return bad('bad IPv6 address');
  } else {
    while (i < end && HOSTNAME[s.charCodeAt(i)] === 1) i++;
    if (i === hostStart) return bad('sent-by host expected');
  }
  const host = s.slice(hostStart, i);
  i = skip(s, i, end);
  let port: number | undefined;
  if (s.charCodeAt(i) === 58 /* : */) {
    i = skip(s, i + 1, end);
    const portStart = i;
    while (i < end && DIGIT[s.charCodeAt(i)] === 1) i++;
    port = parseDecimal(s.slice(portStart, i), 65535);
    if (port === undefined) return bad('bad port');
    i = skip(s, i, end);
  }
  const params: GenericParam[] = [];
  while (s.charCodeAt(i) === 59 /* ; */ && i < end) {
    i = skip(s, i + 1, end);
    const nameStart = i;
    i = tokenEnd(s, i, end);
    if (i === nameStart) return bad('empty parameter');
    const name = s.slice(nameStart, i);
    i = skip(s, i, end);
    let value: string | undefined;
    if (s.charCodeAt(i) === 61 /* = */ && i < end) {
      i = skip(s, i + 1, end);
      const valueStart = i;
      if (s.charCodeAt(i) === 34 /* " */) {
        const c = new Cursor(s.slice(0, end));
        c.pos = i;
        const quoted = c.quoted();
        if (typeof quoted !== 'string') return bad(quoted.reason);
        i = c.pos;
      } else if (s.charCodeAt(i) === 91 /* [ */) {
        const close = s.indexOf(']', i);
        i = close < 0 || close >= end ? end : close + 1;
      } else {
        while (i < end) {
          const c = s.charCodeAt(i);
          if (TOKEN[c] === 1 || c === 58) i++;
          else break;
        }
      }
      if (i === valueStart) return bad(`parameter ${name} has an empty value`);
      value = s.slice(valueStart, i);
      i = skip(s, i, end);
    }
    params.push({ name, value });
  }
  if (skip(s, i, end) !== end) return bad(`unexpected "${s.slice(i, end).trim()}"`);
  return { protocol, version, transport, host, port, params, raw: s.slice(skip(s, start, end), trimEnd(s, start, end)) };
}

/** All Via values of one header line. */
export function parseVias(raw: string): Via[] | SipError {
  const out: Via[] = [];
  for (const part of splitList(raw)) {
    if (part.trim().length === 0) return sipError('bad Via: empty value');
    const via = parseOne(part, 0, part.length);
    if ('kind' in via) return via;
    out.push(via);
  }
  return out;
}

/** Only the first Via value of a header line: what a proxy reads on every message. */
export function parseTopVia(raw: string): Via | SipError {
  const comma = raw.indexOf(',');
  if (comma < 0) return parseOne(raw, 0, raw.length);
  return parseOne(raw, 0, raw.indexOf('"') < 0 ? comma : splitList(raw)[0]!.length);
}

/** A Via value as text, for building messages. */
export function formatVia(via: Omit<Via, 'raw'>): string {
  const port = via.port === undefined ? '' : `:${via.port}`;
  const params = via.params.map((p) => (p.value === undefined ? `;${p.name}` : `;${p.name}=${p.value}`)).join('');
  return `${via.protocol}/${via.version}/${via.transport} ${via.host}${port}${params}`;
}

