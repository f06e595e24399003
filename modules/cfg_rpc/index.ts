// cfg_rpc: the cfg.* RPC methods, reading and changing while siprc runs the
// settings it lets change live (runtime/cfg-vars.ts: core's debug, tm's
// timers, lifetimes and 100 Trying). cfg.seti/cfg.sets/cfg.set (and their
// set_now aliases) change a setting at once; cfg.set_delayed* queue a
// change that cfg.commit applies and cfg.rollback drops, cfg.diff lists
// them; cfg.reset puts a group back to its values at start; cfg.get,
// cfg.list and cfg.help read. Failures answer what Kamailio 5.6 answers
// ("Failed to set the variable", with the reason in the log). Left out:
// group instances (`group[id]`: cfg.add_group_inst, cfg.del_group_inst,
// cfg.del, cfg.del_delayed), which only Kamailio modules that select a
// group instance while routing use; a group name with `[id]` names no
// group here.

import { defineModule, type ModuleInstance, type RpcDecl } from '../api.js';
import { cfgVars, type CfgVar } from '../../runtime/cfg-vars.js';
import { RpcError, type RpcValue } from '../../runtime/rpc/dispatcher.js';
import { RpcParams } from '../../runtime/rpc/params.js';

interface Pending {
  readonly v: CfgVar;
  readonly value: number | string;
}

const pendingOf = new WeakMap<ModuleInstance, Pending[]>();
const log = (text: string): void => void process.stderr.write(`cfg_rpc: ${text}\n`);

function pending(module: ModuleInstance): Pending[] {
  let list = pendingOf.get(module);
  if (!list) pendingOf.set(module, (list = []));
  return list;
}

/** The setting a group and name give, or the fault `message`. */
function find(group: string, name: string, message: string): CfgVar {
  const v = cfgVars.find(group, name);
  if (!v) {
    log(`${message.toLowerCase()}: ${group}.${name} is not a setting siprc changes at run time`);
    throw new RpcError(400, message);
  }
  return v;
}

/** The setting and the value checked for it; a bad value is logged and answered "Failed to set the variable". */
function checked(group: string, name: string, value: number | string): Pending {
  const v = find(group, name, 'Failed to set the variable');
  const refused = cfgVars.refuse(v, value);
  if (refused) {
    log(`failed to set the variable: ${refused}`);
    throw new RpcError(400, 'Failed to set the variable');
  }
  return { v, value };
}

/**
 * A method taking (group, name, value of the kind): the value checked for
 * the setting, then `apply` to it (set now, or queued for cfg.commit).
 */
function setMethod(name: string, kind: 'int' | 'str' | 'any', help: string, apply: (module: ModuleInstance, p: Pending) => void): RpcDecl {
  return {
    name,
    help,
    run: (module, params) => {
      const p = new RpcParams(params);
      const group = p.str(0);
      const variable = p.str(1);
      const value = kind === 'str' || (kind === 'any' && typeof params[2] === 'string') ? p.str(2) : p.int(2);
      apply(module, checked(group, variable, value));
      return null;
    },
  };
}

const setNow = (name: string, kind: 'int' | 'str' | 'any', help: string): RpcDecl => setMethod(name, kind, help, (_module, p) => p.v.set(p.value));

/** Queues a change for cfg.commit, in place of an earlier one to the same setting. */
const setDelayed = (name: string, kind: 'int' | 'str' | 'any', help: string): RpcDecl =>
  setMethod(name, kind, help, (module, p) => {
    const list = pending(module);
    const at = list.findIndex((q) => q.v === p.v);
    if (at >= 0) list.splice(at, 1);
    list.push(p);
  });

export const cfgRpc = defineModule({
  name: 'cfg_rpc',
  rpc: [
    {
      name: 'cfg.list',
      help: 'Lists the settings that can be changed at run time, of one group when one is named.',
      run: (_m, params) => cfgVars.list(new RpcParams(params).optStr(0)).map((v) => `${v.group}: ${v.name}`),
    },
    {
      name: 'cfg.get',
      help: "Returns a setting's value, or every setting of a group as a struct.",
      run: (_m, params) => {
        const p = new RpcParams(params);
        const group = p.str(0);
        const name = p.optStr(1);
        if (name !== undefined) return find(group, name, 'Failed to get the variable').get();
        const vars = cfgVars.list(group);
        if (vars.length === 0) throw new RpcError(400, 'Failed to get the variable');
        return Object.fromEntries(vars.map((v) => [v.name, v.get()]));
      },
    },
    {
      name: 'cfg.help',
      help: 'Describes a setting and its type.',
      run: (_m, params) => {
        const p = new RpcParams(params);
        const v = find(p.str(0), p.str(1), 'Failed to get the variable description');
        return [v.help, `(parameter type is ${v.type === 'int' ? 'integer' : 'string'})`];
      },
    },
    setNow('cfg.seti', 'int', 'Sets an integer setting at once: group, name, value.'),
    setNow('cfg.set_now_int', 'int', 'Sets an integer setting at once (cfg.seti).'),
    setNow('cfg.sets', 'str', 'Sets a string setting at once: group, name, value.'),
    setNow('cfg.set_now_string', 'str', 'Sets a string setting at once (cfg.sets).'),
    setNow('cfg.set', 'any', 'Sets a setting at once, an integer or a string as the value is.'),
    setDelayed('cfg.set_delayed_int', 'int', 'Prepares an integer setting, applied by cfg.commit.'),
    setDelayed('cfg.set_delayed_string', 'str', 'Prepares a string setting, applied by cfg.commit.'),
    setDelayed('cfg.set_delayed', 'any', 'Prepares a setting, an integer or a string as the value is, applied by cfg.commit.'),
    {
      name: 'cfg.commit',
      help: 'Applies the prepared changes.',
      run: (module) => {
        for (const p of pending(module).splice(0)) p.v.set(p.value);
        return null;
      },
    },
    {
      name: 'cfg.rollback',
      help: 'Drops the prepared changes.',
      run: (module) => {
        pending(module).length = 0;
        return null;
      },
    },
    {
      name: 'cfg.diff',
      help: 'Lists the prepared changes not applied yet.',
      run: (module): RpcValue => pending(module).map((p) => ({ 'group name': p.v.group, 'variable name': p.v.name, 'old value': p.v.get(), 'new value': p.value })),
    },
    {
      name: 'cfg.reset',
      help: 'Puts the settings of a group back to their values at start.',
      run: (_m, params) => {
        const vars = cfgVars.list(new RpcParams(params).str(0));
        if (vars.length === 0) throw new RpcError(500, 'Reset failed');
        for (const v of vars) v.set(cfgVars.initial(v)!);
        return null;
      },
    },
  ],
});
