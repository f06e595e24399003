// tm's control method tm.stats, with Kamailio 5.6's fields, from the
// transaction statistics tm counts into tmx's group (nothing is counted
// without tmx, as in Kamailio, so every field is then 0). siprc frees a
// transaction at once when it ends: delayed_free is always 0.

import type { RpcDecl } from '../api.js';

export const tmRpc: readonly RpcDecl[] = [
  {
    name: 'tm.stats',
    help: 'Print transaction statistics.',
    run: (module) => {
      const g = module.statistics.group('tmx');
      const total = g.get('UAS_transactions') + g.get('UAC_transactions');
      const current = g.get('inuse_transactions');
      return {
        current,
        waiting: current - g.get('active_transactions'),
        total,
        total_local: g.get('UAC_transactions'),
        rpl_received: g.get('rpl_received'),
        rpl_generated: g.get('rpl_generated'),
        rpl_sent: g.get('rpl_sent'),
        '6xx': g.get('6xx_transactions'),
        '5xx': g.get('5xx_transactions'),
        '4xx': g.get('4xx_transactions'),
        '3xx': g.get('3xx_transactions'),
        '2xx': g.get('2xx_transactions'),
        created: total,
        freed: total - current,
        delayed_free: 0,
      };
    },
  },
];
