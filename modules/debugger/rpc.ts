// The debugger's control methods that siprc can really serve, with Kamailio
// 5.6's parameters, answers and faults (checked with kamcmd on loopback):
// dbg.ls (siprc's one process, `set` 1 while cfgtrace is on), dbg.trace
// on|off [pid], dbg.set_mod_level / dbg.set_mod_facility (the logger reads
// the new value from the next line on), dbg.get_mod_level /
// dbg.get_mod_facility (a module without its own: the core's level and
// facility). dbg.bp (breakpoints) and dbg.reset_msgid ($mi) are not
// provided: siprc has neither.

import type { ModuleInstance, RpcDecl } from '../api.js';
import { facilityCode } from '../../runtime/log/syslog.js';
import { cfgVars } from '../../runtime/cfg-vars.js';
import { debuggerState, levelNumber, type DebuggerState } from './state.js';

/** A fault, as Kamailio's rpc->fault gives it. */
function fault(code: number, message: string): Error {
  return Object.assign(new Error(message), { code });
}

function state(module: ModuleInstance): DebuggerState {
  const s = debuggerState(module);
  if (!s) throw fault(500, 'debugger not initialized');
  return s;
}

/** The pid parameter: siprc's own process, or undefined when left out. */
function pidOf(param: unknown): number | undefined {
  if (param === undefined) return undefined;
  if (Number(param) !== process.pid) throw fault(500, 'No such pid');
  return process.pid;
}

/** The core's level in force (cfg.seti core debug changes it). */
function coreLevel(): number {
  return Number(cfgVars.find('core', 'debug')?.get() ?? 0);
}

/**
 * dbg.set_mod_level and dbg.set_mod_facility: a module and its value (read
 * by `read`; Kamailio answers a missing or bad one with 500 and `bad`),
 * stored in the table the logger reads.
 */
function setter<T>(read: (v: unknown) => T | undefined, bad: string, table: (s: DebuggerState) => Map<string, T>): RpcDecl['run'] {
  return (module, params) => {
    if (typeof params[0] !== 'string' || params[1] === undefined) throw fault(500, 'invalid parameters');
    const value = read(params[1]);
    if (value === undefined) throw fault(500, bad);
    const s = state(module);
    if (!s.perModule) throw fault(500, 'cannot store parameter: mod_hash_size is 0');
    table(s).set(params[0], value);
    return '200 ok';
  };
}

const readLevel = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : levelNumber(String(v)));
const readFacility = (v: unknown): string | undefined => (typeof v === 'string' && facilityCode(v) !== undefined ? v : undefined);

export const debuggerRpc: readonly RpcDecl[] = [
  {
    name: 'dbg.ls',
    help: 'List the processes with their debugger state (pid, set: 1 while cfgtrace is on); pid: only that one.',
    run: (module, params) => {
      pidOf(params[0]);
      return [{ entry: 0, pid: process.pid, set: state(module).trace ? 1 : 0, state: 0, 'in.pid': 0, 'in.cmd': 0 }];
    },
  },
  {
    name: 'dbg.trace',
    help: 'Turn the config trace on or off: dbg.trace on|off [pid].',
    run: (module, params) => {
      const cmd = params[0];
      if (cmd === undefined) throw fault(500, 'Config trace command missing');
      if (cmd !== 'on' && cmd !== 'off') throw fault(500, 'Unknown trace command');
      pidOf(params[1]);
      state(module).trace = cmd === 'on';
      return '200 ok';
    },
  },
  {
    name: 'dbg.set_mod_level',
    help: 'Set the log level of a module (core for the core): dbg.set_mod_level module level.',
    run: setter(readLevel, 'invalid parameters', (s) => s.levels),
  },
  {
    name: 'dbg.set_mod_facility',
    help: 'Set the syslog facility of a module (core for the core): dbg.set_mod_facility module LOG_LOCAL0.',
    run: setter(readFacility, 'facility not found', (s) => s.facilities),
  },
  {
    name: 'dbg.get_mod_level',
    help: "Get a module's log level (the core's when it has none of its own): dbg.get_mod_level module.",
    run: (module, params) => {
      if (typeof params[0] !== 'string') throw fault(500, 'invalid parameters');
      const s = state(module);
      return (s.levelMode ? s.levels.get(params[0]) : undefined) ?? coreLevel();
    },
  },
  {
    name: 'dbg.get_mod_facility',
    help: "Get a module's syslog facility (the core's when it has none of its own): dbg.get_mod_facility module.",
    run: (module, params) => {
      if (typeof params[0] !== 'string') throw fault(500, 'invalid parameters');
      const s = state(module);
      return (s.facilityMode ? s.facilities.get(params[0]) : undefined) ?? s.coreFacility;
    },
  },
];
