// Fixup of strings with pseudo-variables ("sip:$rU@$td"): literal pieces and
// compiled pseudo-variables, in order. `$$` stands for a literal `$`.

import { formatPvs, parsePv } from '../../grammar/pv.js';
import type { Locate, Span } from '../../grammar/source.js';
import { Format } from '../../runtime/pv/format.js';
import type { PvAccess } from '../../runtime/pv/types.js';
import { compilePv, type PvFixupEnv } from './pv.js';

const NOWHERE: Span = { file: 0, start: 0, end: 0 };

/**
 * The compiled format, or undefined when a pseudo-variable in it cannot be
 * compiled (reported) or comes from a module siprc does not provide.
 * `locate` places offsets in `value` in the source; a format made at run
 * time is written nowhere.
 */
export function compileFormat(value: string, env: PvFixupEnv, locate: Locate = () => NOWHERE): Format | undefined {
  const parts: Array<string | PvAccess> = [];
  let literal = '';
  let at = 0;
  const found = formatPvs(value, locate);
  for (const f of found) {
    if ('error' in f) return undefined;
    const start = value.indexOf(f.text, at);
    literal += value.slice(at, start).replaceAll('$$', '$');
    const parsed = parsePv(f.text, f.locate);
    const access = 'error' in parsed ? undefined : compilePv(parsed, env);
    if (!access) return undefined;
    if (literal) parts.push(literal);
    literal = '';
    parts.push(access);
    at = start + f.text.length;
  }
  literal += value.slice(at).replaceAll('$$', '$');
  if (literal || parts.length === 0) parts.push(literal);
  return new Format(value, parts);
}
