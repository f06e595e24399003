// The scanner: turns the text of one source (a file, or a #!define value) into
// tokens, one at a time, as Kamailio's lexer does. It reports preprocessor
// directives and include statements as items of their own for the
// preprocessor to act on, and can skip a false #!ifdef region.

import type { TokenType } from 'chevrotain';
import { isBlank, isDigit, isHex, isIdChar, isIdStart } from './chars.js';
import { diagnostic, type Diagnostic } from './diagnostics.js';
import type { Span } from './source.js';
import { readDoubleQuoted } from './string-literal.js';
import { makeToken, type Token } from './token.js';
import * as T from './tokens.js';

/** A preprocessor directive line: `#!name rest` (or `!!name rest`). */
export interface DirectiveItem {
  readonly kind: 'directive';
  /** The directive name as written, e.g. `define`, `ifdef`, `KAMAILIO`. */
  readonly name: string;
  /** The text after the name up to the end of the line (continuations joined). */
  readonly rest: string;
  /** Offset of `rest` in the source. */
  readonly restStart: number;
  readonly span: Span;
}

/** `include_file "x"` or `import_file "x"` (with or without `#!`). */
export interface IncludeItem {
  readonly kind: 'include';
  readonly optional: boolean;
  /** The raw argument as written, quotes included. */
  readonly argument: string;
  readonly argumentSpan: Span;
  readonly span: Span;
}

export type ScanItem = { readonly kind: 'token'; readonly token: Token } | DirectiveItem | IncludeItem;

/** Directives whose value runs to the end of the line, with `\` continuations. */
const VALUE_DIRECTIVES = new Set([
  'define', 'def', 'trydefine', 'trydef', 'redefine', 'redef', 'undef',
  'defenv', 'defenvs', 'trydefenv', 'trydefenvs',
]);
const LINE_DIRECTIVES = new Set([
  'ifdef', 'ifndef', 'else', 'endif', 'subst', 'substdef', 'substdefs',
  'include_file', 'import_file',
]);
/** `#!KAMAILIO` and friends: the script's dialect marker. */
export const COMPAT_DIRECTIVES = new Set(['KAMAILIO', 'OPENSER', 'SER', 'MAXCOMPAT', 'ALL']);

const SPECIAL_WORDS = ['msg:len', 'uri:host', 'uri:port'];

const PUNCTUATION = new Map<string, TokenType>([
  ['==', T.Equal], ['=~', T.Match], ['+=', T.PlusAssign], ['!=', T.NotEqual], ['>=', T.GreaterEqual],
  ['<=', T.LessEqual], ['>>', T.ShiftRight], ['<<', T.ShiftLeft], ['&&', T.LogAnd], ['||', T.LogOr],
  ['=', T.Assign], ['!', T.Not], ['>', T.Greater], ['<', T.Less], ['&', T.BitAnd], ['|', T.BitOr],
  ['^', T.BitXor], ['~', T.BitNot], ['+', T.Plus], ['-', T.Minus], ['*', T.Star], ['/', T.Slash],
  ['(', T.LParen], [')', T.RParen], ['{', T.LBrace], ['}', T.RBrace], ['[', T.LBracket],
  [']', T.RBracket], [',', T.Comma], [';', T.Semicolon], [':', T.Colon], ['.', T.Dot],
]);

export class Scanner {
  private pos: number;
  /** Set after `event_route [`: the next item is an event route name. */
  private eventNameState: 0 | 1 | 2 = 0;

  constructor(
    private readonly text: string,
    private readonly file: number,
    private readonly diagnostics: Diagnostic[],
    start = 0,
    private readonly end = text.length,
  ) {
    this.pos = start;
  }

  private span(start: number, end = this.pos): Span {
    return { file: this.file, start, end };
  }

  private error(code: Parameters<typeof diagnostic>[0], start: number, end: number, message: string): void {
    this.diagnostics.push(diagnostic(code, this.span(start, end), message));
  }

  /** The next token, directive or include; undefined at the end of the text. */
  next(): ScanItem | undefined {
    for (;;) {
      this.skipBlanksAndComments();
      if (this.pos >= this.end) return undefined;
      const item = this.scanItem();
      if (item) {
        this.trackEventRoute(item);
        return item;
      }
    }
  }

  /**
   * In a false #!ifdef region: skip to the next directive line, ignoring all
   * other text (strings and comments included) as Kamailio does.
   */
  nextDirective(): DirectiveItem | undefined {
    const text = this.text;
    while (this.pos < this.end) {
      const hash = text.indexOf('#!', this.pos);
      const bang = text.indexOf('!!', this.pos);
      let at = hash < 0 ? bang : bang < 0 ? hash : Math.min(hash, bang);
      if (at < 0 || at >= this.end) break;
      this.pos = at;
      const directive = this.tryDirective();
      if (directive) return directive;
      this.pos = at + 2;
    }
    this.pos = this.end;
    return undefined;
  }

  private trackEventRoute(item: ScanItem): void {
    if (item.kind !== 'token') return;
    const type = item.token.tokenType;
    if (type === T.EventRoute) this.eventNameState = 1;
    else if (this.eventNameState === 1 && type === T.LBracket) this.eventNameState = 2;
    else this.eventNameState = 0;
  }

  private skipBlanksAndComments(): void {
    const text = this.text;
    while (this.pos < this.end) {
      const c = text.charCodeAt(this.pos);
      if (isBlank(c) || c === 10) {
        this.pos++;
      } else if (c === 92 /* \ */ && text.charCodeAt(this.pos + 1) === 10) {
        this.pos += 2; // escaped newline
      } else if (c === 47 /* / */ && text.charCodeAt(this.pos + 1) === 42 /* * */) {
        this.skipBlockComment();
      } else if (c === 47 && text.charCodeAt(this.pos + 1) === 47) {
        this.skipLine();
      } else if (c === 35 /* # */ && text.charCodeAt(this.pos + 1) !== 33 /* ! */) {
        this.skipLine();
      } else {
        return;
      }
    }
  }

  private skipLine(): void {
    const nl = this.text.indexOf('\n', this.pos);
    this.pos = nl < 0 || nl >= this.end ? this.end : nl + 1;
  }

  /** Block comments nest, as in Kamailio. */
  private skipBlockComment(): void {
    const start = this.pos;
    const text = this.text;
    let depth = 0;
    while (this.pos < this.end) {
      if (text.startsWith('/*', this.pos)) {
        depth++;
        this.pos += 2;
      } else if (text.startsWith('*/', this.pos)) {
        depth--;
        this.pos += 2;
        if (depth === 0) return;
      } else {
        this.pos++;
      }
    }
    this.error('E0202', start, start + 2, 'this comment is never closed: `*/` expected before the end of the file');
  }

  private scanItem(): ScanItem | undefined {
    const text = this.text;
    const start = this.pos;
    const c = text.charCodeAt(start);
    const c2 = text.charCodeAt(start + 1);

    if ((c === 35 && c2 === 33) || (c === 33 && c2 === 33)) {
      const directive = this.tryDirective();
      if (directive) {
        if (directive.name === 'include_file' || directive.name === 'import_file') {
          return this.includeFrom(directive);
        }
        return directive;
      }
      if (c === 35) {
        // `#!` with an unknown name: Kamailio reads the line as a comment.
        this.skipLine();
        const word = /^#!\w*/.exec(text.slice(start, this.pos))?.[0] ?? '#!';
        this.diagnostics.push(
          diagnostic('W0101', this.span(start, start + word.length), `unknown preprocessor directive \`${word}\`: the line is read as a comment`),
        );
        return undefined;
      }
    }
    if (this.eventNameState === 2) {
      // Everything up to the `]` is the name; the checker says whether it is an event route name (`group:name`).
      const name = /^[^\s[\]{}"';]+/.exec(text.slice(start, Math.min(this.end, start + 200)));
      if (name) {
        this.pos += name[0].length;
        return this.token(T.EventRouteName, start);
      }
    }
    if (c === 34 /* " */) return this.doubleQuoted();
    if (c === 39 /* ' */) return this.singleQuoted();
    if (c === 36 /* $ */) return this.pseudoVariable();
    if (c === 64 /* @ */) return this.select();
    if (c === 37 /* % */) {
      this.pos++;
      this.error('E0205', start, this.pos, 'SER-style `%attribute` syntax is not supported; use `$avp(name)`');
      return undefined;
    }
    if (c === 40 /* ( */) {
      if (text.startsWith('(int)', start)) return this.fixed(T.IntCast, 5);
      if (text.startsWith('(str)', start)) return this.fixed(T.StrCast, 5);
    }
    if (isDigit(c) || (isHex(c) && this.looksLikeIPv6()) || (c === 58 && c2 === 58)) {
      const address = this.address();
      if (address) return address;
      if (isDigit(c)) return this.number();
    }
    if (isIdStart(c)) return this.word();
    for (const len of [2, 1]) {
      if (start + len > this.end) continue;
      const type = PUNCTUATION.get(text.slice(start, start + len));
      if (type) return this.fixed(type, len);
    }
    this.pos++;
    this.error('E0204', start, this.pos, `unexpected character \`${text[start]}\``);
    return undefined;
  }

  private fixed(type: TokenType, length: number): ScanItem {
    const start = this.pos;
    this.pos += length;
    return this.token(type, start);
  }

  private token(type: TokenType, start: number, value?: string | number, quote?: '"' | "'"): ScanItem {
    const image = this.text.slice(start, this.pos);
    return { kind: 'token', token: makeToken(type, image, this.span(start), value ?? image, quote) };
  }

  /** `#!name ...` or `!!name ...` at the current position, consuming its line(s). */
  private tryDirective(): DirectiveItem | undefined {
    const text = this.text;
    const start = this.pos;
    const match = /^(?:#!|!!)([A-Za-z_]+)/.exec(text.slice(start, Math.min(this.end, start + 40)));
    if (!match) return undefined;
    const name = match[1]!;
    if (!VALUE_DIRECTIVES.has(name) && !LINE_DIRECTIVES.has(name) && !COMPAT_DIRECTIVES.has(name)) {
      return undefined;
    }
    const restStart = start + match[0].length;
    let pos = restStart;
    let rest = '';
    if (VALUE_DIRECTIVES.has(name)) {
      // Value to the end of the line; a backslash before the newline continues it.
      for (;;) {
        const nl = text.indexOf('\n', pos);
        const lineEnd = nl < 0 || nl >= this.end ? this.end : nl;
        if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 92) {
          rest += text.slice(pos, lineEnd - 1);
          pos = lineEnd + 1;
          continue;
        }
        rest += text.slice(pos, lineEnd);
        pos = lineEnd === this.end ? lineEnd : lineEnd + 1;
        break;
      }
    } else {
      const nl = text.indexOf('\n', pos);
      const lineEnd = nl < 0 || nl >= this.end ? this.end : nl;
      rest = text.slice(pos, lineEnd);
      pos = lineEnd === this.end ? lineEnd : lineEnd + 1;
    }
    this.pos = pos;
    const endOfName = restStart;
    return { kind: 'directive', name, rest, restStart, span: this.span(start, endOfName) };
  }

  /** `include_file` / `import_file`: the argument is the next run of non-blank characters. */
  private includeFrom(directive: DirectiveItem): IncludeItem {
    const lead = /^[ \t]*/.exec(directive.rest)![0].length;
    const argument = /^[^ \t\r\n]*/.exec(directive.rest.slice(lead))![0];
    const argStart = directive.restStart + lead;
    // Only the argument belongs to the include; the rest of the line is scanned again.
    this.pos = argStart + argument.length;
    return {
      kind: 'include',
      optional: directive.name === 'import_file',
      argument,
      argumentSpan: this.span(argStart, argStart + argument.length),
      span: { file: this.file, start: directive.span.start, end: argStart + argument.length },
    };
  }

  /** A double-quoted string; adjacent ones, separated only by white space, join. */
  private doubleQuoted(): ScanItem {
    const start = this.pos;
    const read = readDoubleQuoted(this.text, start, this.end);
    if (read.unclosed !== undefined) {
      this.error('E0201', read.unclosed, read.unclosed + 1, 'this string is never closed: `"` expected before the end of the file');
    }
    this.pos = read.end;
    return { kind: 'token', token: makeToken(T.StringLiteral, this.text.slice(start, read.end), this.span(start, read.end), read.value, '"') };
  }

  private singleQuoted(): ScanItem {
    const start = this.pos;
    const close = this.text.indexOf("'", start + 1);
    if (close < 0 || close >= this.end) {
      this.pos = this.end;
      this.error('E0201', start, start + 1, "this string is never closed: `'` expected before the end of the file");
      return this.token(T.StringLiteral, start, this.text.slice(start + 1, this.end), "'");
    }
    this.pos = close + 1;
    return this.token(T.StringLiteral, start, this.text.slice(start + 1, close), "'");
  }

  /** `$name`, `$name(...)`, `$(...)`, `$?`: parentheses nest. */
  private pseudoVariable(): ScanItem | undefined {
    const text = this.text;
    const start = this.pos;
    this.pos++;
    if (text[this.pos] === '?') {
      this.pos++;
      return this.token(T.PseudoVariable, start);
    }
    if (text[this.pos] === '(') return this.balancedPv(start);
    const nameStart = this.pos;
    while (this.pos < this.end && isIdChar(text.charCodeAt(this.pos))) this.pos++;
    if (this.pos === nameStart) {
      this.error('E0701', start, start + 1, 'a pseudo-variable name is expected after `$`');
      return undefined;
    }
    if (text[this.pos] === '(') return this.balancedPv(start);
    return this.token(T.PseudoVariable, start);
  }

  private balancedPv(start: number): ScanItem | undefined {
    const text = this.text;
    let depth = 0;
    while (this.pos < this.end) {
      const ch = text[this.pos++];
      if (ch === '(') depth++;
      else if (ch === ')' && --depth === 0) return this.token(T.PseudoVariable, start);
    }
    this.error('E0203', start, start + 1, 'this pseudo-variable is never closed: `)` expected');
    return undefined;
  }

  /** `@name.name[0]["x"]` selects. */
  private select(): ScanItem {
    const text = this.text;
    const start = this.pos;
    const match = /^@[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*|\[-?\d+\]|\["[^"]*"\])*/.exec(text.slice(start, this.end));
    if (!match) {
      this.pos++;
      this.error('E0204', start, this.pos, 'a select name is expected after `@`');
      return this.token(T.Select, start);
    }
    this.pos += match[0].length;
    return this.token(T.Select, start);
  }

  private looksLikeIPv6(): boolean {
    const match = /^[0-9a-fA-F]{1,4}:/.exec(this.text.slice(this.pos, this.pos + 5));
    return match !== null;
  }

  /** IPv4 or IPv6 address, optionally with a /mask; undefined if there is none here. */
  private address(): ScanItem | undefined {
    const text = this.text;
    const start = this.pos;
    const rest = text.slice(start, Math.min(this.end, start + 100));
    const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(?:\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}|\d{1,3}))?/.exec(rest);
    if (v4 && !isIdChar(rest.charCodeAt(v4[0].length)) && rest[v4[0].length] !== '.') {
      this.pos += v4[0].length;
      return this.token(T.IPv4, start);
    }
    const v6 = /^[0-9a-fA-F:]+(?:\/\d{1,3})?/.exec(rest);
    if (v6 && isIPv6(v6[0].split('/')[0]!) && !isIdChar(rest.charCodeAt(v6[0].length)) && rest[v6[0].length] !== '.') {
      this.pos += v6[0].length;
      return this.token(T.IPv6, start);
    }
    return undefined;
  }

  private number(): ScanItem {
    const text = this.text;
    const start = this.pos;
    const rest = text.slice(start, Math.min(this.end, start + 64));
    let match: RegExpExecArray | null;
    let value: number;
    if ((match = /^0[xX][0-9a-fA-F]+/.exec(rest))) value = parseInt(match[0].slice(2), 16);
    else if ((match = /^[01]+b/.exec(rest))) value = parseInt(match[0].slice(0, -1), 2);
    else if ((match = /^0[0-7]+/.exec(rest))) value = parseInt(match[0], 8);
    else {
      match = /^\d+/.exec(rest)!;
      value = parseInt(match[0], 10);
    }
    const after = rest.charCodeAt(match[0].length);
    if (isIdChar(after)) {
      // `1and1`, `5060abc`: Kamailio's NUM_ID, usable as a host name part.
      while (this.pos < this.end && isIdChar(text.charCodeAt(this.pos))) this.pos++;
      return this.token(T.NumId, start);
    }
    this.pos += match[0].length;
    return this.token(T.NumberLiteral, start, value);
  }

  private word(): ScanItem {
    const text = this.text;
    const start = this.pos;
    for (const special of SPECIAL_WORDS) {
      if (text.startsWith(special, start) && !isIdChar(text.charCodeAt(start + special.length))) {
        this.pos += special.length;
        return this.token(T.Identifier, start);
      }
    }
    while (this.pos < this.end && isIdChar(text.charCodeAt(this.pos))) this.pos++;
    const image = text.slice(start, this.pos);
    if (image === 'include_file' || image === 'import_file') {
      this.pos = start;
      const restStart = start + image.length;
      const nl = text.indexOf('\n', restStart);
      const lineEnd = nl < 0 || nl >= this.end ? this.end : nl;
      return this.includeFrom({
        kind: 'directive',
        name: image,
        rest: text.slice(restStart, lineEnd),
        restStart,
        span: this.span(start, restStart),
      });
    }
    const keyword = T.KEYWORDS.get(image);
    if (keyword) return this.token(keyword, start);
    const numeric = T.NUMERIC_WORDS.get(image);
    if (numeric !== undefined) return this.token(T.NumberLiteral, start, numeric);
    return this.token(T.Identifier, start);
  }
}

/** True for a textual IPv6 address (8 groups, or fewer with one `::`). */
export function isIPv6(text: string): boolean {
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = halves.map((h) => (h === '' ? [] : h.split(':')));
  const count = groups.reduce((n, g) => n + g.length, 0);
  if (!groups.every((g) => g.every((x) => /^[0-9a-fA-F]{1,4}$/.test(x)))) return false;
  return halves.length === 2 ? count <= 7 : count === 8;
}
