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
  /**
   * Runs route `index` compiled to JavaScript, where the host has it so
   * (runtime/exec/compiled-route.ts): how it ended, or undefined when the
   * interpreter is to run it. A compiled route throws CompiledRouteError.
   */
  runCompiledRoute?(index: number): CompiledEnd | undefined;
}

/** A command waited in a compiled route: the run goes on in the interpreter at `pc`, with this operand stack and last result. */
export interface Suspension {
  readonly pc: number;
  /** The address of the command that waited (for errors). */
  readonly at: number;
  readonly stack: Value[];
  readonly last: number;
  readonly pending: Promise<number>;
}

/** How a compiled route ended: its return code, the script stopped (exit, drop), or a command waited. */
export type CompiledEnd = number | { readonly stop: 'exit' | 'drop' } | Suspension;

/** An exception in a compiled route, with the address of the instruction that threw. */
export class CompiledRouteError {
  constructor(
    readonly cause: unknown,
    readonly pc: number,
  ) {}
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
