// tm's commands that set something kept with the transaction: its maximum
// lifetime (t_set_max_lifetime, t_reset_max_lifetime), and the request's
// changes failure_route starts from (t_save_lumps).

import { command, type CommandDecl } from '../api.js';
import type { ExecContext } from '../../runtime/exec/context.js';
import { configOf } from './config.js';
import { currentOf } from './current.js';
import { armLifetime } from './lifetime.js';
import { armed } from './relay.js';

const REQUEST_SIDE = ['request', 'failure', 'onreply', 'branch'] as const;

/** Sets the lifetimes (undefined: unchanged) of the transaction, or of the one the request will get. */
function setLifetime(ctx: ExecContext, inv: number | undefined, noninv: number | undefined): number {
  const tx = currentOf(ctx)?.tx;
  if (!tx) {
    const a = armed(ctx);
    if (inv !== undefined) a.maxInvLifetime = inv;
    if (noninv !== undefined) a.maxNoninvLifetime = noninv;
    return 1;
  }
  const lifetime = tx.method === 'INVITE' ? inv : noninv;
  if (lifetime === undefined) return 1;
  tx.maxLifetime = lifetime;
  armLifetime(tx);
  return 1;
}

export const settingCommands: readonly CommandDecl[] = [
  command({
    name: 't_set_max_lifetime',
    args: [
      { name: 'inv_lifetime', type: 'int' },
      { name: 'noninv_lifetime', type: 'int' },
    ],
    routes: REQUEST_SIDE,
    run: (ctx, [inv, noninv]) => setLifetime(ctx, inv > 0 ? inv : undefined, noninv > 0 ? noninv : undefined),
  }),
  command({
    name: 't_reset_max_lifetime',
    args: [],
    routes: REQUEST_SIDE,
    run: (ctx, _args, params) => {
      const config = configOf(params);
      return setLifetime(ctx, config.maxInvLifetime, config.maxNoninvLifetime);
    },
  }),
  command({
    name: 't_save_lumps',
    args: [],
    routes: ['request'],
    run: (ctx) => {
      const tx = currentOf(ctx)?.tx;
      if (!tx) return -1;
      // Saved once: by this command, or by the first t_relay.
      tx.savedEdits ??= ctx.edits.clone();
      return 1;
    },
  }),
];
