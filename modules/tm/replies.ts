// Replies to the transaction's branches: matched by their top Via branch,
// run through the transaction's onreply_route, passed upstream (provisional
// ones above 100 while no final reply went, every 2xx to an INVITE), and
// once every branch has its final reply, the best one (RFC 3261 16.7) goes
// upstream, after failure_route has had its chance to fork again or reply.
// A branch without a final reply in time gets a local 408. A 503 chosen
// as the best reply goes upstream as 500 (remap_503_500).

import type { ExecContext } from '../../runtime/exec/context.js';
import { buildForwardedReply } from '../../runtime/sip/builders.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { viaParam } from '../../runtime/sip/headers/via.js';
import { setCurrent } from './current.js';
import { emitFailed, toTagOf } from './events.js';
import { countReceivedReply } from './stats.js';
import { tableOf } from './table.js';
import type { Timing } from './timing.js';
import type { BranchReply, ClientBranch, Transaction } from './transaction.js';
import { restartInviteTimeout, sendAck, sendCancel, stopBranchTimers, unsentReply } from './uac.js';
import { localReply, sendUpstream } from './uas.js';

/** Class order for the best reply: 6xx first, then 2xx, 3xx, 4xx, 5xx; within a class, the lowest code. */
function rank(code: number): number {
  const cls = Math.floor(code / 100);
  return (cls === 6 ? 0 : cls) * 1000 + code;
}

export function bestReply(tx: Transaction): { branch: ClientBranch; reply: BranchReply } | undefined {
  let best: { branch: ClientBranch; reply: BranchReply } | undefined;
  for (const branch of tx.branches) {
    if (!tx.keepEarlierLegs && branch.leg < tx.leg) continue;
    const reply = branch.final;
    if (reply && (!best || rank(reply.code) < rank(best.reply.code))) best = { branch, reply };
  }
  return best;
}

/**
 * A context of the transaction's request, for work done outside its own run
 * (failure_route, timers): the changes saved with the transaction (t_relay,
 * t_save_lumps) without $du, and the transaction's flags.
 */
export function requestContext(tx: Transaction): ExecContext {
  const ctx = tx.ctx.derive(tx.ctx.message, tx.ctx.source, tx.ctx.proto, tx.savedEdits?.clone());
  ctx.edits.requestUri = tx.ruri;
  ctx.edits.destination = undefined;
  ctx.flags = tx.flags;
  return ctx;
}

/** The best reply as it goes upstream: a received 503 becomes 500 (its reason phrase kept) with remap_503_500. */
function upstreamReply(tx: Transaction, reply: BranchReply): { data: Buffer; code: number } | undefined {
  if (!reply.message) return undefined;
  const data = buildForwardedReply(reply.message);
  if (reply.code !== 503 || !tx.remap503) return { data, code: reply.code };
  const remapped = Buffer.from(data);
  remapped.write('500', data.indexOf(0x20) + 1, 'latin1');
  return { data: remapped, code: 500 };
}

/** Cancels the branches still waiting for a final reply (after a 2xx or 6xx, or a CANCEL from upstream). */
export function cancelPending(ctx: ExecContext, tx: Transaction, timing: Timing, except?: ClientBranch): void {
  for (const b of tx.branches) {
    if (b === except || b.final) continue;
    if (b.provisional > 0) sendCancel(ctx, b, timing);
    else b.cancelPending = true;
  }
}

/** When every branch has its final reply: failure_route, then the best reply upstream unless the route forked again or replied. */
export function maybeComplete(tx: Transaction, timing: Timing): void {
  if (tx.deleted || tx.status >= 200 || tx.branches.some((b) => !b.final)) return;
  const best = bestReply(tx);
  if (!best) return;
  const host = tx.ctx.worker.host;
  if (best.reply.code >= 300) {
    const failed = requestContext(tx);
    emitFailed(failed, tx, { code: best.reply.code, reason: best.reply.reason, toTag: toTagOf(best.reply.message) });
    host.flush(failed);
  }
  if (tx.onFailure !== undefined) {
    const route = tx.onFailure;
    tx.onFailure = undefined;
    const failure = requestContext(tx);
    failure.routeType = 'failure';
    setCurrent(failure, { tx, reply: best.reply, branch: best.branch });
    tx.inFailure = true;
    try {
      host.runRoute('failure', route, failure);
    } finally {
      tx.inFailure = false;
      tx.flags = failure.flags;
    }
    host.flush(failure);
    if (tx.status >= 200 || tx.branches.some((b) => !b.final)) return;
  }
  const out = requestContext(tx);
  const upstream = upstreamReply(tx, best.reply);
  if (upstream) sendUpstream(out, tx, upstream.data, upstream.code, timing);
  else localReply(out, tx, best.reply.code, best.reply.reason, timing);
  host.flush(out);
}

/** A branch got no final reply in time: it ends with a local 408 (an INVITE branch that rang is cancelled). */
export function branchTimeout(tx: Transaction, branch: ClientBranch, timing: Timing): void {
  if (tx.deleted || branch.final) return;
  stopBranchTimers(branch);
  if (tx.method === 'INVITE' && branch.provisional > 0) sendCancel(tx.ctx, branch, timing);
  branch.final = unsentReply(branch) ?? { code: 408, message: undefined, reason: 'Request Timeout' };
  branch.parsed = undefined;
  maybeComplete(tx, timing);
}

/**
 * A reply received (tm's replyReceived): false when it belongs to no
 * transaction of ours (then the core passes it on statelessly).
 */
export function replyReceived(ctx: ExecContext, timing: Timing): boolean {
  const reply = ctx.message;
  const via = reply.via();
  if (!via || isSipError(via)) return false;
  const found = tableOf(ctx).branchOf(viaParam(via, 'branch'));
  if (!found) return false;
  const { tx, branch } = found;
  const cseq = reply.cseq();
  // Replies to our CANCEL end nothing: the INVITE's own reply (487) does.
  if (tx.deleted || !cseq || isSipError(cseq) || cseq.method.toUpperCase() !== tx.method) return true;
  const code = reply.status;
  const invite = tx.method === 'INVITE';
  countReceivedReply(tx, code === 100 || (branch.final ? !(invite && code >= 200 && code < 300) : code < 200 && tx.status >= 200));
  branch.retransmit?.cancel();
  branch.retransmit = undefined;
  if (branch.final) {
    // A retransmitted 2xx to an INVITE goes upstream again (the UAC's ACK stops it); others are absorbed.
    if (invite && code < 300 && code >= 200) sendUpstream(ctx, tx, buildForwardedReply(reply), code, timing);
    return true;
  }
  const onTimeout = (b: ClientBranch): void => branchTimeout(tx, b, timing);
  if (code < 200) {
    branch.provisional = Math.max(branch.provisional, code);
    if (invite) restartInviteTimeout(ctx, tx, branch, onTimeout);
    if (branch.cancelPending || (tx.canceled && invite)) sendCancel(ctx, branch, timing);
    if (code === 100) return true;
    if (runOnReply(ctx, tx, branch) === 'drop') return true;
    if (tx.status < 200) sendUpstream(ctx, tx, buildForwardedReply(reply, ctx.edits), code, timing);
    return true;
  }
  branch.timeout?.cancel();
  branch.timeout = undefined;
  const final: BranchReply = { code, message: reply, reason: reply.reason };
  branch.final = final;
  if (invite && code >= 300) sendAck(ctx, branch, reply);
  // Its request, parsed for the CANCEL or ACK, is not needed again: not kept for the wait time.
  branch.parsed = undefined;
  runOnReply(ctx, tx, branch);
  if (code < 300) {
    if (invite) cancelPending(ctx, tx, timing, branch);
    if (invite || tx.status < 200) sendUpstream(ctx, tx, buildForwardedReply(reply, ctx.edits), code, timing);
    return true;
  }
  if (code >= 600) cancelPending(ctx, tx, timing, branch);
  maybeComplete(tx, timing);
  return true;
}

/** Runs the transaction's onreply_route on the reply, when one is armed. */
function runOnReply(ctx: ExecContext, tx: Transaction, branch: ClientBranch): 'drop' | undefined {
  if (tx.onReply === undefined) return undefined;
  const previous = ctx.routeType;
  ctx.routeType = 'onreply';
  ctx.useStoresOf(tx.ctx);
  // The transaction's own program runs its onreply_route, even after a reload.
  ctx.runner = tx.ctx.runner;
  ctx.whereIs = tx.ctx.whereIs;
  setCurrent(ctx, { tx, branch, reply: { code: ctx.message.status, message: ctx.message, reason: ctx.message.reason } });
  ctx.flags = tx.flags;
  try {
    return ctx.worker.host.runRoute('onreply', tx.onReply, ctx)?.ended === 'drop' ? 'drop' : undefined;
  } finally {
    ctx.routeType = previous;
    tx.flags = ctx.flags;
  }
}
