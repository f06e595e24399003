// The opcode table: codes follow the table's order, every spec is complete,
// and instruction lengths follow the operands.

import { OPCODES, Op, instructionLength } from '../../../runtime/bytecode/opcodes.js';

describe('opcode table', () => {
  it('numbers the opcodes in table order, each name once', () => {
    expect(OPCODES.map((o) => Op[o.name as keyof typeof Op])).toEqual(OPCODES.map((_, i) => i));
    expect(new Set(OPCODES.map((o) => o.name)).size).toBe(OPCODES.length);
  });

  it('gives every opcode a meaning and a stack effect', () => {
    for (const o of OPCODES) {
      expect(o.meaning.length).toBeGreaterThan(0);
      expect(Number.isInteger(o.stack)).toBe(true);
    }
  });

  it('makes an instruction one slot plus one per operand', () => {
    expect(instructionLength(Op.POP)).toBe(1);
    expect(instructionLength(Op.JUMP)).toBe(2);
    expect(instructionLength(Op.CALL_CMD)).toBe(3);
  });
});
