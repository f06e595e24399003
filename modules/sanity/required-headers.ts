// Sanity check 4: Kamailio's parser reads every header (see parser-reach.ts),
// and the headers every request needs are there: Via, From, To, Call-ID and
// CSeq (400 when one is missing, no reply without a Via).

import type { ExecContext } from '../api.js';
import { replyWith, SILENT, type Failure } from './failure.js';
import { parserReaches } from './parser-reach.js';

const REQUIRED = ['from', 'to', 'call-id', 'cseq'];

export function checkRequiredHeaders(ctx: ExecContext): Failure | undefined {
  const m = ctx.message;
  if (!parserReaches(m) || m.findHeader('via') < 0) return SILENT;
  return REQUIRED.some((name) => m.findHeader(name) < 0) ? replyWith(400, 'Missing Required Header in Request') : undefined;
}
