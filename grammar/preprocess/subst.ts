// #!subst rules: `/regex/replacement/flags` (any separator character), applied
// by the preprocessor to every string, pseudo-variable and include file name.

import type { Span } from '../source.js';

/** Compiles a POSIX extended regex (the script's regex dialect) or explains why not. */
export type RegexCompiler = (source: string, options: { icase: boolean; newline: boolean }) => RegExp | { error: string };

export interface SubstRule {
  readonly pattern: RegExp;
  readonly replacement: string;
  readonly global: boolean;
  readonly span: Span;
}

export interface SubstParts {
  readonly regex: string;
  readonly replacement: string;
  readonly flags: string;
}

/** Splits `/re/repl/flags` at its unescaped separators. */
export function splitSubst(text: string): SubstParts | { error: string } {
  const sep = text[0];
  if (sep === undefined || sep === '\\') return { error: 'a separator character is expected first, e.g. "/regex/replacement/"' };
  const parts: string[] = [];
  let from = 1;
  for (let i = 1; i < text.length && parts.length < 2; i++) {
    if (text[i] === sep && text[i - 1] !== '\\') {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  if (parts.length < 2) return { error: `the separator \`${sep}\` must appear three times: ${sep}regex${sep}replacement${sep}flags` };
  const flags = text.slice(from);
  const bad = /[^igs]/.exec(flags);
  if (bad) return { error: `unknown flag \`${bad[0]}\` (allowed: i, g, s)` };
  if (parts[0] === '') return { error: 'the regex part is empty' };
  return { regex: parts[0]!, replacement: parts[1]!, flags };
}

export function compileSubst(text: string, span: Span, compile: RegexCompiler): SubstRule | { error: string } {
  const parts = splitSubst(text);
  if ('error' in parts) return parts;
  // As Kamailio's subst expressions: newline-sensitive unless the s flag is given.
  const pattern = compile(parts.regex, { icase: parts.flags.includes('i'), newline: !parts.flags.includes('s') });
  if (!(pattern instanceof RegExp)) return { error: `invalid regex \`${parts.regex}\`: ${pattern.error}` };
  return { pattern, replacement: parts.replacement, global: parts.flags.includes('g'), span };
}

/** The replacement text for one match: `\0`..`\9` are back-references, `\\` a backslash. */
function expand(replacement: string, match: RegExpExecArray): string {
  return replacement.replace(/\\([0-9\\])/g, (_, ref: string) => (ref === '\\' ? '\\' : (match[Number(ref)] ?? '')));
}

export function applySubst(rule: SubstRule, input: string): string {
  const flags = rule.pattern.flags.includes('g') ? rule.pattern.flags : rule.pattern.flags + 'g';
  const re = new RegExp(rule.pattern.source, flags);
  let out = '';
  let last = 0;
  for (let m = re.exec(input); m; m = re.exec(input)) {
    out += input.slice(last, m.index) + expand(rule.replacement, m);
    last = m.index + m[0].length;
    if (m[0].length === 0) re.lastIndex++;
    if (!rule.global) break;
  }
  return out + input.slice(last);
}

export function applyAllSubst(rules: readonly SubstRule[], input: string): string {
  let value = input;
  for (const rule of rules) value = applySubst(rule, value);
  return value;
}
