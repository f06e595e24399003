// Whether the authenticated user is the one the request speaks for:
// REGISTER and PUBLISH name them in To, with From the same user (and, with
// use_domain, the same domain), PUBLISH's Request-URI too; other requests
// in From. What pv_auth_check and auth_db's auth_check do with flag 1.

import type { ExecContext } from '../api.js';
import { AUTH } from './authenticate.js';
import { headerUri, requestUri } from './uris.js';

/**
 * AUTH.OK, AUTH.USER_MISMATCH, or AUTH.ERROR when From or To has no SIP
 * URI. With `realm` (auth_db's auth_check with use_domain), the hosts of
 * the URIs compared must be the realm too.
 */
export function checkIdentity(ctx: ExecContext, authUser: string, useDomain: boolean, realm?: string): number {
  const method = ctx.message.method;
  const from = headerUri(ctx, 'from');
  if (!from) return AUTH.ERROR;
  const registering = method === 'REGISTER' || method === 'PUBLISH';
  const to = registering ? headerUri(ctx, 'to') : undefined;
  if (registering && !to) return AUTH.ERROR;
  const named = to ?? from;
  if ((named.user ?? '') !== authUser) return AUTH.USER_MISMATCH;
  const inRealm = (u: { host: string }): boolean => realm === undefined || u.host.toLowerCase() === realm.toLowerCase();
  if (!inRealm(named) || !inRealm(from)) return AUTH.USER_MISMATCH;
  if (!to) return AUTH.OK;
  const sameAs = (other: { user: string | undefined; host: string }): boolean => (from.user ?? '') === (other.user ?? '') && (!useDomain || from.host.toLowerCase() === other.host.toLowerCase());
  if (!sameAs(to)) return AUTH.USER_MISMATCH;
  if (method === 'PUBLISH') {
    const ruri = requestUri(ctx);
    if (!ruri) return AUTH.ERROR;
    if (!sameAs(ruri)) return AUTH.USER_MISMATCH;
  }
  return AUTH.OK;
}
