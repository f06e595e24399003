// The configuration groups cfg_select and cfg_reset may name: the core's,
// those a script declares with its own variables (`group.name = value`), and
// those Kamailio 5.6's modules declare (found by which module objects
// declare a group; each is named after its module).

/** Modules that declare a configuration group of their own name. */
const MODULE_GROUPS = new Set(['carrierroute', 'dispatcher', 'maxfwd', 'outbound', 'registrar', 'rtpengine', 'sctp', 'siputils', 'stun', 'tls', 'tm', 'websocket', 'xlog']);

/** Modules that declare a group under another name (siprc does not know which): any group is accepted when one is loaded. */
const OTHER_NAMED_GROUPS = new Set(['debugger', 'ims_registrar_scscf', 'p_usrloc']);

/** Whether `group` is a configuration group, given the script's own groups and its loaded modules. */
export function isCfgGroup(group: string, scriptGroups: ReadonlySet<string>, modules: readonly string[]): boolean {
  if (group === 'core' || scriptGroups.has(group)) return true;
  return modules.some((m) => (MODULE_GROUPS.has(m) && m === group) || OTHER_NAMED_GROUPS.has(m));
}
