// Sanity checks of Authorization and Proxy-Authorization (every header):
// 2048 wants every credential to be good Digest credentials, 8192 only looks
// at the Digest ones. Both read every header (see parser-reach.ts).

import type { ExecContext } from '../api.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { parseAuth, type AuthValue } from '../../runtime/sip/headers/auth.js';
import { replyWith, SILENT, type Failure } from './failure.js';
import { parserReaches } from './parser-reach.js';

const REQUIRED = ['username', 'realm', 'nonce', 'uri', 'response'];
const NOT_EMPTY: ReadonlyArray<[param: string, reason: string]> = [
  ['username', 'Auth Empty User'],
  ['nonce', 'Auth Empty Nonce'],
  ['response', 'Auth Empty Response'],
];

/** Every credential, parsed; undefined for one that does not parse (or has no parameters). */
function credentials(ctx: ExecContext): Array<AuthValue | undefined> {
  return ['authorization', 'proxy-authorization'].flatMap((name) =>
    ctx.message.headerValues(name).map((raw) => {
      const value = parseAuth(raw, name);
      return isSipError(value) || value.params.size === 0 ? undefined : value;
    }),
  );
}

const isDigest = (value: AuthValue): boolean => value.scheme.toLowerCase() === 'digest';

/** Digest credentials need username, realm, nonce, uri and response (nc and cnonce with qop), and a username, nonce and response that are not empty. */
function digestProblem(value: AuthValue): Failure | undefined {
  const p = value.params;
  if (REQUIRED.some((name) => !p.has(name)) || (p.has('qop') && (!p.has('nc') || !p.has('cnonce')))) return replyWith(400, 'Bad Auth Credentials');
  const empty = NOT_EMPTY.find(([name]) => p.get(name) === '');
  return empty && replyWith(400, empty[1]);
}

/** Check 2048: every credential is good Digest credentials; another scheme, or credentials that do not parse, fail without a reply. */
export function checkDigest(ctx: ExecContext): Failure | undefined {
  if (!parserReaches(ctx.message)) return SILENT;
  for (const value of credentials(ctx)) {
    const problem = value && isDigest(value) ? digestProblem(value) : SILENT;
    if (problem) return problem;
  }
  return undefined;
}

/** Check 8192: the Digest credentials are good ones. */
export function checkAuthorization(ctx: ExecContext): Failure | undefined {
  if (!parserReaches(ctx.message)) return SILENT;
  for (const value of credentials(ctx)) {
    const problem = value && isDigest(value) ? digestProblem(value) : undefined;
    if (problem) return problem;
  }
  return undefined;
}
