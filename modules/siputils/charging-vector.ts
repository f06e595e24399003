// siputils' P-Charging-Vector (RFC 7315 section 5.6): $pcv(all|value|
// genaddr|orig|term) reads the header and its icid-value, icid-generated-at,
// orig-ioi and term-ioi parameters, parsed as Kamailio 5.6 does (or the one
// this message generated); sip_p_charging_vector(flags) removes the header
// (r), generates one when there is none (g), or both (f). Kamailio 5.6.3
// removes nothing for r or f; siprc does what its README says. A generated
// icid-value is 32 random hex digits (Kamailio's encodes its own internals).

import { randomBytes } from 'node:crypto';
import { ANY_ROUTE, command, FixupError, type CommandDecl, type ExecContext, type PvAccess, type PvClassDecl, type PvRef } from '../api.js';

const GENERATED = 'siputils.pcv';

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
  const value = (ctx.state.get(GENERATED) as string | undefined) ?? ctx.message.header('p-charging-vector');
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

/** The flags: r, g or f. */
function flagsOf(text: string): 'r' | 'g' | 'f' {
  const flag = text.trim();
  if (flag !== 'r' && flag !== 'g' && flag !== 'f') throw new FixupError(`"${text}" is not r (remove), g (generate) or f (force: remove and generate)`);
  return flag;
}

function chargingVectorCommand(ctx: ExecContext, flag: 'r' | 'g' | 'f'): number {
  const present = ctx.message.findHeader('p-charging-vector') >= 0 && !ctx.state.has(`${GENERATED}.removed`);
  if (flag !== 'g' && present) {
    ctx.edits.removeHeaders('p-charging-vector');
    ctx.state.set(`${GENERATED}.removed`, true);
  }
  if (flag === 'r' || (flag === 'g' && present) || ctx.state.has(GENERATED)) return 1;
  const value = `icid-value=${randomBytes(16).toString('hex').toUpperCase()}; icid-generated-at=${ctx.local.socket.address}`;
  ctx.edits.appendHeader(`P-Charging-Vector: ${value}`);
  ctx.state.set(GENERATED, value);
  return 1;
}

export const chargingVectorCommands: readonly CommandDecl[] = [
  command({
    name: 'sip_p_charging_vector',
    args: [{ name: 'flags', type: 'str', fixup: flagsOf }],
    routes: ANY_ROUTE,
    run: (ctx, [flag]) => chargingVectorCommand(ctx, flag as unknown as 'r' | 'g' | 'f'),
  }),
];
