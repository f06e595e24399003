// The escaping transformations of the s class on byte strings: backslash
// escapes (common), %HH escapes for SIP URI user parts and parameters, CSV
// quoting, and URL form encoding. Each follows the character sets and the
// failure cases (a control or 8-bit byte, a bad %HH) of Kamailio's core.

import { encodeHex, hexDigit, looseHexDigit } from './codecs.js';

const percent = (byte: number): string => '%' + encodeHex(String.fromCharCode(byte));

const ALNUM = /[0-9A-Za-z]/;

/** Backslash before ' " and \, and NUL written as \0. */
export function escapeCommon(bytes: string): string {
  return bytes.replace(/['"\\\0]/g, (c) => (c === '\0' ? '\\0' : '\\' + c));
}

/** Undoes escapeCommon; any other backslash is kept as it is. */
export function unescapeCommon(bytes: string): string {
  return bytes.replace(/\\(['"\\0])/g, (_, c: string) => (c === '0' ? '\0' : c));
}

/** %HH-escapes printable bytes not allowed by `keep`; null for a control or 8-bit byte. */
function escapeWith(keep: string, bytes: string): string | null {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    const b = c.charCodeAt(0);
    if (b < 32 || b > 126) return null;
    out += ALNUM.test(c) || keep.includes(c) ? c : percent(b);
  }
  return out;
}

/** The user part of a SIP URI: unreserved and user-unreserved characters kept (RFC 3261), '/' and ':' escaped as Kamailio does. */
export const escapeUser = (bytes: string): string | null => escapeWith("-_.!~*'()&=+$,;?", bytes);

/** A SIP URI parameter: unreserved and param-unreserved characters kept. */
export const escapeParam = (bytes: string): string | null => escapeWith("-_.!~*'()[]/:&+$", bytes);

/** Decodes %HH escapes; null for a bad hex digit (a '%' at the end included) or an escaped byte outside 32..126. */
export function unescapePercent(bytes: string): string | null {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== '%') {
      out += bytes[i];
      continue;
    }
    const hi = hexDigit(bytes.charCodeAt(i + 1));
    const lo = hi < 0 ? -1 : hexDigit(bytes.charCodeAt(i + 2));
    if (lo < 0) return null;
    const b = (hi << 4) | lo;
    if (b < 32 || b > 126) return null;
    out += String.fromCharCode(b);
    i += 2;
  }
  return out;
}

/** A CSV field (RFC 4180): in double quotes, inner double quotes doubled. */
export function escapeCsv(bytes: string): string {
  return `"${bytes.replace(/"/g, '""')}"`;
}

/** URL encoding of a form parameter: letters, digits and - _ . ~ kept, every other byte %hh. */
export function urlEncode(bytes: string): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    out += ALNUM.test(c) || '-_.~'.includes(c) ? c : percent(c.charCodeAt(0));
  }
  return out;
}

/** Signed 8-bit value of a byte (C's char). */
const signed = (byte: number): number => ((byte & 0xff) ^ 0x80) - 0x80;

/**
 * URL decoding: '+' is a space, %HH a byte (non-hex digits decode to what
 * Kamailio's digit conversion gives); a '%' with fewer than two characters
 * after it is dropped.
 */
export function urlDecode(bytes: string): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c === '%') {
      if (i + 2 < bytes.length && bytes[i + 1] !== '\0' && bytes[i + 2] !== '\0') {
        const hi = signed(looseHexDigit(bytes.charCodeAt(i + 1)));
        const lo = signed(looseHexDigit(bytes.charCodeAt(i + 2)));
        out += String.fromCharCode(((hi << 4) | lo) & 0xff);
        i += 2;
      }
    } else out += c === '+' ? ' ' : c;
  }
  return out;
}
