// The script's operators on values, as Kamailio 5.6 computes them: the
// binary ones (arithmetic typed by the left operand, comparisons, `=~` as a
// case-insensitive POSIX extended regex) and the unary ones. Both ways of
// running a route use them: the bytecode interpreter (vm.ts) and routes
// compiled to JavaScript (runtime/exec/compiled-route.ts). An operator that
// cannot give a value (division by zero, a bad regex) throws an Error; the
// engine running it names the instruction.

import { compilePosixEre } from '../regex/posix-ere.js';
import { textMemo } from '../text-memo.js';
import { OPCODES, Op } from '../bytecode/opcodes.js';
import { toInt, toStr, type Value } from './values.js';

/**
 * Compiled `=~` patterns, shared by every run: constant patterns are compiled
 * once; patterns built at run time are bounded (see runtime/text-memo.ts). A bad pattern
 * throws, and is not kept.
 */
const REGEXES = textMemo<RegExp>((pattern) => {
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

/** Whether `text` matches an `=~` pattern compiled by scriptRegex. */
export function matches(text: Value, pattern: RegExp): number {
  return pattern.test(toStr(text)) ? 1 : 0;
}

function divisor(b: Value): number {
  const d = toInt(b);
  if (d === 0) throw new Error('division by zero');
  return d;
}

type Binary = (a: Value, b: Value) => Value;
type Unary = (v: Value) => Value;

/** Functions in an array indexed by opcode (the interpreter's dispatch is one index). */
function byOpcode<F>(entries: ReadonlyArray<readonly [number, F]>): ReadonlyArray<F | undefined> {
  const out: Array<F | undefined> = [];
  for (const [op, f] of entries) out[op] = f;
  return out;
}

/**
 * One function per binary operator, by opcode: the interpreter dispatches on
 * the opcode (binaryOp), a compiled route calls the operator's own function,
 * where V8 keeps what it learns of that operator's operands apart from the
 * other operators'.
 */
const BINARY = byOpcode<Binary>([
  [Op.ADD, (a, b) => (typeof a === 'string' ? a + toStr(b) : (toInt(a) + toInt(b)) | 0)],
  [Op.SUB, (a, b) => (toInt(a) - toInt(b)) | 0],
  [Op.MUL, (a, b) => Math.imul(toInt(a), toInt(b))],
  [Op.DIV, (a, b) => (toInt(a) / divisor(b)) | 0],
  [Op.MOD, (a, b) => toInt(a) % divisor(b) | 0],
  [Op.BIT_OR, (a, b) => toInt(a) | toInt(b)],
  [Op.BIT_AND, (a, b) => toInt(a) & toInt(b)],
  [Op.BIT_XOR, (a, b) => toInt(a) ^ toInt(b)],
  [Op.SHL, (a, b) => toInt(a) << toInt(b)],
  [Op.SHR, (a, b) => toInt(a) >> toInt(b)],
  [Op.EQ, (a, b) => (equal(a, b) ? 1 : 0)],
  [Op.NE, (a, b) => (equal(a, b) ? 0 : 1)],
  [Op.MATCH, (a, b) => matches(a, scriptRegex(toStr(b)))],
  [Op.INT_EQ, (a, b) => (toInt(a) === toInt(b) ? 1 : 0)],
  [Op.INT_NE, (a, b) => (toInt(a) !== toInt(b) ? 1 : 0)],
  [Op.STR_EQ, (a, b) => (toStr(a) === toStr(b) ? 1 : 0)],
  [Op.STR_NE, (a, b) => (toStr(a) !== toStr(b) ? 1 : 0)],
  [Op.GT, (a, b) => (toInt(a) > toInt(b) ? 1 : 0)],
  [Op.LT, (a, b) => (toInt(a) < toInt(b) ? 1 : 0)],
  [Op.GE, (a, b) => (toInt(a) >= toInt(b) ? 1 : 0)],
  [Op.LE, (a, b) => (toInt(a) <= toInt(b) ? 1 : 0)],
]);

/** One function per unary operator, by opcode (see BINARY). */
const UNARY = byOpcode<Unary>([
  [Op.NOT, (v) => (toInt(v) === 0 ? 1 : 0)],
  [Op.TO_BOOL, (v) => (toInt(v) !== 0 ? 1 : 0)],
  [Op.RC_TO_BOOL, (v) => (toInt(v) > 0 ? 1 : 0)],
  [Op.BIT_NOT, (v) => ~toInt(v)],
  [Op.NEG, (v) => -toInt(v) | 0],
  [Op.DEFINED, (v) => (v === null ? 0 : 1)],
  [Op.TO_INT, (v) => toInt(v)],
  [Op.TO_STR, (v) => toStr(v)],
  [Op.STRLEN, (v) => Buffer.byteLength(toStr(v), 'utf8')],
  [Op.STREMPTY, (v) => (toStr(v) === '' ? 1 : 0)],
]);

function cannotRun(op: number): never {
  throw new Error(`cannot run ${OPCODES[op]?.name ?? `opcode ${op}`}`);
}

/** The function of a binary opcode (ADD .. LE). */
export function binaryFunction(op: number): Binary {
  return BINARY[op] ?? cannotRun(op);
}

/** The function of a unary opcode (NOT .. STREMPTY). */
export function unaryFunction(op: number): Unary {
  return UNARY[op] ?? cannotRun(op);
}

/** `a OP b` for a binary opcode (ADD .. LE). */
export function binaryOp(op: number, a: Value, b: Value): Value {
  return binaryFunction(op)(a, b);
}

/** `OP v` for a unary opcode (NOT .. STREMPTY). */
export function unaryOp(op: number, v: Value): Value {
  return unaryFunction(op)(v);
}

/** Whether an opcode is one of binaryOp's. */
export function isBinary(op: number): boolean {
  return op >= Op.ADD && op <= Op.LE;
}

/** Whether an opcode is one of unaryOp's. */
export function isUnary(op: number): boolean {
  return op >= Op.NOT && op <= Op.STREMPTY;
}
