// Routes compiled to JavaScript: a route's bytecode becomes one function in
// which every instruction calls its own pseudo-variable, command or core
// function. V8 then sees one target at each call and inlines it, where the
// interpreter's one call for every pseudo-variable read cannot be (a route of
// 30 actions ran ~20 % faster this way, bench:vm). Only what the interpreter
// would do is done, in the same order, with the operators it uses
// (runtime/vm/operators.ts).
//
// A route is compiled only when it calls no other route and has no loop,
// `switch` or cfgtrace marks (those stay with the interpreter), and when
// everything it uses can run; the interpreter calls it where a route calls
// it (VmHost.runCompiledRoute). A command that waits (returns a Promise)
// hands the run to the interpreter: the result is then a Suspension, from
// which the interpreter goes on at the next instruction.

import { INSTRUCTION_LENGTHS, Op } from '../bytecode/opcodes.js';
import type { Program } from '../bytecode/program.js';
import { binaryOp, isBinary, isUnary, scriptRegex, unaryOp } from '../vm/operators.js';
import { CompiledRouteError, type CompiledEnd } from '../vm/host.js';
import { isTrue, toInt, toStr } from '../vm/values.js';
import type { ExecContext } from './context.js';
import { coreFunction } from './core-functions.js';
import { testKeyword } from './keywords.js';

/** How a compiled route ended when the script stops (exit, drop). */
export const EXIT = { stop: 'exit' } as const;
export const DROP = { stop: 'drop' } as const;

export type CompiledRoute = (ctx: ExecContext) => CompiledEnd;

/** A command bound to its module: what the runner's lookup gives for a CALL_CMD (see run.ts). */
export type BoundAt = (pc: number) => ((ctx: ExecContext, args: unknown[]) => number | Promise<number>) | undefined;

/** Opcodes a compiled route can hold (the others keep the route in the interpreter). */
const COMPILABLE = new Set<number>([
  Op.PUSH_INT, Op.PUSH_CONST, Op.PUSH_PV, Op.STORE_PV, Op.COPY_PV, Op.STORE_INT, Op.STORE_CONST, Op.PUSH_FORMAT,
  Op.PUSH_FIXED, Op.PUSH_RC, Op.PUSH_LAST, Op.TEST_KEYWORD, Op.TEST_KEYWORD_VALUE, Op.DUP, Op.POP,
  Op.JUMP, Op.JUMP_IF_FALSE, Op.JUMP_IF_TRUE, Op.JUMP_IF_ZERO, Op.JUMP_IF_NONZERO,
  Op.CALL_CORE, Op.CALL_CMD, Op.SET_RC, Op.RETURN, Op.EXIT, Op.DROP,
]);

/** The address after route `index`'s last instruction. */
function routeEnd(program: Program, index: number): number {
  const entry = program.routes[index]!.entry;
  let end = program.code.length;
  for (const r of program.routes) if (r.entry > entry && r.entry < end) end = r.entry;
  return end;
}

/** Compiles route `index`, or gives undefined when it must run in the interpreter. */
export function compileRoute(program: Program, index: number, boundAt: BoundAt): CompiledRoute | undefined {
  const code = program.code;
  const entry = program.routes[index]!.entry;
  const end = routeEnd(program, index);
  const constant = (i: number): any => program.constants[i];
  /** Addresses that start a block: the entry, jump targets, and what follows a jump or an end. */
  const leaders = new Set<number>([entry]);
  for (let pc = entry; pc < end; pc += INSTRUCTION_LENGTHS[code[pc]!]!) {
    const op = code[pc]!;
    if (!COMPILABLE.has(op) && !isBinary(op) && !isUnary(op)) return undefined;
    const next = pc + INSTRUCTION_LENGTHS[op]!;
    if (op >= Op.JUMP && op <= Op.JUMP_IF_NONZERO) leaders.add(code[pc + 1]!).add(next);
    if (op === Op.RETURN || op === Op.EXIT || op === Op.DROP) leaders.add(next);
  }

  const bindings = new Map<string, unknown>([
    ['binaryOp', binaryOp],
    ['unaryOp', unaryOp],
    ['isTrue', isTrue],
    ['toInt', toInt],
    ['toStr', toStr],
    ['testKeyword', testKeyword],
    ['scriptRegex', scriptRegex],
    ['EXIT', EXIT],
    ['DROP', DROP],
  ]);
  /** A name in the generated code for a value it uses. */
  const bind = (name: string, value: unknown): string => (bindings.set(name, value), name);
  const pvGet = (i: number): string | undefined => {
    const access = constant(i)?.access;
    return access?.get ? bind(`P${i}`, access) : undefined;
  };
  const pvSet = (i: number): string | undefined => {
    const access = constant(i)?.access;
    return access?.set ? bind(`P${i}`, access) : undefined;
  };
  const pop = 'st.pop() ?? null';
  const args = (count: number): string => `[${Array.from({ length: count }, (_, k) => `a${k}`).join(', ')}]`;
  const takeArgs = (count: number): string => Array.from({ length: count }, (_, k) => `const a${count - 1 - k} = ${pop};`).join(' ');

  const out: string[] = [`let pc = ${entry}, at = ${entry}, last = 1, b, r;`, 'const st = [];', 'try {', 'for (;;) switch (pc) {'];
  for (let pc = entry; pc < end; pc += INSTRUCTION_LENGTHS[code[pc]!]!) {
    const op = code[pc]!;
    const a1 = code[pc + 1]!;
    const a2 = code[pc + 2]!;
    if (leaders.has(pc)) out.push(`case ${pc}:`);
    out.push(`at = ${pc};`);
    let line: string | undefined;
    switch (op) {
      case Op.PUSH_INT:
        line = `st.push(${a1});`;
        break;
      case Op.PUSH_CONST:
        line = `st.push(${JSON.stringify(constant(a1).value)});`;
        break;
      case Op.PUSH_PV: {
        const p = pvGet(a1);
        line = p && `ctx.pc = ${pc}; st.push(${p}.get(ctx));`;
        break;
      }
      case Op.STORE_PV: {
        const p = pvSet(a1);
        line = p && `${p}.set(ctx, ${pop}); last = 1;`;
        break;
      }
      case Op.COPY_PV: {
        const to = pvSet(a1);
        const from = pvGet(a2);
        line = to && from && `ctx.pc = ${pc}; ${to}.set(ctx, ${from}.get(ctx)); last = 1;`;
        break;
      }
      case Op.STORE_INT: {
        const p = pvSet(a1);
        line = p && `${p}.set(ctx, ${a2}); last = 1;`;
        break;
      }
      case Op.STORE_CONST: {
        const p = pvSet(a1);
        line = p && `${p}.set(ctx, ${JSON.stringify(constant(a2).value)}); last = 1;`;
        break;
      }
      case Op.PUSH_FORMAT: {
        const format = constant(a1).format;
        line = format && `st.push(${bind(`F${a1}`, format)}.evaluate(ctx));`;
        break;
      }
      case Op.PUSH_FIXED:
        line = `st.push(${bind(`X${a1}`, constant(a1))});`;
        break;
      case Op.PUSH_RC:
        line = 'st.push(ctx.rc);';
        break;
      case Op.PUSH_LAST:
        line = 'st.push(last);';
        break;
      case Op.TEST_KEYWORD: {
        const k = bind(`K${a1}`, constant(a1));
        line = `st.push(testKeyword(ctx, ${k}, ${k}.operand) ? 1 : 0);`;
        break;
      }
      case Op.TEST_KEYWORD_VALUE:
        line = `st.push(testKeyword(ctx, ${bind(`K${a1}`, constant(a1))}, ${pop}) ? 1 : 0);`;
        break;
      case Op.DUP:
        line = 'st.push(st[st.length - 1] ?? null);';
        break;
      case Op.POP:
        line = 'st.pop();';
        break;
      case Op.JUMP:
        line = `pc = ${a1}; continue;`;
        break;
      case Op.JUMP_IF_FALSE:
        line = `if (!isTrue(${pop})) { pc = ${a1}; continue; }`;
        break;
      case Op.JUMP_IF_TRUE:
        line = `if (isTrue(${pop})) { pc = ${a1}; continue; }`;
        break;
      case Op.JUMP_IF_ZERO:
        line = `if (toInt(${pop}) === 0) { pc = ${a1}; continue; }`;
        break;
      case Op.JUMP_IF_NONZERO:
        line = `if (toInt(${pop}) !== 0) { pc = ${a1}; continue; }`;
        break;
      case Op.CALL_CORE: {
        const run = coreFunction(constant(a1).name);
        // A core function's 0 is only its return code: unlike a command's, it does not stop the script.
        line = run && `{ ${takeArgs(a2)} ctx.rc = last = ${bind(`C${pc}`, run)}(ctx, ${args(a2)}); st.push(ctx.rc); }`;
        break;
      }
      case Op.CALL_CMD: {
        const command = boundAt(pc);
        const next = pc + INSTRUCTION_LENGTHS[op]!;
        line =
          command &&
          `{ ${takeArgs(a2)} ctx.pc = ${pc}; r = ${bind(`M${pc}`, command)}(ctx, ${args(a2)});` +
            ` if (typeof r !== 'number') return { pc: ${next}, at: ${pc}, stack: st, last, pending: r };` +
            ' ctx.rc = last = r; if (r === 0) return EXIT; st.push(r); }';
        break;
      }
      case Op.SET_RC:
        line = `ctx.rc = toInt(${pop});`;
        break;
      case Op.RETURN:
        line = `return toInt(${pop});`;
        break;
      case Op.EXIT:
        line = 'return EXIT;';
        break;
      case Op.DROP:
        line = 'return DROP;';
        break;
      default:
        if (isBinary(op)) line = `b = ${pop}; st.push(binaryOp(${op}, ${pop}, b));`;
        else if (isUnary(op)) line = `st.push(unaryOp(${op}, ${pop}));`;
    }
    if (line === undefined) return undefined;
    out.push(line);
  }
  out.push('default: throw new Error(`no instruction at ${pc}`);', '}', '} catch (e) { throw new CompiledRouteError(e, at); }');
  const names = [...bindings.keys(), 'CompiledRouteError'];
  const values = [...bindings.values(), CompiledRouteError];
  const source = `return function route_${index}(ctx) {\n${out.join('\n')}\n};`;
  // The source is made above from the program's own bytecode only: no text of the script goes into it.
  const make = new Function(...names, source) as (...v: unknown[]) => CompiledRoute;
  return make(...values);
}
