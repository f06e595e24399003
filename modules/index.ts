// The modules siprc provides. A module is listed here once its commands run;
// until then a script that loads it is told the module is not available yet.

import type { ModuleDecl } from './api.js';
import { maxfwd } from './maxfwd/index.js';

export const builtinModules: readonly ModuleDecl[] = [maxfwd];
