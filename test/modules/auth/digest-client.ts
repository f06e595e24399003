// Test helper: a client's side of digest authentication, written from RFC
// 2617 and RFC 7616 independently of the module: reads a challenge and
// computes the Authorization value for a request, with options to get
// things wrong on purpose (a wrong password, another realm, a replayed nc).

import { createHash } from 'node:crypto';

export interface Challenge {
  readonly realm: string;
  readonly nonce: string;
  readonly qop: string | undefined;
  readonly algorithm: string | undefined;
  readonly stale: boolean;
}

/** The challenge in a WWW-Authenticate or Proxy-Authenticate value. */
export function parseChallenge(value: string): Challenge {
  const param = (name: string): string | undefined => new RegExp(`[ ,]${name}=(?:"([^"]*)"|([^,\\s]*))`, 'i').exec(value)?.slice(1).find((v) => v !== undefined);
  return { realm: param('realm') ?? '', nonce: param('nonce') ?? '', qop: param('qop'), algorithm: param('algorithm'), stale: /stale=true/i.test(value) };
}

export interface Answer {
  readonly username?: string;
  readonly password?: string;
  /** The realm to answer for (default: the challenge's). */
  readonly realm?: string;
  readonly method: string;
  readonly uri: string;
  readonly body?: string;
  /** qop to answer with (default: none). */
  readonly qop?: 'auth' | 'auth-int';
  readonly nc?: string;
  readonly cnonce?: string;
  /** The algorithm to compute with and name (default: MD5, not named). */
  readonly algorithm?: 'MD5' | 'SHA-256' | 'MD5-sess' | 'SHA-256-sess';
  /** Names the algorithm even when it is MD5. */
  readonly nameAlgorithm?: boolean;
  /** Use this nonce instead of the challenge's. */
  readonly nonce?: string;
  /** Send HA1 instead of computing it from the password. */
  readonly ha1?: string;
}

const hash = (algorithm: string, text: string): string => createHash(algorithm.toUpperCase().startsWith('SHA-256') ? 'sha256' : 'md5').update(text, 'latin1').digest('hex');

/** The Authorization / Proxy-Authorization value answering the challenge. */
export function answer(challenge: Challenge, a: Answer): string {
  const algorithm = a.algorithm ?? 'MD5';
  const username = a.username ?? 'alice';
  const realm = a.realm ?? challenge.realm;
  const nonce = a.nonce ?? challenge.nonce;
  const nc = a.nc ?? '00000001';
  const cnonce = a.cnonce ?? '0a4f113b';
  let ha1 = a.ha1 ?? hash(algorithm, `${username}:${realm}:${a.password ?? 'secret'}`);
  if (algorithm.endsWith('-sess')) ha1 = hash(algorithm, `${ha1}:${nonce}:${cnonce}`);
  const a2 = a.qop === 'auth-int' ? `${a.method}:${a.uri}:${hash(algorithm, a.body ?? '')}` : `${a.method}:${a.uri}`;
  const ha2 = hash(algorithm, a2);
  const response = a.qop ? hash(algorithm, `${ha1}:${nonce}:${nc}:${cnonce}:${a.qop}:${ha2}`) : hash(algorithm, `${ha1}:${nonce}:${ha2}`);
  let value = `Digest username="${username}", realm="${realm}", nonce="${nonce}", uri="${a.uri}", response="${response}"`;
  if (a.algorithm || a.nameAlgorithm) value += `, algorithm=${algorithm}`;
  if (a.qop) value += `, qop=${a.qop}, nc=${nc}, cnonce="${cnonce}"`;
  return value;
}
