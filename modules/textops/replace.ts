// textops' replacements as lumps: by regular expression (first or every
// match; an empty match stops the *_all ones with -1), replace_body_atonce
// without REG_NEWLINE, and replace_str and kin on plain text (always 1).
// Checked against Kamailio 5.6.

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

/** replace_str and kin: `match` as plain text, the first occurrence ('f') or all (any other mode); always 1, as in Kamailio 5.6. */
function replacePlain(ctx: ExecContext, region: Region, match: string, replacement: string, mode: string): number {
  const text = ctx.message.text;
  for (let at = match === '' ? -1 : text.indexOf(match, region.start); at >= 0 && at + match.length <= region.end; at = text.indexOf(match, at + match.length)) {
    ctx.edits.replaceText(at, at + match.length, replacement);
    if (mode === 'f') break;
  }
  return 1;
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
