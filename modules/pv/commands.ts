// The pv module's commands: tests on a pseudo-variable's value (pv_isset,
// is_int, typeof, not_empty), pv_unset, and the XAVP helpers (copy, explode
// and implode as parameters or a token list, set and remove children, moving
// values between $var and an XAVP, their xavi/xavu twins, pv_evalx, and the print
// commands, which write siprc's own one-line-per-item dump at L_INFO rather
// than Kamailio's, full of memory addresses).

import { ANY_ROUTE, command, type CommandDecl, type ExecContext, type Value } from '../api.js';
import { AvpStore, type XavpStore } from '../../runtime/exec/avps.js';

const truth = (holds: boolean): number => (holds ? 1 : -1);

/** The type name typeof() compares with. */
function typeName(v: Value): 'int' | 'str' | 'null' {
  return v === null ? 'null' : typeof v === 'number' ? 'int' : 'str';
}

/** `name=value;name;...` as name/value pairs (a name without a value gets ''). */
function parseParams(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const part of text.split(';')) {
    const item = part.trim();
    if (!item) continue;
    const eq = item.indexOf('=');
    out.push(eq < 0 ? [item, ''] : [item.slice(0, eq).trim(), item.slice(eq + 1).trim()]);
  }
  return out;
}

/** Sets a child of the newest item of a root (creating the root): one value, replacing any there. */
function setChild(store: XavpStore, root: string, child: string, value: Value): number {
  const item = store.item(root, 0) ?? store.push(root);
  item.remove(child);
  item.add(child, value);
  return 1;
}

/** `name=value;` for each field, as the *_params_implode commands write them (numbers unsigned). */
function implode(fields: ReadonlyArray<readonly [string, Value]>): string {
  return fields.map(([name, v]) => `${name}=${v === null ? '' : typeof v === 'number' ? v >>> 0 : v};`).join('');
}

/** A value as the print commands show it, with its type. */
const shown = (v: Value): string => (v === null ? 'null' : typeof v === 'number' ? `${v} (int)` : `"${v}" (str)`);

/** The lines pv_xavp_print / pv_xavi_print write for a store: each root's items and their fields. */
function xavpLines(kind: string, store: XavpStore): string[] {
  const lines: string[] = [];
  for (const root of store.rootNames()) {
    store.items(root).forEach((item, i) => {
      const fields = [...item.names()].reverse().flatMap((name) => item.all(name).map((v) => `${name}=${shown(v)}`));
      lines.push(`${kind} ${root}[${i}]: ${fields.join(', ')}`);
    });
  }
  return lines;
}

/** Writes the lines at L_INFO (the print commands' level); 1 always. */
function printLines(ctx: ExecContext, lines: readonly string[]): number {
  for (const line of lines) ctx.log(2, line);
  return 1;
}

/**
 * xavp_child_seti/sets/rm and xavp_rm, and their xavi_ twins (names folded
 * to lower case, matching case-insensitively).
 */
function childCommands(prefix: 'xavp' | 'xavi', storeOf: (ctx: ExecContext) => XavpStore, fold: (text: string) => string): CommandDecl[] {
  return [
    command({
      name: `${prefix}_child_seti`,
      args: [{ name: 'rname', type: 'str' }, { name: 'cname', type: 'str' }, { name: 'ival', type: 'int' }],
      routes: ANY_ROUTE,
      run: (ctx, [root, child, value]) => setChild(storeOf(ctx), fold(root), fold(child), value),
    }),
    command({
      name: `${prefix}_child_sets`,
      args: [{ name: 'rname', type: 'str' }, { name: 'cname', type: 'str' }, { name: 'sval', type: 'spve' }],
      routes: ANY_ROUTE,
      run: (ctx, [root, child, value]) => setChild(storeOf(ctx), fold(root), fold(child), value),
    }),
    command({
      name: `${prefix}_rm`,
      args: [{ name: 'rname', type: 'spve' }],
      routes: ANY_ROUTE,
      run: (ctx, [root]) => {
        storeOf(ctx).remove(fold(root), 0);
        return 1;
      },
    }),
    command({
      name: `${prefix}_child_rm`,
      args: [{ name: 'rname', type: 'spve' }, { name: 'cname', type: 'spve' }],
      routes: ANY_ROUTE,
      run: (ctx, [root, child]) => {
        const item = storeOf(ctx).item(fold(root), 0);
        if (!item) return -1;
        item.remove(fold(child));
        return 1;
      },
    }),
  ];
}

/** The newest value of each field of an item, oldest field first as Kamailio lists them. */
function fieldsNewestFirst(item: AvpStore): Array<[string, Value]> {
  return [...item.names()].reverse().map((name) => [name, item.get(name)]);
}

export const pvCommands: readonly CommandDecl[] = [
  command({ name: 'pv_isset', args: [{ name: 'pvar', type: 'pvar' }], routes: ANY_ROUTE, run: (ctx, [pv]) => truth(pv.get(ctx) !== null) }),
  command({
    name: 'pv_unset',
    args: [{ name: 'pvar', type: 'pvar-writable' }],
    routes: ANY_ROUTE,
    run: (ctx, [pv]) => {
      pv.set?.(ctx, null);
      return 1;
    },
  }),
  command({ name: 'is_int', args: [{ name: 'pvar', type: 'pvar' }], routes: ANY_ROUTE, run: (ctx, [pv]) => truth(typeof pv.get(ctx) === 'number') }),
  command({
    name: 'typeof',
    args: [{ name: 'pvar', type: 'pvar' }, { name: 'vtype', type: 'str' }],
    routes: ANY_ROUTE,
    run: (ctx, [pv, vtype]) => truth(typeName(pv.get(ctx)) === vtype),
  }),
  command({
    name: 'not_empty',
    args: [{ name: 'pvar', type: 'pvar' }],
    routes: ANY_ROUTE,
    run: (ctx, [pv]) => {
      const v = pv.get(ctx);
      return truth(typeof v === 'string' && v !== '');
    },
  }),
  command({
    name: 'xavp_copy',
    args: [{ name: 'source_name', type: 'spve' }, { name: 'source_index', type: 'int' }, { name: 'destination_name', type: 'spve' }],
    routes: ANY_ROUTE,
    run: (ctx, [source, index, destination]) => {
      const item = ctx.xavps.item(source, index);
      if (!item) return -1;
      ctx.xavps.append(destination, item.copy());
      return 1;
    },
  }),
  command({
    name: 'xavp_copy',
    args: [
      { name: 'source_name', type: 'spve' },
      { name: 'source_index', type: 'int' },
      { name: 'destination_name', type: 'spve' },
      { name: 'destination_index', type: 'int' },
    ],
    routes: ANY_ROUTE,
    run: (ctx, [source, index, destination, at]) => {
      const item = ctx.xavps.item(source, index);
      const items = ctx.xavps.items(destination);
      const i = at < 0 ? items.length + at : at;
      if (!item || i < 0 || i >= items.length) return -1;
      items[i] = item.copy();
      return 1;
    },
  }),
  command({
    name: 'xavp_params_explode',
    args: [{ name: 'sparams', type: 'spve' }, { name: 'xname', type: 'spve' }],
    routes: ANY_ROUTE,
    run: (ctx, [params, root]) => {
      const item = new AvpStore();
      for (const [name, value] of parseParams(params)) item.add(name, value);
      ctx.xavps.push(root, item);
      return 1;
    },
  }),
  command({
    name: 'xavp_params_implode',
    args: [{ name: 'xname', type: 'str' }, { name: 'pvname', type: 'pvar-writable' }],
    routes: ANY_ROUTE,
    run: (ctx, [root, out]) => {
      const item = ctx.xavps.item(root, 0);
      if (!item) return -1;
      out.set?.(ctx, implode(fieldsNewestFirst(item)));
      return 1;
    },
  }),
  command({
    name: 'xavp_slist_explode',
    args: [{ name: 'slist', type: 'spve' }, { name: 'sep', type: 'str' }, { name: 'mode', type: 'str' }, { name: 'xname', type: 'str' }],
    routes: ANY_ROUTE,
    run: (ctx, [list, separators, mode, root]) => {
      const item = new AvpStore();
      let token = '';
      const flush = (): void => {
        const value = mode.includes('t') ? token.trim() : token;
        if (value !== '') item.append('v', value);
        token = '';
      };
      for (const ch of list) {
        if (separators.includes(ch)) flush();
        else token += ch;
      }
      flush();
      if (item.count('v') === 0) return -1;
      ctx.xavps.push(root, item);
      return 1;
    },
  }),
  ...childCommands('xavp', (ctx) => ctx.xavps, (text) => text),
  ...childCommands('xavi', (ctx) => ctx.xavis, (text) => text.toLowerCase()),
  command({
    name: 'pv_evalx',
    args: [{ name: 'dst', type: 'pvar-writable' }, { name: 'fmt', type: 'spve' }],
    routes: ANY_ROUTE,
    run: (ctx, [dst, once], _params, module) => {
      // The format is expanded once as an argument; its result is a format again.
      const twice = module.compileFormat(once);
      if (!twice || !dst.set) return -1;
      dst.set(ctx, twice.evaluate(ctx));
      return 1;
    },
  }),
  command({ name: 'pv_xavp_print', args: [], routes: ANY_ROUTE, run: (ctx) => printLines(ctx, xavpLines('XAVP', ctx.xavps)) }),
  command({ name: 'pv_xavi_print', args: [], routes: ANY_ROUTE, run: (ctx) => printLines(ctx, xavpLines('XAVI', ctx.xavis)) }),
  command({
    name: 'pv_xavu_print',
    args: [],
    routes: ANY_ROUTE,
    run: (ctx) =>
      printLines(
        ctx,
        [...ctx.xavus.entries()].map(([root, v]) => `XAVU ${root}: ${Array.isArray(v) ? v.map(([name, f]) => `${name}=${shown(f)}`).join(', ') : shown(v)}`),
      ),
  }),
  command({
    name: 'xavu_params_explode',
    args: [{ name: 'sparams', type: 'spve' }, { name: 'xname', type: 'spve' }],
    routes: ANY_ROUTE,
    run: (ctx, [params, root]) => {
      ctx.xavus.setFields(root, parseParams(params).reverse());
      return 1;
    },
  }),
  command({
    name: 'xavu_params_implode',
    args: [{ name: 'xname', type: 'str' }, { name: 'pvname', type: 'pvar-writable' }],
    routes: ANY_ROUTE,
    run: (ctx, [root, out]) => {
      const fields = ctx.xavus.fields(root);
      if (!fields) return -1;
      out.set?.(ctx, implode(fields));
      return 1;
    },
  }),
  command({
    name: 'pv_var_to_xavp',
    args: [{ name: 'varname', type: 'spve' }, { name: 'xname', type: 'spve' }],
    routes: ANY_ROUTE,
    run: (ctx, [name, root]) => {
      const names = name === '*' ? [...ctx.worker.vars.keys()] : [name];
      const item = new AvpStore();
      for (const n of names) {
        const v = ctx.worker.vars.get(n);
        if (v !== undefined) item.add(n, v);
      }
      if (item.names().next().done) return -1;
      ctx.xavps.remove(root);
      ctx.xavps.push(root, item);
      return 1;
    },
  }),
  command({
    name: 'pv_xavp_to_var',
    args: [{ name: 'xname', type: 'spve' }],
    routes: ANY_ROUTE,
    run: (ctx, [root]) => {
      const items = ctx.xavps.items(root);
      if (items.length === 0) return -1;
      for (const item of [...items].reverse()) for (const [name, v] of fieldsNewestFirst(item)) ctx.worker.vars.set(name, v);
      return 1;
    },
  }),
];

