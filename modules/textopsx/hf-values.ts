// How textopsx sees header values and parameters, as text offsets: a line is
// a comma-separated list (not inside quotes or <>), a value's parameters
// follow `;`; in the "value2" reading a line is one value whose parameters
// are the comma-separated pairs after its scheme.

import type { SipMessage } from '../../runtime/sip/message.js';

/** One value, or one parameter: where it is and the separators around it. */
export interface Item {
  /** The header line it is in. */
  readonly line: number;
  /** Just after the separator before it (or the line's value start). */
  readonly outerStart: number;
  /** Its first non-blank character. */
  readonly start: number;
  /** Where the next separator (or the line's value end) is. */
  readonly end: number;
  /** The separator before it in the same line, or -1. */
  readonly prevSep: number;
  /** The separator after it in the same line, or -1. */
  readonly nextSep: number;
}

export interface Param extends Item {
  readonly name: string;
  /** The `=` after the name, or -1 for a flag. */
  readonly eq: number;
  readonly nameEnd: number;
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';

/** The positions in text[from, to) of `sep` outside quotes and angle brackets. */
function separators(text: string, from: number, to: number, sep: string): number[] {
  const out: number[] = [];
  let quoted = false;
  let angle = 0;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '<') angle++;
    else if (c === '>' && angle > 0) angle--;
    else if (c === sep && angle === 0) out.push(i);
  }
  return out;
}

/** text[from, to) cut at `sep` into items. */
function items(text: string, line: number, from: number, to: number, sep: string): Item[] {
  const cuts = separators(text, from, to, sep);
  const out: Item[] = [];
  for (let k = 0; k <= cuts.length; k++) {
    const outerStart = k === 0 ? from : cuts[k - 1]! + 1;
    let start = outerStart;
    while (start < to && isBlank(text[start])) start++;
    out.push({ line, outerStart, start, end: k < cuts.length ? cuts[k]! : to, prevSep: k === 0 ? -1 : cuts[k - 1]!, nextSep: k < cuts.length ? cuts[k]! : -1 });
  }
  return out;
}

/** The values of header line `line`: comma-separated, or (value2) the whole line. */
export function lineValues(m: SipMessage, line: number, whole: boolean): Item[] {
  const span = m.headerSpan(line);
  if (whole) return [{ line, outerStart: span.valueStart, start: span.valueStart, end: span.valueEnd, prevSep: -1, nextSep: -1 }];
  return items(m.text, line, span.valueStart, span.valueEnd, ',');
}

/** The values of every line named `key`, in order. */
export function headerValues(m: SipMessage, key: string, whole: boolean): Item[] {
  const out: Item[] = [];
  for (let i = m.findHeader(key); i >= 0; i = m.findHeader(key, i + 1)) out.push(...lineValues(m, i, whole));
  return out;
}

/** The text of an item without surrounding blanks. */
export function itemText(m: SipMessage, item: Item): string {
  return m.text.slice(item.start, item.end).trimEnd();
}

function asParam(text: string, item: Item): Param {
  let nameEnd = item.start;
  while (nameEnd < item.end && text[nameEnd] !== '=' && !isBlank(text[nameEnd])) nameEnd++;
  const eq = text.indexOf('=', nameEnd);
  return { ...item, name: text.slice(item.start, nameEnd), nameEnd, eq: eq >= 0 && eq < item.end ? eq : -1 };
}

/**
 * The parameters of a value: after `;` (each one's prevSep is its `;`), or
 * (value2) the comma-separated pairs after the leading scheme token.
 */
export function valueParams(m: SipMessage, value: Item, whole: boolean): Param[] {
  const text = m.text;
  if (!whole) return items(text, value.line, value.start, value.end, ';').slice(1).map((p) => asParam(text, p));
  let from = value.start;
  while (from < value.end && !isBlank(text[from]) && text[from] !== '=' && text[from] !== ',') from++;
  if (text[from] === '=' || text[from] === ',' || from === value.end) from = value.start;
  return items(text, value.line, from, value.end, ',').map((p) => asParam(text, p));
}

/** The value(s) a designator's index picks among `values`: all for `*`, the first when none is given. */
export function pick<T>(values: readonly T[], index: number | '*' | undefined): T[] {
  if (index === '*') return [...values];
  const i = index === undefined ? 0 : index > 0 ? index - 1 : index < 0 ? values.length + index : -1;
  const v = i >= 0 ? values[i] : undefined;
  return v === undefined ? [] : [v];
}
