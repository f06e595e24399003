// The pseudo-variables of the core itself (no module needed): $null, $rc,
// $retcode and $?, $def/$defn (preprocessor defines, fixed at start-up) and
// $env/$envn (the process environment).

import type { PvAccess } from '../../runtime/pv/types.js';
import { toInt, type Value } from '../../runtime/vm/values.js';

/** A define's value as written (quotes kept), '' for one without a value, null when not defined. */
export type DefineLookup = (name: string) => string | null;

const constant = (value: Value): PvAccess => ({ get: () => value });

const RETURN_CODE: PvAccess = { get: (ctx) => ctx.rc };

/** Compiles a core class; undefined when `className` is not one. */
export function compileCorePv(className: string, name: string | undefined, defines: DefineLookup): PvAccess | undefined {
  switch (className) {
    case 'null':
      return constant(null);
    case 'rc':
    case 'retcode':
    case '?':
      return RETURN_CODE;
    case 'def':
    case 'defn': {
      const text = defines(name ?? '');
      return constant(text !== null && className === 'defn' ? toInt(text) : text);
    }
    case 'env':
    case 'envn':
      return {
        get: () => {
          const text = process.env[name ?? ''];
          return text === undefined ? null : className === 'envn' ? toInt(text) : text;
        },
      };
    default:
      return undefined;
  }
}
