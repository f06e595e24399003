// tm's control methods over the live transactions, with Kamailio 5.6's
// parameters, faults and answers (compared with kamcmd on loopback):
// tm.list, tm.cancel CALLID CSEQ, tm.reply CODE REASON INDEX:LABEL TOTAG
// HEADERS [BODY], tm.reply_callid CODE REASON CALLID CSEQ TOTAG HEADERS
// [BODY] and tm.clean. Differences: tm.list leaves out Kamailio's memory
// details (cell address, ref_count, tflags bits, lifetime in its timer
// ticks); a reply call without its HEADERS parameter is refused without
// sending anything (Kamailio 5.6.3 sends a reply with a garbage body and
// then faults), without BODY the reply has none, and HEADERS "." is no
// header (Kamailio 5.6.3 copies the dot into the reply). Not provided:
// tm.t_uac_start/t_uac_wait/t_uac_wait_block (siprc's tm does not make
// requests of its own, only relays received ones) and tm.hash_stats
// (siprc's table is no hash table; Debian's Kamailio answers it only with
// "not supported" too).

import type { ModuleInstance, RpcDecl } from '../api.js';
import { queuedReplyHeaders, REPLY_BODY_STATE } from '../../runtime/exec/reply.js';
import type { SipMessage } from '../../runtime/sip/message.js';
import { tmApi } from './api.js';
import { requestContext, cancelPending } from './replies.js';
import type { TransactionTable } from './table.js';
import type { Transaction } from './transaction.js';
import { localReply } from './uas.js';

const fault = (code: number, message: string): Error => Object.assign(new Error(message), { code });

/** The running server's transactions (tm keeps them with the worker under its name, as table.ts's tableOf does). */
function transactions(module: ModuleInstance): Transaction[] {
  const table = module.worker.modules.get('tm') as TransactionTable | undefined;
  return table ? [...table.all()] : [];
}

/** A header line as received (its line end included), as Kamailio lists it; empty when missing. */
function line(m: SipMessage, name: string): string {
  const i = m.findHeader(name);
  return i < 0 ? '' : m.headerLine(i);
}

function cseqNumber(m: SipMessage): string | undefined {
  return m.header('cseq')?.trim().split(/\s+/)[0];
}

/** The INVITE (or any) transaction with this Call-ID and CSeq number, first made first. */
function byCallId(module: ModuleInstance, callId: string, cseq: string, method?: string): Transaction | undefined {
  return transactions(module).find((tx) => (method === undefined || tx.method === method) && tx.ctx.message.header('call-id') === callId && cseqNumber(tx.ctx.message) === cseq);
}

const str = (v: unknown): v is string => typeof v === 'string';

/** Sends a reply made here for the transaction, with the To tag, header lines ("." for none) and body given. */
function reply(tx: Transaction, code: number, reason: string, toTag: string, headers: unknown, body: unknown): null {
  if (!str(headers)) throw fault(400, 'error at parameter 5: expected string type but end of packet encountered');
  if (body !== undefined && !str(body)) throw fault(400, "error at parameter 6: expected string type but record doesn't match type");
  if (tx.status >= 200 && !(tx.method === 'INVITE' && tx.status < 300 && code >= 200 && code < 300)) throw fault(500, 'Reply failed');
  const out = requestContext(tx);
  if (headers !== '.' && headers !== '') queuedReplyHeaders(out).push(...headers.split(/\r?\n/).filter((h) => h !== ''));
  if (body) out.state.set(REPLY_BODY_STATE, body);
  const before = tx.toTag;
  tx.toTag = toTag;
  if (!localReply(out, tx, code, reason, tx.timing)) {
    tx.toTag = before;
    throw fault(500, 'Reply failed');
  }
  if (code >= 200 && tx.method === 'INVITE') cancelPending(out, tx, tx.timing);
  tx.ctx.worker.host.flush(out);
  // Kamailio answers a reply sent with no value.
  return null;
}

/** The code and reason every reply call starts with, with Kamailio's faults. */
function codeAndReason(params: readonly unknown[]): [number, string] {
  const [code, reason] = params;
  if (typeof code !== 'number' || !Number.isInteger(code)) throw fault(400, 'Reply code expected');
  if (!str(reason)) throw fault(400, 'Reason phrase expected');
  // Kamailio 5.6.3 sends any number as the status code (`SIP/2.0 099 X`); siprc refuses what is no SIP status.
  if (code < 100 || code > 699) throw fault(400, `Invalid reply code ${code} (100 to 699)`);
  return [code, reason];
}

export const tmTransactionRpc: readonly RpcDecl[] = [
  {
    name: 'tm.list',
    help: 'Lists the transactions in progress.',
    run: (module) =>
      transactions(module).map((tx) => {
        const m = tx.ctx.message;
        return {
          tindex: tmApi.indexOf(tx),
          tlabel: tx.id,
          method: tx.method,
          from: line(m, 'from'),
          to: line(m, 'to'),
          callid: line(m, 'call-id'),
          cseq: `CSeq: ${cseqNumber(m) ?? ''}`,
          // siprc's transactions are all of requests received (it makes none of its own).
          uas_request: 'yes',
          outgoings: tx.branches.length,
        };
      }),
  },
  {
    name: 'tm.cancel',
    help: 'Cancels the branches of the INVITE transaction with this Call-ID and CSeq number.',
    run: (module, params) => {
      const [callId, cseq] = params;
      if (!str(callId) || !str(cseq)) throw fault(400, 'Callid and CSeq expected as parameters');
      const tx = byCallId(module, callId, cseq.trim(), 'INVITE');
      if (!tx) throw fault(400, 'Transaction not found');
      const out = requestContext(tx);
      tmApi.cancelBranches(out, tx);
      tx.ctx.worker.host.flush(out);
      // Branches with no provisional reply yet get their CANCEL when one comes (or time out).
      return [tx.branches.filter((b) => !b.final && b.cancelPending).length, 'branches remaining (waiting for timeout)'];
    },
  },
  {
    name: 'tm.reply',
    help: 'Replies to a transaction by its INDEX:LABEL: CODE REASON INDEX:LABEL TOTAG HEADERS [BODY].',
    run: (module, params) => {
      const [code, reason] = codeAndReason(params);
      const id = params[2];
      if (!str(id)) throw fault(400, 'Transaction ID expected');
      const m = /^(\d+):(\d+)$/.exec(id.trim());
      if (!m) throw fault(400, 'Invalid transaction ID');
      const toTag = params[3];
      if (!str(toTag)) throw fault(400, 'To tag expected');
      const tx = transactions(module).find((t) => t.id === Number(m[2]) && tmApi.indexOf(t) === Number(m[1]) && !t.deleted);
      if (!tx) throw fault(481, 'No such transaction');
      return reply(tx, code, reason, toTag, params[4], params[5]);
    },
  },
  {
    name: 'tm.reply_callid',
    help: 'Replies to a transaction by its Call-ID and CSeq number: CODE REASON CALLID CSEQ TOTAG HEADERS [BODY].',
    run: (module, params) => {
      const [code, reason] = codeAndReason(params);
      const [, , callId, cseq, toTag] = params;
      if (!str(callId)) throw fault(400, 'Call-ID expected');
      if (!str(cseq)) throw fault(400, 'CSeq expected');
      if (!str(toTag)) throw fault(400, 'To tag expected');
      const tx = byCallId(module, callId, cseq.trim());
      if (!tx || tx.deleted) throw fault(404, 'Transaction not found');
      return reply(tx, code, reason, toTag, params[5], params[6]);
    },
  },
  {
    name: 'tm.clean',
    help: 'Removes the transactions that outlived their maximum lifetime.',
    run: (module) => {
      const table = module.worker.modules.get('tm') as TransactionTable | undefined;
      const now = Date.now();
      for (const tx of transactions(module)) if (tx.created + tx.maxLifetime + tx.timing.wait < now) table!.remove(tx);
      return null;
    },
  },
];
