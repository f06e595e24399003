// dbg_pv_dump([mask[, level]]): logs the pseudo-variables the script uses
// (what Kamailio keeps in its pv cache: those written in the script's
// statements and in module arguments taking a variable, not those inside
// strings) as one JSON object, as Kamailio 5.6 does: `$avp(name)` with all
// its values newest first, `$xavp(root)` as its items, each field with its
// values, every other one with its value. The mask picks what is shown:
// 1 null values, 2 AVPs, 4 script variables ($var), 8 XAVPs, 16 the rest.

import { FixupError, type ExecContext, type PvAccess, type Value } from '../api.js';
import type { Program } from '../../runtime/bytecode/program.js';
import type { AvpStore } from '../../runtime/exec/avps.js';

const LEVELS: Readonly<Record<string, number>> = { L_ALERT: -5, L_BUG: -4, L_CRIT: -3, L_ERR: -1, L_WARN: 0, L_NOTICE: 1, L_INFO: 2, L_DBG: 3 };

/** dbg_pv_dump's level argument: one of Kamailio's level names. */
export function dumpLevel(text: string): number {
  const level = LEVELS[text.trim()];
  if (level === undefined) throw new FixupError(`unknown log level "${text}" (L_ALERT, L_BUG, L_CRIT, L_ERR, L_WARN, L_NOTICE, L_INFO or L_DBG)`);
  return level;
}

export const DEFAULT_MASK = 31;
export const DEFAULT_LEVEL = LEVELS.L_DBG!;

type Json = null | string | number | Json[] | { [name: string]: Json };

interface Entry {
  /** The name shown: `$avp(name)`, `$xavp(root)`, or the variable as written. */
  readonly key: string;
  /** The mask bit of its kind. */
  readonly bit: number;
  readonly read: (ctx: ExecContext) => Json;
}

/** An AVP's values, newest first. */
const values = (store: AvpStore, name: string): Json[] => store.all(name).map((v) => v as Json);

/** What one pseudo-variable of the script dumps as; undefined for one that is not a variable siprc reads. */
function entry(text: string, access: PvAccess): Entry | undefined {
  const avp = /^\$avp\((?:[si]:)?([^)[\]]+)(?:\[[^\]]*\])?\)$/.exec(text);
  if (avp) return { key: `$avp(${avp[1]})`, bit: 2, read: (ctx) => values(ctx.avps, avp[1]!) };
  const xavp = /^\$xavp\(([^)[=]+)/.exec(text);
  if (xavp) {
    const root = xavp[1]!;
    return {
      key: `$xavp(${root})`,
      bit: 8,
      read: (ctx) => ctx.xavps.items(root).map((item) => Object.fromEntries([...item.names()].reverse().map((field) => [field, values(item, field)]))),
    };
  }
  const read = (ctx: ExecContext): Json => access.get(ctx) as Value as Json;
  return { key: text, bit: text.startsWith('$var(') ? 4 : 16, read };
}

const ENTRIES = new WeakMap<Program, readonly Entry[]>();

/** The script's pseudo-variables, found once per program, each once. */
function entries(program: Program): readonly Entry[] {
  let found = ENTRIES.get(program);
  if (found) return found;
  const byKey = new Map<string, Entry>();
  for (const c of program.constants) {
    if (c.kind !== 'pv' && c.kind !== 'fixed') continue;
    const access = c.kind === 'pv' ? c.access : c.text.startsWith('$') ? (c.value as PvAccess | undefined) : undefined;
    if (!access || typeof access.get !== 'function') continue;
    const e = entry(c.text, access);
    if (e && !byKey.has(e.key)) byKey.set(e.key, e);
  }
  ENTRIES.set(program, (found = [...byKey.values()]));
  return found;
}

/** Whether a dumped value counts as null (mask bit 1 shows those). */
const isNull = (v: Json): boolean => v === null || (Array.isArray(v) && v.length === 0);

/** The JSON text dbg_pv_dump logs for the message. */
export function pvDump(ctx: ExecContext, mask: number): string {
  const program = ctx.runner?.program;
  const out: Record<string, Json> = {};
  for (const e of program ? entries(program) : []) {
    if ((mask & e.bit) === 0) continue;
    const value = e.read(ctx);
    if (isNull(value) && (mask & 1) === 0) continue;
    out[e.key] = value;
  }
  return JSON.stringify(out);
}
