// tmx's commands: cancelling branches (of the transaction a reply belongs
// to, or of one found by Call-ID and CSeq), replying to a transaction found
// by Call-ID and CSeq, copying the message flags into the transaction, the
// tests of which kind of route is running, and the retransmission pre-check.

import { ANY_ROUTE, command, FixupError, type CommandDecl, type ExecContext } from '../api.js';
import type { ClientBranch } from '../tm/api.js';
import { tm } from './bound.js';

type Which = 'all' | 'others' | 'this';

function whichOf(text: string): Which {
  if (text !== 'all' && text !== 'others' && text !== 'this') throw new FixupError(`unknown branches "${text}": expected all, others or this`);
  return text;
}

/** t_cancel_branches: the INVITE's pending branches, all of them, all but the reply's, or the reply's only. */
function cancelBranches(ctx: ExecContext, which: Which): number {
  const current = tm().current(ctx);
  const tx = current?.tx;
  if (!tx || tx.method !== 'INVITE') return -1;
  const own = current.branch;
  const only = which === 'all' ? undefined : which === 'this' ? (b: ClientBranch) => b === own : (b: ClientBranch) => b !== own;
  tm().cancelBranches(ctx, tx, only);
  return 1;
}

/** The test of the kind of route running at the top (a route[] called from it counts as it). */
const isRoute = (name: string, ...kinds: string[]): CommandDecl => command({ name, args: [], routes: ANY_ROUTE, run: (ctx) => (kinds.includes(ctx.routeType) ? 1 : -1) });

const CALL = [
  { name: 'callid', type: 'spve' },
  { name: 'cseq', type: 'spve' },
] as const;

export const tmxCommands: readonly CommandDecl[] = [
  command({ name: 't_cancel_branches', args: [{ name: 'which', type: 'str', fixup: whichOf }], routes: ['onreply'], run: (ctx, [which]) => cancelBranches(ctx, which as Which) }),
  command({
    name: 't_cancel_callid',
    args: [...CALL, { name: 'flag', type: 'intpv' }],
    routes: ANY_ROUTE,
    run: (ctx, [callId, cseq, flag]) => {
      const tx = tm().findInvite(ctx, callId, cseq);
      if (!tx) return -1;
      if (flag !== undefined && flag > 0 && flag < 32) tx.flags |= 1 << flag;
      tm().cancelBranches(ctx, tx);
      return 1;
    },
  }),
  command({
    name: 't_reply_callid',
    args: [...CALL, { name: 'code', type: 'intpv' }, { name: 'reason', type: 'spve' }],
    routes: ANY_ROUTE,
    run: (ctx, [callId, cseq, code, reason]) => {
      if (code === undefined || code < 100 || code > 699) return -1;
      const tx = tm().findInvite(ctx, callId, cseq);
      // One a CANCEL matched, or already answered, is not replied to.
      if (!tx || tx.canceled || tx.status >= 200) return -1;
      return tm().replyNow(tx, code, reason) ? 1 : -1;
    },
  }),
  command({
    name: 't_flush_flags',
    args: [],
    routes: ANY_ROUTE,
    run: (ctx) => {
      const tx = tm().transactionOf(ctx);
      if (!tx) return -1;
      tx.flags = ctx.flags;
      return 1;
    },
  }),
  isRoute('t_is_request_route', 'request'),
  isRoute('t_is_failure_route', 'failure'),
  isRoute('t_is_branch_route', 'branch'),
  isRoute('t_is_reply_route', 'reply', 'onreply'),
  // Another process handling the same request: siprc runs one message at a time, so never.
  command({ name: 't_precheck_trans', args: [], routes: ['request'], run: () => -1 }),
];
