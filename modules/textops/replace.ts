// textops' replacements, as lumps on the received text: by regular
// expression (the first match or all of them) after the first line, in the
// headers or in the body; replace_body_atonce over the body as one text (no
// REG_NEWLINE); and the plain-string variants (replace_str and kin, case
// sensitive, which return 1 even when nothing matched). An empty match stops
// the *_all functions with -1, as Kamailio does. Checked against Kamailio 5.6.

import { command, type ArgSpec, type CommandDecl, type ExecContext } from '../api.js';
import type { SipMessage } from '../../runtime/sip/message.js';
import { lineRegex, spve, str, wholeTextRegex } from './args.js';
import { afterFirstLine, bodyOf, headerBlock, matchesIn, type Region } from './regions.js';
import { ANY_ROUTE } from './routes.js';

type RegionOf = (m: SipMessage) => Region;

/** Replaces the first match (or every one) of `re` in a region with `text`. */
function replaceMatches(ctx: ExecContext, re: RegExp, region: Region, text: string, all: boolean): number {
  if (region.end <= region.start) return -1;
  const matches = matchesIn(re, ctx.message.text, region, all ? 'all' : 'first');
  if (matches.length === 0) return -1;
  for (const m of matches) {
    if (m.end === m.start) return -1;
    ctx.edits.replaceText(m.start, m.end, text);
  }
  return 1;
}

const byRegex = (name: string, regionOf: RegionOf, all: boolean, regex: ArgSpec = lineRegex('re')): CommandDecl =>
  command({ name, args: [regex, str('txt')], routes: ANY_ROUTE, run: (ctx, [re, text]) => replaceMatches(ctx, re as RegExp, regionOf(ctx.message), text as string, all) });

/**
 * replace_str and kin: `match` as plain text, the first occurrence ('f') or
 * all. Kamailio 5.6 replaces all for any other mode too, returning -1.
 */
function replacePlain(ctx: ExecContext, region: Region, match: string, replacement: string, mode: string): number {
  if (match === '') return -1;
  const text = ctx.message.text;
  for (let at = text.indexOf(match, region.start); at >= 0 && at + match.length <= region.end; at = text.indexOf(match, at + match.length)) {
    ctx.edits.replaceText(at, at + match.length, replacement);
    if (mode === 'f') break;
  }
  return mode === 'f' || mode === 'a' ? 1 : -1;
}

const byString = (name: string, regionOf: RegionOf): CommandDecl =>
  command({
    name,
    args: [spve('match'), spve('repl'), spve('mode')],
    routes: ANY_ROUTE,
    run: (ctx, [match, replacement, mode]) => replacePlain(ctx, regionOf(ctx.message), match, replacement, mode),
  });

export const replaceCommands: readonly CommandDecl[] = [
  byRegex('replace', afterFirstLine, false),
  byRegex('replace_all', afterFirstLine, true),
  byRegex('replace_hdrs', headerBlock, false),
  byRegex('replace_body', bodyOf, false),
  byRegex('replace_body_all', bodyOf, true),
  byRegex('replace_body_atonce', bodyOf, true, wholeTextRegex('re')),
  byString('replace_str', afterFirstLine),
  byString('replace_hdrs_str', headerBlock),
  byString('replace_body_str', bodyOf),
];
