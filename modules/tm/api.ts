// What other modules use of tm (Kamailio's tm binds, as tmx uses them): the
// transaction a message belongs to and what its route works on, lookups by
// Call-ID and CSeq, cancelling branches, replying from outside the
// transaction's own run, and the transaction's flags and request.

import type { ExecContext } from '../../runtime/exec/context.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { transactionOf } from './commands.js';
import { currentOf, type Current } from './current.js';
import { listen, type TmListener } from './events.js';
import { findTransaction } from './relay.js';
import { cancelPending, requestContext } from './replies.js';
import { tableOf } from './table.js';
import type { ClientBranch, Transaction } from './transaction.js';
import { sendCancel } from './uac.js';
import { localReply } from './uas.js';

export type { BranchReply, ClientBranch, Transaction } from './transaction.js';
export type { Current } from './current.js';
export type { FinalReply, TmListener } from './events.js';

export interface TmApi {
  /** The transaction of the message being run: the one its route works on, else the request's own (undefined: none). */
  transactionOf(ctx: ExecContext): Transaction | undefined;
  /** What the route works on: the transaction, and the reply and branch (onreply_route, failure_route) or the new branch's index (branch_route). */
  current(ctx: ExecContext): Current | undefined;
  /** For a CANCEL: the INVITE transaction it cancels. */
  inviteOf(ctx: ExecContext): Transaction | undefined;
  /** The first INVITE transaction with this Call-ID and CSeq number. */
  findInvite(ctx: ExecContext, callId: string, cseq: string): Transaction | undefined;
  /** Cancels the INVITE's branches still waiting for a final reply (those with no provisional reply yet when one comes); `only` keeps to those. */
  cancelBranches(ctx: ExecContext, tx: Transaction, only?: (branch: ClientBranch) => boolean): void;
  /** A reply made here for the transaction, sent now from any route; a final one cancels the pending branches. False when it cannot be built. */
  replyNow(tx: Transaction, code: number, reason: string): boolean;
  /**
   * A reply to the request being run, through its transaction (how sl's
   * send_reply and the modules bound to it reply when one exists): the lines
   * the script queued for replies included. False when it cannot be sent (a
   * final reply was sent already).
   */
  replyInRun(ctx: ExecContext, tx: Transaction, code: number, reason: string): boolean;
  /** A context of the transaction's request as received, with the transaction's flags and AVPs (to read pseudo-variables of it). */
  requestOf(tx: Transaction): ExecContext;
  /** The hash slot Kamailio would keep it in (0..65535), for $T(id_index). */
  indexOf(tx: Transaction): number;
  /**
   * Hears transactions complete (first final reply upstream) and fail (every
   * branch negative, before failure_route), as acc does; call from init, and
   * the function returned from destroy.
   */
  listen(listener: TmListener): () => void;
}

/** A stable hash of the transaction's key into 16 bits. */
function slot(key: string): number {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
  return (h >>> 0) % 65536;
}

export const tmApi: TmApi = {
  transactionOf,
  current: currentOf,
  inviteOf: (ctx) => (ctx.message.isRequest && ctx.message.method === 'CANCEL' ? findTransaction(ctx, 'INVITE') : undefined),
  findInvite: (ctx, callId, cseq) => {
    for (const tx of tableOf(ctx).all()) {
      const m = tx.ctx.message;
      if (tx.method !== 'INVITE' || m.header('call-id') !== callId) continue;
      const c = m.cseq();
      if (c && !isSipError(c) && String(c.seq) === cseq.trim()) return tx;
    }
    return undefined;
  },
  cancelBranches: (ctx, tx, only = () => true) => {
    for (const b of tx.branches) {
      if (b.final || !only(b)) continue;
      if (b.provisional > 0) sendCancel(ctx, b, tx.timing);
      else b.cancelPending = true;
    }
  },
  replyNow: (tx, code, reason) => {
    const out = requestContext(tx);
    if (!localReply(out, tx, code, reason, tx.timing)) return false;
    if (code >= 200 && tx.method === 'INVITE') cancelPending(out, tx, tx.timing);
    tx.ctx.worker.host.flush(out);
    return true;
  },
  replyInRun: (ctx, tx, code, reason) => {
    if (tx.status >= 200 && code >= 200 && !(tx.method === 'INVITE' && tx.status < 300 && code < 300)) return false;
    return localReply(ctx, tx, code, reason, tx.timing);
  },
  requestOf: (tx) => {
    const ctx = tx.ctx.derive(tx.ctx.message, tx.ctx.source, tx.ctx.proto);
    ctx.flags = tx.flags;
    return ctx;
  },
  indexOf: (tx) => slot(tx.key),
  listen,
};
