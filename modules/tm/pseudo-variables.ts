// tm's pseudo-variables: the reply a failure_route or onreply_route works on
// ($T_reply_code, $T_reply_reason) and the branch ($T_branch_idx).

import type { PvClassDecl } from '../api.js';
import { readOnly } from '../pv/classes/define.js';
import type { ExecContext } from '../../runtime/exec/context.js';
import { currentOf, type Current } from './current.js';
import { transactionOf } from './commands.js';

/** What the route works on, else a request's own transaction. */
function current(ctx: ExecContext): Current | undefined {
  const found = currentOf(ctx);
  if (found) return found;
  const tx = transactionOf(ctx);
  return tx && { tx };
}

export const tmPseudoVariables: readonly PvClassDecl[] = [
  // The winning reply in failure_route, the reply in onreply_route, else the last status sent upstream (0: none).
  readOnly('T_reply_code', (ctx) => {
    const c = current(ctx);
    return c?.reply?.code ?? c?.tx.status ?? 0;
  }),
  readOnly('T_reply_reason', (ctx) => current(ctx)?.reply?.reason ?? null),
  readOnly('T_branch_idx', (ctx) => {
    const c = currentOf(ctx);
    return c?.index ?? c?.branch?.index ?? 0;
  }),
];
