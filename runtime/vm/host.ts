// What the VM asks of the world it runs in: pseudo-variables, core keyword
// tests, core functions and module commands. The server and `siprc exec`
// provide one over a message context; tests provide small ones.

import type { Value } from './values.js';

export interface KeywordTest {
  readonly keyword: string;
  readonly op: string;
  /** The constant operand; for TEST_KEYWORD_VALUE, the value popped instead. */
  readonly operand: string;
}

export interface VmHost {
  getPv(spec: string): Value;
  /** Assigns a pseudo-variable; throws a VmError when it cannot be assigned. */
  setPv(spec: string, value: Value): void;
  testKeyword(test: KeywordTest, operand: Value): boolean;
  /** Runs a core function; returns its return code. */
  callCore(name: string, args: readonly Value[]): number;
  /** Runs a module command; returns its return code. */
  callCommand(module: string, name: string, args: readonly Value[]): number;
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
