// sanity_check and sanity_reply: the checks of the mask in Kamailio's order,
// the first failure answered at once with its stateless reply (or kept for
// sanity_reply when noreply is set), and the return codes: 1, or on a
// failure 0 with autodrop (the script stops) or -1.

import type { ExecContext, ParamValues } from '../api.js';
import { queuedReplyHeaders } from '../../runtime/exec/reply.js';
import { sendSlReply } from '../../runtime/exec/sl-reply.js';
import { ALL_CHECKS, ALL_URI_CHECKS, CHECKS } from './checks.js';
import type { Failure } from './failure.js';
import { parserReaches } from './parser-reach.js';

/** Where the reply of the last failed check is kept for sanity_reply. */
const STATE = 'sanity';

type StoredReply = NonNullable<Failure['reply']>;

/** The extensions proxy_require lists, trimmed. */
function supportedExtensions(params: ParamValues): string[] {
  return (params.get('proxy_require') as string)
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

/**
 * A failed check: its reply kept for sanity_reply and sent unless noreply is
 * set (or Kamailio could not build one: see parser-reach.ts); a header it
 * calls for (Unsupported) queued for every later local reply, as Kamailio's
 * reply lump.
 */
function failed(ctx: ExecContext, failure: Failure, params: ParamValues): number {
  const reply = failure.reply;
  if (reply && ctx.message.isRequest) {
    ctx.state.set(STATE, reply);
    if (reply.header) queuedReplyHeaders(ctx).push(reply.header);
    if (params.get('noreply') === 0 && parserReaches(ctx.message)) sendSlReply(ctx, reply.status, reply.reason);
  }
  return params.get('autodrop') === 0 ? -1 : 0;
}

/** sanity_check with the masks given (undefined: a variable that held no number); -1 for a mask out of range. */
export function sanityCheck(ctx: ExecContext, params: ParamValues, checks: number | undefined, uriChecks: number | undefined): number {
  if (checks === undefined || checks < 1 || checks > ALL_CHECKS) return -1;
  if (uriChecks === undefined || uriChecks < 1 || uriChecks > ALL_URI_CHECKS) return -1;
  ctx.state.delete(STATE);
  const options = { uriChecks, proxyRequire: supportedExtensions(params) };
  for (const [bit, check] of CHECKS) {
    const failure = checks & bit ? check(ctx, options) : undefined;
    if (failure) return failed(ctx, failure, params);
  }
  return 1;
}

/**
 * sanity_reply: with noreply set, the reply of the last failed check, or 500
 * "Server Sanity Failure" when the last sanity_check passed; 1 when sent (or
 * for an ACK, never answered).
 */
export function sanityReply(ctx: ExecContext, params: ParamValues): number {
  if (params.get('noreply') === 0 || ctx.message.method === 'ACK') return 1;
  if (!parserReaches(ctx.message)) return -1;
  const reply = (ctx.state.get(STATE) as StoredReply | undefined) ?? { status: 500, reason: 'Server Sanity Failure' };
  return sendSlReply(ctx, reply.status, reply.reason) ? 1 : -1;
}
