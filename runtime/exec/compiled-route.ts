// Routes compiled to JavaScript: a route's bytecode becomes one function in
// which every instruction calls its own pseudo-variable, command or core
// function. V8 then sees one target at each call and can inline it, where
// the interpreter's one call for every pseudo-variable read cannot be. The
// operand stack becomes local variables (its depth at each instruction is
// known), jumps (all forward) leave labelled blocks, a command is called
// with its arguments converted right there (not through its binding), and a
// transformation chain is called step by step. Only what the interpreter
// would do is done, in the same order, with the operators it uses
// (runtime/vm/operators.ts).
//
// A route is compiled only when it calls no other route and has no loop,
// `switch` or cfgtrace marks (those stay with the interpreter), and when
// everything it uses can run; the interpreter calls it where a route calls
// it (VmHost.runCompiledRoute), and the runner calls it itself when a run
// starts on it (ScriptRunner). A command that waits (returns a Promise)
// hands the run to the interpreter: the result is then a Suspension, from
// which the interpreter goes on at the next instruction.

import { INSTRUCTION_LENGTHS, OPCODES, Op } from '../bytecode/opcodes.js';
import type { Program } from '../bytecode/program.js';
import type { PvAccess } from '../pv/types.js';
import { binaryFunction, isBinary, isUnary, matches, scriptRegex, unaryFunction } from '../vm/operators.js';
import { CompiledRouteError, type CompiledEnd } from '../vm/host.js';
import { isTrue, toInt } from '../vm/values.js';
import type { ExecContext } from './context.js';
import { coreFunction } from './core-functions.js';
import { keywordTester } from './keywords.js';
import type { BoundCommand, DirectCommand } from './run.js';

/** How a compiled route ended when the script stops (exit, drop). */
export const EXIT = { stop: 'exit' } as const;
export const DROP = { stop: 'drop' } as const;

export type CompiledRoute = (ctx: ExecContext) => CompiledEnd;

/** A command bound to its module: what the runner's lookup gives for a CALL_CMD (see run.ts). */
export type BoundAt = (pc: number) => BoundCommand | undefined;

/** Opcodes a compiled route can hold (the others keep the route in the interpreter). */
const COMPILABLE = new Set<number>([
  Op.PUSH_INT, Op.PUSH_CONST, Op.PUSH_PV, Op.STORE_PV, Op.COPY_PV, Op.STORE_INT, Op.STORE_CONST, Op.PUSH_FORMAT,
  Op.PUSH_FIXED, Op.PUSH_RC, Op.PUSH_LAST, Op.TEST_KEYWORD, Op.TEST_KEYWORD_VALUE, Op.DUP, Op.POP,
  Op.JUMP, Op.JUMP_IF_FALSE, Op.JUMP_IF_TRUE, Op.JUMP_IF_ZERO, Op.JUMP_IF_NONZERO,
  Op.CALL_CORE, Op.CALL_CMD, Op.SET_RC, Op.RETURN, Op.EXIT, Op.DROP,
]);

/** Instructions after which the next one is only reached by a jump. */
const ENDS = new Set<number>([Op.JUMP, Op.RETURN, Op.EXIT, Op.DROP]);

/** Thrown while compiling when the route must stay with the interpreter. */
class NotCompilable {}

/** The address after route `index`'s last instruction. */
function routeEnd(program: Program, index: number): number {
  const entry = program.routes[index]!.entry;
  let end = program.code.length;
  for (const r of program.routes) if (r.entry > entry && r.entry < end) end = r.entry;
  return end;
}

/** How many values an instruction takes off the stack and puts on it. */
function stackUse(op: number, argc: number): { readonly pops: number; readonly pushes: number } {
  if (op === Op.CALL_CMD || op === Op.CALL_CORE) return { pops: argc, pushes: 1 };
  if (op === Op.DUP) return { pops: 1, pushes: 2 };
  if (op === Op.TEST_KEYWORD_VALUE || isUnary(op)) return { pops: 1, pushes: 1 };
  if (isBinary(op)) return { pops: 2, pushes: 1 };
  const net = OPCODES[op]!.stack;
  return net < 0 ? { pops: -net, pushes: 0 } : { pops: 0, pushes: net };
}

/**
 * The stack depth before each reachable instruction of the route (absent for
 * unreachable ones), and the addresses jumps go to. Throws NotCompilable when
 * the route is not one this compiler handles: an opcode it does not, a jump
 * backwards or out of the route, or a depth that differs between the ways
 * into an instruction.
 */
function shapeOf(code: Int32Array, entry: number, end: number): { depth: Map<number, number>; targets: Set<number> } {
  const depth = new Map<number, number>();
  const jumpedWith = new Map<number, number>();
  let d: number | undefined = 0;
  for (let pc = entry; pc < end; pc += INSTRUCTION_LENGTHS[code[pc]!]!) {
    const op = code[pc]!;
    if (!COMPILABLE.has(op) && !isBinary(op) && !isUnary(op)) throw new NotCompilable();
    const incoming = jumpedWith.get(pc);
    if (incoming !== undefined) {
      if (d !== undefined && d !== incoming) throw new NotCompilable();
      d = incoming;
    }
    if (d === undefined) continue;
    depth.set(pc, d);
    const { pops, pushes } = stackUse(op, code[pc + 2]!);
    if (d < pops) throw new NotCompilable();
    d = d - pops + pushes;
    if (op >= Op.JUMP && op <= Op.JUMP_IF_NONZERO) {
      const target = code[pc + 1]!;
      if (target <= pc || target >= end || (jumpedWith.has(target) && jumpedWith.get(target) !== d)) throw new NotCompilable();
      jumpedWith.set(target, d);
    }
    if (ENDS.has(op)) d = undefined;
  }
  if (d !== undefined || [...jumpedWith.keys()].some((t) => !depth.has(t))) throw new NotCompilable();
  return { depth, targets: new Set(jumpedWith.keys()) };
}

/** An `=~` pattern compiled, or undefined when it is not a valid one. */
function compiledPattern(pattern: string): RegExp | undefined {
  try {
    return scriptRegex(pattern);
  } catch {
    return undefined;
  }
}

/** What a push instruction put on the stack: its opcode and the value (a PUSH_FIXED's compiled argument). */
interface Pushed {
  readonly op: number;
  readonly value: unknown;
}

/**
 * Command argument k as its handler takes it, when it is known before the
 * route runs: compiled at start-up (PUSH_FIXED), or a constant converted now
 * (as the binding would convert it at each call; a constant it refuses is
 * left to fail where it runs, as in the interpreter).
 */
function knownArgument(direct: DirectCommand, k: number, pushed: Pushed | undefined): { readonly value: unknown } | undefined {
  if (pushed?.op === Op.PUSH_FIXED) return { value: pushed.value };
  if (pushed?.op !== Op.PUSH_INT && pushed?.op !== Op.PUSH_CONST) return undefined;
  try {
    return { value: direct.convert(k, pushed.value) };
  } catch {
    return undefined;
  }
}

/** Compiles route `index`, or gives undefined when it must run in the interpreter. */
export function compileRoute(program: Program, index: number, boundAt: BoundAt): CompiledRoute | undefined {
  try {
    return generate(program, index, boundAt);
  } catch (e) {
    if (e instanceof NotCompilable) return undefined;
    throw e;
  }
}

function generate(program: Program, index: number, boundAt: BoundAt): CompiledRoute {
  const code = program.code;
  const entry = program.routes[index]!.entry;
  const end = routeEnd(program, index);
  const { depth, targets } = shapeOf(code, entry, end);
  const constant = (i: number): any => program.constants[i];
  const need = <T>(value: T | undefined | null | false | ''): T => {
    if (!value) throw new NotCompilable();
    return value;
  };

  const bindings = new Map<string, unknown>([
    ['matches', matches],
    ['isTrue', isTrue],
    ['toInt', toInt],
    ['EXIT', EXIT],
    ['DROP', DROP],
  ]);
  /** A name in the generated code for a value it uses. */
  const bind = (name: string, value: unknown): string => (bindings.set(name, value), name);
  /** An expression reading a pseudo-variable: a transformation chain step by step (see compiler/fixup/pv.ts). */
  const read = (i: number): string => {
    const access = need(constant(i)?.access as PvAccess | undefined);
    need(access.get);
    const chain = access.transformed;
    if (!chain) return `${bind(`P${i}`, access)}.get(ctx)`;
    const steps = chain.transforms.map((t, k) => `(t = ${bind(`T${i}_${k}`, t)}(t, ctx)) === null ? ''`);
    return `(t = ${bind(`B${i}`, chain.base)}.get(ctx), ${steps.join(' : ')} : t)`;
  };
  const writer = (i: number): string => {
    const access = need(constant(i)?.access as PvAccess | undefined);
    need(access.set);
    return bind(`P${i}`, access);
  };
  /** The stack as local variables: s0 is its bottom. */
  const s = (k: number): string => `s${k}`;
  let deepest = 0;
  /** Per stack slot, the instruction (PUSH_INT, PUSH_CONST or PUSH_FIXED) and value that put it there, while it is known to be that. */
  let pushedIn: Array<Pushed | undefined> = [];

  // Every jump target closes a block opened at the top; a jump is a break out of its target's block.
  const out: string[] = ['try {', [...targets].sort((a, b) => b - a).map((t) => `L${t}: {`).join(' ')];
  for (let pc = entry; pc < end; pc += INSTRUCTION_LENGTHS[code[pc]!]!) {
    const d = depth.get(pc);
    if (d === undefined) continue;
    if (targets.has(pc)) {
      out.push(`} // L${pc}`);
      pushedIn = [];
    }
    const op = code[pc]!;
    const a1 = code[pc + 1]!;
    const a2 = code[pc + 2]!;
    const top = s(d - 1);
    const { pops, pushes } = stackUse(op, a2);
    deepest = Math.max(deepest, d - pops + pushes);
    const popped = pushedIn.slice(d - pops, d);
    pushedIn.length = d - pops;
    out.push(`at = ${pc};`);
    switch (op) {
      case Op.PUSH_INT:
        out.push(`${s(d)} = ${a1};`);
        pushedIn[d] = { op, value: a1 };
        break;
      case Op.PUSH_CONST:
        out.push(`${s(d)} = ${JSON.stringify(constant(a1).value)};`);
        pushedIn[d] = { op, value: constant(a1).value };
        break;
      case Op.PUSH_PV:
        out.push(`ctx.pc = ${pc}; ${s(d)} = ${read(a1)};`);
        break;
      case Op.STORE_PV:
        out.push(`${writer(a1)}.set(ctx, ${top}); last = 1;`);
        break;
      case Op.COPY_PV:
        out.push(`ctx.pc = ${pc}; ${writer(a1)}.set(ctx, ${read(a2)}); last = 1;`);
        break;
      case Op.STORE_INT:
        out.push(`${writer(a1)}.set(ctx, ${a2}); last = 1;`);
        break;
      case Op.STORE_CONST:
        out.push(`${writer(a1)}.set(ctx, ${JSON.stringify(constant(a2).value)}); last = 1;`);
        break;
      case Op.PUSH_FORMAT:
        out.push(`${s(d)} = ${bind(`F${a1}`, need(constant(a1).format))}.evaluate(ctx);`);
        break;
      case Op.PUSH_FIXED:
        out.push(`${s(d)} = ${bind(`X${a1}`, constant(a1))};`);
        pushedIn[d] = { op, value: constant(a1).value };
        break;
      case Op.PUSH_RC:
        out.push(`${s(d)} = ctx.rc;`);
        break;
      case Op.PUSH_LAST:
        out.push(`${s(d)} = last;`);
        break;
      case Op.TEST_KEYWORD: {
        const test = constant(a1);
        out.push(`${s(d)} = ${bind(`K${a1}`, keywordTester(test))}(ctx, ${JSON.stringify(test.operand)}) ? 1 : 0;`);
        break;
      }
      case Op.TEST_KEYWORD_VALUE:
        out.push(`${top} = ${bind(`K${a1}`, keywordTester(constant(a1)))}(ctx, ${top}) ? 1 : 0;`);
        break;
      case Op.DUP:
        out.push(`${s(d)} = ${top};`);
        break;
      case Op.POP:
        break;
      case Op.JUMP:
        out.push(`break L${a1};`);
        break;
      case Op.JUMP_IF_FALSE:
        out.push(`if (!isTrue(${top})) break L${a1};`);
        break;
      case Op.JUMP_IF_TRUE:
        out.push(`if (isTrue(${top})) break L${a1};`);
        break;
      case Op.JUMP_IF_ZERO:
        out.push(`if (toInt(${top}) === 0) break L${a1};`);
        break;
      case Op.JUMP_IF_NONZERO:
        out.push(`if (toInt(${top}) !== 0) break L${a1};`);
        break;
      case Op.CALL_CORE: {
        const run = bind(`C${pc}`, need(coreFunction(constant(a1).name)));
        const args = Array.from({ length: a2 }, (_, k) => s(d - a2 + k));
        // A core function's 0 is only its return code: unlike a command's, it does not stop the script.
        out.push(`ctx.rc = last = ${run}(ctx, [${args.join(', ')}]); ${s(d - a2)} = ctx.rc;`);
        break;
      }
      case Op.CALL_CMD: {
        const command = need(boundAt(pc));
        const direct = command.direct;
        const values = Array.from({ length: a2 }, (_, k) => s(d - a2 + k));
        let call: string;
        if (direct) {
          // What the binding does (compiler/link.ts), here: arguments compiled at start-up are passed as compiled,
          // constants are converted once, here, and when every argument is known the array is made once too
          // (a handler takes its arguments read-only).
          const h = bind(`H${pc}`, direct);
          const instance = bind(`I${pc}`, direct.instance);
          const known = values.map((_, k) => knownArgument(direct, k, popped[k]));
          const list = known.every((arg) => arg !== undefined)
            ? bind(`A${pc}`, known.map((arg) => arg.value))
            : `[${known.map((arg, k) => (arg === undefined ? `${h}.convert(${k}, ${values[k]})` : bind(`V${pc}_${k}`, arg.value))).join(', ')}]`;
          call = `${bind(`R${pc}`, direct.run)}(ctx, ${list}, ${instance}.params, ${instance})`;
        } else call = `${bind(`M${pc}`, command)}(ctx, [${values.join(', ')}])`;
        const stack = Array.from({ length: d - a2 }, (_, k) => s(k));
        out.push(
          `ctx.pc = ${pc}; r = ${call};`,
          `if (typeof r !== 'number') return { pc: ${pc + INSTRUCTION_LENGTHS[op]!}, at: ${pc}, stack: [${stack.join(', ')}], last, pending: r };`,
          `ctx.rc = last = r; if (r === 0) return EXIT; ${s(d - a2)} = r;`,
        );
        break;
      }
      case Op.SET_RC:
        out.push(`ctx.rc = toInt(${top});`);
        break;
      case Op.RETURN:
        out.push(`return toInt(${top});`);
        break;
      case Op.EXIT:
        out.push('return EXIT;');
        break;
      case Op.DROP:
        out.push('return DROP;');
        break;
      default: {
        if (isUnary(op)) {
          out.push(`${top} = ${bind(`U${op}`, unaryFunction(op))}(${top});`);
          break;
        }
        const pattern = op === Op.MATCH && popped[1]?.op === Op.PUSH_CONST ? popped[1].value : undefined;
        const regex = typeof pattern === 'string' ? compiledPattern(pattern) : undefined;
        // A constant pattern is compiled here, once; a bad one fails where it runs, as in the interpreter.
        if (regex) out.push(`${s(d - 2)} = matches(${s(d - 2)}, ${bind(`RE${pc}`, regex)});`);
        else out.push(`${s(d - 2)} = ${bind(`O${op}`, binaryFunction(op))}(${s(d - 2)}, ${top});`);
      }
    }
  }
  out.push('} catch (e) { throw new CompiledRouteError(e, at); }');
  const locals = ['at', 'last = 1', 'r', 't', ...Array.from({ length: deepest }, (_, k) => s(k))];
  const names = [...bindings.keys(), 'CompiledRouteError'];
  const values = [...bindings.values(), CompiledRouteError];
  const source = `return function route_${index}(ctx) {\nlet ${locals.join(', ')};\n${out.join('\n')}\n};`;
  // The source is made above from the program's own bytecode only: no text of the script goes into it.
  const make = new Function(...names, source) as (...v: unknown[]) => CompiledRoute;
  return make(...values);
}
