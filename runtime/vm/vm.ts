// The bytecode interpreter: runs one route of a Program against a host, with
// Kamailio's semantics. A module command or a route returning 0 stops the
// script, as `exit` does (a core function's 0 does not); `drop` stops it and cancels the
// default action; a route that runs off its end returns what its last action
// gave (a call its code, an assignment 1); route calls nest
// up to a limit (max_recursive_level).

import { INSTRUCTION_LENGTHS, Op } from '../bytecode/opcodes.js';
import type { ActionConstant, CommandConstant, Constant, Program, PvConstant, RouteEntry } from '../bytecode/program.js';
import type { Format } from '../pv/format.js';
import { CompiledRouteError, VmError, type CompiledEnd, type KeywordTest, type Suspension, type VmHost } from './host.js';
import { binaryOp, equal, scriptRegex, unaryOp } from './operators.js';
import { isTrue, toInt, toStr, type Value } from './values.js';

export interface RunResult {
  /** How the script ended: a return from the route run, `exit` (or a 0 return code), or `drop`. */
  readonly ended: 'return' | 'exit' | 'drop';
  /** The route's return value, or $rc when the script stopped. */
  readonly code: number;
}

export interface VmOptions {
  /** Most nested route calls (Kamailio's max_recursive_level). */
  readonly maxRecursion?: number;
  /** Most iterations of one while loop (Kamailio's max_while_loops). */
  readonly maxWhileLoops?: number;
  /** Told of errors the script goes on after (a runaway while loop), with the instruction's address. */
  readonly onError?: (message: string, pc: number) => void;
  /** Told when a route starts and how it ends (the route-flow trace of `siprc exec`). */
  readonly onRoute?: (event: 'start' | 'return' | 'exit' | 'drop', route: RouteEntry) => void;
  /** Told when an action starts, in programs that mark them (TRACE: the debugger module's cfgtrace), with the route running it. */
  readonly onAction?: (action: ActionConstant, route: RouteEntry) => void;
  /**
   * Whether the run may wait for a command that returns a Promise (the
   * request route's own run); elsewhere such a command is a run-time error.
   */
  readonly canWait?: boolean;
}

export const DEFAULT_MAX_RECURSION = 256;

const DEFAULT_MAX_WHILE_LOOPS = 100;
/** What calling a route whose run-time name names none gives, as in Kamailio 5.6 (false). */
const ROUTE_NOT_FOUND = -10;

/** How a run ends whose route ran compiled to its end; undefined when a command in it waits (see Vm.resumeCompiled). */
export function finishedCompiled(ran: CompiledEnd, rc: number): RunResult | undefined {
  if (typeof ran === 'number') return { ended: ran === 0 ? 'exit' : 'return', code: ran };
  if ('stop' in ran) return { ended: ran.stop, code: rc };
  return undefined;
}

/** A route running: where it is, its operand stack, its loop counters and what its last action gave. */
interface Frame {
  readonly route: number;
  pc: number;
  readonly stack: Value[];
  /** Made on the first while loop: most routes have none. */
  iterations: number[] | undefined;
  /** What the last action of this route gave: a call its return code, an assignment 1 (Kamailio 5.6). */
  last: number;
}

export class Vm {
  /**
   * The routes running, outermost first. Route calls push a frame rather than
   * recursing, so that a run can wait for a command and go on later where it was.
   */
  private readonly frames: Frame[] = [];
  private readonly maxRecursion: number;
  private readonly onRoute: VmOptions['onRoute'];
  private readonly onError: VmOptions['onError'];
  private readonly onAction: VmOptions['onAction'];
  private readonly maxWhileLoops: number;
  private readonly canWait: boolean;
  /**
   * Set when the script stops (exit, drop, a 0 return code); every route
   * running then returns at once. A flag, not an exception: stopping is the
   * normal end of most scripts and must cost nothing.
   */
  private stop: 'exit' | 'drop' | undefined;

  constructor(
    private readonly program: Program,
    private readonly host: VmHost,
    options: VmOptions = {},
  ) {
    this.maxRecursion = options.maxRecursion ?? DEFAULT_MAX_RECURSION;
    this.onRoute = options.onRoute;
    this.onError = options.onError;
    this.onAction = options.onAction;
    this.maxWhileLoops = options.maxWhileLoops ?? DEFAULT_MAX_WHILE_LOOPS;
    this.canWait = options.canWait ?? false;
  }

  /**
   * Runs route `index` of the program (an entry of program.routes). When a
   * command waits (returns a Promise) and the run may wait, the result is a
   * Promise: the run goes on from that command once it settles.
   */
  run(index: number): RunResult | Promise<RunResult> {
    this.stop = undefined;
    // Setting an array's length is a call into the runtime: only when a run left frames.
    if (this.frames.length > 0) this.frames.length = 0;
    const ran = this.runCompiled(index);
    if (ran === undefined) {
      this.enter(index);
      return this.proceed();
    }
    return finishedCompiled(ran, this.host.rc) ?? this.resumeCompiled(index, ran as Suspension);
  }

  /**
   * A run whose route `index` ran compiled until a command waited goes on
   * here (its frame on top), as if this VM had started it: for a runner that
   * called the compiled route itself (ScriptRunner).
   */
  resumeCompiled(index: number, s: Suspension): Promise<RunResult> {
    return this.waitFor(this.suspended(index, s));
  }

  /**
   * An exception out of compiled route `index`, reported as if this VM had
   * started the route: the route stack names it. Public for a runner that
   * called the compiled route itself (ScriptRunner).
   */
  compiledThrew(index: number, e: unknown): never {
    if (!(e instanceof CompiledRouteError)) throw e;
    // The route stack names the compiled route, as it would from inside an interpreted one.
    this.frames.push({ route: index, pc: e.pc, stack: [], iterations: undefined, last: 1 });
    if (e.cause instanceof VmError) throw e.cause;
    return this.fail((e.cause as Error)?.message ?? String(e.cause), e.pc);
  }

  /**
   * Route `index` run compiled to JavaScript (VmHost.runCompiledRoute), under
   * the nesting limit and with the errors of a route the interpreter enters;
   * undefined when the interpreter is to run it.
   */
  private runCompiled(index: number): CompiledEnd | undefined {
    const run = this.host.runCompiledRoute;
    // At the nesting limit, enter() reports it.
    if (run === undefined || this.frames.length >= this.maxRecursion) return undefined;
    try {
      return run.call(this.host, index);
    } catch (e) {
      return this.compiledThrew(index, e);
    }
  }

  /** A command in compiled route `index` waited: the route goes on in the interpreter, from its frame on top. */
  private suspended(index: number, s: Suspension): Promise<number> {
    this.frames.push({ route: index, pc: s.pc, stack: s.stack, iterations: undefined, last: s.last });
    this.at = s.at;
    return this.waiting(s.pending, s.at);
  }

  /** Runs on from where the frames are, to the end or to a command that waits. */
  private proceed(): RunResult | Promise<RunResult> {
    let code: number | Promise<number>;
    try {
      code = this.execute();
    } catch (e) {
      // An exception from a module, a pseudo-variable or a core function
      // becomes a VmError naming the instruction and the routes running
      // (the frames are left as they were where it was thrown).
      if (e instanceof VmError) throw e;
      return this.fail((e as Error).message ?? String(e), this.at);
    }
    if (typeof code !== 'number') return this.waitFor(code);
    if (this.stop) return { ended: this.stop, code: this.host.rc };
    return { ended: code === 0 ? 'exit' : 'return', code };
  }

  /** Waits for a command's return code, then goes on with it as the command's result. */
  private async waitFor(pending: Promise<number>): Promise<RunResult> {
    const at = this.at;
    let code: number;
    try {
      code = await pending;
    } catch (e) {
      return this.fail((e as Error)?.message ?? String(e), at);
    }
    this.commandReturned(code);
    return this.proceed();
  }

  private routeName(index: number): string {
    return routeLabel(this.program.routes[index]!);
  }

  /**
   * The request route `route()` calls by a name given at run time: "0" is the
   * unnamed one, as in Kamailio 5.6 ("00" is no route there); -1 when none.
   */
  private requestRouteNamed(name: string): number {
    const wanted = name === '0' ? undefined : name;
    return this.program.routes.findIndex((r) => r.kind === 'request' && r.name === wanted);
  }

  private fail(message: string, pc: number): never {
    throw new VmError(message, pc, this.frames.map((f) => this.routeName(f.route)));
  }

  /** Starts a route: a new frame on top (Kamailio's max_recursive_level bounds how many). */
  private enter(index: number): void {
    const route = this.program.routes[index]!;
    if (this.frames.length >= this.maxRecursion) this.fail(`route calls nested deeper than ${this.maxRecursion}`, route.entry);
    this.frames.push({ route: index, pc: route.entry, stack: [], iterations: undefined, last: 1 });
    this.onRoute?.('start', route);
  }

  /**
   * Ends the top route with its return code. Its caller, if any, takes the
   * code as a call's (it becomes $rc, and 0 stops the script); while the
   * script is stopping every route ends at once. Returns the code the run
   * ends with, or undefined when a caller goes on.
   */
  private leave(code: number): number | undefined {
    for (;;) {
      const frame = this.frames.pop()!;
      this.onRoute?.(this.stop ?? (code === 0 ? 'exit' : 'return'), this.program.routes[frame.route]!);
      // Checked by length: reading past an array's end is a slow path in V8.
      if (this.frames.length === 0) return code;
      const caller = this.frames[this.frames.length - 1]!;
      caller.stack.push((caller.last = this.called(code)));
      if (!this.stop) return undefined;
      code = 0;
    }
  }

  /** A waiting command's code arrived: it is the result of the top route's call. */
  private commandReturned(code: number): void {
    const frame = this.frames[this.frames.length - 1]!;
    frame.stack.push((frame.last = this.called(code)));
  }

  /** A call's return code: it becomes $rc, and 0 stops the script. */
  private called(code: number): number {
    this.host.rc = code;
    if (code === 0) this.stop ??= 'exit';
    return code;
  }

  private constant(index: number): Constant {
    return this.program.constants[index]!;
  }

  /** The address of the instruction running now (for errors raised outside the VM). */
  private at = 0;

  /**
   * Runs the top frame's instructions, entering and leaving routes, until the
   * outermost route ends (its return code) or a command waits (its Promise).
   */
  private execute(): number | Promise<number> {
    const code = this.program.code;
    let frame = this.frames[this.frames.length - 1]!;
    let stack = frame.stack;
    let pc = frame.pc;
    let last = frame.last;
    // A command waited for gave 0: the script stops where it was.
    if (this.stop) return this.leave(0)!;
    /** Set when the route running ends (returns, or the script stops) with this code. */
    let ended: number | undefined;
    /** The address of the instruction running (kept in `this.at` only when something is thrown or waited for). */
    let at = pc;
    try {
      for (;;) {
        if (ended !== undefined) {
          // Leave the route; go on in its caller unless the run is over.
          const done = this.leave(this.stop ? 0 : ended);
          if (done !== undefined) return done;
          ended = undefined;
          frame = this.frames[this.frames.length - 1]!;
          stack = frame.stack;
          pc = frame.pc;
          last = frame.last;
        }
        const op = code[pc]!;
        const a1 = code[pc + 1]!;
        at = pc;
        pc += INSTRUCTION_LENGTHS[op]!;
        switch (op) {
          case Op.PUSH_INT:
            stack.push(a1);
            break;
          case Op.PUSH_CONST:
            stack.push((this.constant(a1) as { value: string }).value);
            break;
          case Op.PUSH_PV:
            stack.push(this.host.getPv(this.constant(a1) as PvConstant, at));
            break;
          case Op.STORE_PV:
            this.host.setPv(this.constant(a1) as PvConstant, pop(stack));
            last = 1;
            break;
          case Op.COPY_PV:
            this.host.setPv(this.constant(a1) as PvConstant, this.host.getPv(this.constant(code[at + 2]!) as PvConstant, at));
            last = 1;
            break;
          case Op.STORE_INT:
            this.host.setPv(this.constant(a1) as PvConstant, code[at + 2]!);
            last = 1;
            break;
          case Op.STORE_CONST:
            this.host.setPv(this.constant(a1) as PvConstant, (this.constant(code[at + 2]!) as { value: string }).value);
            last = 1;
            break;
          case Op.PUSH_FORMAT:
            stack.push(this.host.format((this.constant(a1) as { format: Format }).format));
            break;
          case Op.PUSH_FIXED:
            // The constant itself (an object, unlike any value): only the lowering's command arguments are compiled ones,
            // and the command's binding unwraps them.
            stack.push(this.constant(a1) as unknown as Value);
            break;
          case Op.PUSH_RC:
            stack.push(this.host.rc);
            break;
          case Op.PUSH_LAST:
            stack.push(last);
            break;
          case Op.TEST_KEYWORD:
            stack.push(this.host.testKeyword(this.constant(a1) as KeywordTest, (this.constant(a1) as KeywordTest).operand) ? 1 : 0);
            break;
          case Op.TEST_KEYWORD_VALUE:
            stack.push(this.host.testKeyword(this.constant(a1) as KeywordTest, pop(stack)) ? 1 : 0);
            break;
          case Op.DUP:
            stack.push(stack[stack.length - 1] ?? null);
            break;
          case Op.POP:
            stack.pop();
            break;
          case Op.NOT:
          case Op.TO_BOOL:
          case Op.RC_TO_BOOL:
          case Op.BIT_NOT:
          case Op.NEG:
          case Op.DEFINED:
          case Op.TO_INT:
          case Op.TO_STR:
          case Op.STRLEN:
          case Op.STREMPTY:
            stack.push(unaryOp(op, pop(stack)));
            break;
          case Op.JUMP:
            pc = a1;
            break;
          case Op.JUMP_IF_FALSE:
            if (!isTrue(pop(stack))) pc = a1;
            break;
          case Op.JUMP_IF_TRUE:
            if (isTrue(pop(stack))) pc = a1;
            break;
          case Op.JUMP_IF_ZERO:
            if (toInt(pop(stack)) === 0) pc = a1;
            break;
          case Op.JUMP_IF_NONZERO:
            if (toInt(pop(stack)) !== 0) pc = a1;
            break;
          case Op.LOOP_RESET:
            (frame.iterations ??= [])[a1] = 0;
            break;
          case Op.LOOP_STEP: {
            const iterations = frame.iterations!;
            iterations[a1] = (iterations[a1] ?? 0) + 1;
            if (iterations[a1]! > this.maxWhileLoops) {
              this.onError?.(`runaway while loop: more than ${this.maxWhileLoops} iterations`, at);
              this.host.rc = last = 0;
              pc = code[at + 2]!;
            }
            break;
          }
          case Op.CASE_EQ: {
            const label = pop(stack);
            if (equal(stack[stack.length - 1] ?? null, label)) pc = a1;
            break;
          }
          case Op.CASE_MATCH: {
            const pattern = toStr(pop(stack));
            if (scriptRegex(pattern).test(toStr(stack[stack.length - 1] ?? null))) pc = a1;
            break;
          }
          case Op.CALL_ROUTE:
          case Op.CALL_ROUTE_DYNAMIC: {
            let index = a1;
            if (op === Op.CALL_ROUTE_DYNAMIC) {
              const name = toStr(pop(stack));
              index = this.requestRouteNamed(name);
              if (index < 0) {
                // As in Kamailio 5.6: logged, and the script goes on, the call false (-10) and $rc reading 0 (which stops nothing).
                this.onError?.(`route "${name}" is not defined: the call gives -10`, at);
                this.host.rc = 0;
                stack.push((last = ROUTE_NOT_FOUND));
                break;
              }
            }
            frame.pc = pc;
            frame.last = last;
            const ran = this.runCompiled(index);
            if (ran === undefined) {
              this.enter(index);
              frame = this.frames[this.frames.length - 1]!;
              stack = frame.stack;
              pc = frame.pc;
              last = frame.last;
              break;
            }
            // The compiled route ended as a route the interpreter leaves (see leave): its code is the call's.
            if (typeof ran === 'number') stack.push((last = this.called(ran)));
            else if ('stop' in ran) {
              this.stop = ran.stop;
              stack.push((last = this.called(0)));
            } else return this.suspended(index, ran);
            if (this.stop) {
              ended = 0;
              continue;
            }
            break;
          }
          case Op.CALL_CORE: {
            // A core function's 0 is only its return code: unlike a command's, it does not stop the script.
            const args = takeArgs(stack, code[at + 2]!);
            this.host.rc = last = this.host.callCore((this.constant(a1) as { name: string }).name, args);
            stack.push(this.host.rc);
            break;
          }
          case Op.CALL_CMD: {
            const args = takeArgs(stack, code[at + 2]!);
            const returned = this.host.callCommand(this.constant(a1) as CommandConstant, args, at);
            if (typeof returned !== 'number') {
              frame.pc = pc;
              frame.last = last;
              this.at = at;
              return this.waiting(returned, at);
            }
            stack.push((last = this.called(returned)));
            if (this.stop) {
              ended = 0;
              continue;
            }
            break;
          }
          case Op.SET_RC:
            this.host.rc = toInt(pop(stack));
            break;
          case Op.RETURN:
            ended = toInt(pop(stack));
            continue;
          case Op.EXIT:
          case Op.DROP:
            this.stop = op === Op.EXIT ? 'exit' : 'drop';
            ended = 0;
            continue;
          case Op.TRACE:
            this.onAction?.(this.constant(a1) as ActionConstant, this.program.routes[frame.route]!);
            break;
          default: {
            const b = pop(stack);
            stack.push(binaryOp(op, pop(stack), b));
          }
        }
      }
    } catch (e) {
      this.at = at;
      throw e;
    }
  }

  /** A command returned a Promise: the run waits for it where it may, and is an error where it may not. */
  private waiting(pending: Promise<number>, at: number): Promise<number> {
    if (this.canWait) return pending;
    pending.catch(() => undefined);
    const route = this.frames[0]!.route;
    return this.fail(`this command waits (on storage), which ${this.program.routes[route]!.kind} route runs cannot do; only request_route may wait`, at);
  }
}

/** The top `count` values of the stack, taken off in their order (a loop: `splice` costs a runtime call). */
function takeArgs(stack: Value[], count: number): Value[] {
  const args = new Array<Value>(count);
  for (let i = count - 1; i >= 0; i--) args[i] = stack.pop()!;
  return args;
}

/** The top of the stack, taken off (null when empty). */
function pop(stack: Value[]): Value {
  return stack.pop() ?? null;
}

/** A route as errors name it: `request`, `failure[name]`, ... */
export function routeLabel(route: RouteEntry): string {
  return route.name === undefined ? route.kind : `${route.kind}[${route.name}]`;
}
