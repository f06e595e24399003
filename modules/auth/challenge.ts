// Challenges: www_challenge (401 with WWW-Authenticate), proxy_challenge
// (407 with Proxy-Authenticate), auth_challenge (401 for REGISTER, else
// 407), auth_get_www_authenticate (the header only), and the replies the
// auth module sends: through the request's transaction when tm is loaded
// and one exists (unless force_stateless_reply), else statelessly as sl
// replies.

import type { ExecContext } from '../api.js';
import { queuedReplyHeaders } from '../../runtime/exec/reply.js';
import { sendSlReply } from '../../runtime/exec/sl-reply.js';
import type { TmApi } from '../tm/api.js';
import type { ChallengeQop, AuthEngine } from './engine.js';
import { realmFor } from './authenticate.js';

/** The challenge flags of www_challenge and the like: 1 qop=auth, 2 qop=auth-int, 4 no 500 on failure, 16 stale=true. */
export const CHALLENGE_QOP_AUTH = 1;
export const CHALLENGE_QOP_AUTH_INT = 2;
export const CHALLENGE_NO_500 = 4;
export const CHALLENGE_STALE = 16;

/** The qop a challenge offers for the challenge functions' flags (auth-int wins). */
export function challengeQop(flags: number): ChallengeQop {
  return flags & CHALLENGE_QOP_AUTH_INT ? 'auth-int' : flags & CHALLENGE_QOP_AUTH ? 'auth' : '';
}

/** A reply to the request with the lines queued: through its transaction when there is one (and replies may be stateful), else stateless. */
export function sendAuthReply(engine: AuthEngine, ctx: ExecContext, tm: TmApi | undefined, code: number, reason: string): boolean {
  if (!engine.config.forceStatelessReply && tm) {
    const tx = tm.transactionOf(ctx);
    if (tx) return tm.replyInRun(ctx, tx, code, reason);
  }
  return sendSlReply(ctx, code, reason);
}

/**
 * Sends the challenge: 1 when sent; -3 when the reply could not be sent
 * (an ACK); for a realm that cannot be found, a 500 (unless flag 4) and -2.
 */
export function challenge(engine: AuthEngine, ctx: ExecContext, tm: TmApi | undefined, realm: string, flags: number, kind: 'www' | 'proxy'): number {
  const r = realmFor(engine, ctx, realm, kind);
  if (r === '') {
    if (!(flags & CHALLENGE_NO_500) && !sendAuthReply(engine, ctx, tm, 500, 'Internal Server Error')) return -4;
    return -2;
  }
  queuedReplyHeaders(ctx).push(engine.challenge(ctx, kind, r, challengeQop(flags), (flags & CHALLENGE_STALE) !== 0));
  const sent = kind === 'www' ? sendAuthReply(engine, ctx, tm, 401, 'Unauthorized') : sendAuthReply(engine, ctx, tm, 407, 'Proxy Authentication Required');
  return sent ? 1 : -3;
}
