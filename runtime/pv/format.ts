// A string with pseudo-variables in it ("sip:$rU@$td"), compiled once into
// literal pieces and pseudo-variable reads. An unset pseudo-variable prints
// as `<null>`, as Kamailio's formatting does.

import type { ExecContext } from '../exec/context.js';
import type { PvAccess } from './types.js';

export class Format {
  constructor(
    /** The text as written, for listings. */
    readonly text: string,
    readonly parts: ReadonlyArray<string | PvAccess>,
  ) {}

  /** The string for this message. */
  evaluate(ctx: ExecContext): string {
    const parts = this.parts;
    if (parts.length === 1 && typeof parts[0] === 'string') return parts[0];
    let out = '';
    for (const p of parts) {
      if (typeof p === 'string') out += p;
      else {
        const v = p.get(ctx);
        out += v === null ? '<null>' : String(v);
      }
    }
    return out;
  }
}
