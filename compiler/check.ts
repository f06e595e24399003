// The resolve pass's entry: takes a parsed script, resolves modules, routes
// and calls, and reports every semantic problem it finds.

import type { Call, RouteBlock } from '../grammar/ast.js';
import type { Diagnostic } from '../grammar/diagnostics.js';
import type { ParseResult } from '../grammar/index.js';
import type { RegexCompiler } from '../grammar/preprocess/subst.js';
import type { RouteType } from '../runtime/route-type.js';
import type { ModuleRegistry } from './registry.js';
import { CheckContext, type CallTarget, type Fixups, type LoadedModule } from './resolve/context.js';
import { checkCfgEngine, checkCfgVar, checkGlobalParam, declareFlags } from './resolve/globals.js';
import { loadModule, modParam } from './resolve/modules.js';
import { buildRouteTable, checkRouteUse, type RouteTable } from './resolve/routes.js';
import { checkStatements, routeScope } from './resolve/statements.js';

export interface CheckOptions {
  readonly registry: ModuleRegistry;
  readonly compileRegex: RegexCompiler;
}

export interface CheckedScript {
  readonly parse: ParseResult;
  readonly modules: readonly LoadedModule[];
  readonly routes: RouteTable;
  readonly calls: ReadonlyMap<Call, CallTarget>;
  /** The route types each block runs in. */
  readonly routeTypes: ReadonlyMap<RouteBlock, readonly RouteType[]>;
  readonly flags: ReadonlyMap<string, number>;
  /** Pseudo-variables, formats and regexes compiled by the fixup pass. */
  readonly fixups: Fixups;
  /** Parse and check diagnostics together, in script order. */
  readonly diagnostics: readonly Diagnostic[];
}

export function checkScript(parse: ParseResult, options: CheckOptions): CheckedScript {
  const ctx = new CheckContext(parse, options.registry, options.compileRegex);
  for (const item of parse.script.items) {
    switch (item.kind) {
      case 'global':
        checkGlobalParam(item, ctx);
        break;
      case 'cfgvar':
        checkCfgVar(item, ctx);
        break;
      case 'cfgengine':
        checkCfgEngine(item, ctx);
        break;
      case 'flags':
        declareFlags(item, ctx);
        break;
      case 'loadmodule':
        loadModule(item, ctx);
        break;
      case 'modparam':
        modParam(item, ctx);
        break;
      case 'loadpath':
      case 'route':
        break;
    }
  }
  for (const check of ctx.afterModules) check();
  const routes = buildRouteTable(parse.script, ctx);
  for (const block of routes.blocks) checkStatements(block.body, routeScope(block, routes), ctx);
  const routeTypes = checkRouteUse(routes, ctx);
  return {
    parse,
    modules: ctx.modules,
    routes,
    calls: ctx.calls,
    routeTypes,
    flags: ctx.flags,
    fixups: ctx.fixups,
    diagnostics: [...parse.diagnostics, ...ctx.diagnostics.filter((d) => reliable(parse, d))],
  };
}

/**
 * Findings that hold only if the whole script was read: a route "not defined"
 * or "never called" may be one that a syntax error hid (a missing quote can
 * swallow every route after it), so with syntax errors they are not reported.
 */
const WHOLE_SCRIPT_CODES = new Set(['E0604', 'W0202']);

function syntaxBroken(parse: ParseResult): boolean {
  return parse.diagnostics.some((d) => d.code === 'E0301' || d.code === 'E0302' || d.code === 'E0201');
}

/** Whether a finding of the resolve pass can be trusted, given the syntax errors. */
function reliable(parse: ParseResult, d: Diagnostic): boolean {
  if (WHOLE_SCRIPT_CODES.has(d.code) && syntaxBroken(parse)) return false;
  // What the parser recovered at a syntax error is not the user's code: say nothing more of it.
  if (parse.diagnostics.some((p) => p.code.startsWith('E03') && p.span.file === d.span.file && p.span.start === d.span.start)) return false;
  const from = parse.unreliableFrom;
  return !(from && d.span.file === from.file && d.span.start >= from.start);
}
