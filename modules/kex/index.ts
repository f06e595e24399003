// kex: Kamailio's core extensions as module commands: script and branch
// flags, the destination URI, pv_printf, is_myself and the per-process log
// level. Checked against Kamailio 5.6.

import { defineModule } from '../api.js';
import { coreCommands } from './core.js';
import { flagCommands } from './flags.js';

export const kex = defineModule({
  name: 'kex',
  commands: [...flagCommands, ...coreCommands],
});
