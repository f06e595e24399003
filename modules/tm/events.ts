// What other modules hear of transactions (Kamailio's tm callbacks as acc
// registers them): a transaction completed, its first final reply sent
// upstream (TMCB_RESPONSE_OUT), and a transaction whose branches all ended
// negatively, before failure_route runs (TMCB_ON_FAILURE). Listeners are
// added by a module's init and removed by its destroy.

import type { ExecContext } from '../../runtime/exec/context.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { SipMessage } from '../../runtime/sip/message.js';
import type { Transaction } from './transaction.js';

/** A final reply as listeners see it. */
export interface FinalReply {
  readonly code: number;
  readonly reason: string;
  /** The To tag it carries ('' when none). */
  readonly toTag: string;
}

export interface TmListener {
  /** The first final reply went upstream; `ctx` is a context of the request whose log lines go out with it. */
  completed?(ctx: ExecContext, tx: Transaction, reply: FinalReply): void;
  /** Every branch ended with a negative reply (the best one given), before failure_route; the listener may change `tx.flags`. */
  failed?(ctx: ExecContext, tx: Transaction, reply: FinalReply): void;
}

const listeners: TmListener[] = [];

/** Adds a listener; returns what removes it. */
export function listen(listener: TmListener): () => void {
  listeners.push(listener);
  return () => {
    const i = listeners.indexOf(listener);
    if (i >= 0) listeners.splice(i, 1);
  };
}

/** The To tag of a reply. */
export function toTagOf(m: SipMessage | undefined): string {
  const to = m?.to();
  if (!to || isSipError(to)) return '';
  return to.params.find((p) => p.name.toLowerCase() === 'tag')?.value ?? '';
}

/** A final reply went upstream: `data` (relayed) or code, reason and To tag (made here). */
export function emitCompleted(ctx: ExecContext, tx: Transaction, code: number, reply: Buffer | { reason: string; toTag: string }): void {
  if (listeners.length === 0) return;
  let final: FinalReply;
  if (Buffer.isBuffer(reply)) {
    const m = SipMessage.parse(reply);
    final = isSipError(m) ? { code, reason: '', toTag: '' } : { code, reason: m.reason, toTag: toTagOf(m) };
  } else final = { code, ...reply };
  for (const l of [...listeners]) l.completed?.(ctx, tx, final);
}

export function emitFailed(ctx: ExecContext, tx: Transaction, reply: FinalReply): void {
  for (const l of [...listeners]) l.failed?.(ctx, tx, reply);
}
