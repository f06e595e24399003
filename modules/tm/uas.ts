// The server side of a transaction: replies sent upstream (relayed from a
// branch, or made here) go where the request came from, the last one is kept
// for retransmissions of the request, a negative final reply to an INVITE is
// retransmitted over UDP until its ACK (timers G and H), and a finished
// transaction is kept for the wait time before it is deleted.

import type { ExecContext } from '../../runtime/exec/context.js';
import type { TimerHandle } from '../../runtime/exec/server-host.js';
import { replyDestination, sendLocalReply } from '../../runtime/exec/reply.js';
import { localToTag } from '../../runtime/exec/totag.js';
import { emitCompleted } from './events.js';
import { countSent } from './stats.js';
import { tableOf } from './table.js';
import { nextInterval, type Timing } from './timing.js';
import { again, keep, type Transaction } from './transaction.js';

/** The To tag of tm's local replies: like sl's, with tm's own signature. */
export function tmToTag(ctx: ExecContext): string {
  return localToTag(ctx, 'KAMAILIO-stateful', '-');
}

/** Queues `data` (a reply) on `out` for the transaction's upstream and keeps it as the last reply. */
export function sendUpstream(out: ExecContext, tx: Transaction, data: Buffer, code: number, timing: Timing): void {
  const to = replyDestination(tx.ctx);
  if (!to) return;
  const sent = tx.ctx.withStreamUse({ to, proto: tx.ctx.proto, data, from: tx.ctx.local.socket, connection: tx.ctx.connection }, false);
  out.sent.push(sent);
  tx.lastReply = keep(sent);
  countSent(tx, code, tx.status, true);
  const first = code >= 200 && tx.status < 200;
  tx.status = Math.max(tx.status, code);
  if (first) emitCompleted(out, tx, code, data);
  if (code >= 200) finalSent(out, tx, timing);
}

/**
 * A reply made here for the transaction's request (t_reply, the 408 of a
 * timeout, 100 Trying), queued on `request`: a context of the transaction's
 * request (its own run, failure_route's, or one derived for a timer).
 */
export function localReply(request: ExecContext, tx: Transaction, code: number, reason: string, timing: Timing): boolean {
  // A provisional 100 carries no To tag, so none is computed for it.
  if (code > 100) tx.toTag ??= tmToTag(tx.ctx);
  const sent = sendLocalReply(request, code, reason, { toTag: tx.toTag });
  if (!sent) return false;
  tx.lastReply = keep(sent);
  countSent(tx, code, tx.status, false);
  const first = code >= 200 && tx.status < 200;
  tx.status = Math.max(tx.status, code);
  if (first) emitCompleted(request, tx, code, { reason, toTag: tx.toTag ?? '' });
  if (code >= 200) finalSent(request, tx, timing);
  return true;
}

/** After the final reply: an INVITE's negative one waits for its ACK (retransmitted over UDP); anything else waits, then goes. */
function finalSent(ctx: ExecContext, tx: Transaction, timing: Timing): void {
  const host = ctx.worker.host;
  tx.uasTimer?.cancel();
  tx.lifetime?.cancel();
  tx.lifetime = undefined;
  if (tx.method !== 'INVITE' || tx.status < 300) {
    tx.uasTimer = waitThenDelete(tx, timing);
    return;
  }
  const giveUp = Date.now() + 64 * timing.t1;
  const resend = (interval: number): void => {
    tx.uasTimer = host.timers.after(interval, () => {
      if (tx.acked || tx.deleted) return;
      if (Date.now() >= giveUp) {
        tableOf(tx.ctx).remove(tx);
        return;
      }
      if (tx.ctx.proto === 'udp' && tx.lastReply) host.transmit(again(tx.lastReply));
      resend(tx.ctx.proto === 'udp' ? nextInterval(interval, timing, false) : giveUp - Date.now());
    });
  };
  resend(tx.ctx.proto === 'udp' ? timing.t1 : 64 * timing.t1);
}

/** The ACK for our negative final reply came: stop retransmitting, keep the transaction for the wait time. */
export function acknowledged(tx: Transaction, timing: Timing): void {
  if (tx.acked) return;
  tx.acked = true;
  tx.uasTimer?.cancel();
  tx.uasTimer = waitThenDelete(tx, timing);
}

/**
 * The wait timer (wt_timer) of a finished transaction. Its callback holds the
 * transaction alone, not the context of the message that finished it (an ACK,
 * a reply): that one is not kept for the wait time.
 */
function waitThenDelete(tx: Transaction, timing: Timing): TimerHandle {
  return tx.ctx.worker.host.timers.after(timing.wait, () => tableOf(tx.ctx).remove(tx));
}
