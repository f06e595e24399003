// The module declaration kit: a typed, declarative form of what a Kamailio
// module exports (commands with their argument specs, allowed routes and
// run-time handler, parameters, pseudo-variables, transformations). The
// checker reads the declarations to resolve a script; the runtime calls the
// handlers.

import type { ExecContext } from '../runtime/exec/context.js';
import type { RouteType } from '../runtime/route-type.js';
import type { Value } from '../runtime/vm/values.js';

/** Version of this API; a module built for another major version is refused. */
export const MODULE_API_VERSION = 1;

export type ArgType =
  /** An integer (a constant, or an expression evaluated at run time). */
  | 'int'
  /** A string (a constant, or an expression). */
  | 'str'
  /** A string in which pseudo-variables are expanded: `"sip:$rU@$td"`. */
  | 'spve'
  /** A pseudo-variable to read. */
  | 'pvar'
  /** A pseudo-variable to write. */
  | 'pvar-writable'
  /** A POSIX extended regular expression (a constant, compiled once). */
  | 'regex'
  /** The name of a route block of the kind given by `ArgSpec.route`. */
  | 'route'
  /** A flag number (0..31). */
  | 'flag';

export interface ArgSpec {
  /** The argument's name, as module documentation calls it. */
  readonly name: string;
  readonly type: ArgType;
  /** For `route` arguments: the kind of route block it names. */
  readonly route?: RouteType;
}

/** A module's parameters as the script set them (modparam), defaults filled in. */
export type ParamValues = ReadonlyMap<string, number | string>;

/**
 * Runs a command on one message: returns Kamailio's return code (> 0 true,
 * < 0 false, 0 stops the script).
 */
export type CommandHandler = (ctx: ExecContext, args: readonly Value[], params: ParamValues) => number;

export interface CommandDecl {
  readonly name: string;
  /** The arguments, in order. A command with several arities is declared once per arity. */
  readonly args: readonly ArgSpec[];
  /** The route types it may run in. */
  readonly routes: readonly RouteType[];
  /** What it does (every command of a module siprc ships has one; test fixtures may leave it out). */
  readonly run?: CommandHandler;
}

export interface ParamDecl {
  readonly name: string;
  readonly type: 'int' | 'str';
  /** Set once per modparam line, accumulating values (Kamailio's PARAM_USE_FUNC). */
  readonly repeatable?: boolean;
  /** The value when no modparam sets it. */
  readonly default?: number | string;
  /** For int parameters: the range allowed. */
  readonly min?: number;
  readonly max?: number;
}

export interface PvClassDecl {
  /** The class name: `ru` for `$ru`, `hdr` for `$hdr(name)`. */
  readonly name: string;
  /** Whether the name in parentheses is required, optional or not allowed. */
  readonly inner: 'required' | 'optional' | 'none';
  readonly writable: boolean;
}

export interface TransformationDecl {
  /** The class: `s` for `{s.len}`. */
  readonly name: string;
  /** The methods of the class: `len`, `substr`, ... */
  readonly methods: readonly string[];
}

export interface ModuleDecl {
  readonly apiVersion: number;
  readonly name: string;
  readonly commands: readonly CommandDecl[];
  readonly params: readonly ParamDecl[];
  readonly pseudoVariables: readonly PvClassDecl[];
  readonly transformations: readonly TransformationDecl[];
}

export type ModuleDefinition = Omit<ModuleDecl, 'apiVersion' | 'commands' | 'params' | 'pseudoVariables' | 'transformations'> &
  Partial<Pick<ModuleDecl, 'commands' | 'params' | 'pseudoVariables' | 'transformations'>>;

/** Declares a module; lists left out are empty. */
export function defineModule(definition: ModuleDefinition): ModuleDecl {
  return {
    apiVersion: MODULE_API_VERSION,
    commands: [],
    params: [],
    pseudoVariables: [],
    transformations: [],
    ...definition,
  };
}
