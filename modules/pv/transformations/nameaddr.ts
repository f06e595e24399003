// The nameaddr transformation class of Kamailio 5.6's pv module, on a
// `display <uri>` value: the display part exactly as written before '<'
// (quotes and blanks kept), the URI between '<' and '>', and the length up
// to '>' (an integer). Without '<' the whole value is the URI; '<' without
// '>' fails (Kamailio 5.6 then caches a half-parsed value, so a second
// lookup on the same text gets the rest as the URI: siprc fails each time).

import type { Value } from '../../api.js';
import { fromBytes, nonEmptyBytes } from '../../kit/bytes.js';
import { simple, transformationClass } from '../../kit/transformation-class.js';

interface NameAddrParts {
  readonly name: string;
  readonly uri: string;
  readonly length: number;
}

/** The first `c` outside double quotes (a quote preceded by a backslash does not close), or -1. */
export function findUnquoted(s: string, c: string, from = 0): number {
  let quoted = false;
  for (let i = from; i < s.length; i++) {
    if (!quoted) {
      if (s[i] === '"') quoted = true;
      else if (s[i] === c) return i;
    } else if (s[i] === '"' && s[i - 1] !== '\\') quoted = false;
  }
  return -1;
}

function split(value: Value): NameAddrParts | null {
  const s = nonEmptyBytes(value);
  if (s === null) return null;
  const lt = findUnquoted(s, '<');
  if (lt < 0) return { name: '', uri: s, length: s.length };
  const gt = findUnquoted(s, '>', lt + 1);
  return gt < 0 ? null : { name: s.slice(0, lt), uri: s.slice(lt + 1, gt), length: gt + 1 };
}

export const nameaddrTransformations = transformationClass('nameaddr', {
  name: simple((value) => {
    const parts = split(value);
    return parts && fromBytes(parts.name);
  }),
  uri: simple((value) => {
    const parts = split(value);
    return parts && fromBytes(parts.uri);
  }),
  len: simple((value) => split(value)?.length ?? null),
});
