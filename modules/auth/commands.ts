// The auth module's commands, each run by the engine of the module instance
// it belongs to (see index.ts): challenges, checks of credentials against a
// password the script gives, has_credentials and consume_credentials.

import { command, type CommandDecl, type ExecContext, type ModuleInstance, type RouteType } from '../api.js';
import type { TmApi } from '../tm/api.js';
import { AUTH, pvAuthenticate } from './authenticate.js';
import { challenge, challengeQop, sendAuthReply } from './challenge.js';
import { consumeCredentials, hasCredentials, markedCredentials } from './credentials.js';
import { splitUsername } from './digest.js';
import type { AuthEngine } from './engine.js';
import { checkIdentity } from './identity.js';
import { realmFor } from './authenticate.js';

export interface Running {
  readonly engine: AuthEngine;
  readonly tm: TmApi | undefined;
}

const runningOf = new WeakMap<ModuleInstance, Running>();

export function setRunning(module: ModuleInstance, running: Running): void {
  runningOf.set(module, running);
}

function running(module: ModuleInstance): Running {
  const r = runningOf.get(module);
  if (!r) throw new Error('auth: the module was not started');
  return r;
}

/** The AVP pv_*_authenticate leave a challenge in when asked (flags 2, 4, 8). */
export const CHALLENGE_AVP = 'digest_challenge';

const REQUEST: readonly RouteType[] = ['request'];
/** Where Kamailio 5.6 accepts the challenge functions (in a reply route they have no request to answer: -3). */
const CHALLENGE_ROUTES: readonly RouteType[] = ['request', 'failure', 'onreply', 'reply'];
const REALM = { name: 'realm', type: 'spve' } as const;
const FLAGS = { name: 'flags', type: 'intpv' } as const;
const PASSWD = { name: 'passwd', type: 'spve' } as const;

/** A flags argument that is no integer: the challenge functions log it and reply 500 unless they could not anyway. */
function badFlags(ctx: ExecContext, r: Running, what: string): number {
  ctx.log(-1, `auth: ${what}: the flags are not an integer`);
  sendAuthReply(r.engine, ctx, r.tm, 500, 'Internal Server Error');
  return AUTH.ERROR;
}

function challengeCommand(name: string, kind: (ctx: ExecContext) => 'www' | 'proxy'): CommandDecl {
  return command({
    name,
    args: [REALM, FLAGS],
    routes: CHALLENGE_ROUTES,
    run: (ctx, [realm, flags], _params, module) => {
      const r = running(module);
      if (flags === undefined) return badFlags(ctx, r, name);
      return challenge(r.engine, ctx, r.tm, realm, flags, kind(ctx));
    },
  });
}

/**
 * pv_*_authenticate and pv_auth_check: the check, then on failure, with
 * flags 2, 4 or 8, a challenge (no qop, qop=auth, qop=auth-int) in
 * $avp(digest_challenge) for the script to send.
 */
function authenticate(ctx: ExecContext, module: ModuleInstance, realm: string, password: string, flags: number | undefined, kind: 'www' | 'proxy', method?: string): number {
  const r = running(module);
  if (flags === undefined) {
    ctx.log(-1, 'auth: the flags are not an integer');
    return AUTH.ERROR;
  }
  const { code } = pvAuthenticate(r.engine, ctx, realm, password, flags, kind, method);
  if (code < 0 && flags & 14) {
    const qop = flags & 8 ? 'auth-int' : flags & 4 ? 'auth' : '';
    const where = realmFor(r.engine, ctx, realm, kind);
    if (where !== '') ctx.avps.add(CHALLENGE_AVP, r.engine.challenge(ctx, kind, where, qop, false));
  }
  return code;
}

function pvAuthenticateCommands(name: string, kind: 'www' | 'proxy', withMethod: boolean): CommandDecl[] {
  const list = [
    command({ name, args: [REALM, PASSWD, FLAGS], routes: REQUEST, run: (ctx, [realm, passwd, flags], _p, module) => authenticate(ctx, module, realm, passwd, flags, kind) }),
  ];
  if (withMethod) {
    list.push(
      command({
        name,
        args: [REALM, PASSWD, FLAGS, { name: 'method', type: 'spve' }],
        routes: REQUEST,
        run: (ctx, [realm, passwd, flags, method], _p, module) => authenticate(ctx, module, realm, passwd, flags, kind, method),
      }),
    );
  }
  return list;
}

export const authCommands: readonly CommandDecl[] = [
  command({ name: 'consume_credentials', args: [], routes: REQUEST, run: (ctx) => consumeCredentials(ctx) }),
  command({ name: 'has_credentials', args: [REALM], routes: REQUEST, run: (ctx, [realm]) => (hasCredentials(ctx, realm) ? 1 : -1) }),
  challengeCommand('www_challenge', () => 'www'),
  challengeCommand('proxy_challenge', () => 'proxy'),
  challengeCommand('auth_challenge', (ctx) => (ctx.message.method === 'REGISTER' ? 'www' : 'proxy')),
  ...pvAuthenticateCommands('pv_www_authenticate', 'www', true),
  ...pvAuthenticateCommands('pv_www_authorize', 'www', false),
  ...pvAuthenticateCommands('pv_proxy_authenticate', 'proxy', false),
  ...pvAuthenticateCommands('pv_proxy_authorize', 'proxy', false),
  command({
    name: 'pv_auth_check',
    args: [REALM, PASSWD, FLAGS, { name: 'checks', type: 'intpv' }],
    routes: REQUEST,
    run: (ctx, [realm, passwd, flags, checks], _p, module) => {
      const code = authenticate(ctx, module, realm, passwd, flags, ctx.message.method === 'REGISTER' ? 'www' : 'proxy');
      if (code !== AUTH.OK || !((checks ?? 0) & 1)) return code;
      const marked = markedCredentials(ctx);
      if (!marked) return code;
      return checkIdentity(ctx, splitUsername(marked.digest.username ?? '').user, running(module).engine.config.useDomain);
    },
  }),
  command({
    name: 'auth_get_www_authenticate',
    args: [REALM, FLAGS, { name: 'pvdest', type: 'pvar-writable' }],
    // Request routes only, as Kamailio 5.6 exports it (its README says any route).
    routes: REQUEST,
    run: (ctx, [realm, flags, dest], _p, module) => {
      const r = running(module);
      if (flags === undefined) {
        ctx.log(-1, 'auth: auth_get_www_authenticate: the flags are not an integer');
        return AUTH.ERROR;
      }
      const where = realmFor(r.engine, ctx, realm, 'www');
      if (where === '') return AUTH.ERROR;
      dest.set!(ctx, r.engine.challenge(ctx, 'www', where, challengeQop(flags), (flags & 16) !== 0));
      return AUTH.OK;
    },
  }),
];

