// Attribute-value pairs of one message: AVPs ($avp(name): a stack of values
// per name, the newest first, each with its AVP flags) and XAVPs ($xavp(root=>field): a list of items,
// each a set of named fields, every name again a stack of values). Kamailio
// keeps both with the transaction; here they live with the message context.

import { SmallMap } from '../small-map.js';
import type { Value } from '../vm/values.js';

/** One AVP: its value and the AVP flags set on it (setavpflag), by name. */
interface Avp {
  readonly value: Value;
  flags?: Set<string>;
}

/** Values under one name (names match case-sensitively), the newest first (index 0), as Kamailio lists them. */
export class AvpStore {
  private readonly values = new SmallMap<string, Avp[]>();

  /** The value at `index` (0: the newest; negative: from the oldest), or null. */
  get(name: string, index = 0): Value {
    return this.at(name, index)?.value ?? null;
  }

  private at(name: string, index: number): Avp | undefined {
    const list = this.values.get(name);
    return list?.[index < 0 ? list.length + index : index];
  }

  all(name: string): readonly Value[] {
    return (this.values.get(name) ?? []).map((avp) => avp.value);
  }

  /** Adds a value on top (the newest). */
  add(name: string, value: Value): void {
    const list = this.values.get(name);
    if (list) list.unshift({ value });
    else this.values.set(name, [{ value }]);
  }

  /** Adds a value at the bottom (the oldest). */
  append(name: string, value: Value): void {
    const list = this.values.get(name);
    if (list) list.push({ value });
    else this.values.set(name, [{ value }]);
  }

  /** Replaces the value at `index` (a new AVP: no flags); false when there is none there. */
  replace(name: string, index: number, value: Value): boolean {
    const list = this.values.get(name);
    const i = list && (index < 0 ? list.length + index : index);
    if (!list || i === undefined || i < 0 || i >= list.length) return false;
    list[i] = { value };
    return true;
  }

  /**
   * Sets or clears an AVP flag on the AVP a name holds. As in Kamailio
   * 5.6, only a name holding exactly one value is changed.
   */
  setFlag(name: string, flag: string, on: boolean): void {
    const avp = this.single(name);
    if (on && avp) (avp.flags ??= new Set()).add(flag);
    else avp?.flags?.delete(flag);
  }

  /** Whether the AVP a name holds has a flag (false when the name holds none, or more than one value). */
  hasFlag(name: string, flag: string): boolean {
    return this.single(name)?.flags?.has(flag) === true;
  }

  private single(name: string): Avp | undefined {
    const list = this.values.get(name);
    return list?.length === 1 ? list[0] : undefined;
  }

  /** Removes the value at `index`, or every value under the name when index is undefined. */
  remove(name: string, index?: number): void {
    const list = this.values.get(name);
    if (!list) return;
    if (index === undefined) {
      this.values.delete(name);
      return;
    }
    const i = index < 0 ? list.length + index : index;
    if (i >= 0 && i < list.length) list.splice(i, 1);
    if (list.length === 0) this.values.delete(name);
  }

  count(name: string): number {
    return this.values.get(name)?.length ?? 0;
  }

  /** The names, in the order they were first added. */
  names(): IterableIterator<string> {
    return this.values.keys();
  }

  /** A deep copy. */
  copy(): AvpStore {
    const out = new AvpStore();
    for (const [name, list] of this.values) out.values.set(name, list.map((avp) => ({ value: avp.value, flags: avp.flags && new Set(avp.flags) })));
    return out;
  }

  clear(): void {
    this.values.clear();
  }
}

/** One XAVP item: named fields, each a stack of values (newest first). */
export type XavpItem = AvpStore;

/** XAVPs: per root name, a list of items, the newest first. */
export class XavpStore {
  private readonly roots = new Map<string, XavpItem[]>();

  items(root: string): XavpItem[] {
    return this.roots.get(root) ?? [];
  }

  /** The item at `index` (0: the newest; negative: from the oldest). */
  item(root: string, index = 0): XavpItem | undefined {
    const list = this.roots.get(root);
    if (!list) return undefined;
    return list[index < 0 ? list.length + index : index];
  }

  /** Adds a new item on top and returns it. */
  push(root: string, item: XavpItem = new AvpStore()): XavpItem {
    const list = this.roots.get(root);
    if (list) list.unshift(item);
    else this.roots.set(root, [item]);
    return item;
  }

  /** Appends an item at the end (the oldest position). */
  append(root: string, item: XavpItem = new AvpStore()): XavpItem {
    const list = this.roots.get(root);
    if (list) list.push(item);
    else this.roots.set(root, [item]);
    return item;
  }

  /** Removes the item at `index`, or the whole root when index is undefined. */
  remove(root: string, index?: number): void {
    const list = this.roots.get(root);
    if (!list) return;
    if (index === undefined) {
      this.roots.delete(root);
      return;
    }
    const i = index < 0 ? list.length + index : index;
    if (i >= 0 && i < list.length) list.splice(i, 1);
    if (list.length === 0) this.roots.delete(root);
  }

  /** Replaces the whole list of a root. */
  set(root: string, items: XavpItem[]): void {
    if (items.length === 0) this.roots.delete(root);
    else this.roots.set(root, items);
  }

  count(root: string): number {
    return this.roots.get(root)?.length ?? 0;
  }

  /** The root names, in the order they were first added. */
  rootNames(): IterableIterator<string> {
    return this.roots.keys();
  }

  clear(): void {
    this.roots.clear();
  }
}

/**
 * XAVUs: one value per root name ($xavu(name)) or per field of the root's
 * one item ($xavu(root=>field)); assigning replaces, null removes.
 */
export class XavuStore {
  private readonly values = new Map<string, Value>();
  /** Fields by root, the newest name first when listed (as xavu_params_implode lists them). */
  private readonly items = new Map<string, Map<string, Value>>();

  value(root: string): Value {
    return this.values.get(root) ?? null;
  }

  setValue(root: string, value: Value): void {
    if (value === null) this.values.delete(root);
    else this.values.set(root, value);
  }

  field(root: string, field: string): Value {
    return this.items.get(root)?.get(field) ?? null;
  }

  setField(root: string, field: string, value: Value): void {
    let item = this.items.get(root);
    if (value === null) {
      item?.delete(field);
      if (item?.size === 0) this.items.delete(root);
      return;
    }
    if (!item) this.items.set(root, (item = new Map()));
    // A replaced value becomes the newest (Kamailio 5.6 lists it first).
    item.delete(field);
    item.set(field, value);
  }

  /** The fields of a root, the newest name first; undefined when it has none. */
  fields(root: string): Array<[string, Value]> | undefined {
    const item = this.items.get(root);
    return item ? [...item].reverse() : undefined;
  }

  /** Replaces a root's fields. */
  setFields(root: string, fields: ReadonlyArray<readonly [string, Value]>): void {
    this.items.set(root, new Map(fields));
  }

  remove(root: string): void {
    this.values.delete(root);
    this.items.delete(root);
  }

  /** Every root: its value, or its fields (the newest first). */
  *entries(): IterableIterator<[string, Value | Array<[string, Value]>]> {
    for (const [root, value] of this.values) yield [root, value];
    for (const root of this.items.keys()) yield [root, this.fields(root)!];
  }
}
