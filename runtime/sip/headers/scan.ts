// A cursor over one (unfolded) header value, with the pieces most header
// grammars share: white space, tokens, quoted strings, generic parameters
// (`;name=value`), and splitting comma-separated lists.

import { TOKEN, skipBlanks, utf8 } from '../chars.js';
import { sipError, type SipError } from '../errors.js';

export interface GenericParam {
  readonly name: string;
  /** The value as written (a quoted value keeps its quotes); undefined for a flag. */
  readonly value: string | undefined;
}

export class Cursor {
  pos = 0;
  constructor(readonly text: string) {}

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  peek(): number {
    return this.text.charCodeAt(this.pos);
  }

  skipWhite(): void {
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      if (c !== 32 && c !== 9 && c !== 13 && c !== 10) break;
      this.pos++;
    }
  }

  /** Consumes `ch` (after white space) if it is next. */
  accept(ch: number): boolean {
    this.skipWhite();
    if (this.text.charCodeAt(this.pos) !== ch) return false;
    this.pos++;
    return true;
  }

  /** Reads a token (RFC 3261 token characters), possibly empty. */
  token(): string {
    const start = this.pos;
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      if (c >= 256 || TOKEN[c] !== 1) break;
      this.pos++;
    }
    return this.text.slice(start, this.pos);
  }

  /** Reads a quoted string starting at `"`; returns it with its quotes, or an error if unterminated. */
  quoted(): string | SipError {
    const start = this.pos;
    this.pos++;
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      if (c === 92 /* \ */) this.pos += 2;
      else if (c === 34 /* " */) {
        this.pos++;
        return this.text.slice(start, this.pos);
      } else this.pos++;
    }
    return sipError('unterminated quoted string');
  }

  /** Reads up to (not including) any of the given characters, outside quotes and angle brackets. */
  until(stops: string): string {
    const start = this.pos;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]!;
      if (stops.includes(c)) break;
      if (c === '"') {
        if (typeof this.quoted() !== 'string') break;
        continue;
      }
      this.pos++;
    }
    return this.text.slice(start, this.pos);
  }

  /** `*( SEMI generic-param )`: stops at a comma or the end. */
  params(what: string): GenericParam[] | SipError {
    const params: GenericParam[] = [];
    const end = scanParams(this.text, this.pos, this.text.length, params);
    if (typeof end !== 'number') return sipError(`bad ${what}: ${end.reason}`);
    this.pos = end;
    return params;
  }
}

/**
 * Scans `*( SEMI generic-param )` in s[i, end), appending to `out`; returns
 * where it stopped (white space after the last parameter skipped), or the
 * problem. A value is a quoted string, an IPv6 reference, or a run of
 * visible characters up to the next separator, kept as written: wider than
 * RFC 3261's token or host, as Kamailio 5.6 reads it (branch=z9hG4bK-1@x,
 * tag={x} and the like from real user agents are taken, not refused).
 */
export function scanParams(s: string, i: number, end: number, out: GenericParam[]): number | SipError {
  i = skipBlanks(s, i, end);
  while (i < end && s.charCodeAt(i) === 59 /* ; */) {
    i = skipBlanks(s, i + 1, end);
    const nameStart = i;
    while (i < end && TOKEN[s.charCodeAt(i)] === 1) i++;
    if (i === nameStart) return sipError('empty parameter');
    const name = s.slice(nameStart, i);
    i = skipBlanks(s, i, end);
    let value: string | undefined;
    if (i < end && s.charCodeAt(i) === 61 /* = */) {
      i = skipBlanks(s, i + 1, end);
      const valueStart = i;
      const c = s.charCodeAt(i);
      if (c === 34 /* " */) {
        i = quotedEnd(s, i, end);
        if (i < 0) return sipError(`parameter ${name}: unterminated quoted string`);
      } else if (c === 91 /* [ */) {
        const close = s.indexOf(']', i);
        i = close < 0 || close >= end ? end : close + 1;
      } else {
        while (i < end && PARAM_VALUE[s.charCodeAt(i)] === 1) i++;
      }
      if (i === valueStart) return sipError(`parameter ${name} has an empty value`);
      value = s.slice(valueStart, i);
      i = skipBlanks(s, i, end);
    }
    out.push({ name, value });
  }
  return i;
}

/** Characters of an unquoted parameter value: visible ASCII and UTF-8 bytes, except the separators ; , " < >. */
const PARAM_VALUE = (() => {
  const table = new Uint8Array(256);
  for (let c = 0x21; c < 256; c++) if (c !== 0x7f) table[c] = 1;
  for (const c of ';,"<>') table[c.charCodeAt(0)] = 0;
  return table;
})();

/** The position just after the quoted string that opens at s[i] (`"`), or -1 when it is not closed. */
function quotedEnd(s: string, i: number, end: number): number {
  for (i++; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 92 /* \ */) i++;
    else if (c === 34) return i + 1;
  }
  return -1;
}

/** Splits a comma-separated header value at top-level commas (not inside quotes or <...>). */
export function splitList(value: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let angle = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < value.length && value.charCodeAt(i) !== 34; i++) if (value.charCodeAt(i) === 92) i++;
    } else if (c === 60 /* < */) angle = true;
    else if (c === 62 /* > */) angle = false;
    else if (c === 44 /* , */ && !angle) {
      parts.push(value.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  return parts;
}

/** The content of a quoted string (quotes removed, `\x` escapes resolved), decoded as UTF-8. */
export function unquote(quoted: string): string {
  if (quoted.length < 2 || quoted.charCodeAt(0) !== 34) return utf8(quoted);
  return utf8(quoted.slice(1, -1).replace(/\\(.)/g, '$1'));
}

/** The value of a parameter by case-insensitive name: '' for a flag, undefined when absent. */
export function paramValue(params: readonly GenericParam[], name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const p of params) if (p.name.length === lower.length && p.name.toLowerCase() === lower) return p.value ?? '';
  return undefined;
}
