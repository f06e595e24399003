// textops' searches: search (whole message), search_body, search_str,
// search_hf (a header's values: all, first or last) and search_append(_body)
// (text after the first match). Case-insensitive with REG_NEWLINE; checked
// against Kamailio 5.6.

import { command, type CommandDecl, type ExecContext } from '../api.js';
import type { SipMessage } from '../../runtime/sip/message.js';
import { headerName, lineRegex, runtimeRegex, spve, str, whichLines, type Which } from './args.js';
import { lastHeader } from './headers.js';
import { afterFirstLine, bodyOf, headerValueOf, matchesIn, matchesSomewhere, wholeMessage, type Region } from './regions.js';
import { ANY_ROUTE } from './routes.js';

const truth = (holds: boolean): number => (holds ? 1 : -1);

/** The header lines named `key` a/f/l picks. */
export function pickedLines(m: SipMessage, key: string, which: Which): number[] {
  if (which === 'l') {
    const last = lastHeader(m, key);
    return last < 0 ? [] : [last];
  }
  const out: number[] = [];
  for (let i = m.findHeader(key); i >= 0; i = m.findHeader(key, i + 1)) {
    out.push(i);
    if (which === 'f') break;
  }
  return out;
}

/** Inserts `text` after the first match of `re` in the region; -1 when there is none (or the region is empty). */
function appendAfterMatch(ctx: ExecContext, re: RegExp, region: Region, text: string): number {
  if (region.end <= region.start) return -1;
  const [m] = matchesIn(re, ctx.message.text, region, 'first');
  if (!m) return -1;
  ctx.edits.replaceText(m.end, m.end, text);
  return 1;
}

function searchBody(ctx: ExecContext, re: RegExp): number {
  const body = bodyOf(ctx.message);
  return truth(body.end > body.start && matchesSomewhere(re, ctx.message.text, body));
}

export const searchCommands: readonly CommandDecl[] = [
  command({ name: 'search', args: [lineRegex('re')], routes: ANY_ROUTE, run: (ctx, [re]) => truth(matchesSomewhere(re, ctx.message.text, wholeMessage(ctx.message))) }),
  command({ name: 'search_body', args: [lineRegex('re')], routes: ANY_ROUTE, run: (ctx, [re]) => searchBody(ctx, re) }),
  command({
    name: 'search_str',
    args: [spve('text'), spve('re')],
    routes: ANY_ROUTE,
    run: (_ctx, [text, source]) => {
      const re = runtimeRegex(source, { icase: true, newline: true });
      return re ? truth(matchesSomewhere(re, text, { start: 0, end: text.length })) : -2;
    },
  }),
  command({
    name: 'search_hf',
    args: [headerName('hf'), lineRegex('re'), whichLines],
    routes: ANY_ROUTE,
    run: (ctx, [key, re, which]) => {
      const m = ctx.message;
      return truth(pickedLines(m, key, which as Which).some((i) => matchesSomewhere(re, m.text, headerValueOf(m, i))));
    },
  }),
  command({ name: 'search_append', args: [lineRegex('re'), str('txt')], routes: ANY_ROUTE, run: (ctx, [re, text]) => appendAfterMatch(ctx, re, afterFirstLine(ctx.message), text) }),
  command({ name: 'search_append_body', args: [lineRegex('re'), str('txt')], routes: ANY_ROUTE, run: (ctx, [re, text]) => appendAfterMatch(ctx, re, bodyOf(ctx.message), text) }),
];
