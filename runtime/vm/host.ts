// What the VM asks of the world it runs in: pseudo-variables, core keyword
// tests, core functions and module commands. The server and `siprc exec`
// provide one over a message context; tests provide small ones.

import type { CommandConstant, PvConstant } from '../bytecode/program.js';
import type { Format } from '../pv/format.js';
import type { Value } from './values.js';

export interface KeywordTest {
  readonly keyword: string;
  readonly op: string;
  /** The constant operand; for TEST_KEYWORD_VALUE, the value popped instead. */
  readonly operand: string;
}

export interface VmHost {
  /** The return code of the last action ($rc): the VM keeps it here, where pseudo-variables can read it. */
  rc: number;
  /** Reads a pseudo-variable for the instruction at `pc` (which $cfg(line) reports). */
  getPv(pv: PvConstant, pc: number): Value;
  /** Assigns a pseudo-variable; throws when it cannot be assigned. */
  setPv(pv: PvConstant, value: Value): void;
  format(format: Format): string;
  testKeyword(test: KeywordTest, operand: Value): boolean;
  /** Runs a core function; returns its return code. */
  callCore(name: string, args: readonly Value[]): number;
  /**
   * Runs a module command (its arguments values or compiled arguments) called
   * at address `pc`; returns its return code, or a Promise of it when the
   * command waits.
   */
  callCommand(command: CommandConstant, args: unknown[], pc: number): number | Promise<number>;
}

/** A run-time error, with the instruction's address so the caller can name the position. */
export class VmError extends Error {
  constructor(
    message: string,
    readonly pc: number,
    /** The route stack, innermost last. */
    readonly routes: readonly string[],
  ) {
    super(message);
  }
}
