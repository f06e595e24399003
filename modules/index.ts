// The modules siprc provides. A module is listed here once its commands run;
// until then a script that loads it is told the module is not available yet.

import type { ModuleDecl } from './api.js';
import { maxfwd } from './maxfwd/index.js';
import { pv } from './pv/index.js';
import { xlog } from './xlog/index.js';

export const builtinModules: readonly ModuleDecl[] = [maxfwd, pv, xlog];
