// pv's control methods pv.shvSet and pv.shvGet over the shared variables
// ($shv) of the running script, with Kamailio 5.6's faults and answers
// (compared with kamcmd on loopback). As in Kamailio, only variables that
// exist can be set: those given by shvset, those the script names, and
// those set at run time under a dynamic name. A variable never set holds
// the integer 0. They are listed newest first, as Kamailio lists them.

import type { ModuleInstance, RpcDecl, Value } from '../api.js';
import { scriptSharedNames, startValues } from './classes/storage.js';

const fault = (code: number, message: string): Error => Object.assign(new Error(message), { code });
const USAGE = '(Parameters: varname type value)';

/** The variables that exist, oldest first: shvset's, the script's, then those made at run time. */
function declared(module: ModuleInstance): string[] {
  const names = new Set([...startValues.shared.keys(), ...scriptSharedNames]);
  for (const n of module.worker.shared.keys()) names.add(n);
  return [...names];
}

function valueOf(module: ModuleInstance, name: string): Value {
  return module.worker.shared.get(name) ?? startValues.shared.get(name) ?? 0;
}

function view(module: ModuleInstance, name: string): { name: string; type: string; value: string | number } {
  const v = valueOf(module, name);
  return typeof v === 'string' ? { name, type: 'string', value: v } : { name, type: 'int', value: Number(v ?? 0) };
}

export const pvRpc: readonly RpcDecl[] = [
  {
    name: 'pv.shvSet',
    help: 'Sets a shared variable $shv(NAME) that exists: NAME int|str VALUE.',
    run: (module, params) => {
      const [name, type, value] = params;
      if (typeof name !== 'string') throw fault(500, `Missing parameter varname ${USAGE}`);
      if (typeof type !== 'string') throw fault(500, `Missing parameter type ${USAGE}`);
      let v: Value;
      if (type === 'int') {
        if (typeof value !== 'number' || !Number.isInteger(value)) throw fault(500, `Missing integer parameter value ${USAGE}`);
        v = value;
      } else if (type === 'str') {
        if (typeof value !== 'string') throw fault(500, `Missing parameter value ${USAGE}`);
        v = value;
      } else throw fault(500, 'Unknown parameter type (Types: int or str)');
      if (!declared(module).includes(name)) throw fault(404, 'Variable not found');
      module.worker.shared.set(name, v);
      return 'Ok. Variable set to new value.';
    },
  },
  {
    name: 'pv.shvGet',
    help: 'Answers a shared variable $shv(NAME), or every one without a name.',
    run: (module, params) => {
      const name = params[0];
      if (typeof name !== 'string') return { items: declared(module).reverse().map((n) => ({ shv: view(module, n) })) };
      if (!declared(module).includes(name)) throw fault(404, 'Variable not found');
      return view(module, name);
    },
  },
];
