// kex's other core extensions: the destination URI ($du) set, reset and
// tested; pv_printf (a string with variables into a writable variable);
// is_myself (a URI or host against this server's sockets and aliases); and
// the per-process log level (setdebug, resetdebug). Behaviour checked against
// Kamailio 5.6: setdsturi expands variables and takes any text.

import { ANY_ROUTE, command, type CommandDecl, type ExecContext } from '../api.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { isSipUri, parseUri, uriParam } from '../../runtime/sip/uri.js';
import type { Transport } from '../../runtime/exec/context.js';

const TRANSPORTS = new Set<string>(['udp', 'tcp', 'tls', 'sctp', 'ws', 'wss']);

/** is_myself: a sip:/sips: URI is matched by host, port (when it has one) and transport (when it names one); other text as a host. */
function isMyself(ctx: ExecContext, text: string): number {
  if (!/^sips?:/.test(text) || text.length <= 4) return ctx.isMyself(text, undefined) ? 1 : -1;
  const uri = parseUri(text);
  if (isSipError(uri) || !isSipUri(uri)) return -1;
  const transport = uriParam(uri, 'transport')?.toLowerCase();
  const proto = transport !== undefined && TRANSPORTS.has(transport) ? (transport as Transport) : undefined;
  return ctx.isMyself(uri.host, uri.port, proto) ? 1 : -1;
}

/** Where setdebug keeps the level the run started with, for resetdebug. */
const SCRIPT_DEBUG = 'kex.debug';

function setDebug(ctx: ExecContext, level: number | undefined): number {
  if (level === undefined) return -1;
  if (!ctx.state.has(SCRIPT_DEBUG)) ctx.state.set(SCRIPT_DEBUG, ctx.debugLevel);
  ctx.debugLevel = level;
  return 1;
}

function resetDebug(ctx: ExecContext): number {
  const level = ctx.state.get(SCRIPT_DEBUG) as number | undefined;
  if (level !== undefined) ctx.debugLevel = level;
  return 1;
}

export const coreCommands: readonly CommandDecl[] = [
  command({
    name: 'setdsturi',
    args: [{ name: 'uri', type: 'spve' }],
    routes: ANY_ROUTE,
    run: (ctx, [uri]) => {
      ctx.edits.destination = uri === '' ? undefined : uri;
      return 1;
    },
  }),
  command({
    name: 'resetdsturi',
    args: [],
    routes: ANY_ROUTE,
    run: (ctx) => {
      ctx.edits.destination = undefined;
      return 1;
    },
  }),
  command({ name: 'isdsturiset', args: [], routes: ANY_ROUTE, run: (ctx) => (ctx.edits.destination ? 1 : -1) }),
  ...['pv_printf', 'avp_printf'].map((name) =>
    command({
      name,
      args: [{ name: 'var', type: 'pvar-writable' }, { name: 'str', type: 'spve' }],
      routes: ANY_ROUTE,
      run: (ctx, [variable, text]) => {
        variable.set!(ctx, text);
        return 1;
      },
    }),
  ),
  command({ name: 'is_myself', args: [{ name: 'uri', type: 'spve' }], routes: ANY_ROUTE, run: (ctx, [uri]) => isMyself(ctx, uri) }),
  command({ name: 'setdebug', args: [{ name: 'level', type: 'intpv' }], routes: ANY_ROUTE, run: (ctx, [level]) => setDebug(ctx, level) }),
  command({ name: 'resetdebug', args: [], routes: ANY_ROUTE, run: resetDebug }),
];
