// debugger: what siprc can really do of Kamailio 5.6's config debugger.
// cfgtrace logs each action a message runs (cfgtrace.ts; dbg.trace turns it
// on and off); mod_level/mod_facility give modules log levels and syslog
// facilities of their own (read by the logger: cli/log-setup.ts; changed by
// dbg.set_mod_level/dbg.set_mod_facility, rpc.ts); dbg_pv_dump logs the
// script's pseudo-variables as JSON (pv-dump.ts). Interactive breakpoints
// (breakpoint, step_usleep, step_loops, dbg_breakpoint, dbg.bp), log_assign,
// cfgpkgcheck, reset_msgid ($mi) and cfgtest (cfgt) are not provided: their
// parameters are refused unless left at their defaults, and the commands are
// not declared. dbg_sip_msg is not provided yet.

import { ANY_ROUTE, command, defineModule, type ExecContext } from '../api.js';
import { DEFAULT_LEVEL, DEFAULT_MASK, dumpLevel, pvDump } from './pv-dump.js';
import { debuggerRpc } from './rpc.js';
import { startDebugger } from './state.js';

const MASK = { name: 'mask', type: 'int' } as const;
const LEVEL = { name: 'level', type: 'str', fixup: dumpLevel } as const;

/** Logs the dump at the level given, as the debugger module's line. */
function dump(ctx: ExecContext, mask: number, level: number): number {
  if (level <= ctx.debugLevel) ctx.log(level, `dbg_pv_dump: ${pvDump(ctx, mask)}`, undefined, 'debugger');
  return 1;
}

export const debuggerModule = defineModule({
  name: 'debugger',
  params: [
    { name: 'cfgtrace', type: 'int', default: 0 },
    { name: 'cfgtrace_format', type: 'int', default: 0 },
    { name: 'log_level', type: 'int', default: -1 },
    { name: 'log_level_name', type: 'str', default: '' },
    { name: 'log_facility', type: 'str', default: '' },
    { name: 'log_prefix', type: 'str', default: '*** cfgtrace:' },
    { name: 'mod_hash_size', type: 'int', default: 0, min: 0 },
    { name: 'mod_level_mode', type: 'int', default: 0 },
    { name: 'mod_level', type: 'str', repeatable: true },
    { name: 'mod_facility_mode', type: 'int', default: 0 },
    { name: 'mod_facility', type: 'str', repeatable: true },
    { name: 'breakpoint', type: 'int', default: 0 },
    { name: 'step_usleep', type: 'int', default: 100000 },
    { name: 'step_loops', type: 'int', default: 200 },
    { name: 'log_assign', type: 'int', default: 0 },
    { name: 'cfgpkgcheck', type: 'int', default: 0 },
    { name: 'reset_msgid', type: 'int', default: 0 },
    { name: 'cfgtest', type: 'int', default: 0 },
  ],
  commands: [
    command({ name: 'dbg_pv_dump', args: [], routes: ANY_ROUTE, run: (ctx) => dump(ctx, DEFAULT_MASK, DEFAULT_LEVEL) }),
    command({ name: 'dbg_pv_dump', args: [MASK], routes: ANY_ROUTE, run: (ctx, [mask]) => dump(ctx, mask, DEFAULT_LEVEL) }),
    command({ name: 'dbg_pv_dump', args: [MASK, LEVEL], routes: ANY_ROUTE, run: (ctx, [mask, level]) => dump(ctx, mask, level as unknown as number) }),
  ],
  rpc: debuggerRpc,
  init: (module) => startDebugger(module, module.params),
});
