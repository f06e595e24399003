// The debugger module's settings and live state, per running instance: the
// cfgtrace switch (dbg.trace turns it on and off), how trace lines are
// written (log_level, log_level_name, log_facility, log_prefix,
// cfgtrace_format), and the per-module levels and facilities (mod_level,
// mod_facility; dbg.set_mod_level/dbg.set_mod_facility change them) that
// the logger reads while they are enabled (mod_hash_size above 0 and the
// mode on), as Kamailio 5.6 uses them.

import type { ModuleInstance, ParamValues } from '../api.js';
import { facilityCode } from '../../runtime/log/syslog.js';

export interface DebuggerState {
  /** cfgtrace: whether each action is logged. */
  trace: boolean;
  /** Whether trace lines name the file (cfgtrace_format 0). */
  readonly traceFile: boolean;
  readonly level: number;
  /** log_level_name: what trace lines say instead of the level's name. */
  readonly label: string | undefined;
  /** log_facility: the facility of trace lines (undefined: the module's, else the core's). */
  readonly facility: string | undefined;
  readonly prefix: string;
  /** mod_hash_size above 0: per-module settings may be kept at all. */
  readonly perModule: boolean;
  readonly levelMode: boolean;
  readonly facilityMode: boolean;
  /** Per-module levels and facilities by module name ('core' for the core): what the logger reads when their mode is on. */
  readonly levels: Map<string, number>;
  readonly facilities: Map<string, string>;
  /** The core's own log_facility, for a module that has none of its own (set where logging is set up). */
  coreFacility: string;
}

const STATES = new WeakMap<ModuleInstance, DebuggerState>();

/** The state of a running debugger instance (undefined before its init). */
export function debuggerState(module: ModuleInstance): DebuggerState | undefined {
  return STATES.get(module);
}

/** Parameters of what siprc does not provide, with why: refused unless left at their default. */
const NOT_PROVIDED: ReadonlyArray<readonly [string, number, string]> = [
  ['breakpoint', 0, 'interactive breakpoints are not provided by siprc (its one process serves every message and cannot stop at one)'],
  ['step_usleep', 100000, 'it only paces breakpoints, which siprc does not provide'],
  ['step_loops', 200, 'it only paces breakpoints, which siprc does not provide'],
  ['log_assign', 0, 'logging assignments is not provided by siprc'],
  ['cfgpkgcheck', 0, 'siprc has no pkg memory to check'],
  ['reset_msgid', 0, 'siprc has no message sequence number ($mi) to reset'],
  ['cfgtest', 0, 'the cfgt module is not provided by siprc'],
];

/** The value of one `module=value` entry, or undefined when it is malformed. */
function entries<T>(values: unknown, read: (v: string) => T | undefined, param: string, expected: string): Map<string, T> | string {
  const out = new Map<string, T>();
  for (const entry of Array.isArray(values) ? values : []) {
    const text = String(entry);
    const eq = text.indexOf('=');
    const value = eq > 0 ? read(text.slice(eq + 1).trim()) : undefined;
    if (value === undefined) return `${param} "${text}": expected module=${expected}`;
    out.set(text.slice(0, eq).trim(), value);
  }
  return out;
}

/** A log level number (Kamailio's L_ALERT -5 ... L_DBG 3, or above). */
export function levelNumber(text: string): number | undefined {
  return /^-?\d+$/.test(text.trim()) ? Number(text) : undefined;
}

/** Reads the parameters into the instance's state; a string says what is wrong (refusing the start). */
export function startDebugger(module: ModuleInstance, p: ParamValues): string | undefined {
  for (const [name, def, why] of NOT_PROVIDED) if (p.get(name) !== def) return `${name}: ${why}; leave it at ${def}`;
  for (const name of ['cfgtrace', 'cfgtrace_format', 'mod_level_mode', 'mod_facility_mode']) {
    if (p.get(name) !== 0 && p.get(name) !== 1) return `${name} ${String(p.get(name))}: expected 0 or 1`;
  }
  const facility = p.get('log_facility') as string;
  if (facility !== '' && facilityCode(facility) === undefined) return `log_facility "${facility}": not a syslog facility (LOG_LOCAL0 ... LOG_LOCAL7, LOG_DAEMON, ...)`;
  const levels = entries(p.get('mod_level'), levelNumber, 'mod_level', 'level (a number)');
  if (typeof levels === 'string') return levels;
  const facilities = entries(p.get('mod_facility'), (v) => (facilityCode(v) === undefined ? undefined : v), 'mod_facility', 'facility (LOG_LOCAL0, ...)');
  if (typeof facilities === 'string') return facilities;
  const label = p.get('log_level_name') as string;
  STATES.set(module, {
    trace: p.get('cfgtrace') === 1,
    traceFile: p.get('cfgtrace_format') === 0,
    level: p.get('log_level') as number,
    label: label === '' ? undefined : label,
    facility: facility === '' ? undefined : facility,
    prefix: p.get('log_prefix') as string,
    perModule: (p.get('mod_hash_size') as number) > 0,
    levelMode: p.get('mod_level_mode') === 1,
    facilityMode: p.get('mod_facility_mode') === 1,
    levels,
    facilities,
    coreFacility: 'LOG_DAEMON',
  });
  return undefined;
}
