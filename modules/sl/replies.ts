// The sl module's reply commands: a stateless reply to the request
// (sl_send_reply; send_reply and send_reply_mode, stateless as no transaction
// exists offline), the reply for an internal error, and the received reply
// passed on with another code or reason (sl_forward_reply). Return codes and
// the fall back to default_code were checked against Kamailio 5.6.

import { ANY_ROUTE, command, type CommandDecl, type ExecContext, type ModuleInstance, type ParamValues, type RouteType } from '../api.js';
import { forwardReply } from '../../runtime/exec/core-functions.js';
import { sendLocalReply } from '../../runtime/exec/reply.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { SipMessage } from '../../runtime/sip/message.js';
import { slToTag } from '../../runtime/exec/sl-reply.js';
import { countSentReply } from './stats.js';

const REQUEST: readonly RouteType[] = ['request', 'event'];
const REPLY: readonly RouteType[] = ['onreply', 'reply'];
const NOT_BRANCH: readonly RouteType[] = ANY_ROUTE.filter((r) => r !== 'branch' && r !== 'onsend');

/**
 * A stateless reply; 1 when sent (then event_route[sl:local-response] runs on
 * it, and event_route[corex:reply-out] when corex is loaded), -1 (counted as a failure) when it cannot be (an ACK, a reply).
 */
function statelessReply(ctx: ExecContext, code: number, reason: string, params: ParamValues, module: ModuleInstance): number {
  const sent = sendLocalReply(ctx, code, reason, { toTag: slToTag(ctx), richRedirect: params.get('rich_redirect') as number });
  if (!sent) {
    module.stats.add('failures');
    return -1;
  }
  countSentReply(module.stats, code);
  const reply = SipMessage.parse(sent.data);
  if (isSipError(reply)) return 1;
  const sending = { from: ctx.local.socket, to: sent.to, proto: sent.proto, data: sent.data };
  ctx.runEvent?.('sl:local-response', reply, sending);
  // corex's event route for replies sent out, where Kamailio's sl raises it (see docs/dialect.md).
  if (module.isLoaded('corex')) ctx.runEvent?.('corex:reply-out', reply, sending);
  return 1;
}

/** The code, or default_code when the variable holds no integer (as Kamailio falls back). */
const codeOf = (code: number | undefined, params: ParamValues): number => code ?? (params.get('default_code') as number);

/** send_reply: statefully when the request has a transaction (never, offline), else statelessly; never for a reply. */
function sendReply(ctx: ExecContext, code: number, reason: string, params: ParamValues, module: ModuleInstance): number {
  return ctx.message.isRequest ? statelessReply(ctx, code, reason, params, module) : -1;
}

const CODE = { name: 'code', type: 'intpv' } as const;
const REASON = { name: 'reason', type: 'spve' } as const;

/** A reply code of three digits in the class of the received one: Kamailio's rule for a new code. */
function sameClassCode(received: number, code: string): boolean {
  return /^[0-9]{3}$/.test(code) && code[0] === String(received).padStart(3, '0')[0];
}

/** sl_forward_reply([code[, reason]]): passes the received reply on now, its code or reason changed. */
function forwardWith(ctx: ExecContext, code = '', reason = ''): number {
  if (ctx.message.isRequest) return -1;
  if (code !== '' && !sameClassCode(ctx.message.status, code)) return -1;
  const statusLine = code === '' && reason === '' ? undefined : `SIP/2.0 ${code || ctx.message.status} ${reason || ctx.message.reason}`;
  return forwardReply(ctx, ctx.proto, statusLine);
}

export const replyCommands: readonly CommandDecl[] = [
  ...['sl_send_reply', 'sl_reply'].map((name) =>
    command({ name, args: [CODE, REASON], routes: REQUEST, run: (ctx, [code, reason], params, module) => statelessReply(ctx, codeOf(code, params), reason, params, module) }),
  ),
  command({ name: 'send_reply', args: [CODE, REASON], routes: NOT_BRANCH, run: (ctx, [code, reason], params, module) => sendReply(ctx, codeOf(code, params), reason, params, module) }),
  // The mode (1: do not connect, 2: close the connection) only steers TCP connections, which an offline run has none of.
  command({
    name: 'send_reply_mode',
    args: [CODE, REASON, { name: 'mode', type: 'intpv' }],
    routes: NOT_BRANCH,
    run: (ctx, [code, reason], params, module) => sendReply(ctx, codeOf(code, params), reason, params, module),
  }),
  command({
    name: 'sl_reply_error',
    args: [],
    routes: REQUEST,
    // Kamailio describes the error the previous action left: siprc keeps none, so this is its reply after any action
    // that sets no error code of its own ("unspecified", -1). It returns 1 whether or not the reply went out.
    run: (ctx, _args, params, module) => {
      statelessReply(ctx, 500, "I'm terribly sorry, server error occurred (1/SL)", params, module);
      return 1;
    },
  }),
  command({ name: 'sl_forward_reply', args: [], routes: REPLY, run: (ctx) => forwardWith(ctx) }),
  command({ name: 'sl_forward_reply', args: [{ name: 'code', type: 'spve' }], routes: REPLY, run: (ctx, [code]) => forwardWith(ctx, code) }),
  command({ name: 'sl_forward_reply', args: [{ name: 'code', type: 'spve' }, REASON], routes: REPLY, run: (ctx, [code, reason]) => forwardWith(ctx, code, reason) }),
];
