// sl's control method sl.stats: the replies sent per code and class, from
// the module's statistics, with the keys and order Kamailio 5.6 answers
// (`200`, `202`, `2xx`, ..., `xxx`; provisional replies count as xxx there).

import type { RpcDecl } from '../api.js';

const KEYS = ['200', '202', '2xx', '300', '301', '302', '3xx', '400', '401', '403', '404', '407', '408', '483', '4xx', '500', '5xx', '6xx', 'xxx'];

export const slRpc: readonly RpcDecl[] = [
  {
    name: 'sl.stats',
    help: 'Print reply statistics.',
    run: (module) => Object.fromEntries(KEYS.map((k) => [k, module.stats.get(`${k}_replies`)])),
  },
];
