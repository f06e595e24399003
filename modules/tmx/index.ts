// tmx: extensions of tm, as Kamailio 5.6's module of that name (compared
// with it): t_cancel_branches, t_cancel_callid (without the Reason code
// form), t_reply_callid, t_flush_flags, the t_is_*_route tests,
// t_precheck_trans, and the transaction's pseudo-variables. It works through
// tm's API, so a script loading it must load tm. t_suspend/t_continue,
// t_drop, t_reuse_branch and t_flush_xflags are not provided. tm's
// statistics are exported here (group tmx), as in Kamailio.

import { defineModule } from '../api.js';
import type { TmApi } from '../tm/api.js';
import { bindTm } from './bound.js';
import { tmxCommands } from './commands.js';
import { messagePvs } from './message-pvs.js';
import { transactionPvs } from './pseudo-variables.js';
import { tmxStatistics } from './statistics.js';

export const tmx = defineModule({
  name: 'tmx',
  params: [{ name: 'precheck_trans', type: 'int', default: 1, min: 0, max: 1 }],
  commands: tmxCommands,
  pseudoVariables: [...transactionPvs, ...messagePvs],
  statistics: tmxStatistics,
  init: (module) => {
    const api = module.bind<TmApi>('tm');
    if (!api) return 'cannot bind to the TM API: load module tm';
    bindTm(api);
    return undefined;
  },
});
