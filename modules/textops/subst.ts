// Sed-like `/re/repl/flags` expressions, parsed at fixup: any separator (a
// backslash quotes it), flags i, g and s (REG_NEWLINE off), a replacement of
// text, \0..\9, \u (the Request-URI now), escapes and pseudo-variables.
// Checked against Kamailio 5.6.

import { FixupError, type ExecContext, type FixupTools, type Format } from '../api.js';
import { compilePosixEre } from '../../runtime/regex/posix-ere.js';
import { matchesIn, type Match, type Region } from './regions.js';

type ReplacementPart = string | Format | { readonly group: number } | { readonly uri: true };

export interface SubstExpr {
  readonly regex: RegExp;
  readonly global: boolean;
  readonly replacement: readonly ReplacementPart[];
}

const ESCAPED: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', $: '$$' };

/** Splits at the unescaped separators: the regex, the replacement and the flags. */
function split(text: string): [string, string, string] {
  const sep = text[0];
  if (sep === undefined || sep === '\\') throw new FixupError('a separator character is expected first, as in /regex/replacement/flags');
  const parts: string[] = [];
  let from = 1;
  for (let i = 1; i < text.length && parts.length < 2; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === sep) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  if (parts.length < 2) throw new FixupError(`the separator "${sep}" must appear three times: ${sep}regex${sep}replacement${sep}flags`);
  return [parts[0]!, parts[1]!, text.slice(from)];
}

/**
 * The replacement as parts: text and pseudo-variables are gathered as a
 * format (`$` written `$$` where it is plain text), cut at back-references
 * and `\u`.
 */
function parseReplacement(text: string, sep: string, tools: FixupTools | undefined): ReplacementPart[] {
  const parts: ReplacementPart[] = [];
  let pending = '';
  let hasPv = false;
  const flush = (): void => {
    if (pending === '') return;
    if (!hasPv) parts.push(pending.replaceAll('$$', '$'));
    else if (tools) parts.push(tools.format(pending));
    else throw new FixupError('pseudo-variables in the replacement need the expression written as a constant');
    pending = '';
    hasPv = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '$') {
      if (text[i + 1] === '$') {
        pending += '$$';
        i++;
      } else {
        pending += '$';
        hasPv = true;
      }
      continue;
    }
    if (c !== '\\' || i + 1 === text.length) {
      pending += c;
      continue;
    }
    const next = text[++i]!;
    if (next >= '0' && next <= '9') {
      flush();
      parts.push({ group: Number(next) });
    } else if (next === 'u') {
      flush();
      parts.push({ uri: true });
    } else {
      pending += next === sep ? next : (ESCAPED[next] ?? next);
    }
  }
  flush();
  return parts;
}

/** Parses `/re/repl/flags`; throws a FixupError saying what is wrong. */
export function parseSubst(text: string, tools?: FixupTools): SubstExpr {
  const [source, replacement, flags] = split(text);
  const bad = /[^igs]/.exec(flags);
  if (bad) throw new FixupError(`unknown flag "${bad[0]}" (allowed: i, g, s)`);
  if (source === '') throw new FixupError('the regular expression is empty');
  const regex = compilePosixEre(source, { icase: flags.includes('i'), newline: !flags.includes('s') });
  if (!(regex instanceof RegExp)) throw new FixupError(`invalid regular expression "${source}": ${regex.error}`);
  return { regex, global: flags.includes('g'), replacement: parseReplacement(replacement, text[0]!, tools) };
}

/** The replacement text for one match. */
export function replacementFor(expr: SubstExpr, match: Match, ctx: ExecContext): string {
  let out = '';
  for (const p of expr.replacement) {
    if (typeof p === 'string') out += p;
    else if ('uri' in p) out += ctx.edits.currentRequestUri;
    else if ('group' in p) out += match.groups[p.group] ?? '';
    else out += p.evaluate(ctx);
  }
  return out;
}

/** The matches the expression replaces in text[region]: the first, or every one with `g` (stepping over empty ones). */
export function substMatches(expr: SubstExpr, text: string, region: Region): Match[] {
  return matchesIn(expr.regex, text, region, expr.global ? 'all-stepping' : 'first');
}

/** The text with the expression applied (subst_uri, subst_user), or undefined when it does not match. */
export function substituted(expr: SubstExpr, text: string, ctx: ExecContext): string | undefined {
  const matches = substMatches(expr, text, { start: 0, end: text.length });
  if (matches.length === 0) return undefined;
  let out = '';
  let at = 0;
  for (const m of matches) {
    out += text.slice(at, m.start) + replacementFor(expr, m, ctx);
    at = m.end;
  }
  return out + text.slice(at);
}
