// String literals as Kamailio's lexer reads them: a double-quoted one with its
// escape sequences, adjacent double-quoted ones joined into one value, a
// single-quoted one as written. The scanner reads double-quoted strings with
// it, and the checker maps a position in a string's value back to where it is
// written.

import { isBlank } from './chars.js';
import type { Locate, Span } from './source.js';

export interface DoubleQuoted {
  readonly value: string;
  /** Offset just past the last closing quote (the end of the text when one is never closed). */
  readonly end: number;
  /** Offset of the quote that is never closed, if one is not. */
  readonly unclosed: number | undefined;
}

/** Told, for each character of the value, the source offsets it was read from. */
export type OnValueChar = (start: number, end: number) => void;

const SIMPLE_ESCAPES = new Map([['n', '\n'], ['r', '\r'], ['a', '\x07'], ['t', '\t'], ['"', '"'], ['\\', '\\'], ['\n', '']]);

/**
 * The double-quoted string opening at `start` (a `"`), with the ones after it
 * separated only by white space, read up to `end`.
 */
export function readDoubleQuoted(text: string, start: number, end: number, onChar?: OnValueChar): DoubleQuoted {
  let value = '';
  let pos = start;
  for (;;) {
    const open = pos++;
    let closed = false;
    while (pos < end) {
      const ch = text[pos]!;
      if (ch === '"') {
        pos++;
        closed = true;
        break;
      }
      const from = pos;
      if (ch === '\\' && pos + 1 < end) {
        const escape = readEscape(text, pos);
        pos += escape.length;
        if (escape.value === '') continue;
        value += escape.value;
      } else {
        value += ch;
        pos++;
      }
      // Every step gives one character of the value (an escaped newline none).
      onChar?.(from, pos);
    }
    if (!closed) return { value, end: pos, unclosed: open };
    let look = pos;
    while (look < end && (isBlank(text.charCodeAt(look)) || text.charCodeAt(look) === 10)) look++;
    if (look < end && text[look] === '"') pos = look;
    else return { value, end: pos, unclosed: undefined };
  }
}

/** One escape sequence at `at` (a backslash): the text it stands for and how many characters it takes. */
function readEscape(text: string, at: number): { value: string; length: number } {
  const next = text[at + 1]!;
  const simple = SIMPLE_ESCAPES.get(next);
  if (simple !== undefined) return { value: simple, length: 2 };
  const hex = /^x([0-9a-fA-F]{1,2})/.exec(text.slice(at + 1, at + 4));
  if (hex) return { value: String.fromCharCode(parseInt(hex[1]!, 16)), length: 1 + hex[0].length };
  const oct = /^[0-7]{2,3}/.exec(text.slice(at + 1, at + 4));
  if (oct) return { value: String.fromCharCode(parseInt(oct[0], 8) & 0xff), length: 1 + oct[0].length };
  // Unknown escapes keep the backslash (regex back-references like \1 rely on it).
  return { value: '\\', length: 1 };
}

/**
 * Where each part of a string's value is written, from the literal as written
 * (`image`, its quotes included, at `literal`): through escape sequences and
 * across adjacent literals. A value the literal does not read as (one a
 * `#!subst` rewrote, or one made from the literal) is placed at the whole
 * literal.
 */
export function locateInLiteral(value: string, literal: Span, image: string): Locate {
  const starts: number[] = [];
  const ends: number[] = [];
  const record: OnValueChar = (start, end) => {
    starts.push(literal.start + start);
    ends.push(literal.start + end);
  };
  let read: string | undefined;
  if (image.startsWith('"')) {
    read = readDoubleQuoted(image, 0, image.length, record).value;
  } else if (image.startsWith("'") && image.endsWith("'")) {
    read = image.slice(1, -1);
    for (let i = 1; i <= read.length; i++) record(i, i + 1);
  }
  if (read !== value) return () => literal;
  // An empty range is placed where the next character is, or after the last.
  const at = (i: number): number => starts[i] ?? ends[i - 1] ?? literal.start + 1;
  return (start, end) => {
    const from = Math.min(start, value.length);
    const to = Math.min(end, value.length);
    return { file: literal.file, start: at(from), end: to > from ? ends[to - 1]! : at(from) };
  };
}
