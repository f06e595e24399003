// Additions to the reply the script sends (sl): append_to_reply and
// append_time queue header text and set_reply_body a body with its
// Content-Type line, under the state keys runtime/exec/reply.ts reads. A
// second set_reply_body fails, its line still queued, as in Kamailio 5.6.

import { command, type CommandDecl, type ExecContext } from '../api.js';
import { queuedReplyHeaders, REPLY_BODY_STATE } from '../../runtime/exec/reply.js';
import { spve } from './args.js';
import { dateLine } from './date.js';
import { REQUEST_ROUTES } from './routes.js';

function setReplyBody(ctx: ExecContext, body: string, contentType: string): number {
  if (body === '' || contentType === '') return -1;
  queuedReplyHeaders(ctx).push(`Content-Type: ${contentType}\r\n`);
  if (ctx.state.has(REPLY_BODY_STATE)) return -1;
  ctx.state.set(REPLY_BODY_STATE, body);
  return 1;
}

function queue(ctx: ExecContext, text: string): number {
  queuedReplyHeaders(ctx).push(text);
  return 1;
}

export const replyCommands: readonly CommandDecl[] = [
  command({ name: 'append_to_reply', args: [spve('txt')], routes: REQUEST_ROUTES, run: (ctx, [text]) => queue(ctx, text) }),
  command({ name: 'append_time', args: [], routes: REQUEST_ROUTES, run: (ctx) => queue(ctx, dateLine()) }),
  command({ name: 'set_reply_body', args: [spve('txt'), spve('content_type')], routes: REQUEST_ROUTES, run: (ctx, [body, type]) => setReplyBody(ctx, body, type) }),
];
