// Digest authentication against the subscriber table, in the steps of the
// auth module's API: the credentials for the realm judged first, then the
// user's row (its HA1, or its password when calculate_ha1 is set; ha1b for a
// username carrying @domain), the response checked, the load_credentials
// columns copied into AVPs. And auth_check's identity checks.

import type { ExecContext } from '../api.js';
import { AUTH, type AuthApi, type AuthEngine } from '../auth/api.js';
import { DbError } from '../db/api.js';
import type { Subscribers } from './subscriber.js';

export interface Bound {
  readonly auth: AuthApi;
  readonly engine: AuthEngine;
  /** The subscriber table's reader once connected, or why it could not be. */
  readonly subscribers: Promise<Subscribers | string>;
}

/** Logs a storage failure and gives the error code (the script goes on; Kamailio returns -1 the same way). */
export function storageFailed(ctx: ExecContext, what: string, e: unknown): number {
  ctx.log(-1, `auth_db: ${what}: ${e instanceof DbError ? e.message : (e as Error).message}`);
  return AUTH.ERROR;
}

/**
 * The subscriber reader once the storage is open and the table's version
 * is right; undefined (with a log line saying why) when it cannot be used.
 */
export async function readerFor(ctx: ExecContext, b: Bound, table: string): Promise<Subscribers | undefined> {
  const subscribers = await b.subscribers;
  const refused = typeof subscribers === 'string' ? subscribers : await subscribers.checkTable(table);
  if (refused === undefined) return subscribers as Subscribers;
  ctx.log(-1, `auth_db: ${refused}`);
  return undefined;
}

/** www_authenticate / proxy_authenticate: 1, or Kamailio's negative codes (-3 for a user not in the table). */
export async function authenticate(ctx: ExecContext, b: Bound, realmArg: string, table: string, kind: 'www' | 'proxy', method?: string): Promise<number> {
  const realm = b.auth.realm(b.engine, ctx, realmArg, kind);
  const pre = b.auth.preAuth(b.engine, ctx, realm, kind);
  if (pre.kind === 'pass') return AUTH.OK;
  if (pre.kind === 'done') return pre.code;
  let subscribers;
  try {
    subscribers = await readerFor(ctx, b, table);
  } catch (e) {
    return storageFailed(ctx, `reading ${table}`, e);
  }
  if (!subscribers) return AUTH.ERROR;
  const s = subscribers.settings;
  const username = pre.found.digest.username!;
  const at = username.indexOf('@');
  const user = at < 0 ? username : username.slice(0, at);
  const column = !s.calculateHa1 && at >= 0 ? s.passwordColumn2 : s.passwordColumn;
  let row;
  try {
    row = await subscribers.find(table, user, s.useDomain ? realm : undefined, [column, ...subscribers.credentialColumns]);
  } catch (e) {
    return storageFailed(ctx, `reading ${table}`, e);
  }
  if (!row) return AUTH.USER_UNKNOWN;
  const secret = row[column];
  const text = secret === null || secret === undefined ? '' : String(secret);
  const ha1 = s.calculateHa1 ? b.auth.ha1(b.engine, username, pre.found.digest.realm!, text) : text;
  const code = b.auth.verify(b.engine, ctx, pre.found, ha1, method ?? ctx.message.method);
  if (code === AUTH.OK || s.forceGenerateAvps) subscribers.loadCredentials(ctx, row);
  return code;
}

/** Requests that may come with an anonymous caller: auth_check's flag 2 skips their identity check. */
const MAY_BE_ANONYMOUS = new Set(['INVITE', 'BYE', 'PRACK', 'UPDATE', 'MESSAGE']);

/**
 * auth_check: www for REGISTER, proxy for the rest; with flag 1, the
 * authenticated user must be the one From (To and From for REGISTER,
 * and the Request-URI for PUBLISH) names, and with use_domain their domains
 * the realm; flag 2 skips that for requests that may be anonymous.
 */
export async function authCheck(ctx: ExecContext, b: Bound, realm: string, table: string, flags: number): Promise<number> {
  const kind = ctx.message.method === 'REGISTER' ? 'www' : 'proxy';
  const code = await authenticate(ctx, b, realm, table, kind);
  if (code !== AUTH.OK || !(flags & 1)) return code;
  if (flags & 2 && MAY_BE_ANONYMOUS.has(ctx.message.method)) return code;
  const found = b.auth.marked(ctx);
  if (!found) return code;
  const username = found.digest.username ?? '';
  const at = username.indexOf('@');
  const subscribers = await b.subscribers;
  const useDomain = typeof subscribers !== 'string' && subscribers.settings.useDomain;
  return b.auth.checkIdentity(ctx, at < 0 ? username : username.slice(0, at), useDomain, useDomain ? b.auth.realm(b.engine, ctx, realm, kind) : undefined);
}
