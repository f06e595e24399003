// The resolve pass's entry: takes a parsed script, resolves modules, routes
// and calls, and reports every semantic problem it finds.

import type { Call, RouteBlock } from '../grammar/ast.js';
import type { Diagnostic } from '../grammar/diagnostics.js';
import type { ParseResult } from '../grammar/index.js';
import type { RegexCompiler } from '../grammar/preprocess/subst.js';
import type { RouteType } from '../runtime/route-type.js';
import type { ModuleRegistry } from './registry.js';
import { CheckContext, type CallTarget, type LoadedModule } from './resolve/context.js';
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
    diagnostics: [...parse.diagnostics, ...ctx.diagnostics],
  };
}
