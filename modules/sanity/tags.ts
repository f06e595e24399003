// Sanity check 4096: From and To carry at most one tag parameter each (400
// naming the header otherwise; From is checked first; headers Kamailio's
// parser does not get to fail silently).

import type { ExecContext } from '../api.js';
import { isSipError, type SipError } from '../../runtime/sip/errors.js';
import type { NameAddr } from '../../runtime/sip/headers/name-addr.js';
import { replyWith, SILENT, type Failure } from './failure.js';
import { parserReaches } from './parser-reach.js';

function manyTags(value: NameAddr | SipError | undefined): boolean {
  return value !== undefined && !isSipError(value) && value.params.filter((p) => p.name.toLowerCase() === 'tag').length > 1;
}

export function checkDuplicateTags(ctx: ExecContext): Failure | undefined {
  if (!parserReaches(ctx.message, 'from', 'to')) return SILENT;
  if (manyTags(ctx.message.from())) return replyWith(400, 'Many From Tag Params');
  if (manyTags(ctx.message.to())) return replyWith(400, 'Many To Tag Params');
  return undefined;
}
