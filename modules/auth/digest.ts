// Digest credentials (RFC 2617, RFC 7616) and their hashes: the fields a
// response needs, whether they are complete, HA1, the expected response
// (qop auth, auth-int over the body, none) and the rspauth of an
// Authentication-Info. MD5 and SHA-256, with their -sess forms.

import { createHash } from 'node:crypto';
import type { AuthValue } from '../../runtime/sip/headers/auth.js';
import type { Algorithm } from './config.js';

export interface DigestCredentials {
  /** The username as sent (it may carry `@domain`). */
  readonly username: string | undefined;
  readonly realm: string | undefined;
  readonly nonce: string | undefined;
  readonly uri: string | undefined;
  readonly response: string | undefined;
  /** The algorithm parameter as sent (undefined: none, which means MD5). */
  readonly algorithm: string | undefined;
  readonly qop: string | undefined;
  readonly nc: string | undefined;
  readonly cnonce: string | undefined;
  readonly opaque: string | undefined;
}

export function digestOf(value: AuthValue): DigestCredentials {
  const p = value.params;
  return {
    username: p.get('username'),
    realm: p.get('realm'),
    nonce: p.get('nonce'),
    uri: p.get('uri'),
    response: p.get('response'),
    algorithm: p.get('algorithm'),
    qop: p.get('qop'),
    nc: p.get('nc'),
    cnonce: p.get('cnonce'),
    opaque: p.get('opaque'),
  };
}

/** The user part of a username (before `@`) and its domain ('' when it has none). */
export function splitUsername(username: string): { user: string; domain: string } {
  const at = username.indexOf('@');
  return at < 0 ? { user: username, domain: '' } : { user: username.slice(0, at), domain: username.slice(at + 1) };
}

const ALGORITHMS = new Set(['md5', 'md5-sess', 'sha-256', 'sha-256-sess']);

/**
 * Why the credentials cannot be checked, or undefined: username, realm,
 * nonce, uri and response are required; qop needs nc (8 hex digits) and
 * cnonce; qop is auth or auth-int; the algorithm one siprc knows.
 */
export function incompleteness(d: DigestCredentials): string | undefined {
  for (const [name, value] of [['username', d.username], ['realm', d.realm], ['nonce', d.nonce], ['uri', d.uri], ['response', d.response]] as const) {
    if (value === undefined) return `no ${name}`;
  }
  if (d.username === '' || d.nonce === '' || d.response === '') return 'empty username, nonce or response';
  if (d.algorithm !== undefined && !ALGORITHMS.has(d.algorithm.toLowerCase())) return `unknown algorithm "${d.algorithm}"`;
  if (d.qop !== undefined) {
    const qop = d.qop.toLowerCase();
    if (qop !== 'auth' && qop !== 'auth-int') return `unknown qop "${d.qop}"`;
    if (d.nc === undefined || !/^[0-9a-fA-F]{8}$/.test(d.nc)) return 'qop without a nc of 8 hex digits';
    if (d.cnonce === undefined) return 'qop without a cnonce';
  }
  return undefined;
}

export function hashHex(algorithm: Algorithm, text: string | Buffer): string {
  const h = createHash(algorithm === 'SHA-256' ? 'sha256' : 'md5');
  return (typeof text === 'string' ? h.update(text, 'latin1') : h.update(text)).digest('hex');
}

/** The hex length of a hash of the algorithm. */
export const hashLength = (algorithm: Algorithm): number => (algorithm === 'SHA-256' ? 64 : 32);

/** HA1 of a username, realm and password: H(username:realm:password). */
export function ha1Of(algorithm: Algorithm, username: string, realm: string, password: string): string {
  return hashHex(algorithm, `${username}:${realm}:${password}`);
}

/** The HA1 a response is computed with: for a -sess algorithm, H(HA1:nonce:cnonce). */
export function sessionHa1(algorithm: Algorithm, d: DigestCredentials, ha1: string): string {
  return d.algorithm?.toLowerCase().endsWith('-sess') ? hashHex(algorithm, `${ha1}:${d.nonce ?? ''}:${d.cnonce ?? ''}`) : ha1;
}

/** The response the credentials must carry (method '' gives the rspauth of Authentication-Info). */
export function expectedResponse(algorithm: Algorithm, d: DigestCredentials, ha1: string, method: string, body: Buffer): string {
  const qop = d.qop?.toLowerCase();
  const a2 = qop === 'auth-int' ? `${method}:${d.uri ?? ''}:${hashHex(algorithm, body)}` : `${method}:${d.uri ?? ''}`;
  const ha2 = hashHex(algorithm, a2);
  const key = sessionHa1(algorithm, d, ha1);
  return qop === undefined ? hashHex(algorithm, `${key}:${d.nonce ?? ''}:${ha2}`) : hashHex(algorithm, `${key}:${d.nonce ?? ''}:${d.nc ?? ''}:${d.cnonce ?? ''}:${qop}:${ha2}`);
}

/**
 * Compares the response sent with the expected one: 'ok', 'mismatch' (a
 * wrong password, for the caller), or 'malformed' when it is not a hash of
 * the algorithm's length.
 */
export function checkResponse(algorithm: Algorithm, d: DigestCredentials, ha1: string, method: string, body: Buffer): 'ok' | 'mismatch' | 'malformed' {
  const sent = d.response ?? '';
  if (sent.length !== hashLength(algorithm)) return 'malformed';
  // Compared as sent: hex digits are lower case (RFC 2617's LHEX), as Kamailio compares them.
  return sent === expectedResponse(algorithm, d, ha1, method, body) ? 'ok' : 'mismatch';
}
