// sl's filter of ACKs to its own replies: an ACK whose To tag is one sl
// gave a negative reply of this server answers that reply and ends there,
// before request_route runs (counted in received_ACKs, and
// event_route[sl:filtered-ack] run on it), as Kamailio's sl does with a
// pre-script callback.

import type { ModuleInstance } from '../api.js';
import type { ExecContext } from '../../runtime/exec/context.js';
import { isSlToTag } from '../../runtime/exec/sl-reply.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { tagOf } from '../../runtime/sip/headers/name-addr.js';

/** True (the ACK is taken) for an ACK to one of sl's replies. */
export function filterAck(module: ModuleInstance, ctx: ExecContext): boolean {
  if (ctx.message.method !== 'ACK') return false;
  const to = ctx.message.to();
  const tag = to === undefined || isSipError(to) ? undefined : tagOf(to);
  if (tag === undefined || !isSlToTag(ctx, tag)) return false;
  module.stats.add('received_ACKs');
  ctx.worker.host.runRoute('event', 'sl:filtered-ack', ctx);
  return true;
}
