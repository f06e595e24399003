// $T_req(pv), $T_rpl(pv) and $T_inv(pv): a pseudo-variable read on another
// message of the transaction. $T_req: the request, in onreply_route; $T_rpl:
// the winning reply as received, in failure_route (none for a local one);
// $T_inv: for a CANCEL, the request of the INVITE it cancels. Null elsewhere,
// as in Kamailio 5.6.3.

import { FixupError, type ExecContext, type PvAccess, type PvClassDecl } from '../api.js';
import { withName } from '../kit/pv-class.js';
import { tm } from './bound.js';

function onMessage(name: string, other: (ctx: ExecContext) => ExecContext | undefined): PvClassDecl {
  return withName(name, (ref) => {
    const inner: PvAccess | undefined = ref.name?.dynamic;
    if (!inner) throw new FixupError(`needs a pseudo-variable, as in $${name}($ru)`);
    return {
      get: (ctx) => {
        const on = other(ctx);
        return on ? inner.get(on) : null;
      },
    };
  });
}

export const messagePvs: readonly PvClassDecl[] = [
  onMessage('T_req', (ctx) => {
    const tx = ctx.routeType === 'onreply' ? tm().current(ctx)?.tx : undefined;
    return tx && tm().requestOf(tx);
  }),
  onMessage('T_rpl', (ctx) => {
    if (ctx.routeType !== 'failure') return undefined;
    const c = tm().current(ctx);
    const reply = c?.reply?.message;
    if (!c || !reply) return undefined;
    const on = c.tx.ctx.derive(reply, c.tx.ctx.source, c.tx.ctx.proto);
    on.flags = c.tx.flags;
    return on;
  }),
  onMessage('T_inv', (ctx) => {
    const tx = ctx.routeType === 'request' ? tm().inviteOf(ctx) : undefined;
    return tx && tm().requestOf(tx);
  }),
];
