// Linking: the modules a checked script loads become running instances (their
// parameters as modparam set them, defaults filled in; their statistics), and
// every command a Program calls is bound to its instance, with its arguments
// converted as their specs say. The modules' init hooks run here, once the
// whole script is fixed up.

import type { ArgSpec, CommandArg, CommandDecl, Formatted, ModuleDecl, ModuleInstance, ParamValues } from '../modules/api.js';
import { FixupError } from '../runtime/pv/types.js';
import { WorkerState, type ExecContext, type MyselfName } from '../runtime/exec/context.js';
import type { BoundCommand, CommandLookup, DirectCommand } from '../runtime/exec/run.js';
import type { WireFilter } from '../runtime/exec/wire-filter.js';
import { compilePosixEre } from '../runtime/regex/posix-ere.js';
import { controlDispatcher } from '../runtime/rpc/control.js';
import type { ServerInfo } from '../runtime/rpc/core-methods.js';
import type { RpcDispatcher } from '../runtime/rpc/dispatcher.js';
import { declareCore } from '../runtime/stats/core.js';
import { StatisticsRegistry, type StatGroup } from '../runtime/stats/registry.js';
import { toInt, toStr } from '../runtime/vm/values.js';
import type { CheckedScript } from './check.js';
import { compileFormat } from './fixup/format.js';
import { scriptFixupEnv } from './fixup/pv.js';

export interface LinkedModule extends ModuleInstance {
  readonly decl: ModuleDecl;
}

export interface Linked {
  readonly modules: readonly LinkedModule[];
  /** The statistics: the core's group and one per module (named after it), plus the groups modules make (script counters). */
  readonly statistics: StatisticsRegistry;
  /** The process-wide state the modules share with the script's runs ($shv, their tables); the server runs messages with it. */
  readonly worker: WorkerState;
  /** The control methods: the core's (runtime/rpc) and every loaded module's rpc declarations. */
  readonly rpc: RpcDispatcher;
  /** What the core methods report of this server (the CLI sets the version and the start time). */
  readonly serverInfo: ServerInfo;
  readonly commands: CommandLookup;
  /** Names the modules add to `myself`. */
  readonly myselfNames: readonly MyselfName[];
  /** Offers a received reply to the modules that keep transactions (see ModuleDecl.replyReceived). */
  readonly replyReceived: (ctx: ExecContext) => boolean;
  /** Offers a received request to the modules that filter requests before the script (see ModuleDecl.requestReceived). */
  readonly requestReceived: (ctx: ExecContext) => boolean;
  /** The modules' look at raw bytes received and sent (see ModuleDecl.wireFilter); undefined when none asked. */
  readonly wireFilter: WireFilter | undefined;
  /**
   * The inits that are still going (connecting to storage): settles with the
   * reason one of them refused, or undefined once all have started.
   * Undefined when every init finished at once.
   */
  readonly ready: Promise<string | undefined> | undefined;
}

/** The parameters of a loaded module: defaults, then what modparam set. */
function paramValues(decl: ModuleDecl, set: ReadonlyMap<string, unknown>): ParamValues {
  const values = new Map<string, number | string | ReadonlyArray<number | string>>();
  for (const p of decl.params) {
    if (p.default !== undefined) values.set(p.name, p.repeatable ? [] : p.default);
    else if (p.repeatable) values.set(p.name, []);
  }
  for (const [name, value] of set) values.set(name, value as number | string | Array<number | string>);
  return values;
}

/** Compiled values of arguments only known at run time, by spec and text (bounded). */
const RUNTIME_FIXUPS = new Map<ArgSpec, Map<string, unknown>>();
const MAX_RUNTIME_FIXUPS = 256;

function runtimeFixup(spec: ArgSpec, text: string, compile: (text: string) => unknown): unknown {
  let cache = RUNTIME_FIXUPS.get(spec);
  if (!cache) RUNTIME_FIXUPS.set(spec, (cache = new Map()));
  let value = cache.get(text);
  if (value === undefined) {
    value = compile(text);
    if (cache.size >= MAX_RUNTIME_FIXUPS) cache.clear();
    cache.set(text, value);
  }
  return value;
}

function compileRegex(spec: ArgSpec): (text: string) => RegExp {
  return (text) => {
    const re = compilePosixEre(text, { icase: !spec.caseSensitive, newline: true });
    if (!(re instanceof RegExp)) throw new FixupError(`invalid regular expression "${text}": ${re.error}`);
    return re;
  };
}

/** One argument from the stack as its handler wants it: a compiled one (an object) as compiled, a value converted. */
function convert(spec: ArgSpec, arg: unknown): CommandArg {
  if (typeof arg === 'object' && arg !== null) return (arg as { value: CommandArg }).value;
  const value = arg as number | string | null;
  switch (spec.type) {
    case 'int':
    case 'flag':
      return toInt(value);
    case 'intpv':
      // Only an integer value converts (Kamailio's get_int_fparam).
      return typeof value === 'number' ? value : undefined;
    case 'regex':
      return runtimeFixup(spec, toStr(value), compileRegex(spec)) as RegExp;
    case 'format': {
      // A value only known at run time (a pseudo-variable) is already expanded.
      const text = toStr(value);
      return { evaluate: () => text };
    }
    default:
      return spec.fixup ? (runtimeFixup(spec, toStr(value), spec.fixup) as CommandArg) : toStr(value);
  }
}

function bind(decl: CommandDecl, instance: ModuleInstance): BoundCommand | undefined {
  const run = decl.run;
  if (!run) return undefined;
  const specs = decl.args;
  // The arguments are converted in place: the array is the VM's, made for this one call.
  const bound = (ctx: ExecContext, args: unknown[]): number | Promise<number> => {
    for (let i = 0; i < specs.length; i++) args[i] = convert(specs[i]!, args[i]);
    return run(ctx, args as CommandArg[], instance.params, instance);
  };
  const direct: DirectCommand = {
    run: run as DirectCommand['run'],
    convert: (i, arg) => convert(specs[i]!, arg),
    instance,
  };
  return Object.assign(bound, { direct });
}

/** Formats compiled while messages run (pv_evalx), by text; bounded. */
const RUNTIME_FORMATS = new WeakMap<CheckedScript, Map<string, Formatted | null>>();

/** A string with pseudo-variables compiled with the script's modules and defines; undefined when one does not compile. */
function formatAtRunTime(checked: CheckedScript, text: string): Formatted | undefined {
  let cache = RUNTIME_FORMATS.get(checked);
  if (!cache) RUNTIME_FORMATS.set(checked, (cache = new Map()));
  let format = cache.get(text);
  if (format === undefined) {
    let failed = false;
    const env = scriptFixupEnv(checked.modules, checked.parse, () => void (failed = true));
    const compiled = compileFormat(text, env);
    format = compiled && !failed ? compiled : null;
    if (cache.size >= 256) cache.clear();
    cache.set(text, format);
  }
  return format ?? undefined;
}

/**
 * Makes instances of the provided modules the script loads and binds their
 * commands. Returns the reason when a module's init refuses to start.
 */
export function link(checked: CheckedScript): Linked | { readonly error: string } {
  const modules: LinkedModule[] = [];
  const bound = new Map<string, BoundCommand>();
  const statistics = new StatisticsRegistry();
  declareCore(statistics.group('core'));
  const { dispatcher: rpc, info: serverInfo } = controlDispatcher(statistics);
  const worker = new WorkerState();
  for (const m of checked.modules) {
    if (!m.decl) continue;
    const stats: StatGroup = statistics.group(m.decl.name);
    for (const s of m.decl.statistics) stats.declare(s);
    const instance: LinkedModule = {
      decl: m.decl,
      params: paramValues(m.decl, m.params),
      stats,
      statistics,
      bind: <T>(name: string) => checked.modules.find((other) => other.name === name)?.decl?.api as T | undefined,
      isLoaded: (name: string) => checked.modules.some((other) => other.name === name),
      compileFormat: (text: string) => formatAtRunTime(checked, text),
      rpc,
      worker,
    };
    modules.push(instance);
    for (const r of m.decl.rpc) {
      if (rpc.has(r.name)) return { error: `module ${m.decl.name} cannot start: RPC method ${r.name} is already served` };
      rpc.register({ name: r.name, help: r.help, run: (params) => r.run(instance, params) });
    }
    for (const c of m.decl.commands) {
      const b = bind(c, instance);
      if (b) bound.set(`${m.name}\u0000${c.name}\u0000${c.args.length}`, b);
    }
  }
  const pending: Array<Promise<string | undefined>> = [];
  for (const m of modules) {
    try {
      const refused = m.decl.init?.(m);
      if (refused instanceof Promise) pending.push(refused.then((r) => refusal(m, r), (e: Error) => refusal(m, e?.message ?? String(e))));
      else if (typeof refused === 'string') return { error: refusal(m, refused)! };
    } catch (e) {
      return { error: refusal(m, (e as Error).message)! };
    }
  }
  const ready = pending.length > 0 ? Promise.all(pending).then((reasons) => reasons.find((r) => r !== undefined)) : undefined;
  const myselfNames = modules.flatMap((m) => m.decl.myselfNames?.(m) ?? []);
  const takers = modules.filter((m) => m.decl.replyReceived);
  const replyReceived = (ctx: ExecContext): boolean => takers.some((m) => m.decl.replyReceived!(m, ctx));
  const filters = modules.filter((m) => m.decl.requestReceived);
  const requestReceived = (ctx: ExecContext): boolean => filters.some((m) => m.decl.requestReceived!(m, ctx));
  const wireFilters = modules.flatMap((m) => m.decl.wireFilter?.(m) ?? []);
  const wireFilter: WireFilter | undefined =
    wireFilters.length === 0 ? undefined : (data, incoming, site) => wireFilters.reduce((bytes, filter) => filter(bytes, incoming, site), data);
  return { modules, statistics, worker, rpc, serverInfo, commands: (module, name, argc) => bound.get(`${module}\u0000${name}\u0000${argc}`), myselfNames, replyReceived, requestReceived, wireFilter, ready };
}

/** Why a module refused to start, as the user reads it; undefined when it did not. */
function refusal(m: LinkedModule, reason: void | string | undefined): string | undefined {
  return typeof reason === 'string' ? `module ${m.decl.name} cannot start: ${reason}` : undefined;
}
