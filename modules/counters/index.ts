// counters: counters the script declares (modparam script_counter, in the
// group script_cnt_grp_name names unless the declaration gives one) and
// changes with cnt_inc, cnt_add and cnt_reset; they are statistics of their
// group, read as Kamailio's are (stats.get_statistics script:). A command
// naming a counter no script_counter declared logs an error and returns -1
// (Kamailio refuses to start: siprc's argument fixup does not see the
// module's parameters). The declarations all use the final
// script_cnt_grp_name, wherever its modparam line is (Kamailio uses the
// value set so far). The cnt.* control methods are in rpc.ts.

import { ANY_ROUTE, command, defineModule, type ExecContext, type ModuleInstance, type StatisticsGroup } from '../api.js';
import { counterRefFixup, parseDeclaration, type CounterRef } from './declarations.js';
import { countersRpc } from './rpc.js';

/** The declared counters of a running instance, by `group.name`. */
const declared = new WeakMap<ModuleInstance, Map<string, StatisticsGroup>>();

/** The group of a declared counter; undefined (with an error logged) for one not declared. */
function counterGroup(ctx: ExecContext, module: ModuleInstance, ref: CounterRef, what: string): StatisticsGroup | undefined {
  const group = ref.group ?? (module.params.get('script_cnt_grp_name') as string);
  const found = declared.get(module)?.get(`${group}.${ref.name}`);
  if (!found) ctx.log(-1, `counters: ${what}: counter ${group}.${ref.name} does not exist (declare it with modparam("counters", "script_counter", ...))`);
  return found;
}

const NAME_ARG = { name: 'name', type: 'str', fixup: counterRefFixup } as const;

/** Applies a change to a declared counter: 1, or -1 (logged) when the script declared none by that name. */
function change(ctx: ExecContext, module: ModuleInstance, arg: unknown, what: string, apply: (group: StatisticsGroup, name: string) => void): number {
  const ref = arg as CounterRef;
  const g = counterGroup(ctx, module, ref, what);
  if (!g) return -1;
  apply(g, ref.name);
  return 1;
}

export const counters = defineModule({
  name: 'counters',
  params: [
    { name: 'script_counter', type: 'str', repeatable: true },
    { name: 'script_cnt_grp_name', type: 'str', default: 'script' },
  ],
  commands: [
    command({ name: 'cnt_inc', args: [NAME_ARG], routes: ANY_ROUTE, run: (ctx, [ref], _p, module) => change(ctx, module, ref, 'cnt_inc', (g, name) => g.add(name)) }),
    command({
      name: 'cnt_add',
      args: [NAME_ARG, { name: 'number', type: 'intpv' }],
      routes: ANY_ROUTE,
      run: (ctx, [ref, n], _p, module) => {
        if (n !== undefined) return change(ctx, module, ref, 'cnt_add', (g, name) => g.add(name, n));
        ctx.log(-1, 'counters: cnt_add: the number to add is not an integer');
        return -1;
      },
    }),
    command({ name: 'cnt_reset', args: [NAME_ARG], routes: ANY_ROUTE, run: (ctx, [ref], _p, module) => change(ctx, module, ref, 'cnt_reset', (g, name) => g.set(name, 0)) }),
  ],
  rpc: countersRpc,
  init(module) {
    const defaultGroup = module.params.get('script_cnt_grp_name') as string;
    if (!/^[^\s.:]+$/.test(defaultGroup)) return `script_cnt_grp_name "${defaultGroup}": bad group name`;
    const byName = new Map<string, StatisticsGroup>();
    for (const text of module.params.get('script_counter') as readonly string[]) {
      const d = parseDeclaration(String(text), defaultGroup);
      if (typeof d === 'string') return d;
      const key = `${d.group}.${d.name}`;
      if (byName.has(key)) return `script_counter "${text}": counter ${key} is declared twice`;
      const group = module.statistics.group(d.group);
      if (group.has(d.name)) return `script_counter "${text}": ${key} is already a statistic`;
      group.declare({ name: d.name, kind: 'counter', help: d.help });
      byName.set(key, group);
    }
    declared.set(module, byName);
    return undefined;
  },
});
