// textops' string functions: comparisons (1 equal, -2 before, -1 after),
// prefix/suffix tests, str_find (1-based position), in_list(_prefix) and
// regex_substring (case-sensitive, no REG_NEWLINE). Checked against
// Kamailio 5.6.

import { command, FixupError, type CommandDecl, type ExecContext, type PvAccess } from '../api.js';
import { runtimeRegex, spve } from './args.js';
import { ANY_ROUTE, MESSAGE_ROUTES } from './routes.js';

/** 1 when equal, -2 when `a` sorts first, -1 when `b` does (bytes compared, a shorter prefix first). */
function compare(a: string, b: string): number {
  if (a === b) return 1;
  return a < b ? -2 : -1;
}

const lower = (s: string): string => s.toLowerCase();

function startsWith(s: string, prefix: string): number {
  return prefix.length > s.length ? -1 : compare(s.slice(0, prefix.length), prefix);
}

function endsWith(s: string, suffix: string): number {
  return suffix.length > s.length ? -1 : compare(s.slice(s.length - suffix.length), suffix);
}

/** The 1-based position of `needle` in `s`; an empty needle gives the length plus one; -1 when absent. */
function find(s: string, needle: string): number {
  if (needle === '') return s.length + 1;
  const at = s.indexOf(needle);
  return at < 0 ? -1 : at + 1;
}

function inList(subject: string, list: string, separator: string, matches: (item: string) => boolean): number {
  if (subject === '') return -1;
  return list.split(separator).some((item) => {
    const trimmed = item.trim();
    return trimmed !== '' && matches(trimmed);
  })
    ? 1
    : -1;
}

const separatorArg = {
  name: 'separator',
  type: 'str',
  fixup: (text: string): string => {
    if (text.length !== 1) throw new FixupError(`the separator must be one character, not "${text}"`);
    return text;
  },
} as const;

function regexSubstring(ctx: ExecContext, text: string, source: string, index: number | undefined, count: number | undefined, out: PvAccess): number {
  if (index === undefined || count === undefined || index < 0 || index >= count) return -1;
  const re = runtimeRegex(source, { icase: false, newline: false });
  if (!re) return -1;
  const m = re.exec(text);
  if (!m) return -2;
  const group = m[index];
  if (group === undefined) return -1;
  out.set?.(ctx, group);
  return 1;
}

const pair = (name: string, run: (a: string, b: string) => number): CommandDecl =>
  command({ name, args: [spve('str1'), spve('str2')], routes: ANY_ROUTE, run: (_ctx, [a, b]) => run(a, b) });

export const stringCommands: readonly CommandDecl[] = [
  pair('cmp_str', compare),
  pair('cmp_istr', (a, b) => compare(lower(a), lower(b))),
  pair('starts_with', startsWith),
  pair('ends_with', endsWith),
  pair('str_find', find),
  pair('str_ifind', (a, b) => find(lower(a), lower(b))),
  command({
    name: 'in_list',
    args: [spve('subject'), spve('list'), separatorArg],
    routes: ANY_ROUTE,
    run: (_ctx, [subject, list, sep]) => inList(subject, list, sep, (item) => item === subject),
  }),
  command({
    name: 'in_list_prefix',
    args: [spve('subject'), spve('list'), separatorArg],
    routes: ANY_ROUTE,
    run: (_ctx, [subject, list, sep]) => inList(subject, list, sep, (item) => subject.startsWith(item)),
  }),
  command({
    name: 'regex_substring',
    args: [spve('itext'), spve('regexp'), { name: 'mindex', type: 'intpv' }, { name: 'mcount', type: 'intpv' }, { name: 'dpv', type: 'pvar-writable' }],
    routes: MESSAGE_ROUTES,
    run: (ctx, [text, source, index, count, out]) => regexSubstring(ctx, text, source, index, count, out),
  }),
];
