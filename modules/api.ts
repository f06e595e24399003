// The module declaration kit: a typed, declarative form of what a Kamailio
// module exports (commands with their argument specs, allowed routes and
// run-time handler, parameters, pseudo-variable classes, transformations,
// statistics, lifecycle hooks and an API for other modules). The checker
// reads the declarations to resolve a script, the fixup pass compiles every
// argument with them, and the runtime calls the handlers.

import type { ExecContext, MyselfName, WorkerState } from '../runtime/exec/context.js';
import type { Format } from '../runtime/pv/format.js';
import type { PvAccess, PvRef, Transform, TransformParam } from '../runtime/pv/types.js';
import type { RouteType } from '../runtime/route-type.js';
import type { WireFilter } from '../runtime/exec/wire-filter.js';

export type { ExecContext, MyselfName } from '../runtime/exec/context.js';
export type { Format } from '../runtime/pv/format.js';
export { FixupError, paramText } from '../runtime/pv/types.js';
export type { PvAccess, PvIndex, PvName, PvRef, Transform, TransformParam } from '../runtime/pv/types.js';
export type { Value } from '../runtime/vm/values.js';
export type { RouteType } from '../runtime/route-type.js';
export type { WireFilter, WireSite } from '../runtime/exec/wire-filter.js';
export { ANY_ROUTE } from '../runtime/route-type.js';
export { toInt, toStr } from '../runtime/vm/values.js';

/**
 * Version of this API. A module records the version it was built for
 * (`defineModule` fills it in); one built for another version is refused
 * when a script loads it.
 */
export const MODULE_API_VERSION = 1;

export type ArgType =
  /** An integer (a constant, or an expression evaluated at run time). */
  | 'int'
  /**
   * An integer constant, or one pseudo-variable (`"$var(code)"`) read when the
   * command runs, as Kamailio's int-or-variable fixups take it: the variable
   * must hold an integer (a string, even of digits, does not convert).
   */
  | 'intpv'
  /** A string (a constant, or an expression). */
  | 'str'
  /** A string in which pseudo-variables are expanded: `"sip:$rU@$td"`. */
  | 'spve'
  /**
   * A string with pseudo-variables passed unexpanded: the handler expands it
   * (`format.evaluate(ctx)`) only when it needs the text, as xlog does for a
   * line above the debug level.
   */
  | 'format'
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
  /** For `regex` arguments: match case (default: case-insensitive, as Kamailio's modules compile them). */
  readonly caseSensitive?: boolean;
  /**
   * For `str` and `spve` arguments: compiles the text once (a `s/re/repl/`
   * expression, a list of check names, a log level); throws a FixupError when
   * it is bad. The handler receives what it returns. A value only known at run
   * time (a pseudo-variable, a string with pseudo-variables) is compiled when
   * it is used, without `tools`.
   */
  readonly fixup?: (text: string, tools?: FixupTools) => unknown;
}

/** What an argument's fixup may use at start-up besides its text. */
export interface FixupTools {
  /**
   * Compiles a string with pseudo-variables found inside the argument (the
   * replacement of a `/re/repl/` expression); throws a FixupError when one of
   * them cannot be compiled (a bad one is also reported where it is).
   */
  format(text: string): Format;
}

/**
 * A module's parameters as the script set them (modparam), defaults filled
 * in; a repeatable parameter holds the list of every value set.
 */
export type ParamValues = ReadonlyMap<string, number | string | ReadonlyArray<number | string>>;

/** What a handler receives for an argument of each type. */
export type ArgValue<T extends ArgType> = T extends 'int' | 'flag'
  ? number
  : T extends 'intpv'
    ? number | undefined // undefined: the variable holds no integer
    : T extends 'str' | 'spve' | 'route'
      ? string
      : T extends 'pvar' | 'pvar-writable'
        ? PvAccess
        : T extends 'regex'
          ? RegExp
          : T extends 'format'
            ? Formatted
            : never;

/** A string with pseudo-variables, expanded on demand. */
export interface Formatted {
  evaluate(ctx: ExecContext): string;
}

export type ArgValues<A extends readonly ArgSpec[]> = { readonly [K in keyof A]: A[K] extends ArgSpec ? ArgValue<A[K]['type']> : never };

/** An argument as a handler receives it (see ArgValue for which type each spec gives). */
export type CommandArg = number | string | PvAccess | RegExp | Formatted | undefined;

/**
 * Runs a command on one message: returns Kamailio's return code (> 0 true,
 * < 0 false, 0 stops the script), or a Promise of it when the command waits
 * (on storage): the script then waits for it, as Kamailio's async commands
 * make it (see docs/modules.md). `module` is the running instance (its
 * statistics), `params` its parameters.
 */
export type CommandHandler = (ctx: ExecContext, args: readonly CommandArg[], params: ParamValues, module: ModuleInstance) => number | Promise<number>;

export interface CommandDecl {
  readonly name: string;
  /** The arguments, in order. A command with several arities is declared once per arity. */
  readonly args: readonly ArgSpec[];
  /** The route types it may run in. */
  readonly routes: readonly RouteType[];
  /** What it does (every command of a module siprc ships has one; test fixtures may leave it out). */
  readonly run?: CommandHandler;
}

/**
 * Declares a command whose handler sees its arguments typed by their specs:
 * `command({ name: 'f', args: [{ name: 'n', type: 'int' }], routes, run: (ctx, [n]) => ... })`.
 */
export function command<const A extends readonly ArgSpec[]>(decl: {
  readonly name: string;
  readonly args: A;
  readonly routes: readonly RouteType[];
  readonly run: (ctx: ExecContext, args: ArgValues<A>, params: ParamValues, module: ModuleInstance) => number | Promise<number>;
}): CommandDecl {
  return decl as unknown as CommandDecl;
}

export interface ParamDecl {
  readonly name: string;
  readonly type: 'int' | 'str';
  /** Set once per modparam line, the values kept in a list (Kamailio's PARAM_USE_FUNC). */
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
  /**
   * Compiles one use of the class (its name and index) at start-up; throws a
   * FixupError saying what is wrong with it. Test fixtures may leave it out.
   */
  readonly compile?: (ref: PvRef) => PvAccess;
}

export interface TransformationDecl {
  /** The class: `s` for `{s.len}`. */
  readonly name: string;
  /** The methods of the class: `len`, `substr`, ... */
  readonly methods: readonly string[];
  /** Compiles one use (`{s.substr,1,2}`: method `substr`, two params); throws a FixupError for bad params. */
  readonly compile?: (method: string, params: readonly TransformParam[]) => Transform;
}

/** A statistic a module keeps (Kamailio's stat_export_t). */
export interface StatisticDecl {
  readonly name: string;
  /** A counter only goes up (reset by the operator); a gauge goes up and down. */
  readonly kind: 'counter' | 'gauge';
  readonly help: string;
}

/** The statistics of a running module, by name. */
export interface Statistics {
  add(name: string, by?: number): void;
  set(name: string, value: number): void;
  get(name: string): number;
}

/** A group of statistics other than a module's own (the counters module's script counters). */
export interface StatisticsGroup extends Statistics {
  /** Lists the statistic (at 0) before anything counts it. */
  declare(stat: StatisticDecl): void;
  /** Whether it is declared or was counted. */
  has(name: string): boolean;
  /** Sets a counter back to 0. */
  reset(name: string): void;
  /** Every statistic's name, sorted (the counters module's cnt.* methods). */
  names(): readonly string[];
  /** A declared statistic's kind and help. */
  info(name: string): StatisticDecl | undefined;
}

/** A module instance as its hooks see it: its parameters and statistics, and the other loaded modules' APIs. */
export interface ModuleInstance {
  readonly params: ParamValues;
  /** Its own statistics (the group named after the module). */
  readonly stats: Statistics;
  /** Every group of statistics of the running script, by name (made when missing). */
  readonly statistics: {
    group(name: string): StatisticsGroup;
    /** Every group made so far, sorted by name. */
    groups(): ReadonlyArray<StatisticsGroup & { readonly name: string }>;
  };
  /**
   * The `api` another loaded module declares (Kamailio's bind_xxx), typed by
   * the caller; undefined when that module is not loaded. Call it from init.
   */
  bind<T>(module: string): T | undefined;
  /** Whether the script loads this module (one a module needs, as Kamailio's siputils and sanity need sl). */
  isLoaded(module: string): boolean;
  /**
   * Compiles, while a message runs, a string with pseudo-variables only known
   * then (pv_evalx); compiled once per text. Undefined when one of them does
   * not compile.
   */
  compileFormat(text: string): Formatted | undefined;
  /** The control methods of the running siprc (the core's and every loaded module's), as ctl and jsonrpcs serve them. */
  readonly rpc: RpcAccess;
  /**
   * The process-wide state shared with the script's runs (the server's while
   * it serves): $shv, the modules' tables by name, the host. Control methods
   * read it; a message's run reaches it as ctx.worker.
   */
  readonly worker: WorkerState;
}

/**
 * Calls a control method (Kamailio's RPC) by name: resolves with its result
 * as a JSON value, rejects with an Error whose numeric `code` is the fault
 * code (500 "Method Not Found", 400 for bad parameters). See docs/control.md.
 */
export interface RpcAccess {
  call(method: string, params?: readonly unknown[] | Readonly<Record<string, unknown>>): Promise<unknown>;
  /** Every method name, sorted. */
  names(): readonly string[];
  /** A method's help line; undefined when there is none by that name. */
  help(method: string): string | undefined;
}

/** A control command a module answers (Kamailio's RPC exports), served by siprc's control interfaces. */
export interface RpcDecl {
  /** The method name, `module.verb` as Kamailio names them (`tm.stats`). */
  readonly name: string;
  readonly help: string;
  /**
   * Answers one call: the parameters in order, the result as a JSON value (or
   * a Promise of it); throw an Error with a numeric `code` (400 for a bad call,
   * else 500) for a fault.
   */
  readonly run: (module: ModuleInstance, params: readonly unknown[]) => unknown;
}

export interface ModuleDecl {
  readonly apiVersion: number;
  readonly name: string;
  readonly commands: readonly CommandDecl[];
  readonly params: readonly ParamDecl[];
  readonly pseudoVariables: readonly PvClassDecl[];
  readonly transformations: readonly TransformationDecl[];
  readonly statistics: readonly StatisticDecl[];
  readonly rpc: readonly RpcDecl[];
  /**
   * After the whole script is fixed up, once; an exception (or a string
   * returned) refuses to start, with that reason. It may return a Promise
   * (connecting to storage): the server starts once every init has settled.
   */
  readonly init?: (module: ModuleInstance) => void | string | Promise<void | string>;
  /** In each worker process, before it handles messages. */
  readonly childInit?: (module: ModuleInstance, worker: number) => void;
  /** On shutdown (closing storage connections: it may return a Promise, which is waited for). */
  readonly destroy?: (module: ModuleInstance) => void | Promise<void>;
  /**
   * Parameters the module reads on every call rather than once at start: a
   * reload (SIGHUP, siprc.reload) may change them in place. A reload that
   * changes any other parameter is refused, since the module applied it at
   * start.
   */
  readonly reloadableParams?: readonly string[];
  /** What other modules may use of this one (Kamailio's bind_xxx API). */
  readonly api?: unknown;
  /**
   * A reply the script did not drop, offered before it is passed on
   * statelessly (Kamailio's response_f, how tm takes the replies of its
   * transactions): true when the module took it.
   */
  readonly replyReceived?: (module: ModuleInstance, ctx: ExecContext) => boolean;
  /**
   * A request received, before request_route runs (Kamailio's pre-script
   * callbacks, how sl filters the ACKs to its own replies): true when the
   * module took it, and the script does not run for it.
   */
  readonly requestReceived?: (module: ModuleInstance, ctx: ExecContext) => boolean;
  /** Names the server answers to as `myself` because of this module's parameters (corex's alias_subdomains). */
  readonly myselfNames?: (module: ModuleInstance) => readonly MyselfName[];
  /**
   * A look at the raw bytes received and sent (corex's nio_intercept), asked
   * for once after init: undefined when the module's parameters leave it off,
   * so that the server pays nothing for it.
   */
  readonly wireFilter?: (module: ModuleInstance) => WireFilter | undefined;
}

export type ModuleDefinition = Omit<ModuleDecl, 'apiVersion' | 'commands' | 'params' | 'pseudoVariables' | 'transformations' | 'statistics' | 'rpc'> &
  Partial<Pick<ModuleDecl, 'commands' | 'params' | 'pseudoVariables' | 'transformations' | 'statistics' | 'rpc'>>;

/** Declares a module; lists left out are empty. */
export function defineModule(definition: ModuleDefinition): ModuleDecl {
  return {
    apiVersion: MODULE_API_VERSION,
    commands: [],
    params: [],
    pseudoVariables: [],
    transformations: [],
    statistics: [],
    rpc: [],
    ...definition,
  };
}
