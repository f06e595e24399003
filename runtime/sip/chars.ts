// Character classes of the SIP grammar (RFC 3261 section 25.1), as lookup
// tables over char codes, and small scanning helpers over message text.

function table(chars: string, ranges: Array<[string, string]> = []): Uint8Array {
  const t = new Uint8Array(256);
  for (const c of chars) t[c.charCodeAt(0)] = 1;
  for (const [from, to] of ranges) for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) t[c] = 1;
  return t;
}

const ALPHANUM: Array<[string, string]> = [['a', 'z'], ['A', 'Z'], ['0', '9']];

/** token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~") */
export const TOKEN = table("-.!%*_+`'~", ALPHANUM);
/** unreserved = alphanum / mark */
export const UNRESERVED = table("-_.!~*'()", ALPHANUM);
/** user = unreserved / escaped / user-unreserved (& = + $ , ; ? /) */
export const USER = table("-_.!~*'()&=+$,;?/", ALPHANUM);
/** password = unreserved / escaped / & = + $ , */
export const PASSWORD = table("-_.!~*'()&=+$,", ALPHANUM);
/** paramchar = param-unreserved ([ ] / : & + $) / unreserved / escaped */
export const PARAM = table("-_.!~*'()[]/:&+$", ALPHANUM);
/** hname / hvalue characters: hnv-unreserved ([ ] / ? : + $) / unreserved / escaped */
export const HEADER = table("-_.!~*'()[]/?:+$", ALPHANUM);
/** Host name characters. */
export const ALPHANUMERIC = table('', ALPHANUM);
export const HOSTNAME = table('-.', ALPHANUM);
/** The characters of a host name in a URI: as HOSTNAME, with the `_` that real-world names carry accepted as well. */
export const URI_HOSTNAME = table('-._', ALPHANUM);
/** Digits and dots: what an IPv4 address is written with. */
export const DIGIT_DOT = table('.', [['0', '9']]);
export const DIGIT = table('', [['0', '9']]);
export const HEX = table('', [['0', '9'], ['a', 'f'], ['A', 'F']]);

export function isWhite(c: number): boolean {
  return c === 32 || c === 9;
}

/** Position of the first non-blank (SP / HTAB / CR / LF) character at or after `i`. */
export function skipBlanks(s: string, i: number, end = s.length): number {
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10) break;
    i++;
  }
  return i;
}

/** Position just after the last non-blank character before `end`. */
export function trimEnd(s: string, start: number, end: number): number {
  while (end > start) {
    const c = s.charCodeAt(end - 1);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10) break;
    end--;
  }
  return end;
}

/** True when every character of s[start, end) is in the class; `%HH` escapes allowed when `escapes`. */
export function allIn(cls: Uint8Array, s: string, start = 0, end = s.length, escapes = false): boolean {
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 256 && cls[c] === 1) continue;
    if (escapes && c === 37 && i + 2 < end && HEX[s.charCodeAt(i + 1)] === 1 && HEX[s.charCodeAt(i + 2)] === 1) {
      i += 2;
      continue;
    }
    return false;
  }
  return true;
}

/** Decodes `%HH` escapes (the text stays in latin1: one char per byte). */
export function unescape(s: string): string {
  if (s.indexOf('%') < 0) return s;
  return s.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Reads a non-negative decimal integer; undefined when not all digits or above `max`. */
export function parseDecimal(s: string, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (s.length === 0 || s.length > 16) return undefined;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    n = n * 10 + c;
  }
  return n <= max ? n : undefined;
}

/** Latin1 text (one char per byte) decoded as UTF-8, for display names and reason phrases. */
export function utf8(latin1: string): string {
  for (let i = 0; i < latin1.length; i++) {
    if (latin1.charCodeAt(i) > 127) return Buffer.from(latin1, 'latin1').toString('utf8');
  }
  return latin1;
}
