// The one opcode table: every instruction's name, operands, effect on the
// value stack and meaning. Numeric codes, the disassembler and the verifier
// are derived from it.

/** What an operand (an Int32 after the opcode) is. */
export type OperandKind =
  /** An integer literal. */
  | 'int'
  /** An index into the program's constant pool. */
  | 'const'
  /** An absolute code address. */
  | 'jump'
  /** An index into the program's route table. */
  | 'route'
  /** How many arguments a call pops. */
  | 'argc';

export interface OpcodeSpec {
  readonly name: string;
  readonly operands: readonly OperandKind[];
  /** Net effect on the stack depth; for calls, `argc` values are popped first. */
  readonly stack: number;
  readonly meaning: string;
}

const TABLE = [
  ['PUSH_INT', ['int'], 1, 'push an integer'],
  ['PUSH_CONST', ['const'], 1, 'push a string constant'],
  ['PUSH_PV', ['const'], 1, 'push the value of a pseudo-variable (its spec is the constant)'],
  ['STORE_PV', ['const'], -1, 'pop a value and assign it to a pseudo-variable'],
  ['PUSH_FORMAT', ['const'], 1, 'push the string a format with pseudo-variables gives ("sip:$rU@$td")'],
  ['PUSH_FIXED', ['const'], 1, 'push a command argument compiled at start-up (a pseudo-variable to pass, a regex)'],
  ['PUSH_RC', [], 1, 'push the return code of the last action ($rc)'],
  ['PUSH_LAST', [], 1, "push what this route's last action gave (a call its code, an assignment 1): what a route running off its end returns"],
  ['TEST_KEYWORD', ['const'], 1, 'push the result of a core keyword comparison (uri == myself, src_ip == 10.0.0.0/8, ...)'],
  ['TEST_KEYWORD_VALUE', ['const'], 0, 'pop a value; push the result of comparing a core keyword with it (method == $var(m))'],
  ['DUP', [], 1, 'push a copy of the top value'],
  ['POP', [], -1, 'drop the top value'],
  ['ADD', [], -1, 'a + b: sum if a is an integer, concatenation if a is a string'],
  ['SUB', [], -1, 'a - b'],
  ['MUL', [], -1, 'a * b'],
  ['DIV', [], -1, 'a / b (integer)'],
  ['MOD', [], -1, 'a mod b'],
  ['BIT_OR', [], -1, 'a | b'],
  ['BIT_AND', [], -1, 'a & b'],
  ['BIT_XOR', [], -1, 'a ^ b'],
  ['SHL', [], -1, 'a << b'],
  ['SHR', [], -1, 'a >> b'],
  ['EQ', [], -1, 'a == b, compared as the type of a'],
  ['NE', [], -1, 'a != b, compared as the type of a'],
  ['MATCH', [], -1, 'a =~ b: b is a case-insensitive POSIX extended regex'],
  ['INT_EQ', [], -1, 'a ieq b: compared as integers'],
  ['INT_NE', [], -1, 'a ine b: compared as integers'],
  ['STR_EQ', [], -1, 'a eq b: compared as strings'],
  ['STR_NE', [], -1, 'a ne b: compared as strings'],
  ['GT', [], -1, 'a > b'],
  ['LT', [], -1, 'a < b'],
  ['GE', [], -1, 'a >= b'],
  ['LE', [], -1, 'a <= b'],
  ['NOT', [], 0, '!a: 1 when the integer of a is 0, else 0'],
  ['TO_BOOL', [], 0, 'a as an operand of && or ||: 1 when its integer is not 0, else 0'],
  ['RC_TO_BOOL', [], 0, 'a return code as an operand of !, && or ||: 1 when it is above 0, else 0'],
  ['BIT_NOT', [], 0, '~a'],
  ['NEG', [], 0, '-a'],
  ['DEFINED', [], 0, 'defined a: 1 when a has a value'],
  ['TO_INT', [], 0, '(int)a'],
  ['TO_STR', [], 0, '(str)a'],
  ['STRLEN', [], 0, 'strlen(a)'],
  ['STREMPTY', [], 0, 'strempty(a)'],
  ['JUMP', ['jump'], 0, 'continue at the address'],
  ['JUMP_IF_FALSE', ['jump'], -1, 'pop a value; continue at the address when it is false'],
  ['JUMP_IF_TRUE', ['jump'], -1, 'pop a value; continue at the address when it is true'],
  ['LOOP_RESET', ['int'], 0, 'a while loop starts: its iteration count (the operand names the loop) goes to 0'],
  ['LOOP_STEP', ['int', 'jump'], 0, 'one more iteration; past max_while_loops, report a runaway loop, make $rc 0 and leave it'],
  ['CASE_EQ', ['jump'], -1, 'pop a case label; when it equals the switch subject below it, continue at the address'],
  ['CASE_MATCH', ['jump'], -1, 'pop a case regex; when the switch subject below it matches, continue at the address'],
  ['CALL_ROUTE', ['route'], 1, 'run a route; push its return code'],
  ['CALL_ROUTE_DYNAMIC', [], 0, 'pop a route name, run that route; push its return code'],
  ['CALL_CORE', ['const', 'argc'], 1, 'run a core function (its spec is the constant) on argc values; push its return code'],
  ['CALL_CMD', ['const', 'argc'], 1, 'run a module command (its handle is the constant) on argc values; push its return code'],
  ['SET_RC', [], -1, 'pop a value and make it the return code ($rc)'],
  ['RETURN', [], -1, 'pop a value and return it from the route'],
  ['EXIT', [], 0, 'stop the script'],
  ['DROP', [], 0, 'stop the script and cancel the default action'],
] as const satisfies ReadonlyArray<readonly [string, readonly OperandKind[], number, string]>;

export type OpcodeName = (typeof TABLE)[number][0];

/** Specs in code order: `OPCODES[code]`. */
export const OPCODES: readonly OpcodeSpec[] = TABLE.map(([name, operands, stack, meaning]) => ({ name, operands, stack, meaning }));

/** The numeric code of each opcode: `Op.JUMP`. */
export const Op = Object.fromEntries(TABLE.map(([name], code) => [name, code])) as { readonly [K in OpcodeName]: number };

/** How many Int32 slots each instruction takes (the opcode and its operands), by code. */
export const INSTRUCTION_LENGTHS = Uint8Array.from(OPCODES, (spec) => 1 + spec.operands.length);

/** How many Int32 slots an instruction takes (the opcode and its operands). */
export function instructionLength(code: number): number {
  return 1 + OPCODES[code]!.operands.length;
}
