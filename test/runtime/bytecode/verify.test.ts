// The verifier on hand-built programs: a sound one passes, and each kind of
// damage is named.

import { Op } from '../../../runtime/bytecode/opcodes.js';
import type { Constant, Program } from '../../../runtime/bytecode/program.js';
import { verify } from '../../../runtime/bytecode/verify.js';

function program(code: number[], constants: Constant[] = [{ kind: 'string', value: 'x' }]): Program {
  return { code: Int32Array.from(code), constants, positions: [], routes: [{ kind: 'request', name: undefined, entry: 0 }] };
}

describe('verify', () => {
  it('accepts a sound program', () => {
    // if ("x") { exit } return 1
    expect(verify(program([Op.PUSH_CONST, 0, Op.JUMP_IF_FALSE, 5, Op.EXIT, Op.PUSH_INT, 1, Op.RETURN]))).toEqual([]);
  });

  it.each([
    ['a jump into an operand', [Op.PUSH_INT, 1, Op.JUMP_IF_FALSE, 1, Op.PUSH_INT, 1, Op.RETURN], /jumps to 1, not an instruction/],
    ['a missing constant', [Op.PUSH_CONST, 7, Op.RETURN], /constant 7, which does not exist/],
    ['a stack underflow', [Op.ADD, Op.RETURN], /needs more values than the stack holds/],
    ['paths meeting at different depths', [Op.PUSH_INT, 1, Op.JUMP_IF_FALSE, 6, Op.PUSH_INT, 2, Op.PUSH_INT, 3, Op.RETURN], /stack depth/],
    ['code that runs off the end', [Op.PUSH_INT, 1, Op.POP], /runs past the end/],
    ['an unknown opcode', [999], /unknown opcode 999/],
  ])('names %s', (_, code, problem) => {
    expect(verify(program(code as number[])).join('\n')).toMatch(problem);
  });
});
