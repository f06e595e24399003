// The client side of a transaction: one branch per destination, each sent
// with its own Via branch, retransmitted over UDP (timers A and E) until a
// reply, and given up with a local 408 when no final reply comes in time
// (fr_timer; fr_inv_timer after a provisional to an INVITE), or with a local
// 477 at once when its request cannot be sent. CANCEL and the
// ACK for a negative final reply are built from the branch's request
// (RFC 3261 9.1 and 17.1.1.3).

import type { ExecContext } from '../../runtime/exec/context.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { SipMessage } from '../../runtime/sip/message.js';
import { nextInterval, type Timing } from './timing.js';
import type { BranchReply, ClientBranch, Transaction } from './transaction.js';

/** Arms the branch's retransmissions (UDP only) and its final-reply timeout, and watches its request (`sent`, queued on `ctx`) being sent. */
export function startBranchTimers(ctx: ExecContext, tx: Transaction, branch: ClientBranch, sent: Buffer, timing: Timing, onTimeout: (branch: ClientBranch) => void): void {
  watchSend(ctx, branch, sent, onTimeout);
  const host = ctx.worker.host;
  if (branch.proto === 'udp') {
    const invite = tx.method === 'INVITE';
    const resend = (interval: number): void => {
      branch.retransmit = host.timers.after(interval, () => {
        if (tx.deleted || branch.final || (invite && branch.provisional > 0)) return;
        host.transmit({ to: branch.to, proto: branch.proto, data: Buffer.from(branch.request, 'latin1'), from: branch.from });
        resend(nextInterval(interval, timing, invite));
      });
    };
    resend(timing.t1);
  }
  branch.timeout = host.timers.after(tx.frTimeout, () => onTimeout(branch));
}

/** How Kamailio 5.6's tm words the local reply of a branch whose request could not be sent. */
const SEND_FAILED: BranchReply = { code: 477, message: undefined, reason: 'Unfortunately error on sending to next hop occurred (477/TM)' };

const unsent = new WeakSet<ClientBranch>();

/** The local reply a branch ends with when it ends without one received: 477 if its request could not be sent (else undefined: it timed out). */
export function unsentReply(branch: ClientBranch): BranchReply | undefined {
  return unsent.has(branch) ? SEND_FAILED : undefined;
}

/**
 * The branch's request, still queued on the context, is told what to do if
 * it cannot be sent (connection refused, connect timeout): the branch ends
 * at once (`end`, as on its timeout, with the 477 unsentReply gives) instead
 * of waiting for fr_timer.
 */
function watchSend(ctx: ExecContext, branch: ClientBranch, sent: Buffer, end: (branch: ClientBranch) => void): void {
  const at = ctx.sent.findIndex((s) => s.data === sent);
  if (at < 0) return;
  const failed = (): void => {
    unsent.add(branch);
    // Later, not inside the transport's send.
    ctx.worker.host.timers.after(0, () => end(branch));
  };
  ctx.sent[at] = { ...ctx.sent[at]!, failed };
}

/**
 * Cancels the branch's retransmissions and timeout, and lets go of their
 * handles: a transaction is kept for the wait time after its final reply,
 * and what its fields hold is kept (and promoted by the GC) with it.
 */
export function stopBranchTimers(branch: ClientBranch): void {
  branch.retransmit?.cancel();
  branch.retransmit = undefined;
  branch.timeout?.cancel();
  branch.timeout = undefined;
}

/** After a provisional reply to an INVITE: the branch waits fr_inv_timer for its final reply. */
export function restartInviteTimeout(ctx: ExecContext, tx: Transaction, branch: ClientBranch, onTimeout: (branch: ClientBranch) => void): void {
  branch.timeout?.cancel();
  branch.timeout = ctx.worker.host.timers.after(tx.frInvTimeout, () => onTimeout(branch));
}

function parsedRequest(branch: ClientBranch): SipMessage | undefined {
  if (!branch.parsed) {
    const parsed = SipMessage.parseText(branch.request);
    if (isSipError(parsed)) return undefined;
    branch.parsed = parsed;
  }
  return branch.parsed;
}

/** The lines a CANCEL or ACK for the branch shares with its request: its Via, Route set, From, Call-ID and CSeq number. */
function requestLines(request: SipMessage, method: string, to: string): string[] | undefined {
  const via = request.via();
  const cseq = request.cseq();
  if (!via || isSipError(via) || !cseq || isSipError(cseq)) return undefined;
  const lines = [`${method} ${request.requestUriText} SIP/2.0`, `Via: ${via.raw}`];
  for (let i = 0; i < request.headerCount; i++) if (request.isHeader(i, 'route')) lines.push(`Route: ${request.headerValue(i)}`);
  lines.push('Max-Forwards: 70', `From: ${request.header('from') ?? ''}`, `To: ${to}`, `Call-ID: ${request.header('call-id') ?? ''}`, `CSeq: ${cseq.seq} ${method}`, 'Content-Length: 0', '', '');
  return lines;
}

/** Sends a CANCEL on the branch (once); over UDP it is retransmitted like any non-INVITE request, until the branch ends. */
export function sendCancel(ctx: ExecContext, branch: ClientBranch, timing: Timing): void {
  if (branch.cancelSent) return;
  const request = parsedRequest(branch);
  const lines = request && requestLines(request, 'CANCEL', request.header('to') ?? '');
  if (!lines) return;
  branch.cancelSent = true;
  const message = { to: branch.to, proto: branch.proto, data: Buffer.from(lines.join('\r\n'), 'latin1'), from: branch.from };
  const host = ctx.worker.host;
  host.transmit(message);
  if (branch.proto !== 'udp') return;
  const resend = (interval: number): void => {
    host.timers.after(interval, () => {
      if (branch.final) return;
      host.transmit(message);
      if (interval < timing.fr) resend(nextInterval(interval, timing, false));
    });
  };
  resend(timing.t1);
}

/** The ACK for a negative final reply to the branch's INVITE (hop by hop: its To is the reply's). */
export function sendAck(ctx: ExecContext, branch: ClientBranch, reply: SipMessage): void {
  const request = parsedRequest(branch);
  const lines = request && requestLines(request, 'ACK', reply.header('to') ?? request.header('to') ?? '');
  if (!lines) return;
  ctx.worker.host.transmit({ to: branch.to, proto: branch.proto, data: Buffer.from(lines.join('\r\n'), 'latin1'), from: branch.from });
}
