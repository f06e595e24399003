// siputils' $pcv(all|value|genaddr|orig|term): the P-Charging-Vector header
// (RFC 7315 section 5.6) and its icid-value, icid-generated-at, orig-ioi and
// term-ioi parameters, read-only, parsed as Kamailio 5.6 does.

import { FixupError, type ExecContext, type PvAccess, type PvClassDecl, type PvRef } from '../api.js';

/** The parameter each name reads ('all': the whole header value). */
const PARTS: Readonly<Record<string, string>> = {
  all: '',
  value: 'icid-value',
  genaddr: 'icid-generated-at',
  orig: 'orig-ioi',
  term: 'term-ioi',
};

/**
 * The header value and its parameters (names in lower case with `=` right
 * after them, values cut at white space); undefined without the header or an
 * icid-value. (Kamailio also keeps the last header it read for a later
 * message without one; siprc does not.)
 */
function chargingVector(ctx: ExecContext): { value: string; params: Map<string, string> } | undefined {
  const value = ctx.message.header('p-charging-vector');
  if (value === undefined) return undefined;
  const params = new Map<string, string>();
  for (const part of value.split(';')) {
    const text = part.replace(/^[ \t]+/, '');
    const eq = text.indexOf('=');
    if (eq > 0 && !params.has(text.slice(0, eq))) params.set(text.slice(0, eq), text.slice(eq + 1).split(/[ \t]/)[0]!);
  }
  return params.has('icid-value') ? { value, params } : undefined;
}

function compile(ref: PvRef): PvAccess {
  const name = ref.name;
  if (!name || name.dynamic || !(name.text in PARTS)) throw new FixupError(`unknown name "${name?.text ?? ''}" (all, value, genaddr, orig or term)`);
  const param = PARTS[name.text]!;
  return {
    get: (ctx) => {
      const vector = chargingVector(ctx);
      if (!vector) return null;
      return param === '' ? vector.value : vector.params.get(param) || null;
    },
  };
}

export const chargingVectorClass: PvClassDecl = { name: 'pcv', inner: 'required', writable: false, compile };
