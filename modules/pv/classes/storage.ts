// Script storage: $var (per worker process, 0 until set), $shv (shared by
// every worker; both may be given start-up values by varset and shvset), $avp (a stack of values per name, with the message) and
// $xavp (items of named fields, with the message). Assignment rules are
// Kamailio 5.6's: `$avp(x) = v` adds on top (with an index too),
// `$(avp(x)[i]) = $null` removes that one (the newest without an index),
// `$(avp(x)[*]) = $null` removes all; `$xavp(r=>f) = v` starts a new
// item, `$xavp(r[0]=>f) = v` adds the field to the newest item.

import { FixupError, paramText, type ExecContext, type PvAccess, type PvClassDecl, type PvIndex, type PvName, type PvRef, type Value } from '../../api.js';
import type { XavpStore } from '../../../runtime/exec/avps.js';
import { variableSlot } from '../../../runtime/exec/variables.js';
import { avpParamName } from '../../kit/avp-param.js';

function nameOf(name: PvName | undefined): (ctx: ExecContext) => string {
  if (!name) throw new FixupError('needs a name');
  return name.dynamic ? (ctx) => paramText(name, ctx) : () => name.text;
}

/** An index as a number at run time (undefined for `*`). */
function indexOf(index: PvIndex | undefined): (ctx: ExecContext) => number | undefined {
  if (!index) return () => 0;
  if (index.kind === 'int') return () => index.value;
  if (index.kind === 'pv') return (ctx) => Number(index.access.get(ctx) ?? 0) | 0;
  return () => undefined;
}

const NO_START_VALUES: ReadonlyMap<string, Value> = new Map();

/** Start-up values of $var and $shv, set by the varset and shvset parameters (see initialValues). */
export const startValues = { vars: new Map<string, Value>(), shared: new Map<string, Value>() };

/** The constant $shv names the scripts compiled so far use, in order (pv.shvGet lists them, as Kamailio declares them while parsing). */
export const scriptSharedNames = new Set<string>();

/** `name=i:12` or `name=s:text`, one varset/shvset value. */
export function parseStartValue(text: string): [string, Value] {
  const m = /^\s*([^=\s]+)\s*=\s*([is]):(.*)$/.exec(text);
  if (!m) throw new FixupError(`\`${text}\` is not \`name=i:number\` or \`name=s:text\``);
  if (m[2] === 'i' && !/^\s*-?\d+\s*$/.test(m[3]!)) throw new FixupError(`\`${text}\`: \`${m[3]}\` is not a number`);
  return [m[1]!, m[2] === 'i' ? Number(m[3]) : m[3]!];
}

/**
 * A variable class kept in one of the worker's stores: 0 until set and $null
 * setting 0 ($var, $vz, $shv), or null until set and $null kept ($vn).
 */
function variableClass(name: 'var' | 'vz' | 'vn' | 'shv', store: 'vars' | 'nullableVars' | 'shared'): PvClassDecl {
  const empty: Value = name === 'vn' ? null : 0;
  return {
    name,
    inner: 'required',
    writable: true,
    compile: (ref): PvAccess => {
      if (ref.index) throw new FixupError('takes no index');
      const start = store === 'shared' ? startValues.shared : store === 'vars' ? startValues.vars : NO_START_VALUES;
      const name = ref.name;
      if (name && !name.dynamic) {
        // The common case, a constant name: its slot is found once.
        const n = name.text;
        const slot = variableSlot(n);
        if (store === 'shared') scriptSharedNames.add(n);
        return {
          get: (ctx) => ctx.worker[store].at(slot) ?? start.get(n) ?? empty,
          set: (ctx, value) => ctx.worker[store].setAt(slot, value ?? empty),
        };
      }
      const nameAt = nameOf(name);
      return {
        get: (ctx) => {
          const n = nameAt(ctx);
          return ctx.worker[store].get(n) ?? start.get(n) ?? empty;
        },
        set: (ctx, value) => void ctx.worker[store].set(nameAt(ctx), value ?? empty),
      };
    },
  };
}

/** `$avp(s:name)` and `$avp(i:12)` name the AVPs `name` and `12`. */
function avpName(ref: PvRef): PvName | undefined {
  const name = ref.name;
  if (!name || name.dynamic) return name;
  return { text: name.text.replace(/^[si]:/, '') };
}

/** AVP aliases set by the avp_aliases parameter (alias -> the AVP's name), filled when the module starts. */
export const avpAliases = new Map<string, string>();

/** `email=s:email_addr;fwd=i:3`: one avp_aliases value. */
export function parseAvpAliases(text: string): Array<[string, string]> {
  return text
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const m = /^([A-Za-z0-9_]+)\s*=\s*(?:[si]:)?([A-Za-z0-9_]+)$/.exec(part);
      if (!m) throw new FixupError(`\`${part}\` is not \`alias=s:name\` or \`alias=i:number\``);
      return [m[1]!, m[2]!];
    });
}

/** The AVP a name means: an alias's target, or the name itself. */
function unaliased(name: (ctx: ExecContext) => string): (ctx: ExecContext) => string {
  return (ctx) => {
    const n = name(ctx);
    return avpAliases.size === 0 ? n : (avpAliases.get(n) ?? n);
  };
}

const avp: PvClassDecl = {
  name: 'avp',
  inner: 'required',
  writable: true,
  compile: (ref): PvAccess => {
    const name = unaliased(nameOf(avpName(ref)));
    const index = indexOf(ref.index);
    const all = ref.index?.kind === 'all';
    return {
      get(ctx) {
        const n = name(ctx);
        if (all) {
          const values = ctx.avps.all(n);
          return values.length === 0 ? null : values.map((v) => (v === null ? '' : String(v))).join(', ');
        }
        return ctx.avps.get(n, index(ctx) ?? 0);
      },
      set(ctx, value) {
        const n = name(ctx);
        if (value === null) {
          if (all) ctx.avps.remove(n);
          else ctx.avps.remove(n, index(ctx) ?? 0);
        } else {
          // A value is added on top whatever the index says (Kamailio 5.6); `[*]` first removes the others.
          if (all) ctx.avps.remove(n);
          ctx.avps.add(n, value);
        }
      },
    };
  },
};

/** `root[i]=>field[j]` taken apart; the indexes are constant. */
interface XavpPath {
  readonly root: string;
  readonly rootIndex: number | undefined;
  readonly field: string | undefined;
  readonly fieldIndex: number | '*' | undefined;
}

function parseXavpPath(text: string): XavpPath {
  const m = /^([A-Za-z0-9_.]+)(?:\[(-?\d+)\])?(?:=>([A-Za-z0-9_.]+)(?:\[(-?\d+|\*)\])?)?$/.exec(text);
  if (!m) throw new FixupError(`bad name \`${text}\`: \`root\`, \`root=>field\`, with optional \`[index]\` on either`);
  return {
    root: m[1]!,
    rootIndex: m[2] === undefined ? undefined : Number(m[2]),
    field: m[3],
    fieldIndex: m[4] === undefined ? undefined : m[4] === '*' ? '*' : Number(m[4]),
  };
}

/**
 * $xavp, and $xavi (the same with names matched case-insensitively: they are
 * kept in lower case in a store of their own).
 */
function xavpClass(name: 'xavp' | 'xavi', storeOf: (ctx: ExecContext) => XavpStore, fold: (text: string) => string): PvClassDecl {
  return {
    name,
    inner: 'required',
    writable: true,
    compile: (ref): PvAccess => {
      if (!ref.name || ref.name.dynamic) throw new FixupError('needs a constant name');
      if (ref.index) throw new FixupError(`put the index inside the name: \`$${name}(root[0]=>field)\``);
      const path = parseXavpPath(ref.name.text);
      const root = fold(path.root);
      const field = path.field === undefined ? undefined : fold(path.field);
      const { rootIndex, fieldIndex } = path;
      return {
        get(ctx) {
          const item = storeOf(ctx).item(root, rootIndex ?? 0);
          if (!item) return null;
          if (field === undefined) return `<<${name}:${root}>>`;
          if (fieldIndex === '*') {
            const values = item.all(field);
            return values.length === 0 ? null : values.map((v) => (v === null ? '' : String(v))).join(', ');
          }
          return item.get(field, fieldIndex ?? 0);
        },
        set(ctx, value) {
          const store = storeOf(ctx);
          if (field === undefined) {
            if (value === null) store.remove(root, rootIndex);
            return;
          }
          if (rootIndex === undefined) {
            if (value !== null) store.push(root).add(field, value);
            return;
          }
          const item = store.item(root, rootIndex);
          if (!item) return;
          if (value === null) item.remove(field, fieldIndex === '*' ? undefined : (fieldIndex ?? 0));
          else if (fieldIndex === undefined) item.add(field, value);
          else if (fieldIndex !== '*') item.replace(field, fieldIndex, value);
        },
      };
    },
  };
}

/** $cnt($avp(name)): how many values the AVP has; $cnt($xavp(root)): how many items; $cnt($xavp(root=>field)): how many values of the field in all items. */
const count: PvClassDecl = {
  name: 'cnt',
  inner: 'required',
  writable: false,
  compile: (ref): PvAccess => {
    const text = ref.name?.text ?? '';
    if (ref.index) throw new FixupError('takes no index');
    const avpName = avpParamName(text);
    if (avpName !== undefined) return { get: (ctx) => ctx.avps.count(avpAliases.get(avpName) ?? avpName) };
    const xavpName = /^\$xavp\(([^()]+)\)$/.exec(text)?.[1];
    if (xavpName === undefined) throw new FixupError(`expects \`$avp(name)\` or \`$xavp(name)\`, not \`${text}\``);
    const { root, field } = parseXavpPath(xavpName);
    if (field === undefined) return { get: (ctx) => ctx.xavps.count(root) };
    return { get: (ctx) => ctx.xavps.items(root).reduce((n, item) => n + item.count(field), 0) };
  },
};

/** $xavu(root) and $xavu(root=>field): one value per name, an assignment replacing it, $null removing it. */
const xavu: PvClassDecl = {
  name: 'xavu',
  inner: 'required',
  writable: true,
  compile: (ref): PvAccess => {
    if (!ref.name || ref.name.dynamic || ref.index) throw new FixupError('needs a constant name and no index');
    const m = /^([A-Za-z0-9_.]+)(?:=>([A-Za-z0-9_.]+))?$/.exec(ref.name.text);
    if (!m) throw new FixupError(`bad name \`${ref.name.text}\`: \`name\` or \`root=>field\``);
    const [, root, field] = m as unknown as [string, string, string | undefined];
    return field === undefined
      ? { get: (ctx) => ctx.xavus.value(root), set: (ctx, value) => ctx.xavus.setValue(root, value) }
      : { get: (ctx) => ctx.xavus.field(root, field), set: (ctx, value) => ctx.xavus.setField(root, field, value) };
  },
};

export const storageClasses: readonly PvClassDecl[] = [
  variableClass('var', 'vars'),
  variableClass('vz', 'vars'),
  variableClass('vn', 'nullableVars'),
  variableClass('shv', 'shared'),
  count,
  avp,
  xavpClass('xavp', (ctx) => ctx.xavps, (text) => text),
  xavpClass('xavi', (ctx) => ctx.xavis, (text) => text.toLowerCase()),
  xavu,
];
