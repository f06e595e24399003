// kex: Kamailio's core extensions as module commands: script and branch
// flags, the destination URI, pv_printf, is_myself and the per-process log
// level. Checked against Kamailio 5.6. km_append_branch, which kex's
// README lists, is not a command of Kamailio 5.6 (its kamailio -c refuses it).
// Control methods: the core.* and stats.* ones kex's README lists are served
// by siprc's core dispatcher whether kex is loaded or not, as Kamailio 5.6's
// core serves core.* (runtime/rpc/); pkg.stats, pkg.info, mod.stats,
// mod.mem_stats and mod.mem_statsx are not provided: they report Kamailio's
// per-process and per-module allocators, and siprc's one process keeps its
// memory on Node's heap (core.shmmem reports it).

import { defineModule } from '../api.js';
import { coreCommands } from './core.js';
import { flagCommands } from './flags.js';

export const kex = defineModule({
  name: 'kex',
  commands: [...flagCommands, ...coreCommands],
});
