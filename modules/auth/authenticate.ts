// Digest authentication of a request, in the steps Kamailio's auth API
// offers to the modules that know the passwords (auth_db): preAuth finds
// the credentials for the realm and judges them and their nonce, the caller
// finds HA1, verify compares the response and postAuth adds
// Authentication-Info. pvAuthenticate is the whole run with a password the
// script gives (pv_www_authenticate, pv_proxy_authenticate).

import type { ExecContext } from '../api.js';
import { queuedReplyHeaders } from '../../runtime/exec/reply.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { sipUriOf } from './uris.js';
import { stripRealm } from './config.js';
import { findCredentials, markAuthorized, type CredentialsHeader, type FoundCredentials } from './credentials.js';
import { checkResponse, expectedResponse, ha1Of, incompleteness } from './digest.js';
import type { AuthEngine } from './engine.js';

/** Kamailio's return codes of the authentication commands. */
export const AUTH = {
  OK: 1,
  ERROR: -1,
  INVALID_PASSWORD: -2,
  USER_UNKNOWN: -3,
  STALE_NONCE: -4,
  NO_CREDENTIALS: -5,
  NONCE_REUSED: -6,
  USER_MISMATCH: -8,
} as const;

export type PreAuth =
  /** ACK, CANCEL and PRACK cannot be challenged: they pass. */
  | { readonly kind: 'pass' }
  /** Authentication ends here with this code (no credentials, bad ones, a stale or reused nonce). */
  | { readonly kind: 'done'; readonly code: number; readonly stale: boolean }
  /** The credentials to check the response of. */
  | { readonly kind: 'check'; readonly found: FoundCredentials };

export const headerFor = (kind: 'www' | 'proxy'): CredentialsHeader => (kind === 'www' ? 'authorization' : 'proxy-authorization');

/** The realm a command works with: the one given, realm_prefix stripped; when empty, the To (REGISTER, www) or From host. */
export function realmFor(engine: AuthEngine, ctx: ExecContext, realm: string, kind: 'www' | 'proxy'): string {
  if (realm !== '') return stripRealm(engine.config, realm);
  const m = ctx.message;
  const header = m.method === 'REGISTER' && kind === 'www' ? m.to() : m.from();
  const uri = header && !isSipError(header) ? sipUriOf(header.uriText) : undefined;
  return stripRealm(engine.config, uri?.host ?? '');
}

export function preAuth(engine: AuthEngine, ctx: ExecContext, realm: string, kind: 'www' | 'proxy'): PreAuth {
  const method = ctx.message.method;
  if (method === 'ACK' || method === 'CANCEL' || method === 'PRACK') return { kind: 'pass' };
  const found = findCredentials(ctx, headerFor(kind), realm);
  if (found === 'unparseable') return { kind: 'done', code: AUTH.ERROR, stale: false };
  if (!found) return { kind: 'done', code: AUTH.NO_CREDENTIALS, stale: false };
  markAuthorized(ctx, found);
  if (incompleteness(found.digest) !== undefined) return { kind: 'done', code: AUTH.ERROR, stale: false };
  switch (engine.verifyNonce(ctx, found.digest)) {
    case 'invalid':
      return { kind: 'done', code: AUTH.ERROR, stale: false };
    case 'stale':
      return { kind: 'done', code: AUTH.STALE_NONCE, stale: true };
    case 'reused':
      return { kind: 'done', code: AUTH.NONCE_REUSED, stale: false };
    case 'ok':
      return { kind: 'check', found };
  }
}

/** The response checked against HA1: 1, then postAuth; -2 for a wrong one; -1 for one that is not a hash of the algorithm. */
export function verify(engine: AuthEngine, ctx: ExecContext, found: FoundCredentials, ha1: string, method: string): number {
  const verdict = checkResponse(engine.config.algorithm, found.digest, ha1, method, ctx.message.body);
  if (verdict === 'malformed') return AUTH.ERROR;
  if (verdict === 'mismatch') return AUTH.INVALID_PASSWORD;
  return postAuth(engine, ctx, found, ha1);
}

/** After a good response: with add_authinfo_hdr, the local replies carry Authentication-Info (the next nonce, rspauth). */
export function postAuth(engine: AuthEngine, ctx: ExecContext, found: FoundCredentials, ha1: string): number {
  if (!engine.config.addAuthInfo) return AUTH.OK;
  const d = found.digest;
  const next = engine.config.oneTimeNonce ? engine.issueNonce(ctx) : (d.nonce ?? '');
  const rspauth = expectedResponse(engine.config.algorithm, d, ha1, '', Buffer.alloc(0));
  queuedReplyHeaders(ctx).push(`Authentication-Info: nextnonce="${next}", qop=${d.qop ?? ''}, rspauth="${rspauth}", cnonce="${d.cnonce ?? ''}", nc=${d.nc ?? ''}\r\n`);
  return AUTH.OK;
}

/** pv_www_authenticate / pv_proxy_authenticate: flags 1 says the password is HA1 already. */
export function pvAuthenticate(engine: AuthEngine, ctx: ExecContext, realm: string, password: string, flags: number, kind: 'www' | 'proxy', method?: string): { code: number; stale: boolean } {
  const pre = preAuth(engine, ctx, realmFor(engine, ctx, realm, kind), kind);
  if (pre.kind === 'pass') return { code: AUTH.OK, stale: false };
  if (pre.kind === 'done') return pre;
  const d = pre.found.digest;
  const ha1 = flags & 1 ? password : ha1Of(engine.config.algorithm, d.username!, d.realm!, password);
  return { code: verify(engine, ctx, pre.found, ha1, method ?? ctx.message.method), stale: false };
}
