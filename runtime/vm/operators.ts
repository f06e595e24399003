// The script's operators on values, as Kamailio 5.6 computes them: the
// binary ones (arithmetic typed by the left operand, comparisons, `=~` as a
// case-insensitive POSIX extended regex) and the unary ones. Both ways of
// running a route use them: the bytecode interpreter (vm.ts) and routes
// compiled to JavaScript (runtime/exec/compiled-route.ts). An operator that
// cannot give a value (division by zero, a bad regex) throws an Error; the
// engine running it names the instruction.

import { compilePosixEre } from '../regex/posix-ere.js';
import { TextMemo } from '../text-memo.js';
import { OPCODES, Op } from '../bytecode/opcodes.js';
import { toInt, toStr, type Value } from './values.js';

/**
 * Compiled `=~` patterns, shared by every run: constant patterns are compiled
 * once; patterns built at run time are bounded (see TextMemo). A bad pattern
 * throws, and is not kept.
 */
const REGEXES = new TextMemo<RegExp>((pattern) => {
  const compiled = compilePosixEre(pattern, { icase: true, newline: false });
  if (!(compiled instanceof RegExp)) throw new Error(`invalid regular expression "${pattern}": ${compiled.error}`);
  return compiled;
});

/** `=~` patterns: case-insensitive POSIX extended regexes, compiled once per process (see REGEXES). */
export function scriptRegex(pattern: string): RegExp {
  return REGEXES.get(pattern);
}

/** `==` as Kamailio reads it: typed by the left operand; null equals only null. */
export function equal(a: Value, b: Value): boolean {
  if (a === null || b === null) return a === b;
  return typeof a === 'string' ? a === toStr(b) : a === toInt(b);
}

/** `a OP b` for a binary opcode (ADD .. LE). */
export function binaryOp(op: number, a: Value, b: Value): Value {
  switch (op) {
    case Op.ADD:
      return typeof a === 'string' ? a + toStr(b) : (toInt(a) + toInt(b)) | 0;
    case Op.SUB:
      return (toInt(a) - toInt(b)) | 0;
    case Op.MUL:
      return Math.imul(toInt(a), toInt(b));
    case Op.DIV:
    case Op.MOD: {
      const d = toInt(b);
      if (d === 0) throw new Error('division by zero');
      return op === Op.DIV ? (toInt(a) / d) | 0 : toInt(a) % d | 0;
    }
    case Op.BIT_OR:
      return toInt(a) | toInt(b);
    case Op.BIT_AND:
      return toInt(a) & toInt(b);
    case Op.BIT_XOR:
      return toInt(a) ^ toInt(b);
    case Op.SHL:
      return toInt(a) << toInt(b);
    case Op.SHR:
      return toInt(a) >> toInt(b);
    case Op.EQ:
      return equal(a, b) ? 1 : 0;
    case Op.NE:
      return equal(a, b) ? 0 : 1;
    case Op.MATCH:
      return scriptRegex(toStr(b)).test(toStr(a)) ? 1 : 0;
    case Op.INT_EQ:
      return toInt(a) === toInt(b) ? 1 : 0;
    case Op.INT_NE:
      return toInt(a) !== toInt(b) ? 1 : 0;
    case Op.STR_EQ:
      return toStr(a) === toStr(b) ? 1 : 0;
    case Op.STR_NE:
      return toStr(a) !== toStr(b) ? 1 : 0;
    case Op.GT:
      return toInt(a) > toInt(b) ? 1 : 0;
    case Op.LT:
      return toInt(a) < toInt(b) ? 1 : 0;
    case Op.GE:
      return toInt(a) >= toInt(b) ? 1 : 0;
    case Op.LE:
      return toInt(a) <= toInt(b) ? 1 : 0;
    default:
      throw new Error(`cannot run ${OPCODES[op]?.name ?? `opcode ${op}`}`);
  }
}

/** `OP v` for a unary opcode (NOT .. STREMPTY). */
export function unaryOp(op: number, v: Value): Value {
  switch (op) {
    case Op.NOT:
      return toInt(v) === 0 ? 1 : 0;
    case Op.TO_BOOL:
      return toInt(v) !== 0 ? 1 : 0;
    case Op.RC_TO_BOOL:
      return toInt(v) > 0 ? 1 : 0;
    case Op.BIT_NOT:
      return ~toInt(v);
    case Op.NEG:
      return -toInt(v) | 0;
    case Op.DEFINED:
      return v === null ? 0 : 1;
    case Op.TO_INT:
      return toInt(v);
    case Op.TO_STR:
      return toStr(v);
    case Op.STRLEN:
      return Buffer.byteLength(toStr(v), 'utf8');
    case Op.STREMPTY:
      return toStr(v) === '' ? 1 : 0;
    default:
      throw new Error(`cannot run ${OPCODES[op]?.name ?? `opcode ${op}`}`);
  }
}

/** Whether an opcode is one of binaryOp's. */
export function isBinary(op: number): boolean {
  return op >= Op.ADD && op <= Op.LE;
}

/** Whether an opcode is one of unaryOp's. */
export function isUnary(op: number): boolean {
  return op >= Op.NOT && op <= Op.STREMPTY;
}
