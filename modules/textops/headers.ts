// textops' header tests and additions: is_present_hf(_pv/_re/_re_pv),
// append_hf/insert_hf (text as given, as lumps; empty text gives -1),
// append_urihf (Request-URI as received) and append_time_to_request (Date
// after the first header). Checked against Kamailio 5.6.

import { command, type CommandDecl, type ExecContext } from '../api.js';
import type { SipMessage } from '../../runtime/sip/message.js';
import { headerName, lineRegex, runtimeRegex, spve, str } from './args.js';
import { dateLine } from './date.js';
import { ANY_ROUTE, REQUEST_ROUTES } from './routes.js';

const truth = (holds: boolean): number => (holds ? 1 : -1);

/** The index of the last header line named `key`, or -1. */
export function lastHeader(m: SipMessage, key: string): number {
  let last = -1;
  for (let i = m.findHeader(key); i >= 0; i = m.findHeader(key, i + 1)) last = i;
  return last;
}

/** Whether a header name (as written) matches `re` somewhere. */
export function nameMatches(m: SipMessage, index: number, re: RegExp): boolean {
  return re.test(m.headerName(index));
}

function anyNameMatches(m: SipMessage, re: RegExp): boolean {
  for (let i = 0; i < m.headerCount; i++) if (nameMatches(m, i, re)) return true;
  return false;
}

/** append_hf: after the last header, or after the last one named `key` (after the last header when there is none). */
function append(ctx: ExecContext, text: string, key?: string): number {
  if (text === '') return -1;
  const at = key === undefined ? -1 : lastHeader(ctx.message, key);
  ctx.edits.addHeaderText(at < 0 ? 'last' : { after: at }, text);
  return 1;
}

/** insert_hf: before the first header, or before the first one named `key` (before the first header when there is none). */
function insert(ctx: ExecContext, text: string, key?: string): number {
  if (text === '') return -1;
  const at = key === undefined ? -1 : ctx.message.findHeader(key);
  ctx.edits.addHeaderText(at < 0 ? 'first' : { before: at }, text);
  return 1;
}

export const headerCommands: readonly CommandDecl[] = [
  command({ name: 'is_present_hf', args: [headerName('hf_name')], routes: ANY_ROUTE, run: (ctx, [key]) => truth(ctx.message.findHeader(key) >= 0) }),
  command({
    name: 'is_present_hf_pv',
    args: [spve('hf_name')],
    routes: ANY_ROUTE,
    run: (ctx, [name]) => truth(ctx.message.findHeader(name.trim()) >= 0),
  }),
  command({ name: 'is_present_hf_re', args: [lineRegex('hf_name_re')], routes: ANY_ROUTE, run: (ctx, [re]) => truth(anyNameMatches(ctx.message, re)) }),
  command({
    name: 'is_present_hf_re_pv',
    args: [spve('hf_name_re')],
    routes: ANY_ROUTE,
    run: (ctx, [text]) => {
      const re = runtimeRegex(text, { icase: true, newline: true });
      return re ? truth(anyNameMatches(ctx.message, re)) : -1;
    },
  }),
  command({ name: 'append_hf', args: [spve('txt')], routes: ANY_ROUTE, run: (ctx, [text]) => append(ctx, text) }),
  command({ name: 'append_hf', args: [spve('txt'), headerName('hdr')], routes: ANY_ROUTE, run: (ctx, [text, key]) => append(ctx, text, key) }),
  command({ name: 'insert_hf', args: [spve('txt')], routes: ANY_ROUTE, run: (ctx, [text]) => insert(ctx, text) }),
  command({ name: 'insert_hf', args: [spve('txt'), headerName('hdr')], routes: ANY_ROUTE, run: (ctx, [text, key]) => insert(ctx, text, key) }),
  command({
    name: 'append_urihf',
    args: [str('prefix'), str('suffix')],
    routes: REQUEST_ROUTES,
    run: (ctx, [prefix, suffix]) => {
      if (!ctx.message.isRequest) return -1;
      ctx.edits.addHeaderText('last', `${prefix}${ctx.message.requestUriText}${suffix}`);
      return 1;
    },
  }),
  command({
    name: 'append_time_to_request',
    args: [],
    routes: ANY_ROUTE,
    run: (ctx) => {
      if (ctx.message.headerCount === 0) return -1;
      ctx.edits.addHeaderText({ after: 0 }, dateLine());
      return 1;
    },
  }),
];
