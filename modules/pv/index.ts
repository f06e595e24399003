// pv: the pseudo-variables of the message, the script's storage ($var,
// $shv, $avp, $xavp), flags, branches and time, the transformations, and
// the commands that test and manage pseudo-variables; the control methods
// pv.shvSet and pv.shvGet (rpc.ts).
// Not provided: $sel(...) (siprc has no select framework), $ksr(ver)
// (Kamailio 5.6 gives its own version, 5.6.3; siprc's version is not known
// to modules, and giving Kamailio's would be false).

import { defineModule, FixupError } from '../api.js';
import { evalClass, useFormatCompiler } from './classes/eval.js';
import { flagBranchClasses } from './classes/flags-branches.js';
import { numberRequest, processingClasses } from './classes/processing.js';
import { fromToClasses } from './classes/from-to.js';
import { identityClasses } from './classes/identity.js';
import { messageClasses } from './classes/message.js';
import { avpAliases, parseAvpAliases, parseStartValue, startValues, storageClasses } from './classes/storage.js';
import { timeClasses } from './classes/time.js';
import { transportClasses } from './classes/transport.js';
import { uriClasses } from './classes/uri.js';
import { viaClasses } from './classes/via.js';
import { staticBranchCommands } from './classes/static-branch.js';
import { pvCommands } from './commands.js';
import { pvRpc } from './rpc.js';
import { pvTransformations } from './transformations/index.js';

/** Applies each value of a repeatable parameter; the reason to refuse to start when one is bad. */
function eachValue(values: unknown, param: string, apply: (value: string) => void): string | undefined {
  try {
    for (const value of values as readonly string[]) apply(value);
  } catch (e) {
    if (e instanceof FixupError) return `${param}: ${e.message}`;
    throw e;
  }
  return undefined;
}

export const pv = defineModule({
  name: 'pv',
  pseudoVariables: [...uriClasses, ...fromToClasses, ...messageClasses, ...transportClasses, ...storageClasses, ...flagBranchClasses, ...timeClasses, ...viaClasses, ...identityClasses, ...processingClasses, evalClass],
  commands: [...pvCommands, ...staticBranchCommands],
  transformations: pvTransformations,
  rpc: pvRpc,
  // $mi: a request's number is taken as it arrives, before the script can wait.
  requestReceived: (_module, ctx) => numberRequest(ctx),
  params: [
    { name: 'varset', type: 'str', repeatable: true },
    { name: 'shvset', type: 'str', repeatable: true },
    { name: 'avp_aliases', type: 'str', repeatable: true },
  ],
  init: (module) => {
    useFormatCompiler((text) => module.compileFormat(text));
    startValues.vars.clear();
    startValues.shared.clear();
    avpAliases.clear();
    return (
      eachValue(module.params.get('varset'), 'varset', (v) => void startValues.vars.set(...parseStartValue(v))) ??
      eachValue(module.params.get('shvset'), 'shvset', (v) => void startValues.shared.set(...parseStartValue(v))) ??
      eachValue(module.params.get('avp_aliases'), 'avp_aliases', (v) => parseAvpAliases(v).forEach(([alias, name]) => avpAliases.set(alias, name)))
    );
  },
});
