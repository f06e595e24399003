// The transaction a route is working on, kept with the message being run:
// the request's own once t_newtran or t_relay made or found it, and in
// failure_route and onreply_route the one the reply belongs to, with that
// reply and its branch.

import type { ExecContext } from '../../runtime/exec/context.js';
import type { BranchReply, ClientBranch, Transaction } from './transaction.js';

export interface Current {
  readonly tx: Transaction;
  /** failure_route: the winning reply; onreply_route: the reply being run. */
  readonly reply?: BranchReply;
  readonly branch?: ClientBranch;
  /** branch_route: the index the branch being made will have. */
  readonly index?: number;
}

const KEY = 'tm';

export function currentOf(ctx: ExecContext): Current | undefined {
  return ctx.state.get(KEY) as Current | undefined;
}

export function setCurrent(ctx: ExecContext, current: Current): void {
  ctx.state.set(KEY, current);
}
