// Small builders for pseudo-variable classes: a readable and writable value
// of the message (the read-only one, the one picked by name and the index
// check are shared with other modules, in modules/kit/pv-class.ts).

import type { ExecContext, PvAccess, PvClassDecl, Value } from '../../api.js';
import { noIndex } from '../../kit/pv-class.js';

export { named, noIndex, readOnly } from '../../kit/pv-class.js';

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

/** The text of a value for a string-only assignment; null when the value is not a string. */
export function textOf(value: Value): string | null {
  return typeof value === 'string' ? value : value === null ? null : String(value);
}
