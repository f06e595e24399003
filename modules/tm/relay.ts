// t_newtran and t_relay: a request gets its transaction (a retransmission
// finds it and gets the last reply again; t_relay answers a new INVITE
// 100 Trying), then one branch per destination: the Request-URI with $du,
// and every branch added (append_branch, lookup), each through the
// transaction's branch_route. An ACK for a negative reply is absorbed, any
// other ACK goes on statelessly; a CANCEL is answered 200 and cancels the
// INVITE's pending branches. From failure_route, new branches join the same
// transaction (serial forking).

import type { ExecContext, Transport } from '../../runtime/exec/context.js';
import { nextHop, outgoingRequest } from '../../runtime/exec/next-hop.js';
import { newBranch, statelessBranch } from '../../runtime/sip/builders.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { currentOf, setCurrent } from './current.js';
import { armLifetime } from './lifetime.js';
import { branchTimeout, cancelPending } from './replies.js';
import { countCreated } from './stats.js';
import { requestKey, tableOf } from './table.js';
import type { Timing } from './timing.js';
import { again, type ClientBranch, type Transaction } from './transaction.js';
import { startBranchTimers } from './uac.js';
import { acknowledged, localReply } from './uas.js';

export interface TmConfig {
  readonly timing: Timing;
  /** auto_inv_100 and its reason phrase. */
  readonly auto100: boolean;
  readonly reason100: string;
  /** failure_reply_mode 0: replies of earlier serial forking steps still compete for the best reply. */
  readonly keepEarlierLegs: boolean;
  /** max_inv_lifetime and max_noninv_lifetime (ms). */
  readonly maxInvLifetime: number;
  readonly maxNoninvLifetime: number;
  /** remap_503_500: a 503 chosen as the best reply goes upstream as 500. */
  readonly remap503: boolean;
}

/** Routes armed before the transaction exists (t_on_failure in request_route before t_relay). */
interface Armed {
  onFailure?: string;
  onReply?: string;
  onBranch?: string;
  frTimeout?: number;
  frInvTimeout?: number;
  auto100?: boolean;
  /** t_set_max_lifetime before the transaction exists (undefined: the module's). */
  maxInvLifetime?: number;
  maxNoninvLifetime?: number;
}

const ARMED = 'tm.armed';

export function armed(ctx: ExecContext): Armed {
  let a = ctx.state.get(ARMED) as Armed | undefined;
  if (!a) ctx.state.set(ARMED, (a = {}));
  return a;
}

/** The transaction the request belongs to, as t_check_trans and t_lookup_request find it. */
export function findTransaction(ctx: ExecContext, method?: string): Transaction | undefined {
  return tableOf(ctx).find(requestKey(ctx.message, method));
}

/**
 * t_newtran: the request's transaction. A retransmission gets the last reply
 * again and `retransmission`; undefined when the request cannot have one (an
 * ACK, no readable Via).
 */
export function newTransaction(ctx: ExecContext, config: TmConfig): { tx: Transaction; retransmission: boolean } | undefined {
  const current = currentOf(ctx);
  if (current) return { tx: current.tx, retransmission: false };
  const m = ctx.message;
  const key = requestKey(m);
  if (key === undefined || m.method === 'ACK') return undefined;
  const table = tableOf(ctx);
  const found = table.find(key);
  if (found) {
    if (found.lastReply) ctx.worker.host.transmit(again(found.lastReply));
    return { tx: found, retransmission: true };
  }
  const a = armed(ctx);
  const tx: Transaction = {
    id: table.nextId(),
    method: m.method,
    key,
    ctx,
    ruri: ctx.edits.currentRequestUri,
    branches: [],
    status: 0,
    lastReply: undefined,
    toTag: undefined,
    onFailure: a.onFailure,
    onReply: a.onReply,
    onBranch: a.onBranch,
    timing: config.timing,
    frTimeout: a.frTimeout ?? config.timing.fr,
    frInvTimeout: a.frInvTimeout ?? config.timing.frInv,
    canceled: false,
    inFailure: false,
    acked: false,
    uasTimer: undefined,
    deleted: false,
    leg: 0,
    keepEarlierLegs: config.keepEarlierLegs,
    flags: ctx.flags,
    savedEdits: undefined,
    created: Date.now(),
    maxLifetime: m.method === 'INVITE' ? (a.maxInvLifetime ?? config.maxInvLifetime) : (a.maxNoninvLifetime ?? config.maxNoninvLifetime),
    lifetime: undefined,
    remap503: config.remap503,
  };
  table.add(tx);
  countCreated(tx);
  armLifetime(tx, 0);
  setCurrent(ctx, { tx });
  return { tx, retransmission: false };
}

export interface Forced {
  readonly host?: string;
  readonly port?: number;
  readonly proto?: Transport;
}

/** t_relay and its forms: 1 when relayed, 0 when absorbed (a retransmission, an ACK to a negative reply), -1 when it could not be. */
export function relay(ctx: ExecContext, config: TmConfig, forced: Forced = {}): number {
  const m = ctx.message;
  if (!m.isRequest) return -1;
  const current = currentOf(ctx);
  if (ctx.routeType === 'failure' && current) {
    current.tx.leg++;
    return addBranches(ctx, current.tx, config, forced) > 0 ? 1 : -1;
  }
  if (m.method === 'ACK') return relayAck(ctx, forced);
  if (m.method === 'CANCEL') {
    const invite = findTransaction(ctx, 'INVITE');
    if (invite) return cancel(ctx, invite, config);
  }
  const made = newTransaction(ctx, config);
  if (!made) return -1;
  if (made.retransmission) return 0;
  const tx = made.tx;
  // auto_inv_100: relaying answers an INVITE 100 Trying first, also when t_newtran made the transaction (which sends none itself, as in Kamailio 5.6).
  if (m.method === 'INVITE' && tx.status === 0 && (armed(ctx).auto100 ?? config.auto100)) localReply(ctx, tx, 100, config.reason100, config.timing);
  tx.ruri = ctx.edits.currentRequestUri;
  tx.flags = ctx.flags;
  tx.savedEdits ??= ctx.edits.clone();
  if (addBranches(ctx, tx, config, forced) > 0) return 1;
  tableOf(ctx).remove(tx);
  return -1;
}

/** An ACK: absorbed when it acknowledges our negative reply, else sent on statelessly. */
function relayAck(ctx: ExecContext, forced: Forced): number {
  const tx = findTransaction(ctx);
  if (tx && tx.status >= 300) {
    acknowledged(tx, tx.timing);
    return 0;
  }
  const hop = nextHop(ctx, ctx.edits.destination ?? ctx.edits.currentRequestUri, forced);
  const out = hop && outgoingRequest(ctx, ctx.edits, hop, statelessBranch(ctx.message));
  // Sent on by the core's stateless forwarding: counted as the core counts forward().
  const sent = !!hop && !!out && !isSipError(out) && ctx.send({ to: hop.to, proto: hop.proto, data: out, from: hop.from });
  ctx.worker.core.add(sent ? 'fwd_requests' : 'err_requests');
  return sent ? 1 : -1;
}

/** A CANCEL for a pending INVITE: its own transaction answered 200, the INVITE's branches cancelled. */
function cancel(ctx: ExecContext, invite: Transaction, config: TmConfig): number {
  const made = newTransaction(ctx, config);
  if (!made) return -1;
  if (made.retransmission) return 0;
  localReply(ctx, made.tx, 200, 'canceling', config.timing);
  invite.canceled = true;
  if (invite.status < 200) cancelPending(ctx, invite, config.timing);
  return 1;
}

/** Sends the request to each destination of the destination set; returns how many branches left. */
function addBranches(ctx: ExecContext, tx: Transaction, config: TmConfig, forced: Forced): number {
  const targets = [
    { uri: ctx.edits.currentRequestUri, destination: ctx.edits.destination, flags: ctx.branchFlags },
    ...ctx.branches.map((b) => ({ uri: b.uri, destination: b.destination, flags: b.flags })),
  ];
  ctx.branches.length = 0;
  const table = tableOf(ctx);
  const host = ctx.worker.host;
  let sent = 0;
  for (const target of targets) {
    const edits = ctx.edits.clone();
    edits.requestUri = target.uri;
    edits.destination = target.destination;
    const branchCtx = ctx.derive(ctx.message, ctx.source, ctx.proto, edits);
    branchCtx.branchFlags = target.flags;
    if (tx.onBranch !== undefined) {
      branchCtx.routeType = 'branch';
      setCurrent(branchCtx, { tx, index: tx.branches.length });
      const outcome = host.runRoute('branch', tx.onBranch, branchCtx);
      ctx.sent.push(...branchCtx.sent);
      ctx.logs.push(...branchCtx.logs);
      if (outcome?.ended === 'drop') continue;
    }
    const hop = nextHop(branchCtx, branchCtx.edits.destination ?? branchCtx.edits.currentRequestUri, forced);
    if (!hop) continue;
    const viaBranch = newBranch();
    const data = outgoingRequest(branchCtx, branchCtx.edits, hop, viaBranch);
    if (isSipError(data) || !ctx.send({ to: hop.to, proto: hop.proto, data, from: hop.from })) continue;
    const branch: ClientBranch = {
      index: tx.branches.length,
      leg: tx.leg,
      viaBranch,
      uri: branchCtx.edits.currentRequestUri,
      destination: branchCtx.edits.destination,
      to: hop.to,
      from: hop.from,
      proto: hop.proto,
      request: data.toString('latin1'),
      parsed: undefined,
      provisional: 0,
      final: undefined,
      flags: branchCtx.branchFlags,
      retransmit: undefined,
      timeout: undefined,
      cancelPending: false,
      cancelSent: false,
    };
    tx.branches.push(branch);
    table.addBranch(tx, branch);
    startBranchTimers(ctx, tx, branch, data, config.timing, (b) => branchTimeout(tx, b, config.timing));
    sent++;
  }
  return sent;
}
