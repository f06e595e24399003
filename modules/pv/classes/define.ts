// Small builders for pseudo-variable classes: a read-only value of the
// message, a readable and writable one, and the checks every class without
// a name or an index makes of its use.

import { FixupError, type ExecContext, type PvAccess, type PvClassDecl, type PvRef, type Value } from '../../api.js';

/** Refuses an index on a class that has none. */
export function noIndex(ref: PvRef): void {
  if (ref.index) throw new FixupError('takes no index');
}

/** A class with no name and no index whose value is read from the message. */
export function readOnly(name: string, get: (ctx: ExecContext) => Value): PvClassDecl {
  const access: PvAccess = { get };
  return {
    name,
    inner: 'none',
    writable: false,
    compile: (ref) => {
      noIndex(ref);
      return access;
    },
  };
}

/** A class with no name and no index that can be read and assigned. */
export function readWrite(name: string, get: (ctx: ExecContext) => Value, set: (ctx: ExecContext, value: Value) => void): PvClassDecl {
  const access: PvAccess = { get, set };
  return {
    name,
    inner: 'none',
    writable: true,
    compile: (ref) => {
      noIndex(ref);
      return access;
    },
  };
}

/** A class whose name in parentheses picks one of a fixed set of values (`$snd(ip)`, `$time(hour)`). */
export function named(name: string, parts: Readonly<Record<string, (ctx: ExecContext) => Value>>): PvClassDecl {
  return {
    name,
    inner: 'required',
    writable: false,
    compile: (ref) => {
      noIndex(ref);
      const key = ref.name?.text ?? '';
      if (ref.name?.dynamic) throw new FixupError('the name must be constant');
      const get = parts[key];
      if (!get) throw new FixupError(`unknown name \`${key}\` (one of ${Object.keys(parts).join(', ')})`);
      return { get };
    },
  };
}

/** The text of a value for a string-only assignment; null when the value is not a string. */
export function textOf(value: Value): string | null {
  return typeof value === 'string' ? value : value === null ? null : String(value);
}
