// Bytecode listings: one line per instruction with its address, name,
// operands (constants shown by value) and the position it came from.

import { OPCODES, instructionLength } from './opcodes.js';
import type { CodePosition, Constant, Program } from './program.js';

function showConstant(c: Constant | undefined): string {
  if (!c) return '?';
  switch (c.kind) {
    case 'string':
      return JSON.stringify(c.value);
    case 'pv':
      return c.text;
    case 'format':
      return JSON.stringify(c.text);
    case 'fixed':
      return c.text;
    case 'keyword':
      return `${c.keyword} ${c.op} ${c.operand}`;
    case 'core':
      return c.name;
    case 'command':
      return `${c.module}.${c.name}`;
    case 'action':
      return `a=${c.type} n=${c.name} l=${c.line}`;
  }
}

/**
 * The listing of a program, route by route. `where` turns a position into
 * `file:line:col` (positions are offsets; the caller knows the sources).
 */
export function disassemble(program: Program, where: (position: CodePosition) => string): string {
  const lines: string[] = [];
  const starts = [...program.routes].sort((a, b) => a.entry - b.entry);
  let pc = 0;
  while (pc < program.code.length) {
    for (const r of starts) if (r.entry === pc) lines.push(`${r.name === undefined ? r.kind : `${r.kind}[${r.name}]`}:`);
    const code = program.code[pc]!;
    const spec = OPCODES[code];
    if (!spec) {
      lines.push(`  ${String(pc).padStart(4, '0')}  <bad opcode ${code}>`);
      pc++;
      continue;
    }
    const operands = spec.operands.map((kind, i) => {
      const value = program.code[pc + 1 + i]!;
      if (kind === 'const') return showConstant(program.constants[value]);
      if (kind === 'route') {
        const r = program.routes[value];
        return r ? (r.name === undefined ? r.kind : `${r.kind}[${r.name}]`) : `route#${value}`;
      }
      if (kind === 'jump') return `-> ${String(value).padStart(4, '0')}`;
      return String(value);
    });
    const text = `  ${String(pc).padStart(4, '0')}  ${spec.name.padEnd(14)} ${operands.join(' ')}`.trimEnd();
    const position = program.positions[pc];
    lines.push(position ? `${text.padEnd(60)} @ ${where(position)}` : text);
    pc += instructionLength(code);
  }
  return lines.join('\n');
}
