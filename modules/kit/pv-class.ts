// Builders shared by modules that declare pseudo-variable classes: the check
// of a use without an index, a read-only class with no name, and classes
// with a name in parentheses (one of a fixed set, or compiled per use).

import { FixupError, type ExecContext, type PvAccess, type PvClassDecl, type PvRef, type Value } from '../api.js';

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

/** A read-only class that needs a name in parentheses and takes no index; `compile` makes one use of it. */
export function withName(name: string, compile: (ref: PvRef) => PvAccess): PvClassDecl {
  return {
    name,
    inner: 'required',
    writable: false,
    compile: (ref) => {
      noIndex(ref);
      return compile(ref);
    },
  };
}

/** A class whose name in parentheses picks one of a fixed set of values (`$snd(ip)`, `$time(hour)`). */
export function named(name: string, parts: Readonly<Record<string, (ctx: ExecContext) => Value>>): PvClassDecl {
  return withName(name, (ref) => {
    const key = ref.name?.text ?? '';
    if (ref.name?.dynamic) throw new FixupError('the name must be constant');
    const get = parts[key];
    if (!get) throw new FixupError(`unknown name \`${key}\` (one of ${Object.keys(parts).join(', ')})`);
    return { get };
  });
}
