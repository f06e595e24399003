// Sanity checks of CSeq: its method is the request's, exactly (32; a reply
// fails it), and its number a valid unsigned one (64). A CSeq that is
// missing, not `number method`, or beyond where Kamailio's parser stops
// fails without a reply.

import type { ExecContext } from '../api.js';
import { replyWith, SILENT, type Failure } from './failure.js';
import { parserReaches } from './parser-reach.js';
import { isValidUint } from './uint.js';

/** The CSeq's number and method as written; undefined when it is missing, unreachable or not two words. */
function cseqWords(ctx: ExecContext): [number: string, method: string] | undefined {
  if (!parserReaches(ctx.message, 'cseq')) return undefined;
  const words = ctx.message.header('cseq')?.trim().split(/\s+/);
  return words?.length === 2 ? [words[0]!, words[1]!] : undefined;
}

export function checkCseqMethod(ctx: ExecContext): Failure | undefined {
  const words = cseqWords(ctx);
  if (!words || !ctx.message.isRequest) return SILENT;
  return words[1] === ctx.message.method ? undefined : replyWith(400, 'CSeq method does not match request method');
}

export function checkCseqValue(ctx: ExecContext): Failure | undefined {
  const words = cseqWords(ctx);
  if (!words) return SILENT;
  return isValidUint(words[0]) ? undefined : replyWith(400, 'CSeq number is illegal');
}
