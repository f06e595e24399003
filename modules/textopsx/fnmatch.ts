// fnmatch(value, expr[, flags]): C's fnmatch() without flags (`*` and `?`
// cross slashes and leading dots, sets with ! and classes, \ quotes). The
// Kamailio 5.6 build checked ignores the flags ('i' folds no case): so here.

import { command, type CommandDecl } from '../api.js';
import { ANY_ROUTE } from '../textops/routes.js';

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: '0-9A-Za-z', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', print: ' -~', graph: '!-~', cntrl: '\\x00-\\x1f\\x7f', xdigit: '0-9A-Fa-f',
};

const escapeRegex = (c: string): string => c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

/** The set starting at pattern[start] === '[' as a RegExp class, or undefined when it is not closed (then `[` is plain). */
function set(pattern: string, start: number): { source: string; end: number } | undefined {
  let i = start + 1;
  let out = '[';
  if (pattern[i] === '!' || pattern[i] === '^') {
    out += '^';
    i++;
  }
  for (let first = true; i < pattern.length; first = false) {
    const c = pattern[i]!;
    if (c === ']' && !first) return { source: `${out}]`, end: i + 1 };
    if (c === '[' && pattern[i + 1] === ':') {
      const close = pattern.indexOf(':]', i + 2);
      const cls = close < 0 ? undefined : CLASSES[pattern.slice(i + 2, close)];
      if (cls !== undefined) {
        out += cls;
        i = close + 2;
        continue;
      }
    }
    if (c === '-' && !first && pattern[i + 1] !== ']') out += '-';
    else if (c === '\\' && i + 1 < pattern.length) out += escapeRegex(pattern[++i]!);
    else out += escapeRegex(c);
    i++;
  }
  return undefined;
}

function translate(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') out += '[^]*';
    else if (c === '?') out += '[^]';
    else if (c === '\\' && i + 1 < pattern.length) out += escapeRegex(pattern[++i]!);
    else if (c === '[') {
      const s = set(pattern, i);
      if (s) {
        out += s.source;
        i = s.end - 1;
      } else out += '\\[';
    } else out += escapeRegex(c);
  }
  return new RegExp(`^(?:${out})$`);
}

const translated = new Map<string, RegExp>();

function globMatches(value: string, pattern: string): number {
  let re = translated.get(pattern);
  if (!re) {
    if (translated.size >= 256) translated.clear();
    translated.set(pattern, (re = translate(pattern)));
  }
  return re.test(value) ? 1 : -1;
}

const VALUE = { name: 'value', type: 'spve' } as const;
const EXPR = { name: 'expr', type: 'spve' } as const;

export const fnmatchCommands: readonly CommandDecl[] = [
  command({ name: 'fnmatch', args: [VALUE, EXPR], routes: ANY_ROUTE, run: (_ctx, [value, pattern]) => globMatches(value, pattern) }),
  command({ name: 'fnmatch', args: [VALUE, EXPR, { name: 'flags', type: 'spve' }], routes: ANY_ROUTE, run: (_ctx, [value, pattern]) => globMatches(value, pattern) }),
];
