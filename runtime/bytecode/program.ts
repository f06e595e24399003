// A compiled script: one Int32Array of code for every route, the constant
// pool its operands point into, a position for every instruction, and the
// route table (where each route starts). Pseudo-variables, strings with
// pseudo-variables and command arguments are in the pool already compiled.

import type { Format } from '../pv/format.js';
import type { PvAccess } from '../pv/types.js';

/** Where an instruction came from, as file offsets (see grammar/source.ts). */
export interface CodePosition {
  readonly file: number;
  readonly start: number;
  readonly end: number;
}

export interface RouteEntry {
  /** The route type, as runtime/route-type.ts names them. */
  readonly kind: string;
  /** undefined for the unnamed blocks (request_route, reply_route, ...). */
  readonly name: string | undefined;
  /** Address of its first instruction. */
  readonly entry: number;
}

/** A constant-pool entry: a string, or a value the VM and the disassembler understand. */
export type Constant =
  | { readonly kind: 'string'; readonly value: string }
  /** access is undefined for a class siprc cannot run (its module is not provided yet). */
  | { readonly kind: 'pv'; readonly text: string; readonly access: PvAccess | undefined }
  /** A string with pseudo-variables; format is undefined when one of them is not provided by siprc. */
  | { readonly kind: 'format'; readonly text: string; readonly format: Format | undefined }
  /** A command argument compiled at start-up: a pseudo-variable to pass, a regex, what the module's fixup made (undefined: not provided by siprc). */
  | { readonly kind: 'fixed'; readonly text: string; readonly value: unknown }
  | { readonly kind: 'keyword'; readonly keyword: string; readonly op: string; readonly operand: string }
  | { readonly kind: 'core'; readonly name: string }
  | { readonly kind: 'command'; readonly module: string; readonly name: string }
  /** An action as the debugger module's cfgtrace names it: Kamailio's action type number and name, where it is (TRACE). */
  | { readonly kind: 'action'; readonly type: number; readonly name: string; readonly file: string; readonly line: number };

export type PvConstant = Extract<Constant, { kind: 'pv' }>;
export type CommandConstant = Extract<Constant, { kind: 'command' }>;
export type ActionConstant = Extract<Constant, { kind: 'action' }>;

export interface Program {
  readonly code: Int32Array;
  readonly constants: readonly Constant[];
  /** Per address: the position of the instruction starting there (undefined inside operands). */
  readonly positions: readonly (CodePosition | undefined)[];
  readonly routes: readonly RouteEntry[];
}
