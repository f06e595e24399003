// Sanity check 256: the first Expires header (when there is one) starts with
// a valid unsigned number (400 otherwise, or for an empty one). As in
// Kamailio 5.6 only the first word counts and later Expires headers are not
// read; one Kamailio's parser does not get to fails without a reply.

import type { ExecContext } from '../api.js';
import { replyWith, SILENT, type Failure } from './failure.js';
import { parserReaches } from './parser-reach.js';
import { isValidUint } from './uint.js';

export function checkExpires(ctx: ExecContext): Failure | undefined {
  if (!parserReaches(ctx.message, 'expires')) return SILENT;
  const value = ctx.message.header('expires')?.trim();
  if (value === undefined) return undefined;
  if (value === '') return replyWith(400, 'Bad Expires Header');
  return isValidUint(value.split(/\s+/)[0]!) ? undefined : replyWith(400, 'Expires value is illegal');
}
