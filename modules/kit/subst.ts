// Kamailio's substitution expressions `/regex/replacement/flags` (core
// re.c) as re.subst uses them: any separator character, flags i (ignore
// case), s (`.` and `^`/`$` cross newlines) and g (every match); in the
// replacement \0..\9 are groups, \u the Request-URI, \n \r \t \\ \$ the
// characters, and any other \x is x. A match of nothing is an error.
// Pseudo-variables in the replacement (an unescaped `$`) are not supported.

import { compilePosixEre } from '../../runtime/regex/posix-ere.js';
import type { ExecContext } from '../api.js';

type Piece = { readonly text: string } | { readonly group: number } | { readonly requestUri: true };

export interface SubstExpr {
  readonly regex: RegExp;
  readonly replacement: readonly Piece[];
  readonly global: boolean;
}

/** Kamailio keeps at most this many escapes in a replacement. */
const MAX_ESCAPES = 100;
/** Kamailio's buffers: a value or result this long fails, and so does a replacement this long. */
const MAX_VALUE = 2047;
const MAX_REPLACEMENT = 1023;

const ESCAPED: Readonly<Record<string, string>> = { '\\': '\\', n: '\n', r: '\r', t: '\t', $: '$' };

/** Parses an expression (as bytes); a string says what is wrong. */
export function parseSubst(text: string): SubstExpr | string {
  if (text.length < 3) return `\`${text}\` is too short for /regex/replacement/flags`;
  const sep = text[0]!;
  if (sep === '\\') return 'a backslash cannot be the separator';
  let reEnd = 1;
  while (reEnd < text.length && !(text[reEnd] === sep && text[reEnd - 1] !== '\\')) reEnd++;
  if (reEnd >= text.length - 1) return `the separator \`${sep}\` must appear three times`;
  const replacement: Piece[] = [];
  let literal = '';
  let escapes = 0;
  let i = reEnd + 1;
  for (; i < text.length && text[i] !== sep; i++) {
    const c = text[i]!;
    if (c === '$') return 'pseudo-variables in the replacement are not supported by siprc (write \\$ for a `$`)';
    if (c !== '\\') {
      literal += c;
      continue;
    }
    const e = text[++i];
    if (e === undefined) break;
    if (++escapes >= MAX_ESCAPES) return 'too many escapes in the replacement';
    if (/[0-9]/.test(e) || e === 'u') {
      if (literal) replacement.push({ text: literal });
      literal = '';
      replacement.push(e === 'u' ? { requestUri: true } : { group: Number(e) });
    } else literal += ESCAPED[e] ?? e;
  }
  if (i >= text.length) return `the separator \`${sep}\` must close the replacement`;
  if (literal) replacement.push({ text: literal });
  const flags = text.slice(i + 1);
  const bad = /[^isg]/.exec(flags);
  if (bad) return `unknown flag \`${bad[0]}\` (i, s and g are allowed)`;
  const regex = compilePosixEre(text.slice(1, reEnd), { icase: flags.includes('i'), newline: !flags.includes('s') });
  if (!(regex instanceof RegExp)) return `bad regular expression \`${text.slice(1, reEnd)}\`: ${regex.error}`;
  return { regex: new RegExp(regex.source, regex.flags.replace('g', '') + 'g'), replacement, global: flags.includes('g') };
}

function expand(pieces: readonly Piece[], match: RegExpExecArray, ctx: ExecContext): string {
  let out = '';
  for (const piece of pieces) {
    if ('text' in piece) out += piece.text;
    else if ('group' in piece) out += match[piece.group] ?? '';
    else if (ctx.message.isRequest) out += ctx.edits.currentRequestUri;
  }
  return out;
}

/** Applies an expression to bytes: the result, undefined when nothing matches, or null on an error. */
export function applySubst(expr: SubstExpr, bytes: string, ctx: ExecContext): string | null | undefined {
  if (bytes.length >= MAX_VALUE) return null;
  const nul = bytes.indexOf('\0');
  const input = nul < 0 ? bytes : bytes.slice(0, nul);
  const re = expr.regex;
  let out = '';
  let last = 0;
  let matched = false;
  re.lastIndex = 0;
  for (let m = re.exec(input); m; m = expr.global ? re.exec(input) : null) {
    if (m[0].length === 0) return null;
    const replacement = expand(expr.replacement, m, ctx);
    if (replacement.length >= MAX_REPLACEMENT) return null;
    out += input.slice(last, m.index) + replacement;
    last = re.lastIndex;
    matched = true;
  }
  if (!matched) return undefined;
  out += input.slice(last);
  return out.length >= MAX_VALUE ? null : out;
}
