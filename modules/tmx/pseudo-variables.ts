// tmx's pseudo-variables of the transaction: $T_reply_code, $T_reply_reason,
// $T_reply_last, $T_reply_ruid, $T_branch_idx, $T(name) and $T_branch(name).
// What each gives depends on the route running, as Kamailio 5.6.3 gives it
// (compared with it): the reply in onreply_route, the winning reply in
// failure_route, the branch being made in branch_route.

import type { ExecContext, PvClassDecl, Value } from '../api.js';
import { named, readOnly } from '../kit/pv-class.js';
import type { Current } from '../tm/api.js';
import { tm } from './bound.js';

/** What the route works on, else the request's own transaction. */
function current(ctx: ExecContext): Current | undefined {
  const found = tm().current(ctx);
  if (found) return found;
  const tx = tm().transactionOf(ctx);
  return tx && { tx };
}

const inReplyRoute = (ctx: ExecContext): boolean => ctx.routeType === 'onreply' || ctx.routeType === 'failure';

/** The reply's code in onreply_route and failure_route, else the highest status sent upstream (0: none). */
const replyCode = (ctx: ExecContext): Value => {
  const c = current(ctx);
  return c?.reply?.code ?? c?.tx.status ?? 0;
};

const replyReason = (ctx: ExecContext): Value => (inReplyRoute(ctx) ? (current(ctx)?.reply?.reason ?? '') : '');

/** The new branch's index in branch_route, the reply's branch in onreply_route, in failure_route the index a new branch would get. */
const branchIndex = (ctx: ExecContext): Value => {
  const c = tm().current(ctx);
  if (!c) return 0;
  if (ctx.routeType === 'failure') return c.tx.branches.length;
  return c.index ?? c.branch?.index ?? 0;
};

const T_NAMES: Readonly<Record<string, (ctx: ExecContext) => Value>> = {
  id_index: (ctx) => {
    const tx = tm().transactionOf(ctx);
    return tx ? tm().indexOf(tx) : null;
  },
  id_label: (ctx) => tm().transactionOf(ctx)?.id ?? null,
  reply_code: replyCode,
  reply_reason: replyReason,
  // 1 when failure_route runs on a reply made here (a timeout's 408).
  reply_type: (ctx) => (ctx.routeType === 'failure' && current(ctx)?.reply && !current(ctx)?.reply?.message ? 1 : 0),
  branch_index: branchIndex,
};

/** $T_branch(name): the reply's branch in onreply_route; in failure_route the winning one (its flags only). */
const BRANCH_NAMES: Readonly<Record<string, (ctx: ExecContext) => Value>> = {
  flags: (ctx) => (inReplyRoute(ctx) ? (tm().current(ctx)?.branch?.flags ?? null) : null),
  uri: (ctx) => (ctx.routeType === 'onreply' ? (tm().current(ctx)?.branch?.uri ?? null) : null),
  // siprc's branches carry no ruid (no registrar sets one).
  ruid: () => '',
};

export const transactionPvs: readonly PvClassDecl[] = [
  readOnly('T_reply_code', replyCode),
  readOnly('T_reply_reason', replyReason),
  // The code of the last reply the branch received: the reply's own, in onreply_route only.
  readOnly('T_reply_last', (ctx) => (ctx.routeType === 'onreply' ? (tm().current(ctx)?.reply?.code ?? '') : '')),
  readOnly('T_reply_ruid', () => ''),
  readOnly('T_branch_idx', branchIndex),
  named('T', T_NAMES),
  named('T_branch', BRANCH_NAMES),
];
