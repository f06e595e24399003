// One offline run of a script: the message goes through its route (the
// request route, the reply route, or a named one), with the core functions
// and keyword tests of runtime/exec, and the run reports its route-flow
// trace, log lines and the messages the script would send.

import { OPCODES, Op, instructionLength } from '../bytecode/opcodes.js';
import type { ActionConstant, CommandConstant, Program, PvConstant, RouteEntry } from '../bytecode/program.js';
import type { Format } from '../pv/format.js';
import { VmError, type CompiledEnd, type Suspension, type VmHost } from '../vm/host.js';
import { DEFAULT_MAX_RECURSION, finishedCompiled, Vm, type RunResult, type VmOptions } from '../vm/vm.js';
import type { Value } from '../vm/values.js';
import type { RouteType } from '../route-type.js';
import type { StatisticsRegistry } from '../stats/registry.js';
import { ExecContext, type ScriptPosition, type WorkerState } from './context.js';
import { compileRoute, type CompiledRoute } from './compiled-route.js';
import { coreFunction, forwardReply } from './core-functions.js';
import { testKeyword } from './keywords.js';
import type { WireFilter } from './wire-filter.js';

export interface ExecResult {
  readonly result: RunResult;
  /** `start|ROUTE`, `return|ROUTE`, `exit|ROUTE`, `drop|ROUTE`, one per event. */
  readonly trace: readonly string[];
  /** Errors the script went on after, with the address of the instruction. */
  readonly errors: ReadonlyArray<{ readonly message: string; readonly pc: number }>;
}

/** The core limits a script can set (max_while_loops, max_recursive_level), and whether to record the route-flow trace (default yes). */
export interface ExecOptions extends Pick<VmOptions, 'maxWhileLoops' | 'maxRecursion'> {
  readonly trace?: boolean;
  /** Offers a received reply to the modules that keep transactions; true when one took it (it is then not passed on statelessly). */
  readonly replyReceived?: (ctx: ExecContext) => boolean;
  /** Offers a request to the modules before request_route runs; true when one took it (the route is not run). */
  readonly requestReceived?: (ctx: ExecContext) => boolean;
  /** The script's statistics (the core's and the modules' groups), for the server to count into. */
  readonly statistics?: StatisticsRegistry;
  /** The process-wide state the modules were linked with ($shv, their tables), for the server to run messages with: their control methods read it. */
  readonly worker?: WorkerState;
  /** Where an instruction of the program is (file, line, route), for the pseudo-variables and log lines that say so. */
  readonly whereIs?: (pc: number) => ScriptPosition | undefined;
  /** An instruction's position as `file:line:col`, for run-time errors. */
  readonly describe?: (pc: number) => string | undefined;
  /** The modules' look at raw bytes received and sent (corex's nio_intercept), for the server. */
  readonly wireFilter?: WireFilter;
  /** Told when an action starts on a message, in programs that mark them (the debugger module's cfgtrace). */
  readonly onAction?: (ctx: ExecContext, action: ActionConstant, route: RouteEntry) => void;
}

/**
 * A module command ready to run: its handler bound to the module's
 * parameters. The arguments (values, or compiled ones) are an array made for
 * this call, which the binding converts in place.
 */
export interface BoundCommand {
  (ctx: ExecContext, args: unknown[]): number | Promise<number>;
  /** What the binding calls, for code that calls the handler itself (compiled routes). */
  readonly direct?: DirectCommand;
}

/** A command's handler and what its binding passes it. */
export interface DirectCommand {
  readonly run: (ctx: ExecContext, args: unknown[], params: unknown, instance: unknown) => number | Promise<number>;
  /** Argument `index` as the handler wants it, from a value (an argument compiled at start-up is passed as its `value`). */
  readonly convert: (index: number, arg: unknown) => unknown;
  /** The module's instance; the handler gets its parameters (read at each call) and itself. */
  readonly instance: { readonly params: unknown };
}

/** Finds the command a CALL_CMD names (module, name, argument count), when it can run. */
export type CommandLookup = (module: string, name: string, argc: number) => BoundCommand | undefined;

/** The core functions, module commands and pseudo-variables a program uses that `siprc exec` cannot run yet. */
export function unsupported(program: Program, commands: CommandLookup): string[] {
  const out = new Set<string>();
  for (let pc = 0; pc < program.code.length; pc += instructionLength(program.code[pc]!)) {
    const op = program.code[pc]!;
    const c = program.constants[program.code[pc + 1]!];
    if (op === Op.CALL_CORE && c?.kind === 'core' && !coreFunction(c.name)) out.add(`core function ${c.name}`);
    if (op === Op.CALL_CMD && c?.kind === 'command' && !commands(c.module, c.name, program.code[pc + 2]!)) out.add(`command ${c.name} of module ${c.module}`);
    if ((op === Op.PUSH_PV || op === Op.STORE_PV) && c?.kind === 'pv' && !c.access) out.add(`pseudo-variable ${c.text}`);
    if (op === Op.PUSH_FORMAT && c?.kind === 'format' && !c.format) out.add(`the pseudo-variables of "${c.text}"`);
    if (op === Op.PUSH_FIXED && c?.kind === 'fixed' && c.value === undefined) out.add(`argument ${c.text}`);
    if (!OPCODES[op]) break;
  }
  return [...out];
}

class ExecHost implements VmHost {
  constructor(
    private readonly ctx: ExecContext,
    private readonly commands: CommandLookup,
    /** The program's commands bound, by the address of their CALL_CMD (found on first use). */
    private readonly boundAt: Array<BoundCommand | undefined>,
    /** A route compiled to JavaScript, when the runner has it so. */
    private readonly compiled: (index: number) => CompiledRoute | undefined,
  ) {}

  runCompiledRoute(index: number): CompiledEnd | undefined {
    return this.compiled(index)?.(this.ctx);
  }

  get rc(): number {
    return this.ctx.rc;
  }

  set rc(code: number) {
    this.ctx.rc = code;
  }

  getPv(pv: PvConstant, pc: number): Value {
    this.ctx.pc = pc;
    return pv.access!.get(this.ctx);
  }

  setPv(pv: PvConstant, value: Value): void {
    const access = pv.access;
    const set = access?.set;
    if (!set) throw new Error(`${pv.text} cannot be assigned`);
    set.call(access, this.ctx, value);
  }

  format(format: Format): string {
    return format.evaluate(this.ctx);
  }

  testKeyword(test: Parameters<VmHost['testKeyword']>[0], operand: Value): boolean {
    return testKeyword(this.ctx, test, operand);
  }

  callCore(name: string, args: readonly Value[]): number {
    return coreFunction(name)!(this.ctx, args);
  }

  callCommand(handle: CommandConstant, args: unknown[], pc: number): number | Promise<number> {
    this.ctx.pc = pc;
    const command = this.boundAt[pc] ?? (this.boundAt[pc] = bind(this.commands, handle, args.length));
    return command(this.ctx, args);
  }
}

function bind(commands: CommandLookup, handle: CommandConstant, argc: number): BoundCommand {
  const command = commands(handle.module, handle.name, argc);
  if (!command) throw new Error(`command ${handle.name} of module ${handle.module} cannot run in siprc exec yet`);
  return command;
}

/** Each lookup's commands bound for each program, by address (one table however many runners run the program). */
const BOUND = new WeakMap<CommandLookup, WeakMap<Program, Array<BoundCommand | undefined>>>();

function boundTable(commands: CommandLookup, program: Program): Array<BoundCommand | undefined> {
  let byProgram = BOUND.get(commands);
  if (!byProgram) BOUND.set(commands, (byProgram = new WeakMap()));
  let table = byProgram.get(program);
  if (!table) byProgram.set(program, (table = []));
  return table;
}

/** The name (as the trace writes it) of the route whose code holds address `pc`. */
export function routeNameAt(program: Program, pc: number): string | undefined {
  let found: RouteEntry | undefined;
  for (const r of program.routes) if (r.entry <= pc && (!found || r.entry > found.entry)) found = r;
  return found && traceName(found);
}

/**
 * A route's name in the trace, as Kamailio's cfgtrace writes it:
 * DEFAULT_ROUTE for request_route, DEFAULT_ONREPLY for reply_route, the name
 * for a named route.
 */
export function traceName(route: RouteEntry): string {
  if (route.name !== undefined) return route.name;
  if (route.kind === 'request') return 'DEFAULT_ROUTE';
  if (route.kind === 'reply' || route.kind === 'onreply') return 'DEFAULT_ONREPLY';
  if (route.kind === 'onsend') return 'ONSEND_ROUTE';
  return route.kind.toUpperCase();
}

/** The trace of runs that record none, and the errors of runs that had none (never written to). */
const NO_TRACE: string[] = [];
const NO_ERRORS: ReadonlyArray<{ readonly message: string; readonly pc: number }> = [];

/** Where a program's onsend_route and event routes are, found once per program. */
interface SpecialRoutes {
  readonly onsend: number;
  readonly events: ReadonlyMap<string, number>;
}

const SPECIAL_ROUTES = new WeakMap<Program, SpecialRoutes>();

function routesOf(program: Program): SpecialRoutes {
  let found = SPECIAL_ROUTES.get(program);
  if (!found) {
    const events = new Map<string, number>();
    program.routes.forEach((r, i) => {
      if (r.kind === 'event' && r.name !== undefined && !events.has(r.name)) events.set(r.name, i);
    });
    found = { onsend: program.routes.findIndex((r) => r.kind === 'onsend'), events };
    SPECIAL_ROUTES.set(program, found);
  }
  return found;
}

/** Finds a route of the program by kind and name (the unnamed one when name is undefined); -1 when absent. */
export function findRoute(program: Program, kind: RouteType, name: string | undefined): number {
  const kinds = kind === 'reply' ? ['reply', 'onreply'] : [kind];
  return program.routes.findIndex((r) => kinds.includes(r.kind) && r.name === name);
}

/**
 * Runs routes of one program with one set of commands: the message's own
 * route, then the core's default action for replies, or another route later
 * (failure_route, onreply_route, branch_route) for tm.
 */
export class ScriptRunner {
  /** The program's commands bound, by address. */
  private readonly boundAt: Array<BoundCommand | undefined>;
  /** Routes compiled to JavaScript, by index: null for one the interpreter runs (compiled on first run). */
  private readonly compiledRoutes: Array<CompiledRoute | null | undefined> = [];
  /** Where the program's onsend_route and event routes are. */
  private readonly special: SpecialRoutes;

  constructor(
    readonly program: Program,
    readonly commands: CommandLookup,
    private readonly options: ExecOptions = {},
  ) {
    this.boundAt = boundTable(commands, program);
    this.special = routesOf(program);
  }

  /** The script's statistics, when linked with them. */
  get statistics(): StatisticsRegistry | undefined {
    return this.options.statistics;
  }

  /** The process-wide state the modules were linked with, when linked. */
  get worker(): WorkerState | undefined {
    return this.options.worker;
  }

  /** The modules' look at raw bytes received and sent, when one asked for it. */
  get wireFilter(): WireFilter | undefined {
    return this.options.wireFilter;
  }

  /** Where an instruction of this program is, when the runner knows the sources. */
  get whereIs(): ExecOptions['whereIs'] {
    return this.options.whereIs;
  }

  /** An instruction's position as `file:line:col`, when the runner knows the sources. */
  get describe(): ExecOptions['describe'] {
    return this.options.describe;
  }

  /**
   * Runs route `routeIndex` on the context (a reply may have no route to
   * run), then the core's default action: a reply the script did not drop is
   * offered to the modules that keep transactions (`replyReceived`), and
   * passed on to the previous hop when none takes it, as Kamailio does.
   * Without `defaultAction` (tm running its routes) only the route runs.
   * A command that waits is a run-time error here: see `start`.
   */
  run(routeIndex: number | undefined, ctx: ExecContext, defaultAction = true): ExecResult {
    const result = this.runRoutes(routeIndex, ctx, defaultAction, false);
    if (result instanceof Promise) throw new VmError('a run that cannot wait waited', -1, []);
    return result;
  }

  /**
   * Runs a received message's own route, as `run` does, except that a
   * request's route may wait for commands that return a Promise (storage):
   * the result is then a Promise, settled when the route has ended.
   */
  start(routeIndex: number | undefined, ctx: ExecContext): ExecResult | Promise<ExecResult> {
    return this.runRoutes(routeIndex, ctx, true, ctx.message.isRequest);
  }

  private runRoutes(routeIndex: number | undefined, ctx: ExecContext, defaultAction: boolean, canWait: boolean): ExecResult | Promise<ExecResult> {
    // Made only when used: most runs record no trace (the server's) and have no errors.
    const trace: string[] = this.options.trace === false ? NO_TRACE : [];
    let errors: Array<{ message: string; pc: number }> | undefined;
    const onRoute: VmOptions['onRoute'] = this.options.trace === false ? undefined : (event, route) => trace.push(`${event}|${traceName(route)}`);
    const onError: VmOptions['onError'] = (message, pc) => (errors ??= []).push({ message, pc });
    const program = this.program;
    ctx.runner ??= this;
    const onAction = this.options.onAction;
    // The options are written out whole, every time in one shape: an object spread here made the
    // VM's reads of them a slow path, about 1 µs a run.
    const vm = (on: ExecContext, mayWait: boolean): Vm =>
      new Vm(program, new ExecHost(on, this.commands, this.boundAt, this.compiledRoute), {
        maxWhileLoops: this.options.maxWhileLoops,
        maxRecursion: this.options.maxRecursion,
        onRoute,
        onError,
        onAction: onAction && ((action, route) => onAction(on, action, route)),
        canWait: mayWait,
      });
    const mainRouteType = routeIndex === undefined ? ctx.routeType : program.routes[routeIndex]!.kind;
    ctx.routeType = mainRouteType;
    // onsend_route runs for every request about to be sent, and may drop it.
    const onsend = this.special.onsend;
    if (onsend >= 0) {
      ctx.onSend = (message) => {
        if (!isRequest(message.data)) return true;
        ctx.routeType = 'onsend';
        ctx.sending = { from: message.from ?? ctx.sendSocket ?? ctx.local.socket, to: message.to, proto: message.proto, data: message.data };
        try {
          if (now(vm(ctx, false).run(onsend)).ended !== 'drop') return true;
          ctx.worker.core.add('drop_requests');
          return false;
        } finally {
          ctx.sending = undefined;
          ctx.routeType = mainRouteType;
        }
      };
    }
    const events = this.special.events;
    if (events.size > 0) {
      ctx.runEvent = (name, message, sending) => {
        const index = events.get(name);
        if (index === undefined) return;
        // A message built here was received from nowhere: no source address ($si empty, $sp 0), as in Kamailio.
        const event = new ExecContext(message, { address: '', port: 0 }, sending.proto, ctx.local, ctx.worker, ctx.received);
        event.debugLevel = ctx.debugLevel;
        event.whereIs = ctx.whereIs;
        event.routeType = 'event';
        event.sending = sending;
        vm(event, false).run(index);
        ctx.logs.push(...event.logs);
        ctx.sent.push(...event.sent);
      };
    }
    // After the route: a reply the script did not drop and no module took is passed on.
    const finish = (result: RunResult): ExecResult => {
      if (defaultAction && !ctx.message.isRequest && result.ended !== 'drop' && !this.options.replyReceived?.(ctx)) forwardReply(ctx);
      return { result, trace, errors: errors ?? NO_ERRORS };
    };
    // A request a module took before the script (sl's ACK to its own reply) ends there, as dropped.
    if (defaultAction && mainRouteType === 'request' && ctx.message.isRequest && this.options.requestReceived?.(ctx)) return { result: { ended: 'drop', code: 0 }, trace, errors: NO_ERRORS };
    if (routeIndex === undefined) return finish({ ended: 'return', code: 1 });
    // A compiled route is called here, with no VM made unless it fails or waits (a VM then takes over as if it had started it).
    const compiled = (this.options.maxRecursion ?? DEFAULT_MAX_RECURSION) > 0 ? this.compiledRoute(routeIndex) : undefined;
    if (compiled !== undefined) {
      let ran: CompiledEnd;
      try {
        ran = compiled(ctx);
      } catch (e) {
        return vm(ctx, canWait).compiledThrew(routeIndex, e);
      }
      const done = finishedCompiled(ran, ctx.rc);
      return done ? finish(done) : vm(ctx, canWait).resumeCompiled(routeIndex, ran as Suspension).then(finish);
    }
    const result = vm(ctx, canWait).run(routeIndex);
    return result instanceof Promise ? result.then(finish) : finish(result);
  }

  /**
   * Route `index` compiled to JavaScript, when it can be (compiled on first
   * use): not while runs record the route-flow trace or cfgtrace, which the
   * interpreter reports.
   */
  private readonly compiledRoute = (index: number): CompiledRoute | undefined => {
    if (this.options.trace !== false || this.options.onAction) return undefined;
    let compiled = this.compiledRoutes[index];
    if (compiled === undefined) {
      const { code, constants } = this.program;
      const bound = (pc: number): BoundCommand | undefined => {
        const handle = constants[code[pc + 1]!] as CommandConstant;
        return (this.boundAt[pc] ??= this.commands(handle.module, handle.name, code[pc + 2]!));
      };
      compiled = this.compiledRoutes[index] = compileRoute(this.program, index, bound) ?? null;
    }
    return compiled ?? undefined;
  };
}

/** The result of a run that cannot wait (a command that would is an error the VM throws). */
function now(result: RunResult | Promise<RunResult>): RunResult {
  if (result instanceof Promise) throw new VmError('a run that cannot wait waited', -1, []);
  return result;
}

/** Whether a message in wire form is a request (its first line does not start with SIP/). */
function isRequest(data: Buffer): boolean {
  return !(data[0] === 0x53 && data[1] === 0x49 && data[2] === 0x50 && data[3] === 0x2f);
}

/** Runs one route of the program on the context (see ScriptRunner.run). */
export function execute(program: Program, routeIndex: number | undefined, ctx: ExecContext, commands: CommandLookup, options: ExecOptions = {}): ExecResult {
  return new ScriptRunner(program, commands, options).run(routeIndex, ctx);
}
