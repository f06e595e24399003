// textops' header removals (lumps): by name, by regular expressions on the
// name, by position (remove_hf_idx: 2 past the last line, 1 before the
// first) and by a test on the value (remove_hf_match: -2 when none). Checked
// against Kamailio 5.6.

import { command, type CommandDecl, type ExecContext } from '../api.js';
import { headerKey } from '../../runtime/sip/header-names.js';
import { headerName, lineRegex, runtimeRegex, spve } from './args.js';
import { nameMatches } from './headers.js';
import { ANY_ROUTE } from './routes.js';

/** Removes every header line `remove` picks; 1 when there was one, -1 otherwise. */
function removeWhere(ctx: ExecContext, remove: (index: number) => boolean): number {
  let removed = 0;
  for (let i = 0; i < ctx.message.headerCount; i++) {
    if (remove(i)) {
      ctx.edits.removeHeader(i);
      removed++;
    }
  }
  return removed > 0 ? 1 : -1;
}

const byName = (ctx: ExecContext, name: string): number => (ctx.edits.removeHeaders(name) > 0 ? 1 : -1);

/** remove_hf_exp: names matching `match` but not `skip`. */
const byNameExpression = (ctx: ExecContext, match: RegExp, skip: RegExp): number =>
  removeWhere(ctx, (i) => nameMatches(ctx.message, i, match) && !nameMatches(ctx.message, i, skip));

/** A regular expression given at run time, as the *_pv functions compile it. */
const lineRegexNow = (text: string): RegExp | undefined => runtimeRegex(text, { icase: true, newline: true });

/** remove_hf_idx: line `index` among those named `name` (from 0; negative from the end). */
function byIndex(ctx: ExecContext, name: string, index: number | undefined): number {
  if (index === undefined) return -1;
  const m = ctx.message;
  const lines: number[] = [];
  for (let i = m.findHeader(name); i >= 0; i = m.findHeader(name, i + 1)) lines.push(i);
  const at = index < 0 ? lines.length + index : index;
  if (at >= lines.length) return 2;
  if (at < 0) return 1;
  ctx.edits.removeHeader(lines[at]!);
  return 1;
}

/** How remove_hf_match compares a line's value with the expression. */
function valueTest(op: string, expr: string): ((value: string) => boolean) | undefined {
  switch (op) {
    case 'eq':
      return (v) => v === expr;
    case 'ne':
      return (v) => v !== expr;
    case 'in':
      return (v) => v.includes(expr);
    case 're': {
      const re = lineRegexNow(expr);
      return re && ((v) => re.test(v));
    }
    default:
      return undefined;
  }
}

function byValue(ctx: ExecContext, name: string, op: string, expr: string): number {
  const test = valueTest(op, expr);
  if (!test) return -1;
  const m = ctx.message;
  const key = headerKey(name);
  return removeWhere(ctx, (i) => m.isHeader(i, key) && test(m.headerValue(i))) > 0 ? 1 : -2;
}

export const removeCommands: readonly CommandDecl[] = [
  command({ name: 'remove_hf', args: [headerName('hname')], routes: ANY_ROUTE, run: (ctx, [key]) => byName(ctx, key) }),
  command({ name: 'remove_hf_pv', args: [spve('hname')], routes: ANY_ROUTE, run: (ctx, [name]) => byName(ctx, name.trim()) }),
  command({ name: 'remove_hf_re', args: [lineRegex('re')], routes: ANY_ROUTE, run: (ctx, [re]) => removeWhere(ctx, (i) => nameMatches(ctx.message, i, re)) }),
  command({
    name: 'remove_hf_re_pv',
    args: [spve('re')],
    routes: ANY_ROUTE,
    run: (ctx, [text]) => {
      const re = lineRegexNow(text);
      return re ? removeWhere(ctx, (i) => nameMatches(ctx.message, i, re)) : -1;
    },
  }),
  command({ name: 'remove_hf_exp', args: [lineRegex('expmatch'), lineRegex('expskip')], routes: ANY_ROUTE, run: (ctx, [match, skip]) => byNameExpression(ctx, match, skip) }),
  command({
    name: 'remove_hf_exp_pv',
    args: [spve('expmatch'), spve('expskip')],
    routes: ANY_ROUTE,
    run: (ctx, [matchText, skipText]) => {
      const match = lineRegexNow(matchText);
      const skip = lineRegexNow(skipText);
      return match && skip ? byNameExpression(ctx, match, skip) : -1;
    },
  }),
  command({ name: 'remove_hf_idx', args: [spve('hname'), { name: 'idx', type: 'intpv' }], routes: ANY_ROUTE, run: (ctx, [name, index]) => byIndex(ctx, name.trim(), index) }),
  command({
    name: 'remove_hf_match',
    args: [spve('hname'), spve('op'), spve('expr')],
    routes: ANY_ROUTE,
    run: (ctx, [name, op, expr]) => byValue(ctx, name.trim(), op, expr),
  }),
];
