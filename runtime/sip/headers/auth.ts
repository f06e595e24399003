// Authorization, Proxy-Authorization (credentials) and WWW-Authenticate,
// Proxy-Authenticate (challenges): a scheme and comma-separated parameters.

import { sipError, type SipError } from '../errors.js';
import { Cursor, unquote } from './scan.js';

export interface AuthValue {
  /** The scheme as written (`Digest`, or another one). */
  readonly scheme: string;
  /** Parameters by lower-cased name; quoted values are unquoted. */
  readonly params: ReadonlyMap<string, string>;
}

export function parseAuth(raw: string, what: string): AuthValue | SipError {
  const c = new Cursor(raw.trim());
  const scheme = c.token();
  if (scheme.length === 0) return sipError(`bad ${what}: scheme expected`);
  const params = new Map<string, string>();
  c.skipWhite();
  while (!c.done) {
    const name = c.token();
    if (name.length === 0 || !c.accept(61 /* = */)) return sipError(`bad ${what}: name=value expected at "${c.text.slice(c.pos)}"`);
    c.skipWhite();
    let value: string;
    if (c.peek() === 34) {
      const q = c.quoted();
      if (typeof q !== 'string') return sipError(`bad ${what}: ${q.reason}`);
      value = unquote(q);
    } else {
      value = c.token();
      if (value.length === 0) return sipError(`bad ${what}: value of ${name} expected`);
    }
    params.set(name.toLowerCase(), value);
    if (!c.accept(44 /* , */)) break;
    c.skipWhite();
  }
  c.skipWhite();
  if (!c.done) return sipError(`bad ${what}: unexpected "${c.text.slice(c.pos)}"`);
  return { scheme, params };
}
