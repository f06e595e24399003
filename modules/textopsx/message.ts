// msg_apply_changes (the changes so far become the message), msg_set_buffer
// (another message in its place; $du kept, pending changes and queued reply
// lines dropped), change_reply_status(_code) (code seen at once, reason as a
// lump) and remove_body. Checked against Kamailio 5.6.

import { command, type CommandDecl, type ExecContext } from '../api.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { SipMessage } from '../../runtime/sip/message.js';
import { ANY_ROUTE, REPLY_ROUTES, REQUEST_OR_REPLY_ROUTES } from '../textops/routes.js';

/** A request's buffer may be replaced only in request_route (a reply's in its reply routes). */
const mayReplace = (ctx: ExecContext): boolean => !ctx.message.isRequest || ctx.routeType === 'request';

/** msg_apply_changes: 1, -1 where it may not run, 0 (the script stops) when the changed message does not parse. */
function applyChanges(ctx: ExecContext): number {
  if (!mayReplace(ctx)) return -1;
  const applied = ctx.edits.apply();
  if (isSipError(applied)) return 0;
  ctx.replaceMessage(applied);
  return 1;
}

/** msg_set_buffer: -1 when the data does not parse (a message of the other kind is taken too, as Kamailio 5.6 takes it). */
function setBuffer(ctx: ExecContext, data: string): number {
  if (!mayReplace(ctx)) return -1;
  const next = SipMessage.parse(Buffer.from(data, 'latin1'));
  if (isSipError(next)) return -1;
  ctx.replaceMessage(next);
  return 1;
}

/** The offset of the status code in a reply's text (after `SIP/2.0 `). */
const statusOffset = (m: SipMessage): number => m.text.indexOf(' ') + 1;

/** Writes a new status code into the reply, in place; -1 when the code or class change is not allowed. */
function changeCode(ctx: ExecContext, code: number | undefined): number {
  const m = ctx.message;
  if (m.isRequest || code === undefined || code < 100 || code > 699) return -1;
  if ((code < 300 || m.status < 300) && Math.floor(code / 100) !== Math.floor(m.status / 100)) return -1;
  const bytes = Buffer.from(m.buffer);
  bytes.write(String(code), statusOffset(m), 'latin1');
  const rewritten = SipMessage.parse(bytes);
  if (isSipError(rewritten)) return -1;
  ctx.rewriteMessage(rewritten);
  return 1;
}

function changeStatus(ctx: ExecContext, code: number | undefined, reason: string): number {
  if (reason === '') return -1;
  const changed = changeCode(ctx, code);
  if (changed < 0) return changed;
  const m = ctx.message;
  const reasonStart = statusOffset(m) + 4;
  ctx.edits.replaceText(reasonStart, reasonStart + m.reason.length, reason);
  return 1;
}

export const messageCommands: readonly CommandDecl[] = [
  command({ name: 'msg_apply_changes', args: [], routes: REQUEST_OR_REPLY_ROUTES, run: applyChanges }),
  command({ name: 'msg_set_buffer', args: [{ name: 'data', type: 'spve' }], routes: REQUEST_OR_REPLY_ROUTES, run: (ctx, [data]) => setBuffer(ctx, data) }),
  command({
    name: 'change_reply_status',
    args: [{ name: 'code', type: 'intpv' }, { name: 'reason', type: 'spve' }],
    routes: REPLY_ROUTES,
    run: (ctx, [code, reason]) => changeStatus(ctx, code, reason),
  }),
  command({ name: 'change_reply_status_code', args: [{ name: 'vcode', type: 'intpv' }], routes: REPLY_ROUTES, run: (ctx, [code]) => changeCode(ctx, code) }),
  command({
    name: 'remove_body',
    args: [],
    routes: ANY_ROUTE,
    run: (ctx) => {
      if (ctx.message.body.length > 0) ctx.edits.setBody(Buffer.alloc(0));
      return 1;
    },
  }),
];
