// URIs: sip, sips and tel parsed into their parts (RFC 3261 section 19.1,
// RFC 3966), other schemes kept whole; formatting back to text; and URI
// equality as RFC 3261 section 19.1.4 defines it. Parts are kept as written,
// escapes included; `unescape` decodes them where the grammar allows escapes.

import { isIPv4, isIPv6 } from 'node:net';
import { allIn, DIGIT, DIGIT_DOT, HEADER, PARAM, parseDecimal, PASSWORD, unescape, URI_HOSTNAME, USER } from './chars.js';
import { isSipError, sipError, type SipError } from './errors.js';
import { TextTable } from '../text-memo.js';

export interface UriParam {
  readonly name: string;
  readonly value: string | undefined;
}

export interface SipUri {
  readonly scheme: 'sip' | 'sips';
  /** The user part as written (escapes kept), or undefined when there is none. */
  readonly user: string | undefined;
  readonly password: string | undefined;
  /** The host as written; an IPv6 reference keeps its brackets. */
  readonly host: string;
  readonly hostKind: 'name' | 'ipv4' | 'ipv6';
  readonly port: number | undefined;
  readonly params: readonly UriParam[];
  readonly headers: readonly UriParam[];
}

export interface TelUri {
  readonly scheme: 'tel';
  /** The number as written, visual separators included. */
  readonly number: string;
  readonly params: readonly UriParam[];
}

/** A URI of another scheme (`mailto:`, `urn:`, ...), kept as text. */
export interface OtherUri {
  readonly scheme: string;
  readonly rest: string;
}

export type Uri = SipUri | TelUri | OtherUri;

export function isSipUri(uri: Uri): uri is SipUri {
  return uri.scheme === 'sip' || uri.scheme === 'sips';
}

export function isTelUri(uri: Uri): uri is TelUri {
  return uri.scheme === 'tel';
}

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/;

/** Whether the text starts with `sip` in any case (the scheme of most URIs, read without a regex). */
function isSip(text: string): boolean {
  return (text.charCodeAt(0) | 32) === 115 && (text.charCodeAt(1) | 32) === 105 && (text.charCodeAt(2) | 32) === 112;
}

/** The scheme before `colon`, in lower case; undefined when it is not one. */
function schemeOf(text: string, colon: number): string | undefined {
  const scheme = text.slice(0, colon);
  return SCHEME.test(scheme) ? scheme.toLowerCase() : undefined;
}

/**
 * What is computed from URI texts, kept by text: a script reads the same
 * few URIs (the Request-URI, From, To) many times per message and across
 * messages. Modules that derive their own results from URI texts keep them
 * as further columns of this table (the uri transformations do), so that
 * one compare of a URI from a new message finds every kind. Results are
 * immutable.
 */
export const URI_TEXTS = new TextTable();

const PARSED = URI_TEXTS.column<Uri | SipError>((text) => parseUriText(text));

export function parseUri(text: string): Uri | SipError {
  return PARSED.get(text);
}

function parseUriText(text: string): Uri | SipError {
  const colon = text.indexOf(':');
  if (colon <= 0) return sipError(`bad URI "${text}": no scheme`);
  const lower = colon === 3 && isSip(text) ? 'sip' : schemeOf(text, colon);
  if (lower === undefined) return sipError(`bad URI "${text}": bad scheme`);
  if (lower === 'sip' || lower === 'sips') return parseSipUri(lower, text, colon + 1);
  const rest = text.slice(colon + 1);
  if (lower === 'tel') return parseTelUri(rest, text);
  if (rest.length === 0 || /[\s<>"]/.test(rest)) return sipError(`bad URI "${text}"`);
  return { scheme: lower, rest };
}

/** The schemes Kamailio's URI parser reads: a URI of any other scheme does not parse there. */
const KAMAILIO_SCHEMES = new Set(['sip', 'sips', 'tel', 'urn']);

/** A URI as Kamailio's modules take one: it parses, and its scheme is one Kamailio's parser knows. */
export function parseKamailioUri(text: string): Uri | SipError {
  const uri = parseUri(text);
  if (isSipError(uri) || KAMAILIO_SCHEMES.has(uri.scheme)) return uri;
  return sipError(`bad URI "${text}": scheme ${uri.scheme} is not one Kamailio parses`);
}

/** The parameters (or headers) separated by `sep` in text[start, end), read in place. */
function parseParams(text: string, start: number, end: number, sep: string, cls: Uint8Array, what: string, uri: string): UriParam[] | SipError {
  const out: UriParam[] = [];
  for (let pos = start; ; ) {
    let next = text.indexOf(sep, pos);
    if (next < 0 || next > end) next = end;
    const eq = text.indexOf('=', pos);
    const nameEnd = eq >= 0 && eq < next ? eq : next;
    if (nameEnd === pos || !allIn(cls, text, pos, nameEnd, true) || (nameEnd < next && !allIn(cls, text, nameEnd + 1, next, true))) {
      return sipError(`bad URI "${uri}": bad ${what} "${text.slice(pos, next)}"`);
    }
    out.push({ name: text.slice(pos, nameEnd), value: nameEnd < next ? text.slice(nameEnd + 1, next) : undefined });
    if (next === end) return out;
    pos = next + 1;
  }
}

/** A sip or sips URI whose part after the scheme starts at `start` (read in place: no copy of it). */
function parseSipUri(scheme: 'sip' | 'sips', text: string, start: number): SipUri | SipError {
  let user: string | undefined;
  let password: string | undefined;
  let i = start;
  const at = text.indexOf('@', start);
  if (at >= 0) {
    const info = text.slice(start, at);
    const colon = info.indexOf(':');
    user = colon < 0 ? info : info.slice(0, colon);
    password = colon < 0 ? undefined : info.slice(colon + 1);
    if (user.length === 0 || !allIn(USER, user, 0, user.length, true)) return sipError(`bad URI "${text}": bad user part`);
    if (password !== undefined && !allIn(PASSWORD, password, 0, password.length, true)) return sipError(`bad URI "${text}": bad password`);
    i = at + 1;
  }
  let host: string;
  let hostKind: SipUri['hostKind'];
  if (text.charCodeAt(i) === 91 /* [ */) {
    const close = text.indexOf(']', i);
    if (close < 0) return sipError(`bad URI "${text}": unterminated IPv6 reference`);
    host = text.slice(i, close + 1);
    if (!isIPv6(host.slice(1, -1))) return sipError(`bad URI "${text}": bad IPv6 address`);
    hostKind = 'ipv6';
    i = close + 1;
  } else {
    let end = i;
    while (end < text.length && text.charCodeAt(end) !== 58 && text.charCodeAt(end) !== 59 && text.charCodeAt(end) !== 63) end++;
    host = text.slice(i, end);
    if (host.length === 0 || !allIn(URI_HOSTNAME, host) || host.charCodeAt(0) === 45 || host.charCodeAt(0) === 46) {
      return sipError(`bad URI "${text}": bad host`);
    }
    hostKind = allIn(DIGIT_DOT, host) ? 'ipv4' : 'name';
    if (hostKind === 'ipv4' && !isIPv4(host)) return sipError(`bad URI "${text}": bad IPv4 address`);
    i = end;
  }
  let port: number | undefined;
  if (text.charCodeAt(i) === 58 /* : */) {
    let end = i + 1;
    while (end < text.length && DIGIT[text.charCodeAt(end)] === 1) end++;
    port = parseDecimal(text.slice(i + 1, end), 65535);
    if (port === undefined) return sipError(`bad URI "${text}": bad port`);
    i = end;
  }
  let params: UriParam[] = [];
  let headers: UriParam[] = [];
  const question = text.indexOf('?', i);
  const paramsEnd = question < 0 ? text.length : question;
  if (text.charCodeAt(i) === 59 /* ; */) {
    const parsed = parseParams(text, i + 1, paramsEnd, ';', PARAM, 'parameter', text);
    if (isSipError(parsed)) return parsed;
    params = parsed;
  } else if (i !== paramsEnd) {
    return sipError(`bad URI "${text}": unexpected "${text.slice(i, paramsEnd)}" after the host`);
  }
  if (question >= 0) {
    const parsed = parseParams(text, question + 1, text.length, '&', HEADER, 'header', text);
    if (isSipError(parsed)) return parsed;
    headers = parsed;
  }
  return { scheme, user, password, host, hostKind, port, params, headers };
}

function parseTelUri(s: string, text: string): TelUri | SipError {
  const semi = s.indexOf(';');
  const number = semi < 0 ? s : s.slice(0, semi);
  if (!/^\+?[0-9A-Fa-f*#().-]+$/.test(number) || !/[0-9A-Fa-f*#]/.test(number)) return sipError(`bad URI "${text}": bad telephone number`);
  if (semi < 0) return { scheme: 'tel', number, params: [] };
  const params = parseParams(s, semi + 1, s.length, ';', PARAM, 'parameter', text);
  return isSipError(params) ? params : { scheme: 'tel', number, params };
}

function formatParams(params: readonly UriParam[], lead: string, sep: string): string {
  if (params.length === 0) return '';
  return lead + params.map((p) => (p.value === undefined ? p.name : `${p.name}=${p.value}`)).join(sep);
}

export function formatUri(uri: Uri): string {
  if (isSipUri(uri)) {
    const info = uri.user === undefined ? '' : `${uri.user}${uri.password === undefined ? '' : `:${uri.password}`}@`;
    const port = uri.port === undefined ? '' : `:${uri.port}`;
    return `${uri.scheme}:${info}${uri.host}${port}${formatParams(uri.params, ';', ';')}${formatParams(uri.headers, '?', '&')}`;
  }
  if (isTelUri(uri)) return `tel:${uri.number}${formatParams(uri.params, ';', ';')}`;
  return `${uri.scheme}:${uri.rest}`;
}

/** The value of a URI parameter (case-insensitive name): a string, '' for a flag parameter, undefined when absent. */
export function uriParam(uri: SipUri | TelUri, name: string): string | undefined {
  const lower = name.toLowerCase();
  const p = uri.params.find((x) => x.name.toLowerCase() === lower);
  return p === undefined ? undefined : (p.value ?? '');
}

/** Parameters that, when present in either URI, must be present in both and equal (RFC 3261 19.1.4). */
const MUST_MATCH = ['transport', 'user', 'ttl', 'method', 'maddr'];

function paramMap(params: readonly UriParam[]): Map<string, string> {
  return new Map(params.map((p) => [unescape(p.name).toLowerCase(), unescape(p.value ?? '').toLowerCase()]));
}

/** URI equality per RFC 3261 section 19.1.4 (tel URIs per RFC 3966 section 4). */
export function uriEquals(a: Uri, b: Uri): boolean {
  if (a.scheme !== b.scheme) return false;
  if (isSipUri(a) && isSipUri(b)) {
    if ((a.user === undefined) !== (b.user === undefined) || unescape(a.user ?? '') !== unescape(b.user ?? '')) return false;
    if (unescape(a.password ?? '') !== unescape(b.password ?? '') || (a.password === undefined) !== (b.password === undefined)) return false;
    if (a.host.toLowerCase() !== b.host.toLowerCase() || a.port !== b.port) return false;
    const pa = paramMap(a.params);
    const pb = paramMap(b.params);
    for (const name of MUST_MATCH) if (pa.get(name) !== pb.get(name)) return false;
    for (const [name, value] of pa) if (pb.has(name) && pb.get(name) !== value) return false;
    const ha = new Map(a.headers.map((h) => [unescape(h.name).toLowerCase(), unescape(h.value ?? '')]));
    const hb = new Map(b.headers.map((h) => [unescape(h.name).toLowerCase(), unescape(h.value ?? '')]));
    if (ha.size !== hb.size) return false;
    for (const [name, value] of ha) if (hb.get(name) !== value) return false;
    return true;
  }
  if (isTelUri(a) && isTelUri(b)) {
    const digits = (n: string): string => n.replace(/[-.()]/g, '').toLowerCase();
    if (digits(a.number) !== digits(b.number)) return false;
    const pa = paramMap(a.params);
    const pb = paramMap(b.params);
    return pa.size === pb.size && [...pa].every(([k, v]) => pb.get(k) === v);
  }
  const rest = (u: Uri): string => (u as OtherUri).rest;
  return rest(a) === rest(b);
}
