// auth_db: digest authentication against the subscriber table (username,
// domain, password, ha1, ha1b) as Kamailio 5.6's module of that name:
// www_authenticate/www_authorize, proxy_authenticate/proxy_authorize,
// auth_check and is_subscriber, with every parameter of its README. It
// works through the auth module's API and reads the table through the
// storage a db_url names (SQLite by default), so a command waits on the
// storage: it returns a Promise of its code.

import { ANY_ROUTE, command, defineModule, type CommandDecl, type ExecContext, type ModuleInstance, type RouteType } from '../api.js';
import type { AuthApi } from '../auth/api.js';
import { AUTH } from '../auth/api.js';
import { sipUriOf } from '../auth/uris.js';
import { connectDb } from '../db/connect.js';
import { authCheck, authenticate, readerFor, storageFailed, type Bound } from './authorize.js';
import { DEFAULT_DB_URL, settingsOf } from './settings.js';
import { Subscribers } from './subscriber.js';

const boundOf = new WeakMap<ModuleInstance, Bound>();

function bound(module: ModuleInstance): Bound {
  const b = boundOf.get(module);
  if (!b) throw new Error('auth_db: the module was not started');
  return b;
}

const REQUEST: readonly RouteType[] = ['request'];
const REALM = { name: 'realm', type: 'spve' } as const;
const TABLE = { name: 'table', type: 'spve' } as const;

function authenticateCommands(name: string, kind: 'www' | 'proxy', withMethod: boolean): CommandDecl[] {
  const list = [command({ name, args: [REALM, TABLE], routes: REQUEST, run: (ctx, [realm, table], _p, module) => authenticate(ctx, bound(module), realm, table, kind) })];
  if (withMethod) {
    list.push(
      command({
        name,
        args: [REALM, TABLE, { name: 'method', type: 'spve' }],
        routes: REQUEST,
        run: (ctx, [realm, table, method], _p, module) => authenticate(ctx, bound(module), realm, table, kind, method),
      }),
    );
  }
  return list;
}

/** is_subscriber: 1 when the URI's user (and host, flag 1) has a row; its load_credentials columns loaded unless flag 2. */
async function isSubscriber(ctx: ExecContext, b: Bound, uriText: string, table: string, flags: number): Promise<number> {
  const uri = sipUriOf(uriText);
  if (!uri || uri.user === undefined) {
    ctx.log(-1, `auth_db: is_subscriber: "${uriText}" is not a SIP URI with a user`);
    return AUTH.ERROR;
  }
  try {
    const subscribers = await readerFor(ctx, b, table);
    if (!subscribers) return AUTH.ERROR;
    const load = !(flags & 2);
    const row = await subscribers.find(table, uri.user, flags & 1 ? uri.host : undefined, load ? [subscribers.settings.userColumn, ...subscribers.credentialColumns] : [subscribers.settings.userColumn]);
    if (!row) return AUTH.ERROR;
    if (load) subscribers.loadCredentials(ctx, row);
    return AUTH.OK;
  } catch (e) {
    return storageFailed(ctx, `reading ${table}`, e);
  }
}

/** Connects and makes the reader; never rejects (what failed is the string). */
async function open(url: string, settings: ReturnType<typeof settingsOf>): Promise<Subscribers | string> {
  try {
    return new Subscribers(await connectDb(url), settings);
  } catch (e) {
    return `cannot use ${url.replace(/:\/\/([^:@/]*):[^@/]*@/, '://$1:***@')}: ${(e as Error).message}`;
  }
}

export const authDb = defineModule({
  name: 'auth_db',
  params: [
    { name: 'db_url', type: 'str', default: DEFAULT_DB_URL },
    { name: 'user_column', type: 'str', default: 'username' },
    { name: 'domain_column', type: 'str', default: 'domain' },
    { name: 'password_column', type: 'str', default: 'ha1' },
    { name: 'password_column_2', type: 'str', default: 'ha1b' },
    { name: 'calculate_ha1', type: 'int', default: 0, min: 0, max: 1 },
    { name: 'use_domain', type: 'int', default: 0, min: 0, max: 1 },
    { name: 'load_credentials', type: 'str', default: '' },
    { name: 'version_table', type: 'int', default: 1, min: 0, max: 1 },
    { name: 'force_generate_avps', type: 'int', default: 0, min: 0, max: 1 },
  ],
  commands: [
    ...authenticateCommands('www_authenticate', 'www', true),
    ...authenticateCommands('www_authorize', 'www', false),
    ...authenticateCommands('proxy_authenticate', 'proxy', false),
    ...authenticateCommands('proxy_authorize', 'proxy', false),
    command({
      name: 'auth_check',
      args: [REALM, TABLE, { name: 'flags', type: 'intpv' }],
      routes: REQUEST,
      run: (ctx, [realm, table, flags], _p, module) => authCheck(ctx, bound(module), realm, table, flags ?? 0),
    }),
    command({
      name: 'is_subscriber',
      args: [{ name: 'uri', type: 'spve' }, TABLE, { name: 'flags', type: 'intpv' }],
      routes: ANY_ROUTE,
      run: (ctx, [uri, table, flags], _p, module) => isSubscriber(ctx, bound(module), uri, table, flags ?? 0),
    }),
  ],
  init: (module) => {
    const auth = module.bind<AuthApi>('auth');
    const engine = auth?.engine();
    if (!auth || !engine) return 'auth_db checks credentials through the auth module: load module auth before auth_db';
    const settings = settingsOf(module.params);
    const subscribers = open(settings.dbUrl, settings);
    boundOf.set(module, { auth, engine, subscribers });
    // Waited for by the server before it starts: a storage that cannot be reached refuses the start.
    return subscribers.then((s) => (typeof s === 'string' ? s : undefined));
  },
  destroy: (module) => {
    const b = boundOf.get(module);
    return b?.subscribers.then((s) => (typeof s === 'string' ? undefined : s.db.close()));
  },
});
