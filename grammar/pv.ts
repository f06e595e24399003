// The syntax of pseudo-variables and their transformations, as written in a
// script: `$ru`, `$hdr(From)`, `$(hdr(Via)[1])`, `$(ru{uri.user}{s.len})`, and
// strings with pseudo-variables in them ("sip:$rU@$td"). Which classes and
// transformations exist is decided later, from the loaded modules.

import { locatePart, type Locate, type Span } from './source.js';

export interface PvPart {
  readonly text: string;
  readonly span: Span;
  /** Where the part's own offsets are in the source (for a pseudo-variable in it). */
  readonly locate: Locate;
}

export interface Transformation {
  /** `s` in `{s.substr,1,2}` */
  readonly className: string;
  /** `substr` in `{s.substr,1,2}`; may contain dots (`encode.hexa`). */
  readonly method: string;
  readonly params: readonly PvPart[];
  readonly span: Span;
}

export interface PvSpec {
  /** The class name: `ru`, `hdr`, `var`, `?` for `$?`. */
  readonly className: string;
  readonly classSpan: Span;
  /** The text in parentheses after the class: `From` in `$hdr(From)`. */
  readonly inner: PvPart | undefined;
  /** The index in `[...]`: a number, `*`, `+`, `-1`, or a pseudo-variable. */
  readonly index: PvPart | undefined;
  readonly transformations: readonly Transformation[];
  readonly span: Span;
}

export interface PvSyntaxError {
  readonly error: string;
  /** What is wrong: the pseudo-variable itself, or one of its transformations. */
  readonly part: 'pv' | 'transformation';
  readonly span: Span;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

class Reader {
  pos = 0;
  constructor(
    readonly text: string,
    private readonly locate: Locate,
  ) {}

  span(start: number, end = this.pos): Span {
    return this.locate(start, end);
  }

  /** The text from `start` to the current position, with where it is. */
  part(start: number): PvPart {
    const text = this.text.slice(start, this.pos);
    return { text, span: this.span(start), locate: locatePart(this.locate, start, text.length) };
  }

  peek(): string | undefined {
    return this.text[this.pos];
  }

  /** Reads up to (not including) one of `stops` at nesting depth 0. */
  balanced(stops: string): string | undefined {
    const start = this.pos;
    let depth = 0;
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos]!;
      if (depth === 0 && stops.includes(ch)) return this.text.slice(start, this.pos);
      if (ch === '(' || ch === '[' || ch === '{') depth++;
      else if (ch === ')' || ch === ']' || ch === '}') depth--;
      this.pos++;
    }
    return undefined;
  }
}

/**
 * Parses one pseudo-variable, `text` being its whole text starting with `$`;
 * `locate` places offsets in it in the source.
 */
export function parsePv(text: string, locate: Locate): PvSpec | PvSyntaxError {
  const r = new Reader(text, locate);
  const span = r.span(0, text.length);
  const fail = (error: string, start: number, end = start + 1, part: 'pv' | 'transformation' = 'pv'): PvSyntaxError => ({
    error,
    part,
    span: r.span(start, end),
  });
  if (text[0] !== '$') return fail('a pseudo-variable starts with `$`', 0);
  if (text === '$?') return { className: '?', classSpan: r.span(1, 2), inner: undefined, index: undefined, transformations: [], span };
  r.pos = 1;
  const wrapped = r.peek() === '(';
  if (wrapped) r.pos++;
  const nameStart = r.pos;
  const name = NAME.exec(text.slice(r.pos))?.[0];
  if (!name) return fail('a pseudo-variable name is expected here', r.pos);
  r.pos += name.length;
  const classSpan = r.span(nameStart);
  let inner: PvPart | undefined;
  let index: PvPart | undefined;
  const transformations: Transformation[] = [];
  if (r.peek() === '(') {
    const open = r.pos++;
    const start = r.pos;
    const content = r.balanced(')');
    if (content === undefined) return fail('`)` expected to close this `(`', open);
    inner = r.part(start);
    r.pos++;
  }
  if (wrapped) {
    if (r.peek() === '[') {
      const open = r.pos++;
      const start = r.pos;
      const content = r.balanced(']');
      if (content === undefined) return fail('`]` expected to close this `[`', open);
      if (!/^(-?\d+|\*|\+|\$.+)$/.test(content)) {
        return fail(`bad index \`${content}\`: a number, \`*\`, \`+\` or a pseudo-variable is expected`, start, r.pos);
      }
      index = r.part(start);
      r.pos++;
    }
    while (r.peek() === '{') {
      const tr = transformation(r);
      if ('error' in tr) return tr;
      transformations.push(tr);
    }
    if (r.peek() !== ')') {
      return r.pos >= text.length ? fail('`)` expected to close `$(`', 1) : fail(`unexpected \`${r.peek()}\` in the pseudo-variable`, r.pos);
    }
    r.pos++;
  }
  if (r.pos !== text.length) {
    const rest = text.slice(r.pos);
    if (rest.startsWith('[') || rest.startsWith('{')) {
      return fail(`an index or transformation must be inside \`$(...)\`: write \`$(${text.slice(1, r.pos)}${rest})\``, r.pos, text.length);
    }
    return fail(`unexpected \`${rest}\` after the pseudo-variable`, r.pos, text.length);
  }
  return { className: name, classSpan, inner, index, transformations, span };
}

function transformation(r: Reader): Transformation | PvSyntaxError {
  const open = r.pos++;
  const nameStart = r.pos;
  const full = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*/.exec(r.text.slice(r.pos))?.[0];
  const bad = (error: string, start: number, end: number): PvSyntaxError => ({ error, part: 'transformation', span: r.span(start, end) });
  if (!full) return bad('a transformation name is expected after `{`, like `{s.len}`', open, open + 1);
  const dot = full.indexOf('.');
  if (dot < 0) return bad(`\`{${full}}\` needs a class and a method, like \`{s.len}\``, nameStart, nameStart + full.length);
  r.pos += full.length;
  const params: PvPart[] = [];
  while (r.peek() === ',') {
    r.pos++;
    const start = r.pos;
    if (r.balanced(',}') === undefined) return bad('`}` expected to close this transformation', open, open + 1);
    params.push(r.part(start));
  }
  if (r.peek() !== '}') {
    return r.pos >= r.text.length
      ? bad('`}` expected to close this transformation', open, open + 1)
      : bad(`unexpected \`${r.peek()}\` in the transformation`, r.pos, r.pos + 1);
  }
  r.pos++;
  return { className: full.slice(0, dot), method: full.slice(dot + 1), params, span: r.span(open) };
}

/** One pseudo-variable found in a format string, with its text and where it is. */
export interface FormatPv {
  readonly text: string;
  readonly span: Span;
  /** Where offsets in `text` are in the source. */
  readonly locate: Locate;
}

/**
 * Finds the pseudo-variables in a string with pseudo-variables ("sip:$rU@$td");
 * `locate` places offsets in the string's value in the source. `$$` is a
 * literal `$`.
 */
export function formatPvs(value: string, locate: Locate): Array<FormatPv | PvSyntaxError> {
  const found: Array<FormatPv | PvSyntaxError> = [];
  for (let i = value.indexOf('$'); i >= 0 && i < value.length; i = value.indexOf('$', i)) {
    if (value[i + 1] === '$') {
      i += 2;
      continue;
    }
    const end = pvEnd(value, i);
    if (end === undefined) {
      found.push({ error: 'this pseudo-variable is never closed: `)` expected', part: 'pv', span: locate(i, i + 1) });
      break;
    }
    if (end === i + 1) {
      found.push({ error: 'a pseudo-variable name is expected after `$` (write `$$` for a literal `$`)', part: 'pv', span: locate(i, i + 1) });
      i++;
      continue;
    }
    found.push({ text: value.slice(i, end), span: locate(i, end), locate: locatePart(locate, i, end - i) });
    i = end;
  }
  return found;
}

/** Where the pseudo-variable starting at `start` ends, as the scanner delimits it. */
function pvEnd(text: string, start: number): number | undefined {
  let i = start + 1;
  if (text[i] === '?') return i + 1;
  if (text[i] !== '(') {
    const name = NAME.exec(text.slice(i))?.[0];
    if (!name) return i;
    i += name.length;
    if (text[i] !== '(') return i;
  }
  let depth = 0;
  for (; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i + 1;
  }
  return undefined;
}
