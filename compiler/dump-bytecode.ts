// `siprc dump-actions --bytecode`: the script lowered to bytecode, verified,
// and listed route by route with the file:line:col of every instruction.

import { disassemble } from '../runtime/bytecode/disassemble.js';
import { verify } from '../runtime/bytecode/verify.js';
import type { CheckedScript } from './check.js';
import { lowerScript } from './lower.js';

export function dumpBytecode(checked: CheckedScript): string {
  const program = lowerScript(checked);
  const problems = verify(program);
  if (problems.length > 0) throw new Error(`the compiled bytecode does not verify:\n${problems.join('\n')}`);
  const sources = checked.parse.sources;
  return disassemble(program, (p) => sources.describe(p));
}
