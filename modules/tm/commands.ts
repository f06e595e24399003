// tm's commands besides t_relay: arming routes per transaction, lookups,
// stateful replies, timers per transaction, and the checks of failure_route
// and onreply_route (how the branch ended, the reply's status).

import { command, FixupError, type CommandDecl, type ParamValues, type RouteType } from '../api.js';
import type { ExecContext } from '../../runtime/exec/context.js';
import { currentOf } from './current.js';
import { armed, findTransaction, newTransaction, relay } from './relay.js';
import { tableOf } from './table.js';
import { again, type Transaction } from './transaction.js';
import { acknowledged, localReply } from './uas.js';
import { configOf } from './config.js';

const ARMING: readonly RouteType[] = ['request', 'failure', 'onreply', 'branch'];
const REQUEST_SIDE: readonly RouteType[] = ['request', 'failure', 'onreply', 'branch'];
const ANY_TM: readonly RouteType[] = ['request', 'failure', 'onreply', 'branch', 'reply'];

/** The transaction of the message being run: the one a route works on, else the request's own when it has one. */
export function transactionOf(ctx: ExecContext): Transaction | undefined {
  return currentOf(ctx)?.tx ?? (ctx.message.isRequest ? findTransaction(ctx) : undefined);
}

/** Arms a route for the transaction, or for the one the request will get. */
function arm(which: 'onFailure' | 'onReply' | 'onBranch') {
  return (ctx: ExecContext, [name]: readonly [string]): number => {
    // "0" arms no route (and so disarms one armed before), as in Kamailio 5.6.
    const route = name === '0' ? undefined : name;
    const tx = currentOf(ctx)?.tx;
    if (tx) tx[which] = route;
    else armed(ctx)[which] = route;
    return 1;
  };
}

/** t_is_set's targets and the transaction attribute each names. */
const SETTABLE = { branch_route: 'onBranch', failure_route: 'onFailure', onreply_route: 'onReply' } as const;

/** t_is_set: whether the route is armed, on the transaction or (before it exists) for the one the request will get. */
function isSet(ctx: ExecContext, which: (typeof SETTABLE)[keyof typeof SETTABLE]): number {
  const tx = currentOf(ctx)?.tx ?? (ctx.message.isRequest ? findTransaction(ctx) : undefined);
  return (tx ? tx[which] : armed(ctx)[which]) !== undefined ? 1 : -1;
}

/** The status failure_route and onreply_route check: the reply's; elsewhere the last one sent upstream. */
function statusOf(ctx: ExecContext): number | undefined {
  const current = currentOf(ctx);
  if (current?.reply) return current.reply.code;
  const tx = transactionOf(ctx);
  return tx && tx.status > 0 ? tx.status : undefined;
}

/** t_check_trans: see README.tm; 0 (stop) for an absorbed ACK or a retransmission, whose last reply is sent again. */
function checkTrans(ctx: ExecContext): number {
  const m = ctx.message;
  if (!m.isRequest) return currentOf(ctx) || ctx.routeType === 'onreply' ? 1 : -1;
  if (m.method === 'CANCEL') return findTransaction(ctx, 'INVITE') ? 1 : -1;
  const tx = findTransaction(ctx);
  if (!tx) return -1;
  if (m.method === 'ACK') {
    if (tx.status < 300) return tx.status >= 200 ? 1 : -1;
    acknowledged(tx, tx.timing);
    return 0;
  }
  if (tx.lastReply) ctx.worker.host.transmit(again(tx.lastReply));
  return 0;
}

/** t_set_fr: the transaction's timeouts (0: the module's), or those of the one the request will get. */
function setTimeouts(ctx: ExecContext, params: ParamValues, inv: number, fr: number | undefined): number {
  const timing = configOf(params).timing;
  const target: { frInvTimeout?: number; frTimeout?: number } = currentOf(ctx)?.tx ?? armed(ctx);
  target.frInvTimeout = inv > 0 ? inv : timing.frInv;
  if (fr !== undefined) target.frTimeout = fr > 0 ? fr : timing.fr;
  return 1;
}

/** Whether the branch failure_route runs for ended by timeout (no reply of its own). */
const branchTimedOut = (ctx: ExecContext): boolean => currentOf(ctx)?.reply?.message === undefined && currentOf(ctx)?.reply !== undefined;

export const tmCommands: readonly CommandDecl[] = [
  command({ name: 't_on_failure', args: [{ name: 'route', type: 'route', route: 'failure' }], routes: ARMING, run: arm('onFailure') }),
  command({ name: 't_on_reply', args: [{ name: 'route', type: 'route', route: 'onreply' }], routes: ARMING, run: arm('onReply') }),
  command({ name: 't_on_branch', args: [{ name: 'route', type: 'route', route: 'branch' }], routes: ARMING, run: arm('onBranch') }),
  command({
    name: 't_is_set',
    args: [
      {
        name: 'target',
        type: 'str',
        fixup: (text: string) => {
          const which = SETTABLE[text as keyof typeof SETTABLE];
          if (!which) throw new FixupError(`t_is_set: "${text}" is not one of ${Object.keys(SETTABLE).join(', ')}`);
          return which;
        },
      },
    ],
    routes: REQUEST_SIDE,
    run: (ctx, [which]) => isSet(ctx, which as (typeof SETTABLE)[keyof typeof SETTABLE]),
  }),
  command({ name: 't_check_trans', args: [], routes: ANY_TM, run: (ctx) => checkTrans(ctx) }),
  command({
    name: 't_newtran',
    args: [],
    routes: ['request'],
    run: (ctx, _args, params) => {
      const made = newTransaction(ctx, configOf(params));
      return !made ? -1 : made.retransmission ? 0 : 1;
    },
  }),
  command({ name: 't_lookup_request', args: [], routes: ['request'], run: (ctx) => (findTransaction(ctx) ? 1 : -1) }),
  ...[[], [{ name: 'ignore_callbacks', type: 'int' }] as const].map((args) =>
    command({ name: 't_lookup_cancel', args, routes: ['request'], run: (ctx) => (ctx.message.method === 'CANCEL' && findTransaction(ctx, 'INVITE') ? 1 : -1) }),
  ),
  command({
    name: 't_reply',
    args: [
      { name: 'code', type: 'intpv' },
      { name: 'reason', type: 'spve' },
    ],
    routes: ['request', 'failure'],
    run: (ctx, [code, reason], params) => {
      if (code === undefined || code < 100 || code > 699) return -1;
      const config = configOf(params);
      const tx = currentOf(ctx)?.tx ?? newTransaction(ctx, config)?.tx;
      if (!tx || (tx.status >= 200 && code >= 200 && !(tx.method === 'INVITE' && tx.status < 300 && code < 300))) return -1;
      return localReply(ctx, tx, code, reason, config.timing) ? 1 : -1;
    },
  }),
  command({
    name: 't_retransmit_reply',
    args: [],
    routes: REQUEST_SIDE,
    run: (ctx) => {
      const tx = transactionOf(ctx);
      if (!tx?.lastReply) return -1;
      ctx.worker.host.transmit(again(tx.lastReply));
      return 1;
    },
  }),
  command({
    name: 't_release',
    args: [],
    routes: ['request', 'failure'],
    run: (ctx) => {
      const tx = transactionOf(ctx);
      if (!tx) return -1;
      tableOf(ctx).remove(tx);
      return 1;
    },
  }),
  command({ name: 't_is_canceled', args: [], routes: ANY_TM, run: (ctx) => (transactionOf(ctx)?.canceled ? 1 : -1) }),
  command({
    name: 't_check_status',
    args: [{ name: 're', type: 'regex' }],
    routes: ANY_TM,
    run: (ctx, [re]) => {
      const status = statusOf(ctx);
      return status !== undefined && re.test(String(status)) ? 1 : -1;
    },
  }),
  command({ name: 't_get_status_code', args: [], routes: ANY_TM, run: (ctx) => statusOf(ctx) ?? -1 }),
  command({ name: 't_branch_timeout', args: [], routes: ['failure'], run: (ctx) => (branchTimedOut(ctx) ? 1 : -1) }),
  command({ name: 't_branch_replied', args: [], routes: ['failure'], run: (ctx) => ((currentOf(ctx)?.branch?.provisional ?? 0) > 0 || currentOf(ctx)?.reply?.message ? 1 : -1) }),
  command({ name: 't_any_timeout', args: [], routes: ['failure', 'onreply'], run: (ctx) => (transactionOf(ctx)?.branches.some((b) => b.final && !b.final.message) ? 1 : -1) }),
  command({ name: 't_any_replied', args: [], routes: ['failure', 'onreply'], run: (ctx) => (transactionOf(ctx)?.branches.some((b) => b.provisional > 0 || b.final?.message) ? 1 : -1) }),
  command({ name: 't_set_fr', args: [{ name: 'fr_inv_timeout', type: 'int' }], routes: REQUEST_SIDE, run: (ctx, [inv], params) => setTimeouts(ctx, params, inv, undefined) }),
  command({
    name: 't_set_fr',
    args: [
      { name: 'fr_inv_timeout', type: 'int' },
      { name: 'fr_timeout', type: 'int' },
    ],
    routes: REQUEST_SIDE,
    run: (ctx, [inv, fr], params) => setTimeouts(ctx, params, inv, fr),
  }),
  command({
    name: 't_reset_fr',
    args: [],
    routes: REQUEST_SIDE,
    run: (ctx, _args, params) => {
      const timing = configOf(params).timing;
      return setTimeouts(ctx, params, timing.frInv, timing.fr);
    },
  }),
  command({
    name: 't_set_auto_inv_100',
    args: [{ name: 'on', type: 'intpv' }],
    routes: ['request'],
    run: (ctx, [on]) => {
      armed(ctx).auto100 = (on ?? 0) !== 0;
      return 1;
    },
  }),
  command({
    name: 't_forward_nonack',
    args: [
      { name: 'host', type: 'spve' },
      { name: 'port', type: 'int' },
    ],
    routes: ['request', 'failure'],
    run: (ctx, [host, port], params) => (ctx.message.method === 'ACK' ? -1 : relay(ctx, configOf(params), { host, port })),
  }),
  ...[[], [{ name: 'mode', type: 'str' }] as const].map((args) =>
    command({
      name: 't_drop_replies',
      args,
      routes: ['failure'],
      run: (ctx, values) => {
        const tx = currentOf(ctx)?.tx;
        if (!tx) return -1;
        // "n": keep the earlier steps' replies; "a" and "l" (and no mode): drop them.
        tx.keepEarlierLegs = (values as readonly (string | undefined)[])[0] === 'n';
        return 1;
      },
    }),
  ),
];
