// cfgtrace: one log line per action a message runs, as Kamailio 5.6's
// debugger writes them:
//   *** cfgtrace:dbg_cfg_trace(): request_route=[DEFAULT_ROUTE] c=[/etc/kamailio/kamailio.cfg] l=12 a=63 n=assign
// (the route type and the route running, the file unless cfgtrace_format is
// 1, the line, Kamailio's action type number and the action's name), at
// log_level under the name log_level_name, to log_facility. The program
// marks each action (TRACE, lowered for scripts that load debugger); this
// is what the runner is told.

import { resolve } from 'node:path';
import type { ExecContext, ModuleInstance } from '../api.js';
import type { ActionConstant, RouteEntry } from '../../runtime/bytecode/program.js';
import { traceName } from '../../runtime/exec/run.js';
import type { RouteType } from '../../runtime/route-type.js';
import { debuggerState, type DebuggerState } from './state.js';

/** The route type as the trace names it. */
const TYPE_NAMES: Readonly<Record<RouteType, string>> = {
  request: 'request_route',
  failure: 'failure_route',
  onreply: 'onreply_route',
  reply: 'onreply_route',
  branch: 'branch_route',
  onsend: 'onsend_route',
  event: 'event_route',
};

/** Script paths as the trace names them: absolute, as Kamailio resolves the files it reads. */
const PATHS = new Map<string, string>();

function absolute(file: string): string {
  let path = PATHS.get(file);
  if (path === undefined) PATHS.set(file, (path = resolve(file)));
  return path;
}

/** One trace line's text. */
export function traceText(state: DebuggerState, routeType: string, action: ActionConstant, route: RouteEntry): string {
  const file = state.traceFile ? `c=[${absolute(action.file)}] ` : '';
  return `${state.prefix}dbg_cfg_trace(): ${TYPE_NAMES[routeType as RouteType] ?? `${routeType}_route`}=[${traceName(route)}] ${file}l=${action.line} a=${action.type} n=${action.name}`;
}

/** What the runner calls as each action starts, for a running debugger instance. */
export function cfgTracer(module: ModuleInstance): (ctx: ExecContext, action: ActionConstant, route: RouteEntry) => void {
  return (ctx, action, route) => {
    const state = debuggerState(module);
    if (!state?.trace || state.level > ctx.debugLevel) return;
    ctx.logs.push({ level: state.level, text: traceText(state, ctx.routeType, action, route), module: 'debugger', ...(state.facility ? { facility: state.facility } : {}), ...(state.label ? { label: state.label } : {}) });
  };
}
