// kex: Kamailio's core extensions as module commands: script and branch
// flags, the destination URI, pv_printf, is_myself and the per-process log
// level. Checked against Kamailio 5.6. km_append_branch, which kex's
// README lists, is not a command of Kamailio 5.6 (its kamailio -c refuses it).

import { defineModule } from '../api.js';
import { coreCommands } from './core.js';
import { flagCommands } from './flags.js';

export const kex = defineModule({
  name: 'kex',
  commands: [...flagCommands, ...coreCommands],
});
