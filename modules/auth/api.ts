// What the modules that keep the passwords (auth_db) use of auth, as
// Kamailio's auth API offers it: the running auth module (bind it from
// init), the realm a command works with, the credentials judged before the
// password is looked up, the response checked against HA1, HA1 itself, the
// identity check and challenges into an AVP.

import type { ExecContext } from '../api.js';
import { preAuth, realmFor, verify, type PreAuth } from './authenticate.js';
import { ha1Of } from './digest.js';
import type { AuthEngine } from './engine.js';
import { markedCredentials, type FoundCredentials } from './credentials.js';
import { checkIdentity } from './identity.js';

export type { AuthEngine } from './engine.js';
export type { FoundCredentials } from './credentials.js';
export type { PreAuth } from './authenticate.js';
export { AUTH } from './authenticate.js';

export interface AuthApi {
  /** The auth module of the script being started (undefined before its init): call from init. */
  engine(): AuthEngine | undefined;
  /** The realm: as given, realm_prefix stripped; when empty, the To (REGISTER, www) or From host. */
  realm(engine: AuthEngine, ctx: ExecContext, realm: string, kind: 'www' | 'proxy'): string;
  /** Finds and judges the credentials for the realm (Authorization for www, Proxy-Authorization for proxy) and their nonce. */
  preAuth(engine: AuthEngine, ctx: ExecContext, realm: string, kind: 'www' | 'proxy'): PreAuth;
  /** Checks the response with HA1 (1, -2 wrong password, -1 malformed) and, when good, adds Authentication-Info. */
  verify(engine: AuthEngine, ctx: ExecContext, found: FoundCredentials, ha1: string, method: string): number;
  /** HA1 of a username, realm and password with the module's algorithm. */
  ha1(engine: AuthEngine, username: string, realm: string, password: string): string;
  /** The credentials authentication last worked on for this request (Authorization's first), or undefined. */
  marked(ctx: ExecContext): FoundCredentials | undefined;
  /**
   * Whether the authenticated user is the one From/To (and PUBLISH's
   * Request-URI) name: 1, -8, or -1; with `realm`, their hosts must be it.
   */
  checkIdentity(ctx: ExecContext, authUser: string, useDomain: boolean, realm?: string): number;
}

let running: AuthEngine | undefined;

/** Records the engine of the auth module being started, for the modules binding to it next. */
export function setRunningEngine(engine: AuthEngine): void {
  running = engine;
}

export const authApi: AuthApi = {
  engine: () => running,
  realm: realmFor,
  preAuth,
  verify,
  ha1: (engine, username, realm, password) => ha1Of(engine.config.algorithm, username, realm, password),
  marked: markedCredentials,
  checkIdentity,
};
