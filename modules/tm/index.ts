// tm: stateful SIP transactions (RFC 3261 17 and 16): t_relay and its forms,
// the routes armed per transaction (t_on_failure, t_on_reply, t_on_branch),
// transaction lookups, stateful replies, the checks failure_route and
// onreply_route make, and what is kept per transaction (timeouts, lifetime,
// flags, the request's changes). Replies reach the transactions through the
// module's replyReceived hook, before the core would pass them on. Its
// pseudo-variables ($T_reply_code, ...) are tmx's, as in Kamailio.

import { command, defineModule } from '../api.js';
import type { ExecContext, Transport } from '../../runtime/exec/context.js';
import { tmApi } from './api.js';
import { tmCommands } from './commands.js';
import { defineTmCfgVars } from './cfg-vars.js';
import { configOf } from './config.js';
import { relay } from './relay.js';
import { replyReceived } from './replies.js';
import { tmRpc } from './rpc.js';
import { tmTransactionRpc } from './rpc-transactions.js';
import { settingCommands } from './transaction-settings.js';

const HOST_PORT = [
  { name: 'host', type: 'spve' },
  { name: 'port', type: 'int' },
] as const;

/** t_relay_to_udp(), t_relay_to_tcp(host, port), ...: over a given transport. */
function relayOver(proto: Transport | undefined, name: string) {
  return [
    command({ name, args: [], routes: ['request', 'failure'], run: (ctx: ExecContext, _args, params) => relay(ctx, configOf(params), { proto }) }),
    command({ name, args: HOST_PORT, routes: ['request', 'failure'], run: (ctx: ExecContext, [host, port], params) => relay(ctx, configOf(params), { host, port, proto }) }),
  ];
}

export const tm = defineModule({
  name: 'tm',
  params: [
    { name: 'fr_timer', type: 'int', default: 30000, min: 1 },
    { name: 'fr_inv_timer', type: 'int', default: 120000, min: 1 },
    { name: 'wt_timer', type: 'int', default: 5000, min: 1 },
    { name: 'retr_timer1', type: 'int', default: 500, min: 1 },
    { name: 'retr_timer2', type: 'int', default: 4000, min: 1 },
    { name: 'auto_inv_100', type: 'int', default: 1, min: 0, max: 1 },
    { name: 'auto_inv_100_reason', type: 'str', default: 'trying -- your call is important to us' },
    { name: 'failure_reply_mode', type: 'int', default: 3, min: 0, max: 3 },
    { name: 'max_inv_lifetime', type: 'int', default: 180000, min: 1 },
    { name: 'max_noninv_lifetime', type: 'int', default: 32000, min: 1 },
    { name: 'remap_503_500', type: 'int', default: 1, min: 0, max: 1 },
  ],
  commands: [...relayOver(undefined, 't_relay'), ...relayOver('udp', 't_relay_to_udp'), ...relayOver('tcp', 't_relay_to_tcp'), ...tmCommands, ...settingCommands],
  replyReceived: (module, ctx) => replyReceived(ctx, configOf(module.params).timing),
  init: (module) => defineTmCfgVars(module.params),
  statistics: [],
  rpc: [...tmRpc, ...tmTransactionRpc],
  api: tmApi,
});
