// The compiled forms of a script's pseudo-variables, transformations and
// strings with pseudo-variables, as the fixup pass makes them once at start-up
// and the runtime uses them on every message: nothing is parsed again while
// messages run.

import type { ExecContext } from '../exec/context.js';
import type { Value } from '../vm/values.js';

/** One pseudo-variable as compiled: how to read it and, when it can be assigned, how to write it. */
export interface PvAccess {
  get(ctx: ExecContext): Value;
  /** Absent for a read-only pseudo-variable. Assigning null ($null) unsets where the class allows it. */
  set?(ctx: ExecContext, value: Value): void;
  /** For a read through transformations, its parts, for code that runs them itself (compiled routes). */
  readonly transformed?: { readonly base: PvAccess; readonly transforms: readonly Transform[] };
}

/** The index of `$(name[index])`. */
export type PvIndex =
  | { readonly kind: 'int'; readonly value: number }
  /** `[*]`: every value. */
  | { readonly kind: 'all' }
  /** `[+]`: append (xavp). */
  | { readonly kind: 'append' }
  /** `[$var(i)]`: an index read at run time. */
  | { readonly kind: 'pv'; readonly access: PvAccess };

/** The name in parentheses of `$hdr(From)`: constant text, or a pseudo-variable read at run time (`$avp($var(n))`). */
export interface PvName {
  readonly text: string;
  readonly dynamic?: PvAccess;
}

/** What a class's compile function receives for one use of it. */
export interface PvRef {
  readonly name: PvName | undefined;
  readonly index: PvIndex | undefined;
}

/** A parameter of a transformation: constant text, or a pseudo-variable read at run time. */
export interface TransformParam {
  readonly text: string;
  readonly dynamic?: PvAccess;
}

/** One compiled transformation: the value in, the transformed value out. */
export type Transform = (value: Value, ctx: ExecContext) => Value;

const FIXUP_ERROR = Symbol.for('siprc.FixupError');

/**
 * Reported by a compile function when a use cannot be compiled; the fixup pass gives it the use's position.
 * Recognised by a brand rather than by class: a module a user writes throws the class of its own copy of
 * the API (dist/api.mjs), not this one.
 */
export class FixupError extends Error {
  readonly [FIXUP_ERROR] = true;
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [FIXUP_ERROR]?: unknown })[FIXUP_ERROR] === true;
  }
}

/** The value of a transformation parameter for this message. */
export function paramText(p: TransformParam, ctx: ExecContext): string {
  if (!p.dynamic) return p.text;
  const v = p.dynamic.get(ctx);
  return v === null ? '' : String(v);
}
