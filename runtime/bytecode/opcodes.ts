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

/**
 * The opcodes, in code order. A TypeScript enum so that the bundler writes
 * each code as a number literal where it is used: the VM's switch then
 * compiles to a jump table. Every opcode's spec is in SPECS below, which the
 * type checker holds to exactly these names.
 */
export enum Op {
  PUSH_INT,
  PUSH_CONST,
  PUSH_PV,
  STORE_PV,
  COPY_PV,
  STORE_INT,
  STORE_CONST,
  PUSH_FORMAT,
  PUSH_FIXED,
  PUSH_RC,
  PUSH_LAST,
  TEST_KEYWORD,
  TEST_KEYWORD_VALUE,
  DUP,
  POP,
  ADD,
  SUB,
  MUL,
  DIV,
  MOD,
  BIT_OR,
  BIT_AND,
  BIT_XOR,
  SHL,
  SHR,
  EQ,
  NE,
  MATCH,
  INT_EQ,
  INT_NE,
  STR_EQ,
  STR_NE,
  GT,
  LT,
  GE,
  LE,
  NOT,
  TO_BOOL,
  RC_TO_BOOL,
  BIT_NOT,
  NEG,
  DEFINED,
  TO_INT,
  TO_STR,
  STRLEN,
  STREMPTY,
  JUMP,
  JUMP_IF_FALSE,
  JUMP_IF_TRUE,
  JUMP_IF_ZERO,
  JUMP_IF_NONZERO,
  LOOP_RESET,
  LOOP_STEP,
  CASE_EQ,
  CASE_MATCH,
  CALL_ROUTE,
  CALL_ROUTE_DYNAMIC,
  CALL_CORE,
  CALL_CMD,
  SET_RC,
  RETURN,
  EXIT,
  DROP,
  TRACE,
}

export type OpcodeName = keyof typeof Op;

/** Each opcode's operands, effect on the stack depth and meaning. */
const SPECS: { readonly [K in OpcodeName]: readonly [operands: readonly OperandKind[], stack: number, meaning: string] } = {
  PUSH_INT: [['int'], 1, 'push an integer'],
  PUSH_CONST: [['const'], 1, 'push a string constant'],
  PUSH_PV: [['const'], 1, 'push the value of a pseudo-variable (its spec is the constant)'],
  STORE_PV: [['const'], -1, 'pop a value and assign it to a pseudo-variable'],
  COPY_PV: [['const', 'const'], 0, 'assign the value of the second pseudo-variable to the first ($a = $b)'],
  STORE_INT: [['const', 'int'], 0, 'assign an integer to a pseudo-variable ($a = 1)'],
  STORE_CONST: [['const', 'const'], 0, 'assign a string constant to a pseudo-variable ($a = "x")'],
  PUSH_FORMAT: [['const'], 1, 'push the string a format with pseudo-variables gives ("sip:$rU@$td")'],
  PUSH_FIXED: [['const'], 1, 'push a command argument compiled at start-up (a pseudo-variable to pass, a regex)'],
  PUSH_RC: [[], 1, 'push the return code of the last action ($rc)'],
  PUSH_LAST: [[], 1, "push what this route's last action gave (a call its code, an assignment 1): what a route running off its end returns"],
  TEST_KEYWORD: [['const'], 1, 'push the result of a core keyword comparison (uri == myself, src_ip == 10.0.0.0/8, ...)'],
  TEST_KEYWORD_VALUE: [['const'], 0, 'pop a value; push the result of comparing a core keyword with it (method == $var(m))'],
  DUP: [[], 1, 'push a copy of the top value'],
  POP: [[], -1, 'drop the top value'],
  ADD: [[], -1, 'a + b: sum if a is an integer, concatenation if a is a string'],
  SUB: [[], -1, 'a - b'],
  MUL: [[], -1, 'a * b'],
  DIV: [[], -1, 'a / b (integer)'],
  MOD: [[], -1, 'a mod b'],
  BIT_OR: [[], -1, 'a | b'],
  BIT_AND: [[], -1, 'a & b'],
  BIT_XOR: [[], -1, 'a ^ b'],
  SHL: [[], -1, 'a << b'],
  SHR: [[], -1, 'a >> b'],
  EQ: [[], -1, 'a == b, compared as the type of a'],
  NE: [[], -1, 'a != b, compared as the type of a'],
  MATCH: [[], -1, 'a =~ b: b is a case-insensitive POSIX extended regex'],
  INT_EQ: [[], -1, 'a ieq b: compared as integers'],
  INT_NE: [[], -1, 'a ine b: compared as integers'],
  STR_EQ: [[], -1, 'a eq b: compared as strings'],
  STR_NE: [[], -1, 'a ne b: compared as strings'],
  GT: [[], -1, 'a > b'],
  LT: [[], -1, 'a < b'],
  GE: [[], -1, 'a >= b'],
  LE: [[], -1, 'a <= b'],
  NOT: [[], 0, '!a: 1 when the integer of a is 0, else 0'],
  TO_BOOL: [[], 0, 'a as an operand of && or ||: 1 when its integer is not 0, else 0'],
  RC_TO_BOOL: [[], 0, 'a return code as an operand of !, && or ||: 1 when it is above 0, else 0'],
  BIT_NOT: [[], 0, '~a'],
  NEG: [[], 0, '-a'],
  DEFINED: [[], 0, 'defined a: 1 when a has a value'],
  TO_INT: [[], 0, '(int)a'],
  TO_STR: [[], 0, '(str)a'],
  STRLEN: [[], 0, 'strlen(a)'],
  STREMPTY: [[], 0, 'strempty(a)'],
  JUMP: [['jump'], 0, 'continue at the address'],
  JUMP_IF_FALSE: [['jump'], -1, 'pop a value; continue at the address when it is false'],
  JUMP_IF_TRUE: [['jump'], -1, 'pop a value; continue at the address when it is true'],
  JUMP_IF_ZERO: [['jump'], -1, 'pop an operand of !, && or ||; continue at the address when its integer is 0'],
  JUMP_IF_NONZERO: [['jump'], -1, 'pop an operand of !, && or ||; continue at the address when its integer is not 0'],
  LOOP_RESET: [['int'], 0, 'a while loop starts: its iteration count (the operand names the loop) goes to 0'],
  LOOP_STEP: [['int', 'jump'], 0, 'one more iteration; past max_while_loops, report a runaway loop, make $rc 0 and leave it'],
  CASE_EQ: [['jump'], -1, 'pop a case label; when it equals the switch subject below it, continue at the address'],
  CASE_MATCH: [['jump'], -1, 'pop a case regex; when the switch subject below it matches, continue at the address'],
  CALL_ROUTE: [['route'], 1, 'run a route; push its return code'],
  CALL_ROUTE_DYNAMIC: [[], 0, 'pop a route name, run that route; push its return code'],
  CALL_CORE: [['const', 'argc'], 1, 'run a core function (its spec is the constant) on argc values; push its return code'],
  CALL_CMD: [['const', 'argc'], 1, 'run a module command (its handle is the constant) on argc values; push its return code'],
  SET_RC: [[], -1, 'pop a value and make it the return code ($rc)'],
  RETURN: [[], -1, 'pop a value and return it from the route'],
  EXIT: [[], 0, 'stop the script'],
  DROP: [[], 0, 'stop the script and cancel the default action'],
  TRACE: [['const'], 0, "an action starts (the constant says which): the debugger module's cfgtrace; only in scripts that load debugger"],
};

/** Specs in code order: `OPCODES[code]`. */
export const OPCODES: readonly OpcodeSpec[] = (Object.keys(SPECS) as OpcodeName[])
  .sort((a, b) => Op[a] - Op[b])
  .map((name) => {
    const [operands, stack, meaning] = SPECS[name];
    return { name, operands, stack, meaning };
  });

/** How many Int32 slots each instruction takes (the opcode and its operands), by code. */
export const INSTRUCTION_LENGTHS = Uint8Array.from(OPCODES, (spec) => 1 + spec.operands.length);

/** How many Int32 slots an instruction takes (the opcode and its operands). */
export function instructionLength(code: number): number {
  return 1 + OPCODES[code]!.operands.length;
}
