// A running siprc's dispatcher with the core's methods in it: core.*,
// system.* and stats.* over the statistics registry, to which the
// `shmem` group (Node's heap, read when asked) is added as Kamailio lists
// its shared memory. The modules' own methods are registered by the link
// stage (compiler/link.ts).

import { heapAsShm, coreMethods, type ServerInfo } from './core-methods.js';
import { RpcDispatcher } from './dispatcher.js';
import { statsMethods, type StatsGroupView, type StatsView } from './stats-methods.js';

const SHMEM_NAMES: Readonly<Record<string, keyof ReturnType<typeof heapAsShm>>> = {
  fragments: 'fragments',
  free_size: 'free',
  max_used_size: 'max_used',
  real_used_size: 'real_used',
  total_size: 'total',
  used_size: 'used',
};

/** `shmem:*` as Kamailio names them, from Node's heap; nothing to reset. */
const shmemGroup: StatsGroupView = {
  name: 'shmem',
  names: () => Object.keys(SHMEM_NAMES),
  get: (name) => heapAsShm()[SHMEM_NAMES[name]!] ?? 0,
  reset: () => undefined,
};

/** The registry's groups with `shmem` among them, sorted. */
function withShmem(view: StatsView): StatsView {
  return { groups: () => [...view.groups().filter((g) => g.name !== 'shmem'), shmemGroup].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) };
}

/** A dispatcher holding the core's methods; `info` may be filled in later (the version, once the CLI knows it). */
export function controlDispatcher(stats: StatsView, info: ServerInfo = { version: 'unknown', startedAt: Date.now() }): { dispatcher: RpcDispatcher; info: ServerInfo } {
  const dispatcher = new RpcDispatcher();
  for (const m of coreMethods(info, dispatcher)) dispatcher.register(m);
  for (const m of statsMethods(withShmem(stats))) dispatcher.register(m);
  return { dispatcher, info };
}
