// The counters module's control methods over every group of statistics of
// the running siprc (the core's, each module's, the script counters), with
// Kamailio 5.6's parameters, answers and faults (kamcmd and jsonrpcs on
// loopback): cnt.get group [name] (without a name: the whole group, as
// cnt.get_vars), cnt.get_raw, cnt.reset, cnt.help, cnt.list_groups /
// cnt.grps_list (groups that hold a statistic, sorted), cnt.list_vars /
// cnt.var_list and cnt.get_vars / cnt.grp_get_all (an unknown group answers
// an empty list or struct). A counter that does not exist is the fault 400
// "non-existent counter group.name".

import type { ModuleInstance, RpcDecl, StatisticsGroup } from '../api.js';
import { RpcParams } from '../../runtime/rpc/params.js';

function fault(code: number, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/** A group by name; undefined when there is none or it holds nothing. */
function group(module: ModuleInstance, name: string): StatisticsGroup | undefined {
  return module.statistics.groups().find((g) => g.name === name && g.names().length > 0);
}

/** The group and counter the first two parameters name; the fault Kamailio gives when there is no such counter. */
function counter(module: ModuleInstance, params: RpcParams): { readonly group: StatisticsGroup; readonly name: string } {
  const g = params.str(0);
  const name = params.str(1);
  const found = group(module, g);
  if (!found || !found.names().includes(name)) throw fault(400, `non-existent counter ${g}.${name}\n`);
  return { group: found, name };
}

/** Every counter of a group with its value, by name (an unknown group: none). */
function values(module: ModuleInstance, name: string): Record<string, number> {
  const g = group(module, name);
  return Object.fromEntries((g?.names() ?? []).map((n) => [n, g!.get(n)]));
}

const listGroups = (module: ModuleInstance): string[] =>
  module.statistics
    .groups()
    .filter((g) => g.names().length > 0)
    .map((g) => g.name);

const listVars = (module: ModuleInstance, params: readonly unknown[]): readonly string[] => group(module, new RpcParams(params).str(0))?.names() ?? [];

const getVars = (module: ModuleInstance, params: readonly unknown[]): Record<string, number> => values(module, new RpcParams(params).str(0));

/** cnt.get and cnt.get_raw: a counter's value, or the whole group when no name is given. */
function get(module: ModuleInstance, params: readonly unknown[]): number | Record<string, number> {
  const p = new RpcParams(params);
  if (p.length < 2) return values(module, p.str(0));
  const c = counter(module, p);
  return c.group.get(c.name);
}

export const countersRpc: readonly RpcDecl[] = [
  { name: 'cnt.get', help: 'Get the value of a counter: cnt.get group name (without a name: every counter of the group).', run: get },
  { name: 'cnt.get_raw', help: 'Get the raw value of a counter: cnt.get_raw group name.', run: get },
  {
    name: 'cnt.reset',
    help: 'Reset a counter to 0: cnt.reset group name.',
    run: (module, params) => {
      const c = counter(module, new RpcParams(params));
      c.group.reset(c.name);
      return {};
    },
  },
  {
    name: 'cnt.help',
    help: "A counter's description: cnt.help group name.",
    run: (module, params) => {
      const c = counter(module, new RpcParams(params));
      return c.group.info(c.name)?.help ?? '';
    },
  },
  { name: 'cnt.list_groups', help: 'List the counter groups.', run: listGroups },
  { name: 'cnt.grps_list', help: 'List the counter groups (cnt.list_groups).', run: listGroups },
  { name: 'cnt.list_vars', help: 'List the counters of a group: cnt.list_vars group.', run: listVars },
  { name: 'cnt.var_list', help: 'List the counters of a group (cnt.list_vars): cnt.var_list group.', run: listVars },
  { name: 'cnt.get_vars', help: 'Every counter of a group with its value: cnt.get_vars group.', run: getVars },
  { name: 'cnt.grp_get_all', help: 'Every counter of a group with its value (cnt.get_vars): cnt.grp_get_all group.', run: getVars },
];
