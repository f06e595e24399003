// The slicing and editing operations of the s class on byte strings, with
// Kamailio's edge cases: what an index out of range gives, which side a
// negative index counts from, and the quirks of fmtlines.

import { isAscii } from '../../kit/bytes.js';

/** substr: offset (negative: from the end) and length (0: to the end); null when out of range. */
export function substr(s: string, offset: number, length: number): string | null {
  if (length < 0) return null;
  if (offset >= 0) {
    if (offset >= s.length) return null;
    return offset + length >= s.length || length === 0 ? s.slice(offset) : s.slice(offset, offset + length);
  }
  const back = -offset;
  if (back > s.length) return null;
  const start = s.length - back;
  return back < length || length === 0 ? s.slice(start) : s.slice(start, start + length);
}

/** select: the field at index (negative: from the end) between separators; '' when there is none. */
export function select(s: string, index: number, separator: string): string {
  if (index >= 0) {
    let start = 0;
    let p = 0;
    for (; p < s.length; p++) {
      if (s[p] !== separator) continue;
      if (index === 0) break;
      start = p + 1;
      index--;
    }
    return index === 0 ? s.slice(start, p) : '';
  }
  let remaining = -index - 1;
  let last = s.length - 1;
  let p = s.length - 1;
  for (; p >= 0; p--) {
    if (s[p] !== separator) continue;
    if (remaining === 0) break;
    last = p - 1;
    remaining--;
  }
  return remaining === 0 ? s.slice(p + 1, last + 1) : '';
}

/** strip (from the start) or striptail (from the end) n bytes; n <= 0 changes nothing. */
export function strip(s: string, n: number, fromEnd: boolean): string {
  if (n <= 0) return s;
  if (n >= s.length) return '';
  return fromEnd ? s.slice(0, s.length - n) : s.slice(n);
}

/** stripto: from the first occurrence of a byte on; '' when it does not occur. */
export function stripTo(s: string, c: string): string {
  const i = s.indexOf(c);
  return i < 0 ? '' : s.slice(i);
}

/** before: up to the first occurrence of a byte (the whole string when it does not occur). */
export function before(s: string, c: string): string {
  const i = s.indexOf(c);
  return i < 0 ? s : s.slice(0, i);
}

/** after: what follows the first occurrence of a byte ('' when it does not occur). */
export function after(s: string, c: string): string {
  const i = s.indexOf(c);
  return i < 0 || i >= s.length - 1 ? '' : s.slice(i + 1);
}

/** rbefore: up to the last occurrence of a byte (the whole string when it does not occur). */
export function rbefore(s: string, c: string): string {
  const i = s.lastIndexOf(c);
  return i < 0 ? s : s.slice(0, i);
}

/** rafter: what follows the last occurrence of a byte ('' when it does not occur). */
export function rafter(s: string, c: string): string {
  const i = s.lastIndexOf(c);
  return i < 0 ? '' : s.slice(i + 1);
}

export function countOf(s: string, c: string): number {
  let n = 0;
  for (let i = s.indexOf(c); i >= 0; i = s.indexOf(c, i + 1)) n++;
  return n;
}

/** prefixes: "1,12,123" up to max bytes (all when max is absent, <= 0 or past the end), optionally each in single quotes. */
export function prefixes(s: string, max: number | undefined, quoted: boolean): string {
  const count = max !== undefined && max > 0 && max < s.length ? max : s.length;
  const q = quoted ? "'" : '';
  const out: string[] = [];
  for (let i = 1; i <= count; i++) out.push(q + s.slice(0, i) + q);
  return out.join(',');
}

/**
 * fmtlines/fmtlinet as Kamailio 5.6 runs them: a CRLF and `indent` pad
 * characters are inserted before each byte at positions 1..width-1 (its
 * test is i/width == 0, not i%width); when indent >= the length it
 * formats the string over its own copy, reading bytes it has already
 * overwritten. null for width <= 0 or indent < 0.
 */
export function fmtLines(s: string, width: number, indent: number, pad: ' ' | '\t'): string | null {
  if (width <= 0 || indent < 0) return null;
  const inPlace = indent >= s.length;
  const buffer: string[] = inPlace ? [...s] : [];
  const insert = '\r\n' + pad.repeat(indent);
  let p = 0;
  for (let i = 0; i < s.length; i++) {
    if (i !== 0 && Math.floor(i / width) === 0) for (const c of insert) buffer[p++] = c;
    buffer[p] = inPlace ? buffer[i]! : s[i]!;
    p++;
  }
  return buffer.slice(0, p).join('');
}

const BLANK = ' \t\r\n';

export function trimStart(s: string): string {
  let i = 0;
  while (i < s.length && BLANK.includes(s[i]!)) i++;
  return s.slice(i);
}

export function trimEnd(s: string): string {
  let i = s.length;
  while (i > 0 && BLANK.includes(s[i - 1]!)) i--;
  return s.slice(0, i);
}

export const removeBlanks = (s: string): string => s.replace(/[ \t\r\n]/g, '');

export const digitsOnly = (s: string): string => s.replace(/[^0-9]/g, '');

/** unquote: the string without surrounding '...' or "..." (the same quote at both ends). */
export function unquote(s: string): string {
  return s.length >= 2 && s[0] === s[s.length - 1] && (s[0] === '"' || s[0] === "'") ? s.slice(1, -1) : s;
}

const BRACKETS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}', '<': '>' };

/** unbracket: the string without surrounding (), [], {} or <>. */
export function unbracket(s: string): string {
  return s.length >= 2 && BRACKETS[s[0]!] === s[s.length - 1] ? s.slice(1, -1) : s;
}

export const asciiLower = (s: string): string => (isAscii(s) ? s.toLowerCase() : s.replace(/[A-Z]/g, (c) => c.toLowerCase()));
export const asciiUpper = (s: string): string => (isAscii(s) ? s.toUpperCase() : s.replace(/[a-z]/g, (c) => c.toUpperCase()));

/** rm's constant parameter: \n \r \t \\ are escapes, \x is x, a last lone backslash stays. */
export function unescapeRemoved(text: string): string {
  const map: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t' };
  return text.replace(/\\([\s\S])/g, (_, c: string) => map[c] ?? c);
}
