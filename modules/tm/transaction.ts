// A tm transaction: the server side (the request received, where its replies
// go, the last reply sent) and the client side, one branch per destination
// the request was relayed to, with each branch's replies and timers; plus
// the routes armed for it (t_on_failure, t_on_reply, t_on_branch).

import type { Endpoint, ExecContext, Sent, Transport } from '../../runtime/exec/context.js';
import type { TimerHandle } from '../../runtime/exec/server-host.js';
import type { Timing } from './timing.js';
import type { MessageEdits } from '../../runtime/sip/edits.js';
import type { SipMessage } from '../../runtime/sip/message.js';

/** A reply a branch got: received from downstream, or made here (408 on timeout). */
export interface BranchReply {
  readonly code: number;
  /** The reply as received; undefined for a local one. */
  readonly message: SipMessage | undefined;
  readonly reason: string;
}

export interface ClientBranch {
  readonly index: number;
  /** The serial forking step it belongs to (0: the first t_relay; each failure_route that relays again adds one). */
  readonly leg: number;
  /** The Via branch of our request on this branch (its replies and our CANCEL carry it). */
  readonly viaBranch: string;
  readonly uri: string;
  readonly destination: string | undefined;
  readonly to: Endpoint;
  readonly from: Endpoint;
  readonly proto: Transport;
  /** The request as sent, as latin1 text (a string: held for the transaction's life, see SipMessage's `received`). */
  readonly request: string;
  /** The request as sent, parsed once when a CANCEL or ACK is built from it. */
  parsed?: SipMessage;
  /** The highest provisional code received (0: none). */
  provisional: number;
  final: BranchReply | undefined;
  /** Flags of this branch ($bf while it was relayed). */
  readonly flags: number;
  retransmit: TimerHandle | undefined;
  timeout: TimerHandle | undefined;
  /** CANCEL asked for before any provisional reply came: sent when one does. */
  cancelPending: boolean;
  cancelSent: boolean;
}

export interface Transaction {
  readonly id: number;
  readonly method: string;
  /** The key the request matches by (RFC 3261 17.2.3, with 2543 fallback). */
  readonly key: string;
  /** The request's own run: its message, AVPs, flags and where it came from. */
  readonly ctx: ExecContext;
  /** The Request-URI when it was relayed (what failure_route starts from). */
  ruri: string;
  branches: ClientBranch[];
  /** The highest status sent upstream (0: none yet). */
  status: number;
  /** The last reply sent upstream, for retransmissions of the request. */
  lastReply: KeptMessage | undefined;
  /** Our To tag for local replies. */
  toTag: string | undefined;
  onFailure: string | undefined;
  onReply: string | undefined;
  onBranch: string | undefined;
  /** The module's timer values when it was made. */
  readonly timing: Timing;
  /** Timeouts in ms for this transaction (t_set_fr). */
  frTimeout: number;
  frInvTimeout: number;
  /** A CANCEL matched it (t_is_canceled). */
  canceled: boolean;
  /** failure_route is running (branches added now are its serial fork). */
  inFailure: boolean;
  /** An upstream ACK for the negative final reply arrived. */
  acked: boolean;
  /** Timers of the server side (reply retransmission, wait before deletion). */
  uasTimer: TimerHandle | undefined;
  deleted: boolean;
  /** The current serial forking step. */
  leg: number;
  /** Whether replies of earlier steps compete for the best reply (failure_reply_mode 0, or t_drop_replies("n")). */
  keepEarlierLegs: boolean;
  /** The message flags kept with it (set when made, by t_relay and t_flush_flags; failure_route and onreply_route start from them). */
  flags: number;
  /** The request's changes failure_route starts from (saved by t_save_lumps, or by the first t_relay). */
  savedEdits: MessageEdits | undefined;
  /** When it was made (ms since the epoch), and how long it may live before its pending branches are given up (max_inv_lifetime, t_set_max_lifetime). */
  readonly created: number;
  maxLifetime: number;
  lifetime: TimerHandle | undefined;
  /** remap_503_500 when it was made: a 503 chosen as the best reply goes upstream as 500. */
  readonly remap503: boolean;
}

/**
 * A message kept to be sent again, its bytes held as latin1 text: V8's heap
 * gives memory back after a load, while Buffers held for a transaction's
 * life fragment the C heap and keep the process large.
 */
export interface KeptMessage extends Omit<Sent, 'data'> {
  readonly text: string;
}

export function keep(sent: Sent): KeptMessage {
  // Fields copied one by one: an object rest/spread takes V8's slow generic path on every reply.
  return { to: sent.to, proto: sent.proto, from: sent.from, connection: sent.connection, failed: sent.failed, noConnect: sent.noConnect, closeAfter: sent.closeAfter, text: sent.data.toString('latin1') };
}

/** The kept message, to be sent again. */
export function again(kept: KeptMessage): Sent {
  return { to: kept.to, proto: kept.proto, from: kept.from, connection: kept.connection, failed: kept.failed, noConnect: kept.noConnect, closeAfter: kept.closeAfter, data: Buffer.from(kept.text, 'latin1') };
}
