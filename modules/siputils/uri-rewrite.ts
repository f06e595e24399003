// siputils' URI rewriting: set_uri_user and set_uri_host on the URI text a
// pseudo-variable holds (no full parse, as in Kamailio 5.6) and tel2sip (RFC
// 3261 19.1.6: visual separators out of the number, number and parameters in
// lower case as Kamailio writes them, `;user=phone`).

import { command, type CommandDecl, type ExecContext, type PvAccess } from '../api.js';
import { ANY, NOT_ONSEND } from './routes.js';

/** The text of a pseudo-variable; undefined when it holds none. */
function textOf(ctx: ExecContext, pv: PvAccess): string | undefined {
  const value = pv.get(ctx);
  return value === null ? undefined : String(value);
}

/** The user part replaced (removed when `user` is empty): the text between the scheme's `:` and the first `@`. */
function withUser(uri: string, user: string): string | undefined {
  const colon = uri.indexOf(':');
  if (colon < 0) return undefined;
  const at = uri.indexOf('@', colon);
  const rest = at < 0 ? uri.slice(colon + 1) : uri.slice(at + 1);
  return `${uri.slice(0, colon + 1)}${user === '' ? '' : `${user}@`}${rest}`;
}

/** The host replaced: from after the `@` (or the scheme's `:`) to the port, parameters or headers. */
function withHost(uri: string, host: string): string | undefined {
  const colon = uri.indexOf(':');
  if (colon < 0 || host === '') return undefined;
  const at = uri.indexOf('@', colon);
  const start = at < 0 ? colon + 1 : at + 1;
  let end = uri.charAt(start) === '[' ? uri.indexOf(']', start) + 1 : start;
  if (end === 0) end = uri.length;
  while (end < uri.length && !':;?'.includes(uri.charAt(end))) end++;
  return uri.slice(0, start) + host + uri.slice(end);
}

function rewrite(ctx: ExecContext, target: PvAccess, part: PvAccess, change: (uri: string, part: string) => string | undefined): number {
  const uri = textOf(ctx, target);
  const value = textOf(ctx, part);
  const changed = uri === undefined || value === undefined ? undefined : change(uri, value);
  if (changed === undefined || !target.set) return -1;
  target.set(ctx, changed);
  return 1;
}

/** tel2sip: the SIP URI for a tel URI (1), 2 when `uri` is not a tel URI. */
function telToSip(ctx: ExecContext, uri: string, hostpart: string, result: PvAccess): number {
  if (uri.slice(0, 4).toLowerCase() !== 'tel:') return 2;
  const rest = uri.slice(4).toLowerCase();
  const semi = rest.indexOf(';');
  const number = (semi < 0 ? rest : rest.slice(0, semi)).replace(/[-.()]/g, '');
  const params = semi < 0 ? '' : rest.slice(semi);
  if (!result.set) return -1;
  result.set(ctx, `sip:${number}${params}@${hostpart};user=phone`);
  return 1;
}

const URI = { name: 'uri', type: 'pvar-writable' } as const;

export const uriRewriteCommands: readonly CommandDecl[] = [
  command({ name: 'set_uri_user', args: [URI, { name: 'user', type: 'pvar' }], routes: ANY, run: (ctx, [uri, user]) => rewrite(ctx, uri, user, withUser) }),
  command({ name: 'set_uri_host', args: [URI, { name: 'host', type: 'pvar' }], routes: ANY, run: (ctx, [uri, host]) => rewrite(ctx, uri, host, withHost) }),
  command({
    name: 'tel2sip',
    args: [{ name: 'uri', type: 'spve' }, { name: 'hostpart', type: 'spve' }, { name: 'result', type: 'pvar-writable' }],
    routes: NOT_ONSEND,
    run: (ctx, [uri, hostpart, result]) => telToSip(ctx, uri, hostpart, result),
  }),
];
