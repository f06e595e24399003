// registrar's script commands with their arguments and the routes they may
// run in (as Kamailio 5.6 declares them). Commands that read or write
// usrloc return a Promise of their code when the storage waits (a database
// in db_mode 1 or 3), else the code itself.

import { ANY_ROUTE, command, FixupError, type CommandDecl, type RouteType } from '../api.js';
import { addSockHeader } from './socket.js';
import { lookup, lookupBranches, lookupToDset } from './lookup.js';
import { registered } from './registered.js';
import { sendKeptReply } from './reply.js';
import { save } from './save.js';
import { registrarOf } from './state.js';
import { fetchContacts, freeContacts } from './ulc.js';
import { unregister } from './unregister.js';

/** The tables the script names, loaded at start (Kamailio registers a usrloc domain per table at fixup). */
export const scriptTables = new Set<string>();

const TABLE = {
  name: 'domain',
  type: 'str',
  fixup: (text: string) => {
    if (text.trim() === '') throw new FixupError('the table name is empty');
    scriptTables.add(text.trim());
    return text.trim();
  },
} as const;

/** save()'s flags: decimal or 0x hexadecimal. */
export function parseFlags(text: string): number {
  const t = text.trim();
  if (t === '') return 0;
  if (/^0x[0-9a-f]+$/i.test(t)) return parseInt(t.slice(2), 16);
  if (/^\d+$/.test(t)) return Number(t);
  throw new FixupError(`save() flags "${text}" are not a number (decimal or 0x hexadecimal)`);
}

const FLAGS = { name: 'flags', type: 'spve', fixup: parseFlags } as const;
const URI = { name: 'uri', type: 'spve' } as const;
const SAVE_ROUTES: readonly RouteType[] = ['request', 'failure', 'onreply', 'reply'];
const LOOKUP_ROUTES: readonly RouteType[] = ['request', 'failure'];
const flagsOf = (f: unknown): number => (typeof f === 'number' ? f : parseFlags(String(f)));

export const registrarCommands: readonly CommandDecl[] = [
  command({ name: 'save', args: [TABLE], routes: SAVE_ROUTES, run: (ctx, [t], _p, m) => save(ctx, registrarOf(m, ctx), t, 0) }),
  command({ name: 'save', args: [TABLE, FLAGS], routes: SAVE_ROUTES, run: (ctx, [t, f], _p, m) => save(ctx, registrarOf(m, ctx), t, flagsOf(f)) }),
  command({ name: 'save', args: [TABLE, FLAGS, URI], routes: SAVE_ROUTES, run: (ctx, [t, f, u], _p, m) => save(ctx, registrarOf(m, ctx), t, flagsOf(f), u) }),
  command({ name: 'lookup', args: [TABLE], routes: LOOKUP_ROUTES, run: (ctx, [t], _p, m) => lookup(ctx, registrarOf(m, ctx), t) }),
  command({ name: 'lookup', args: [TABLE, URI], routes: LOOKUP_ROUTES, run: (ctx, [t, u], _p, m) => lookup(ctx, registrarOf(m, ctx), t, u) }),
  command({ name: 'lookup_to_dset', args: [TABLE], routes: LOOKUP_ROUTES, run: (ctx, [t], _p, m) => lookupToDset(ctx, registrarOf(m, ctx), t) }),
  command({ name: 'lookup_to_dset', args: [TABLE, URI], routes: LOOKUP_ROUTES, run: (ctx, [t, u], _p, m) => lookupToDset(ctx, registrarOf(m, ctx), t, u) }),
  command({ name: 'lookup_branches', args: [TABLE], routes: LOOKUP_ROUTES, run: (ctx, [t], _p, m) => lookupBranches(ctx, registrarOf(m, ctx), t) }),
  command({ name: 'registered', args: [TABLE], routes: ANY_ROUTE, run: (ctx, [t], _p, m) => registered(ctx, registrarOf(m, ctx), t) }),
  command({ name: 'registered', args: [TABLE, URI], routes: ANY_ROUTE, run: (ctx, [t, u], _p, m) => registered(ctx, registrarOf(m, ctx), t, u) }),
  command({
    name: 'registered',
    args: [TABLE, URI, { name: 'match_option', type: 'intpv' }],
    routes: ANY_ROUTE,
    run: (ctx, [t, u, o], _p, m) => registered(ctx, registrarOf(m, ctx), t, u, o ?? 0),
  }),
  command({
    name: 'registered',
    args: [TABLE, URI, { name: 'match_option', type: 'intpv' }, { name: 'match_action', type: 'intpv' }],
    routes: ANY_ROUTE,
    run: (ctx, [t, u, o, a], _p, m) => registered(ctx, registrarOf(m, ctx), t, u, o ?? 0, a ?? 0),
  }),
  command({ name: 'add_sock_hdr', args: [{ name: 'hdr_name', type: 'spve' }], routes: ['request'], run: (ctx, [name]) => addSockHeader(ctx, name) }),
  command({ name: 'unregister', args: [TABLE, URI], routes: ANY_ROUTE, run: (ctx, [t, u], _p, m) => unregister(ctx, registrarOf(m, ctx), t, u) }),
  command({
    name: 'unregister',
    args: [TABLE, URI, { name: 'ruid', type: 'spve' }],
    routes: ANY_ROUTE,
    run: (ctx, [t, u, ruid], _p, m) => unregister(ctx, registrarOf(m, ctx), t, u, ruid),
  }),
  command({
    name: 'reg_fetch_contacts',
    args: [TABLE, URI, { name: 'profile', type: 'str' }],
    routes: LOOKUP_ROUTES,
    run: (ctx, [t, u, p], _p, m) => fetchContacts(ctx, registrarOf(m, ctx), t, u, p),
  }),
  command({ name: 'reg_free_contacts', args: [{ name: 'profile', type: 'str' }], routes: LOOKUP_ROUTES, run: (ctx, [p]) => freeContacts(ctx, p) }),
  command({ name: 'reg_send_reply', args: [], routes: LOOKUP_ROUTES, run: (ctx, _a, _p, m) => sendKeptReply(ctx, registrarOf(m, ctx).tm) }),
];
