// One running auth module: its settings, the replay tracker and the clock.
// It hands out nonces, judges the nonce of received credentials (expired,
// bound to other message parts, replayed) and builds challenges.

import type { ExecContext } from '../api.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { tagOf } from '../../runtime/sip/headers/name-addr.js';
import type { AuthConfig } from './config.js';
import type { DigestCredentials } from './digest.js';
import { checkedParts, checksHold, makeNonce, readNonce, TRACK_NC, TRACK_OTN } from './nonce.js';
import { ReplayTracker } from './replay.js';

export type NonceVerdict = 'ok' | 'invalid' | 'stale' | 'reused';

export type ChallengeQop = '' | 'auth' | 'auth-int';

export class AuthEngine {
  readonly tracker: ReplayTracker;
  /** Seconds since the epoch (tests move it). */
  now: () => number = () => Math.floor(Date.now() / 1000);

  constructor(readonly config: AuthConfig) {
    this.tracker = new ReplayTracker(config.nonceCount ? config.ncArraySize : 1, config.oneTimeNonce ? config.otnInFlight : 1);
  }

  /** The extra checks for this request: REGISTER's, in-dialog (a To tag), or out-of-dialog. */
  checksFor(ctx: ExecContext): number {
    const { checks } = this.config;
    if (ctx.message.method === 'REGISTER') return checks.register;
    const to = ctx.message.to();
    return to && !isSipError(to) && tagOf(to) !== undefined ? checks.inDialog : checks.noDialog;
  }

  /** A new nonce for a challenge to this request. */
  issueNonce(ctx: ExecContext): string {
    const track = (this.config.nonceCount ? TRACK_NC : 0) | (this.config.oneTimeNonce ? TRACK_OTN : 0);
    const checks = this.checksFor(ctx);
    const created = this.now();
    const record = { track, checks, created, expires: created + this.config.nonceExpire, id: track ? this.tracker.next() : 0 };
    return makeNonce(this.config, record, checkedParts(ctx, checks));
  }

  /**
   * The nonce of credentials: not ours, stale (expired, made in the future
   * beyond nonce_auth_max_drift, bound to other message parts, fallen out
   * of the replay tables, an nc not above the last one), reused (a second
   * use of a one-time nonce), or good. With nonce_count, a response carrying
   * nc is judged by it instead of the extra checks.
   */
  verifyNonce(ctx: ExecContext, d: DigestCredentials): NonceVerdict {
    const reading = readNonce(this.config, d.nonce ?? '');
    if (reading.kind === 'invalid') return 'invalid';
    const { record } = reading;
    const now = this.now();
    if (now > record.expires || record.created > now + this.config.maxDrift) return 'stale';
    const byCount = this.config.nonceCount && (record.track & TRACK_NC) !== 0 && d.nc !== undefined;
    if (!byCount) {
      const checks = this.checksFor(ctx);
      if (checks !== 0 && (record.checks !== checks || !checksHold(this.config, reading, checkedParts(ctx, checks)))) return 'stale';
    }
    let replay: 'ok' | 'replayed' | 'stale' = 'ok';
    // An nc not above the last one makes the nonce stale (the client is challenged again), as Kamailio 5.6 judges it.
    if (byCount) replay = this.tracker.checkCount(record.id, parseInt(d.nc!, 16)) === 'ok' ? 'ok' : 'stale';
    else if (this.config.oneTimeNonce && (record.track & TRACK_OTN) !== 0) replay = this.tracker.checkOnce(record.id);
    return replay === 'replayed' ? 'reused' : replay;
  }

  /**
   * A challenge header line (with its CRLF): `WWW-Authenticate` for www,
   * `Proxy-Authenticate` for proxy, with a new nonce, the qop offered, the
   * algorithm when it is not MD5, and stale=true when asked.
   */
  challenge(ctx: ExecContext, kind: 'www' | 'proxy', realm: string, qop: ChallengeQop, stale: boolean): string {
    const name = kind === 'www' ? 'WWW-Authenticate' : 'Proxy-Authenticate';
    let line = `${name}: Digest realm="${realm}", nonce="${this.issueNonce(ctx)}"`;
    if (qop !== '') line += `, qop="${qop}"`;
    if (this.config.algorithm !== 'MD5') line += `, algorithm=${this.config.algorithm}`;
    if (stale) line += ', stale=true';
    return `${line}\r\n`;
  }
}
