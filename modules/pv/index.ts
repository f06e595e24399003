// pv: the pseudo-variables of the message, the script's storage ($var,
// $shv, $avp, $xavp), flags, branches and time, the transformations, and
// the commands that test and manage pseudo-variables.

import { defineModule, FixupError } from '../api.js';
import { flagBranchClasses } from './classes/flags-branches.js';
import { fromToClasses } from './classes/from-to.js';
import { messageClasses } from './classes/message.js';
import { avpAliases, parseAvpAliases, parseStartValue, startValues, storageClasses } from './classes/storage.js';
import { timeClasses } from './classes/time.js';
import { transportClasses } from './classes/transport.js';
import { uriClasses } from './classes/uri.js';
import { viaClasses } from './classes/via.js';
import { staticBranchCommands } from './classes/static-branch.js';
import { pvCommands } from './commands.js';
import { pvTransformations } from './transformations/index.js';

export const pv = defineModule({
  name: 'pv',
  pseudoVariables: [...uriClasses, ...fromToClasses, ...messageClasses, ...transportClasses, ...storageClasses, ...flagBranchClasses, ...timeClasses, ...viaClasses],
  commands: [...pvCommands, ...staticBranchCommands],
  transformations: pvTransformations,
  params: [
    { name: 'varset', type: 'str', repeatable: true },
    { name: 'shvset', type: 'str', repeatable: true },
    { name: 'avp_aliases', type: 'str', repeatable: true },
  ],
  init: (module) => {
    for (const [param, store] of [['varset', startValues.vars], ['shvset', startValues.shared]] as const) {
      store.clear();
      for (const value of module.params.get(param) as readonly string[]) {
        try {
          const [name, start] = parseStartValue(value);
          store.set(name, start);
        } catch (e) {
          if (e instanceof FixupError) return `${param}: ${e.message}`;
          throw e;
        }
      }
    }
    avpAliases.clear();
    for (const value of module.params.get('avp_aliases') as readonly string[]) {
      try {
        for (const [alias, name] of parseAvpAliases(value)) avpAliases.set(alias, name);
      } catch (e) {
        if (e instanceof FixupError) return `avp_aliases: ${e.message}`;
        throw e;
      }
    }
    return undefined;
  },
});
