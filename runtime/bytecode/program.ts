// A compiled script: one Int32Array of code for every route, the constant
// pool its operands point into, a position for every instruction, and the
// route table (where each route starts).

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
  | { readonly kind: 'pv'; readonly text: string }
  | { readonly kind: 'keyword'; readonly keyword: string; readonly op: string; readonly operand: string }
  | { readonly kind: 'core'; readonly name: string }
  | { readonly kind: 'command'; readonly module: string; readonly name: string };

export interface Program {
  readonly code: Int32Array;
  readonly constants: readonly Constant[];
  /** Per address: the position of the instruction starting there (undefined inside operands). */
  readonly positions: readonly (CodePosition | undefined)[];
  readonly routes: readonly RouteEntry[];
}
