// name-addr / addr-spec header values with parameters: From, To, Contact,
// Route, Record-Route, Path, Diversion, P-Asserted-Identity, Refer-To.
// Lenient where RFC 4475 allows it: spaces inside <...> and unquoted
// display names with non-token characters are accepted.

import { isSipError, sipError, type SipError } from '../errors.js';
import { parseUri, type Uri } from '../uri.js';
import { skipBlanks, trimEnd } from '../chars.js';
import { paramValue, scanParams, splitList, unquote, type GenericParam } from './scan.js';

export interface NameAddr {
  /** The display name, decoded (quotes and escapes removed); undefined when there is none. */
  readonly displayName: string | undefined;
  /** The URI as written. */
  readonly uriText: string;
  /** Whether the URI was written in angle brackets. */
  readonly bracketed: boolean;
  readonly params: readonly GenericParam[];
  /** The value as written (after unfolding), for copying into other messages. */
  readonly raw: string;
}

/** The `tag` parameter (From/To), or undefined. */
export function tagOf(value: NameAddr): string | undefined {
  return paramValue(value.params, 'tag');
}

/** The URI of a name-addr value, parsed. */
export function uriOf(value: NameAddr): Uri | SipError {
  return parseUri(value.uriText);
}

/** One name-addr or addr-spec value with its parameters, in raw[start, end). */
export function parseNameAddr(raw: string, what: string, start = 0, end = raw.length): NameAddr | SipError {
  const first = skipBlanks(raw, start, end);
  const last = trimEnd(raw, first, end);
  const lt = findOpenAngle(raw, first, last);
  if (lt === UNTERMINATED) return sipError(`bad ${what}: unterminated quoted display name`);
  let displayName: string | undefined;
  let uriText: string;
  let pos: number;
  if (lt >= 0) {
    const displayEnd = trimEnd(raw, first, lt);
    if (displayEnd > first) {
      const display = raw.slice(first, displayEnd);
      displayName = display.charCodeAt(0) === 34 ? unquote(display) : display;
    }
    const gt = raw.indexOf('>', lt);
    if (gt < 0 || gt >= last) return sipError(`bad ${what}: "<" without ">"`);
    const uriStart = skipBlanks(raw, lt + 1, gt);
    uriText = raw.slice(uriStart, trimEnd(raw, uriStart, gt));
    pos = gt + 1;
  } else {
    // addr-spec: the URI runs to the first `;` (what follows are header parameters).
    const semi = raw.indexOf(';', first);
    pos = semi < 0 || semi > last ? last : semi;
    uriText = raw.slice(first, trimEnd(raw, first, pos));
    if (/\s/.test(uriText)) return sipError(`bad ${what}: "${uriText}" is not a URI (a display name needs <...> after it)`);
    if (uriText.includes('?')) return sipError(`bad ${what}: a URI with headers must be enclosed in <...>`);
  }
  if (uriText.length === 0) return sipError(`bad ${what}: empty URI`);
  const params: GenericParam[] = [];
  const stop = scanParams(raw, pos, last, params);
  if (typeof stop !== 'number') return sipError(`bad ${what}: ${stop.reason}`);
  if (stop !== last) return sipError(`bad ${what}: unexpected "${raw.slice(stop, last)}"`);
  return { displayName, uriText, bracketed: lt >= 0, params, raw: raw.slice(first, last) };
}

const UNTERMINATED = -2;

/** Position of the `<` that opens the URI (outside a quoted display name); -1 if none, UNTERMINATED for an open quote. */
function findOpenAngle(text: string, start: number, end: number): number {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < end && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
      if (i >= end) return UNTERMINATED;
    } else if (c === 60 /* < */) return i;
    else if (c === 59 /* ; */) return -1;
  }
  return -1;
}

/** A comma-separated list of name-addr values (Contact, Route, Record-Route, Path, ...). */
export function parseNameAddrList(raw: string, what: string): NameAddr[] | SipError {
  const out: NameAddr[] = [];
  for (const part of splitList(raw)) {
    if (part.trim().length === 0) return sipError(`bad ${what}: empty list element`);
    const value = parseNameAddr(part, what);
    if (isSipError(value)) return value;
    out.push(value);
  }
  return out;
}

/** A Contact header: `*` or a list of name-addr values. */
export function parseContacts(raw: string): NameAddr[] | '*' | SipError {
  return raw.trim() === '*' ? '*' : parseNameAddrList(raw, 'Contact');
}
