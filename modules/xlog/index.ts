// xlog: log lines formatted with pseudo-variables, at a level (and facility)
// the script chooses: xlog, xlogl (with the script line), xlogm (skipping
// the methods in methods_filter), and one command per level (xdbg ... xalert).
// A line above the script's debug level is not even formatted. $C(xy) colours
// and log_colors, the colours of the log levels when log_color=1 colours
// the log (color.ts); prefix_mode 1 expands pseudo-variables in the prefix.

import { ANY_ROUTE, command, defineModule, FixupError, type CommandDecl, type ExecContext, type Formatted, type ModuleInstance, type ParamValues } from '../api.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { METHOD_IDS } from '../../runtime/exec/kamailio-numbers.js';
import { parseFacility, parseLevel } from './levels.js';
import { colourClass, logColours, setForceColor } from './color.js';

const LEVEL = { name: 'level', type: 'spve', fixup: parseLevel } as const;
const FACILITY = { name: 'facility', type: 'str', fixup: parseFacility } as const;
const FORMAT = { name: 'format', type: 'format' } as const;

/**
 * What a line starts with: the prefix param (with its pseudo-variables
 * expanded when prefix_mode is 1, except for xlogl, as in Kamailio 5.6) and,
 * for xlogl, the script line (with the file when long_format is set).
 */
function prefixOf(ctx: ExecContext, params: ParamValues, module: ModuleInstance, withLine: boolean): string {
  const prefix = params.get('prefix') as string;
  if (!withLine) return params.get('prefix_mode') === 1 ? (module.compileFormat(prefix)?.evaluate(ctx) ?? prefix) : prefix;
  const where = ctx.whereIs?.(ctx.pc);
  const line = where ? (params.get('long_format') === 1 ? `${where.file}:${where.line}` : String(where.line)) : '?';
  return `${prefix}${line}:`;
}

/** Writes one line when its level is within the debug level; the text is formatted only then. */
function write(ctx: ExecContext, params: ParamValues, module: ModuleInstance, level: number, format: Formatted, facility: string | undefined, withLine: boolean): number {
  if (level > ctx.debugLevel) return 1;
  const size = params.get('buf_size') as number;
  const line = `${prefixOf(ctx, params, module, withLine)}${format.evaluate(ctx)}`;
  ctx.log(level, line.length >= size ? line.slice(0, size - 1) : line, facility ?? ((params.get('log_facility') as string) || undefined), 'xlog');
  return 1;
}

/** Commands with an optional level and facility before the format: xlog and xlogl. */
function withLevels(name: string, withLine: boolean): CommandDecl[] {
  return [
    command({ name, args: [FORMAT], routes: ANY_ROUTE, run: (ctx, [format], params, module) => write(ctx, params, module, -1, format, undefined, withLine) }),
    command({ name, args: [LEVEL, FORMAT], routes: ANY_ROUTE, run: (ctx, [level, format], params, module) => write(ctx, params, module, level as unknown as number, format, undefined, withLine) }),
    command({
      name,
      args: [FACILITY, LEVEL, FORMAT],
      routes: ANY_ROUTE,
      run: (ctx, [facility, level, format], params, module) => write(ctx, params, module, level as unknown as number, format, facility as unknown as string, withLine),
    }),
  ];
}

/** One command per level: xdbg("...") is xlog("L_DBG", "..."). */
function atLevel(name: string, level: number, withLine = false): CommandDecl {
  return command({ name, args: [FORMAT], routes: ANY_ROUTE, run: (ctx, [format], params, module) => write(ctx, params, module, level, format, undefined, withLine) });
}

/** The method id of a request, or of the request a reply answers (0 for other methods). */
function methodId(ctx: ExecContext): number {
  let method = ctx.message.method;
  if (!ctx.message.isRequest) {
    const cseq = ctx.message.cseq();
    method = cseq && !isSipError(cseq) ? cseq.method : '';
  }
  return METHOD_IDS[method.toUpperCase()] ?? 0;
}

export const xlog = defineModule({
  name: 'xlog',
  params: [
    { name: 'buf_size', type: 'int', default: 4096, min: 2 },
    { name: 'long_format', type: 'int', default: 0, min: 0, max: 1 },
    { name: 'prefix', type: 'str', default: '<script>: ' },
    { name: 'log_facility', type: 'str', default: '' },
    { name: 'methods_filter', type: 'int', default: -1 },
    { name: 'force_color', type: 'int', default: 0 },
    { name: 'prefix_mode', type: 'int', default: 0 },
    { name: 'log_colors', type: 'str', repeatable: true },
  ],
  pseudoVariables: [colourClass],
  commands: [
    ...withLevels('xlog', false),
    ...withLevels('xlogl', true),
    atLevel('xdbg', 3),
    atLevel('xdbgl', 3, true),
    atLevel('xinfo', 2),
    atLevel('xnotice', 1),
    atLevel('xwarn', 0),
    atLevel('xerr', -1),
    atLevel('xbug', -4),
    atLevel('xcrit', -3),
    atLevel('xalert', -5),
    command({
      name: 'xlogm',
      args: [LEVEL, FORMAT],
      routes: ANY_ROUTE,
      run: (ctx, [level, format], params, module) => {
        const filter = params.get('methods_filter') as number;
        if ((filter & methodId(ctx)) !== 0) return 1;
        return write(ctx, params, module, level as unknown as number, format, undefined, false);
      },
    }),
  ],
  init: (module) => {
    setForceColor(module.params.get('force_color') !== 0);
    try {
      logColours(module.params.get('log_colors') as readonly string[]);
    } catch (e) {
      if (e instanceof FixupError) return `log_colors: ${e.message}`;
      throw e;
    }
    const prefix = module.params.get('prefix') as string;
    if (module.params.get('prefix_mode') === 1 && !module.compileFormat(prefix)) return `prefix: \`${prefix}\` has a pseudo-variable that does not compile (prefix_mode is 1)`;
    const facility = module.params.get('log_facility') as string;
    if (facility) {
      try {
        parseFacility(facility);
      } catch (e) {
        if (e instanceof FixupError) return `log_facility: ${e.message}`;
        throw e;
      }
    }
    return undefined;
  },
});
