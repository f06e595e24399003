// How `siprc run` logs, from the script's core settings and the command
// line, as Kamailio 5.6 decides it: `debug=` (or `--debug N`, or -d per
// level), log_stderror (or -E) choosing stderr over syslog, log_facility,
// log_name, log_prefix (a string with pseudo-variables, evaluated on each
// message received), log_engine_type/log_engine_data (or --log-engine) for
// the json engine, and the debugger module's per-module levels and
// facilities. The command line wins over the script, as with kamailio.

import type { CheckedScript } from '../compiler/check.js';
import { compileFormat } from '../compiler/fixup/format.js';
import { scriptFixupEnv } from '../compiler/fixup/pv.js';
import type { LinkedModule } from '../compiler/link.js';
import type { ExecContext } from '../runtime/exec/context.js';
import { parseJsonFlags, type JsonFlags } from '../runtime/log/json.js';
import { Logger, type LogSettings } from '../runtime/log/logger.js';
import { DEV_LOG, SyslogWriter } from '../runtime/log/syslog.js';
import { levelColours } from '../runtime/log/colours.js';
import { logColours } from '../modules/xlog/color.js';
import { debuggerState } from '../modules/debugger/state.js';
import { flagSetting, numericSetting, textSetting } from './script-settings.js';

/** The logging switches of `siprc run`. */
export interface LogOptions {
  /** -E: log to stderr whatever log_stderror says. */
  readonly logStderror?: boolean;
  /** --debug N: the core's level. */
  readonly debug?: string;
  /** -d, once per level: the core's level counted from 0 (when --debug is not given). */
  readonly d?: number;
  /** --log-engine NAME[:DATA]. */
  readonly logEngine?: string;
}

export interface LogSetup {
  readonly logger: Logger;
  readonly prefix: ((ctx: ExecContext) => string) | undefined;
}

/** The json engine named by `NAME[:DATA]`, or what is wrong. */
function engine(type: string, data: string): JsonFlags | { readonly error: string } {
  if (type !== 'json') return { error: `log engine "${type}": siprc provides the json engine only` };
  return parseJsonFlags(data);
}

/** The script's log_engine_type/log_engine_data, or --log-engine. */
function jsonFlags(checked: CheckedScript, options: LogOptions): JsonFlags | { readonly error: string } | undefined {
  if (options.logEngine !== undefined) {
    const colon = options.logEngine.indexOf(':');
    const flags = colon < 0 ? engine(options.logEngine, '') : engine(options.logEngine.slice(0, colon), options.logEngine.slice(colon + 1));
    return 'error' in flags ? { error: `--log-engine ${options.logEngine}: ${flags.error}` } : flags;
  }
  const type = textSetting(checked, 'log_engine_type');
  if (type === undefined || type === '') return undefined;
  const flags = engine(type, textSetting(checked, 'log_engine_data') ?? '');
  return 'error' in flags ? { error: `log_engine_type/log_engine_data: ${flags.error}` } : flags;
}

/**
 * The debugger module's per-module levels and facilities (read at its init
 * from mod_level/mod_facility; dbg.set_mod_level and dbg.set_mod_facility
 * change them while siprc runs), when enabled as Kamailio needs them
 * (mod_hash_size and the mode).
 */
function debuggerSettings(modules: readonly LinkedModule[], coreFacility: string | undefined): Pick<LogSettings, 'moduleLevels' | 'moduleFacilities'> {
  const debug = modules.find((m) => m.decl.name === 'debugger');
  const state = debug && debuggerState(debug);
  if (!state) return {};
  if (coreFacility) state.coreFacility = coreFacility;
  if (!state.perModule) return {};
  return { ...(state.levelMode ? { moduleLevels: state.levels } : {}), ...(state.facilityMode ? { moduleFacilities: state.facilities } : {}) };
}

/** xlog's log_colors (checked by its init), when xlog is loaded. */
function xlogColours(modules: readonly LinkedModule[]): Map<number, string> {
  const xlog = modules.find((m) => m.decl.name === 'xlog');
  return xlog ? logColours(xlog.params.get('log_colors') as readonly string[]) : new Map();
}

/** The core's level: --debug, else -d counted from 0, else the script's debug= (Kamailio's default 0). */
function coreLevel(checked: CheckedScript, options: LogOptions): number | { readonly error: string } {
  if (options.debug !== undefined) return /^-?\d+$/.test(options.debug) ? Number(options.debug) : { error: `--debug ${options.debug}: expected a level number (-5 ... 3 and above)` };
  if (options.d !== undefined && options.d > 0) return options.d;
  return numericSetting(checked, 'debug') ?? 0;
}

/**
 * The logger `siprc run` writes through; `stderr` writes the lines it sends
 * to stderr. Syslog lines go to /dev/log, or to the socket SIPRC_LOG_SOCKET
 * names (a container's mounted log socket).
 */
export async function setUpLogging(
  checked: CheckedScript,
  modules: readonly LinkedModule[],
  options: LogOptions,
  stderr: (text: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<LogSetup | { readonly error: string }> {
  const level = coreLevel(checked, options);
  if (typeof level !== 'number') return level;
  const json = jsonFlags(checked, options);
  if (json && 'error' in json) return json;
  const perModules = debuggerSettings(modules, textSetting(checked, 'log_facility'));
  const toStderr = options.logStderror === true || (flagSetting(checked, 'log_stderror') ?? false);
  let syslog: SyslogWriter | undefined;
  if (!toStderr) {
    let sender;
    try {
      sender = (await import('./log-socket.js')).openDatagramSender();
    } catch (e) {
      return { error: `syslog: cannot open a datagram socket (node-unix-socket): ${(e as Error).message} (run with -E to log to stderr)` };
    }
    let told = false;
    syslog = new SyslogWriter(sender, (datagram, reason) => {
      if (!told) stderr(`siprc: cannot log to syslog (${reason}); log lines go to stderr\n`);
      told = true;
      stderr(datagram.endsWith('\n') ? datagram : `${datagram}\n`);
    }, env.SIPRC_LOG_SOCKET || DEV_LOG);
  }
  const settings: LogSettings = {
    level,
    stderr: toStderr,
    facility: textSetting(checked, 'log_facility'),
    name: textSetting(checked, 'log_name'),
    ...(json ? { json } : {}),
    ...perModules,
    ...(toStderr && !json && numericSetting(checked, 'log_color') === 1 ? { colours: levelColours(xlogColours(modules)) } : {}),
  };
  return { logger: new Logger(settings, { stderr, syslog }), prefix: logPrefix(checked) };
}

/** log_prefix compiled once as a string with pseudo-variables; undefined when the script sets none. */
function logPrefix(checked: CheckedScript): ((ctx: ExecContext) => string) | undefined {
  const text = textSetting(checked, 'log_prefix');
  if (text === undefined || text === '') return undefined;
  const env = scriptFixupEnv(checked.modules, checked.parse, () => undefined);
  const format = compileFormat(text, env);
  if (!format) return () => text;
  return (ctx) => {
    try {
      return format.evaluate(ctx);
    } catch {
      return '';
    }
  };
}
