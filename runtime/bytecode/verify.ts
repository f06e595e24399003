// Checks a program before it runs: known opcodes, operands in range (jumps
// land on instructions, constants and routes exist), every route entry on an
// instruction, and stack depths that agree wherever control flow meets and
// never go below zero.

import { OPCODES, Op, instructionLength } from './opcodes.js';
import type { Program } from './program.js';

/** The problems found, empty when the program is sound. */
export function verify(program: Program): string[] {
  const problems: string[] = [];
  const { code } = program;
  const starts = new Set<number>();
  for (let pc = 0; pc < code.length; pc += instructionLength(code[pc]!)) {
    if (!OPCODES[code[pc]!]) {
      problems.push(`${pc}: unknown opcode ${code[pc]}`);
      return problems;
    }
    starts.add(pc);
  }
  for (const pc of starts) {
    const spec = OPCODES[code[pc]!]!;
    spec.operands.forEach((kind, i) => {
      const value = code[pc + 1 + i]!;
      if (kind === 'jump' && !starts.has(value)) problems.push(`${pc}: ${spec.name} jumps to ${value}, not an instruction`);
      if (kind === 'const' && program.constants[value] === undefined) problems.push(`${pc}: ${spec.name} names constant ${value}, which does not exist`);
      if (kind === 'route' && program.routes[value] === undefined) problems.push(`${pc}: ${spec.name} names route ${value}, which does not exist`);
      if (kind === 'argc' && value < 0) problems.push(`${pc}: negative argument count`);
    });
  }
  for (const r of program.routes) {
    if (!starts.has(r.entry)) problems.push(`route ${r.name ?? r.kind} starts at ${r.entry}, not an instruction`);
    else checkDepths(program, r.entry, problems);
  }
  return problems;
}

const ENDS = new Set<number>([Op.RETURN, Op.EXIT, Op.DROP]);

/** Walks every path from a route's entry, tracking the stack depth. */
function checkDepths(program: Program, entry: number, problems: string[]): void {
  const { code } = program;
  const depthAt = new Map<number, number>();
  const work: Array<[number, number]> = [[entry, 0]];
  while (work.length > 0) {
    const [pc, depth] = work.pop()!;
    if (pc >= code.length) {
      problems.push(`route at ${entry}: runs past the end of the code`);
      return;
    }
    const seen = depthAt.get(pc);
    if (seen !== undefined) {
      if (seen !== depth) problems.push(`${pc}: stack depth ${depth} here, ${seen} on another path`);
      continue;
    }
    depthAt.set(pc, depth);
    const op = code[pc]!;
    const spec = OPCODES[op]!;
    const argc = spec.operands.indexOf('argc');
    const after = depth - (argc >= 0 ? code[pc + 1 + argc]! : 0) + spec.stack;
    if (after < 0 || depth - (argc >= 0 ? code[pc + 1 + argc]! : 0) < 0) {
      problems.push(`${pc}: ${spec.name} needs more values than the stack holds`);
      continue;
    }
    if (ENDS.has(op)) continue;
    const jump = spec.operands.indexOf('jump');
    if (jump >= 0) work.push([code[pc + 1 + jump]!, after]);
    if (op !== Op.JUMP) work.push([pc + instructionLength(op), after]);
  }
}
