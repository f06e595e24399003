// What the resolve pass knows while it walks a script, and what it hands on:
// the loaded modules, the route table, the target of every call.

import type { Call, Expr, RouteBlock } from '../../grammar/ast.js';
import { diagnostic, type Diagnostic, type DiagnosticCode, type DiagnosticNote } from '../../grammar/diagnostics.js';
import type { ParseResult } from '../../grammar/index.js';
import type { RegexCompiler } from '../../grammar/preprocess/subst.js';
import type { Span } from '../../grammar/source.js';
import type { CommandDecl, ModuleDecl } from '../../modules/api.js';
import type { RouteType } from '../../runtime/route-type.js';
import type { Format } from '../../runtime/pv/format.js';
import type { PvAccess } from '../../runtime/pv/types.js';
import type { CoreFunction } from '../core/functions.js';
import { scriptFixupEnv, type PvFixupEnv } from '../fixup/pv.js';
import type { KnownModule } from '../known-modules/index.js';
import type { ModuleRegistry } from '../registry.js';

export interface LoadedModule {
  readonly name: string;
  readonly path: string;
  readonly span: Span;
  /** Its declaration, when siprc provides the module. */
  readonly decl: ModuleDecl | undefined;
  /** What siprc knows of it, when siprc does not provide it yet. */
  readonly known: KnownModule | undefined;
  /** The values its modparam lines set (a repeatable parameter: every value, in order). */
  readonly params: Map<string, number | string | Array<number | string>>;
}

export type CallTarget =
  | { readonly kind: 'core'; readonly fn: CoreFunction }
  | { readonly kind: 'route'; readonly route: RouteBlock | undefined }
  | { readonly kind: 'module'; readonly module: string; readonly command: CommandDecl }
  /** A command of a loaded module that siprc does not provide yet. */
  | { readonly kind: 'unavailable'; readonly module: string };

/** What the fixup pass compiled, by the text it compiled: the same text always compiles to the same thing. */
export interface Fixups {
  readonly pvs: Map<string, PvAccess>;
  /** Strings with pseudo-variables, by their value. */
  readonly formats: Map<string, Format>;
  /** Constant command arguments compiled by their spec (a regex, what an ArgSpec.fixup made), by the argument. */
  readonly args: Map<Expr, unknown>;
}

/** A use that is allowed only in some route types, checked once routes are known to be reached. */
export interface RouteTypeUse {
  readonly what: string;
  readonly allowed: readonly RouteType[];
  readonly span: Span;
}

export class CheckContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly modules: LoadedModule[] = [];
  /** Message and branch flags declared with `flags`, by name. */
  readonly flags = new Map<string, number>();
  readonly avpFlags = new Set<string>();
  /** Configuration groups the script declares variables in (`group.name = value`). */
  readonly cfgGroups = new Set<string>();
  readonly calls = new Map<Call, CallTarget>();
  /** Uses restricted to some route types, per route block they appear in. */
  readonly restricted = new Map<RouteBlock, RouteTypeUse[]>();
  /** route(NAME) calls: the routes each block calls. */
  readonly routeCalls = new Map<RouteBlock, Set<RouteBlock>>();
  /** Route blocks named by module arguments (t_on_failure("X")), or by strings passed to unavailable commands. */
  readonly referenced = new Set<RouteBlock>();
  /** A route(...) call whose route is only known at run time. */
  dynamicRouteCall = false;
  /** Checks that need every loadmodule seen first. */
  readonly afterModules: Array<() => void> = [];
  readonly fixups: Fixups = { pvs: new Map(), formats: new Map(), args: new Map() };

  constructor(
    readonly parse: ParseResult,
    readonly registry: ModuleRegistry,
    readonly compileRegex: RegexCompiler,
  ) {}

  report(code: DiagnosticCode, span: Span, message: string, notes: readonly DiagnosticNote[] = []): void {
    this.diagnostics.push(diagnostic(code, span, message, notes));
  }

  private fixupEnv: { readonly loaded: number; readonly env: PvFixupEnv } | undefined;

  /** What fixing up a pseudo-variable needs: the provided modules loaded, the defines, where to report (made again only when a module was loaded since). */
  get pvEnv(): PvFixupEnv {
    if (this.fixupEnv?.loaded !== this.modules.length) {
      this.fixupEnv = { loaded: this.modules.length, env: scriptFixupEnv(this.modules, this.parse, (span, message) => this.report('E0706', span, message)) };
    }
    return this.fixupEnv.env;
  }

  /** Loaded modules that siprc does not provide: their exports are known by name only. */
  unavailableModules(): LoadedModule[] {
    return this.modules.filter((m) => m.known !== undefined);
  }

  restrict(block: RouteBlock, use: RouteTypeUse): void {
    const list = this.restricted.get(block);
    if (list) list.push(use);
    else this.restricted.set(block, [use]);
  }

  /** A note explaining an undefined name that a false #!ifdef would have defined. */
  skippedDefineNote(name: string): DiagnosticNote[] {
    const skipped = this.parse.defines.skipped.get(name);
    if (!skipped) return [];
    return [{ message: `\`${name}\` is defined here, but only within ${skipped.condition}, which is not active`, span: skipped.span }];
  }
}
