// A stateless reply as the modules bound to Kamailio's sl API send one
// (sanity's error replies, siputils' options_reply): the local reply of
// reply.ts, with the To tag sl gives its own replies.

import type { ExecContext } from './context.js';
import { sendLocalReply } from './reply.js';
import { isLocalToTag, localToTag } from './totag.js';

/** The signature and separator of sl's To tags (Kamailio's "stateless" tag). */
const SL_SIGNATURE = 'KAMAILIO-stateless';
const SL_SEPARATOR = '.';

/** The To tag of sl's replies (and of $ltt(s)): the stateless signature with the first listen socket, then the request's own part. */
export function slToTag(ctx: ExecContext): string {
  return localToTag(ctx, SL_SIGNATURE, SL_SEPARATOR);
}

/** Whether a To tag is one sl gave a reply of this server. */
export function isSlToTag(ctx: ExecContext, tag: string): boolean {
  return isLocalToTag(ctx, tag, SL_SIGNATURE, SL_SEPARATOR);
}

/** Sends the reply; false when there is nothing to reply to (a reply, an ACK, a request without a Via). */
export function sendSlReply(ctx: ExecContext, code: number, reason: string): boolean {
  return sendLocalReply(ctx, code, reason, { toTag: slToTag(ctx) }) !== undefined;
}
