// The auth module's settings, read once from its parameters: the nonce keys
// (from `secret`, else random per start), lifetimes, the extra checks per
// kind of request, replay protection, the digest algorithm and the reply
// options.

import { createHmac, randomBytes } from 'node:crypto';
import type { ParamValues } from '../api.js';

export type Algorithm = 'MD5' | 'SHA-256';

export interface AuthConfig {
  /** Key of the nonce's own MAC (its times and id). */
  readonly nonceKey: Buffer;
  /** Key of the MAC over the message parts the extra checks bind a nonce to. */
  readonly checksKey: Buffer;
  /** Seconds a nonce lives. */
  readonly nonceExpire: number;
  /** Seconds a nonce's creation time may lie in the future. */
  readonly maxDrift: number;
  /** auth_checks_register, auth_checks_no_dlg, auth_checks_in_dlg (bits: 1 URI, 2 Call-ID, 4 From tag, 8 source IP). */
  readonly checks: { readonly register: number; readonly noDialog: number; readonly inDialog: number };
  readonly nonceCount: boolean;
  readonly oneTimeNonce: boolean;
  /** Nonces tracked for nonce_count (a power of 2). */
  readonly ncArraySize: number;
  /** Nonces tracked for one_time_nonce (a power of 2). */
  readonly otnInFlight: number;
  /** The qop parameter ('' unset), offered to modules bound to the API. */
  readonly qop: '' | 'auth' | 'auth-int';
  readonly algorithm: Algorithm;
  /** Stripped from the realm a script gives. */
  readonly realmPrefix: string;
  /** pv_auth_check compares the domains too. */
  readonly useDomain: boolean;
  readonly addAuthInfo: boolean;
  readonly forceStatelessReply: boolean;
}

/** The largest power of 2 not above n (at least 1). */
export function powerOfTwoBelow(n: number): number {
  let p = 1;
  while (p * 2 <= n) p *= 2;
  return p;
}

/** A size given either directly or as a power of 2 (the `_order` parameter wins when set). */
function sizeOf(params: ParamValues, direct: string, order: string): number {
  const o = params.get(order) as number;
  if (o > 0) return 2 ** o;
  return powerOfTwoBelow(params.get(direct) as number);
}

const text = (params: ParamValues, name: string): string => String(params.get(name) ?? '');

/** Settings from the parameters; throws an Error naming the parameter whose value is not allowed. */
export function readConfig(params: ParamValues): AuthConfig {
  const qop = text(params, 'qop').trim().toLowerCase();
  if (qop !== '' && qop !== 'auth' && qop !== 'auth-int') throw new Error(`modparam auth qop: "${qop}" is not "auth", "auth-int" or ""`);
  const algorithmText = text(params, 'algorithm').trim().toUpperCase();
  if (algorithmText !== '' && algorithmText !== 'MD5' && algorithmText !== 'SHA-256') throw new Error(`modparam auth algorithm: "${algorithmText}" is not "MD5" or "SHA-256"`);
  const secret = text(params, 'secret');
  const base = secret === '' ? randomBytes(32) : Buffer.from(secret, 'latin1');
  return {
    nonceKey: createHmac('sha256', base).update('siprc auth nonce').digest(),
    checksKey: createHmac('sha256', base).update('siprc auth checks').digest(),
    nonceExpire: params.get('nonce_expire') as number,
    maxDrift: params.get('nonce_auth_max_drift') as number,
    checks: {
      register: params.get('auth_checks_register') as number,
      noDialog: params.get('auth_checks_no_dlg') as number,
      inDialog: params.get('auth_checks_in_dlg') as number,
    },
    nonceCount: (params.get('nonce_count') as number) !== 0,
    oneTimeNonce: (params.get('one_time_nonce') as number) !== 0,
    ncArraySize: sizeOf(params, 'nc_array_size', 'nc_array_order'),
    otnInFlight: sizeOf(params, 'otn_in_flight_no', 'otn_in_flight_order'),
    qop,
    algorithm: algorithmText === 'SHA-256' ? 'SHA-256' : 'MD5',
    realmPrefix: text(params, 'realm_prefix'),
    useDomain: (params.get('use_domain') as number) !== 0,
    addAuthInfo: (params.get('add_authinfo_hdr') as number) !== 0,
    forceStatelessReply: (params.get('force_stateless_reply') as number) !== 0,
  };
}

/** The realm with realm_prefix taken off its start (when it has more after it). */
export function stripRealm(config: AuthConfig, realm: string): string {
  const p = config.realmPrefix;
  return p !== '' && realm.length > p.length && realm.toLowerCase().startsWith(p.toLowerCase()) ? realm.slice(p.length) : realm;
}
