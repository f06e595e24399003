// name-addr / addr-spec header values with parameters: From, To, Contact,
// Route, Record-Route, Path, Diversion, P-Asserted-Identity, Refer-To.
// Lenient where RFC 4475 allows it: spaces inside <...> and unquoted
// display names with non-token characters are accepted.

import { sipError, type SipError } from '../errors.js';
import { parseUri, type Uri } from '../uri.js';
import { Cursor, paramValue, splitList, unquote, type GenericParam } from './scan.js';

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

export function parseNameAddr(raw: string, what: string): NameAddr | SipError {
  const text = raw.trim();
  const c = new Cursor(text);
  let displayName: string | undefined;
  let uriText: string;
  let bracketed = false;
  c.skipWhite();
  const lt = findOpenAngle(text);
  if (typeof lt !== 'number') return sipError(`bad ${what}: ${lt.reason}`);
  if (lt >= 0) {
    const display = text.slice(0, lt).trim();
    if (display.length > 0) displayName = display.charCodeAt(0) === 34 ? unquote(display) : display;
    const gt = text.indexOf('>', lt);
    if (gt < 0) return sipError(`bad ${what}: "<" without ">"`);
    uriText = text.slice(lt + 1, gt).trim();
    bracketed = true;
    c.pos = gt + 1;
  } else {
    // addr-spec: the URI runs to the first `;` (what follows are header parameters).
    uriText = c.until(';').trim();
    if (/\s/.test(uriText)) return sipError(`bad ${what}: "${uriText}" is not a URI (a display name needs <...> after it)`);
    if (uriText.includes('?')) return sipError(`bad ${what}: a URI with headers must be enclosed in <...>`);
  }
  if (uriText.length === 0) return sipError(`bad ${what}: empty URI`);
  const params = c.params(what);
  if (!Array.isArray(params)) return params;
  c.skipWhite();
  if (!c.done) return sipError(`bad ${what}: unexpected "${text.slice(c.pos)}"`);
  return { displayName, uriText, bracketed, params, raw: text };
}

/** Position of the `<` that opens the URI (outside a quoted display name), -1 if none. */
function findOpenAngle(text: string): number | SipError {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
      if (i >= text.length) return sipError('unterminated quoted display name');
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
    if ('kind' in value) return value;
    out.push(value);
  }
  return out;
}

/** A Contact header: `*` or a list of name-addr values. */
export function parseContacts(raw: string): NameAddr[] | '*' | SipError {
  return raw.trim() === '*' ? '*' : parseNameAddrList(raw, 'Contact');
}
