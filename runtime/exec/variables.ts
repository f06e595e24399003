// Script variables of a worker ($var, $shv): by name, and by a slot number a
// constant name is given once at start-up, so that a read in a hot route is
// an array index rather than a map lookup.

import type { Value } from '../vm/values.js';

/** Slot numbers by variable name, shared by every store (a name has the same slot everywhere). */
const SLOTS = new Map<string, number>();
const NAMES: string[] = [];

/** The slot of a variable name, given on first use. */
export function variableSlot(name: string): number {
  let slot = SLOTS.get(name);
  if (slot === undefined) {
    slot = NAMES.length;
    SLOTS.set(name, slot);
    NAMES.push(name);
  }
  return slot;
}

export class VariableStore {
  private readonly values: Array<Value | undefined> = [];

  /** The value in a slot, undefined when never set. */
  at(slot: number): Value | undefined {
    return this.values[slot];
  }

  setAt(slot: number, value: Value): void {
    this.values[slot] = value;
  }

  get(name: string): Value | undefined {
    const slot = SLOTS.get(name);
    return slot === undefined ? undefined : this.values[slot];
  }

  set(name: string, value: Value): void {
    this.values[variableSlot(name)] = value;
  }

  /** The names of the variables set, in the order their names were first seen. */
  *keys(): IterableIterator<string> {
    for (let slot = 0; slot < this.values.length; slot++) if (this.values[slot] !== undefined) yield NAMES[slot]!;
  }
}
