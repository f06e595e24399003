// The most a transaction may live (max_inv_lifetime, max_noninv_lifetime,
// t_set_max_lifetime): counted from when it was made; when it runs out
// before a final reply went upstream, every branch still waiting is given up
// as by its own timeout (a local 408).

import { branchTimeout } from './replies.js';
import type { Transaction } from './transaction.js';

/**
 * Arms the transaction's lifetime when it is made (`elapsed` 0), or again
 * when t_set_max_lifetime changes it (what is left of it since then).
 */
export function armLifetime(tx: Transaction, elapsed = Date.now() - tx.created): void {
  tx.lifetime?.cancel();
  tx.lifetime = undefined;
  if (tx.deleted || tx.status >= 200) return;
  tx.lifetime = tx.ctx.worker.host.timers.after(Math.max(0, tx.maxLifetime - elapsed), () => {
    tx.lifetime = undefined;
    if (tx.deleted || tx.status >= 200) return;
    for (const branch of [...tx.branches]) if (!branch.final) branchTimeout(tx, branch, tx.timing);
  });
}
