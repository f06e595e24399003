// stats.get_statistics, stats.reset_statistics, stats.clear_statistics,
// stats.fetch and stats.fetchn over the statistics of a running siprc, each
// argument in Kamailio's forms: `all`, `group:` (a whole group) or a name
// (found in every group). siprc also takes `group:name` (Kamailio 5.6 finds
// nothing for it). Results as Kamailio's: lines `group:name = value`, or a
// struct of `group.name` keys for the fetch methods.

import { BAD_PARAMS, RpcError, type RpcMethod } from './dispatcher.js';

/** One group of statistics as the methods read it (runtime/stats' StatGroup is one). */
export interface StatsGroupView {
  readonly name: string;
  names(): readonly string[];
  get(name: string): number;
  /** Sets a counter back to 0; a gauge keeps its value. */
  reset(name: string): void;
}

/** Every group of statistics, sorted by name. */
export interface StatsView {
  groups(): readonly StatsGroupView[];
}

interface Stat {
  readonly group: StatsGroupView;
  readonly name: string;
}

/** The statistics one argument names, in Kamailio's order (by group, then by name). */
function select(view: StatsView, arg: string): Stat[] {
  const groups = view.groups();
  const all = (g: StatsGroupView): Stat[] => g.names().map((name) => ({ group: g, name }));
  if (arg === 'all') return groups.flatMap(all);
  const colon = arg.indexOf(':');
  if (colon === arg.length - 1) return groups.filter((g) => g.name === arg.slice(0, -1)).flatMap(all);
  if (colon > 0) {
    const group = groups.find((g) => g.name === arg.slice(0, colon));
    const name = arg.slice(colon + 1);
    return group && group.names().includes(name) ? [{ group, name }] : [];
  }
  return groups.filter((g) => g.names().includes(arg)).map((group) => ({ group, name: arg }));
}

/** The string arguments (non-strings skipped, as Kamailio's scan does); a fault with `missing` when there are none. */
function names(params: readonly unknown[], missing: string): string[] {
  const list = params.filter((p): p is string => typeof p === 'string');
  if (list.length === 0) throw new RpcError(BAD_PARAMS, missing);
  return list;
}

const selectAll = (view: StatsView, params: readonly unknown[], missing: string): Stat[] => names(params, missing).flatMap((arg) => select(view, arg));

const WHICH = 'Please provide which stats to retrieve';

export function statsMethods(view: StatsView): RpcMethod[] {
  const fetch = (params: readonly unknown[], asText: boolean): Record<string, string | number> => {
    const out: Record<string, string | number> = {};
    for (const s of selectAll(view, params, WHICH)) {
      const value = s.group.get(s.name);
      out[`${s.group.name}.${s.name}`] = asText ? String(value) : value;
    }
    return out;
  };
  return [
    {
      name: 'stats.get_statistics',
      help: 'Returns statistics as "group:name = value" lines; arguments: all, group:, or a name (repeatable).',
      run: (params) => selectAll(view, params, WHICH).map((s) => `${s.group.name}:${s.name} = ${s.group.get(s.name)}`),
    },
    {
      name: 'stats.reset_statistics',
      help: 'Sets counters back to 0 (gauges keep their value); arguments as stats.get_statistics.',
      run: (params) => {
        for (const s of selectAll(view, params, 'Please provide stats name')) s.group.reset(s.name);
        return {};
      },
    },
    {
      name: 'stats.clear_statistics',
      help: 'Returns statistics and sets the counters back to 0, as "group:name = new (old)" lines.',
      run: (params) =>
        selectAll(view, params, 'Please provide stats name').map((s) => {
          const old = s.group.get(s.name);
          s.group.reset(s.name);
          return `${s.group.name}:${s.name} = ${s.group.get(s.name)} (${old})`;
        }),
    },
    {
      name: 'stats.fetch',
      help: 'Returns statistics as a struct of "group.name" keys with their values as strings.',
      run: (params) => fetch(params, true),
    },
    {
      name: 'stats.fetchn',
      help: 'Returns statistics as a struct of "group.name" keys with their values as numbers.',
      run: (params) => fetch(params, false),
    },
  ];
}
