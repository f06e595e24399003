// The core functions `siprc exec` runs: forwarding, logging, message flags,
// Request-URI rewriting, rport and the advertised address, TCP aliases, the branches, AVP
// flags, configuration group instances and error(). Each returns Kamailio's
// return code (> 0 true, < 0 false). A script calling a core function not listed here is
// refused before it runs (see unsupported() in run.ts).

import { buildForwardedReply, statelessBranch } from '../sip/builders.js';
import { isSipError } from '../sip/errors.js';
import { viaParam } from '../sip/headers/via.js';
import { formatUri, isSipUri, type SipUri } from '../sip/uri.js';
import { toInt, toStr, type Value } from '../vm/values.js';
import type { ExecContext, StreamUse, Transport } from './context.js';
import { nextHop, outgoingRequest, unbracket } from './next-hop.js';

type CoreFunction = (ctx: ExecContext, args: readonly Value[]) => number;

/** Replaces parts of the Request-URI (which must be a SIP URI). */
function rewrite(ctx: ExecContext, change: (uri: SipUri) => SipUri): number {
  const uri = ctx.edits.parsedRequestUri;
  if (isSipError(uri) || !isSipUri(uri)) return -1;
  ctx.edits.requestUri = formatUri(change(uri));
  return 1;
}

function hostPort(text: string): { host: string; port: number | undefined } {
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(text);
  return m ? { host: m[1]!, port: m[2] === undefined ? undefined : Number(m[2]) } : { host: text, port: undefined };
}

/** Where a reply goes when passed on: the hop its second Via names (received and rport first). */
function nextHopOfReply(ctx: ExecContext): { host: string; port: number } | undefined {
  const vias = ctx.message.vias();
  const next = vias && !isSipError(vias) ? vias[1] : undefined;
  if (!next) return undefined;
  const rport = viaParam(next, 'rport');
  return { host: viaParam(next, 'received') ?? next.host, port: rport ? Number(rport) : (next.port ?? 5060) };
}

/**
 * forward(), forward_udp(host, port), ...: a request to the given host, or to
 * $du, or to its Request-URI (with the URI's transport); a reply to the hop
 * its second Via names.
 */
function forward(ctx: ExecContext, host?: string, port?: number, forcedProto?: Transport): number {
  const m = ctx.message;
  if (!m.isRequest) return forwardReply(ctx, forcedProto);
  const hop = nextHop(ctx, ctx.edits.destination ?? ctx.edits.currentRequestUri, { host, port, proto: forcedProto });
  const out = hop && outgoingRequest(ctx, ctx.edits, hop, statelessBranch(m));
  if (!hop || !out || isSipError(out)) {
    ctx.worker.core.add('err_requests');
    return -1;
  }
  // onsend_route may drop it: forward() then returns 0 (the script goes on, as in Kamailio).
  if (!ctx.send({ to: hop.to, proto: hop.proto, data: out, from: hop.from })) return 0;
  ctx.worker.core.add('fwd_requests');
  return 1;
}

/**
 * A received reply passed on to the hop its second Via names, with the
 * script's changes: what forward() does with a reply, and what the core does
 * by default after the reply route unless the script dropped the reply.
 * `statusLine` (without CRLF) replaces the received one in the copy sent.
 */
export function forwardReply(ctx: ExecContext, proto: Transport = ctx.proto, statusLine?: string): number {
  const hop = nextHopOfReply(ctx);
  if (!hop) {
    ctx.worker.core.add('err_replies');
    return -1;
  }
  ctx.worker.core.add('fwd_replies');
  const data = buildForwardedReply(ctx.message, ctx.edits);
  ctx.sent.push({ to: { address: unbracket(hop.host), port: hop.port }, proto, data: statusLine === undefined ? data : withStatusLine(data, statusLine) });
  return 1;
}

/** A message with its first line replaced. */
function withStatusLine(message: Buffer, line: string): Buffer {
  const eol = message.indexOf('\n');
  const end = eol > 0 && message[eol - 1] === 0x0d ? eol - 1 : eol;
  return Buffer.concat([Buffer.from(line, 'latin1'), message.subarray(end)]);
}

/** The AVP a setavpflag argument names: `s:` and `i:` only say which kind of name it is. */
function avpName(arg: Value): string {
  return toStr(arg).replace(/^[si]:/, '');
}

/**
 * force_tcp_alias([port]): the stream connection the request came on is the
 * one for its source address at the port given, else its Via's port, too.
 * Always 1 (over UDP it does nothing), as in Kamailio.
 */
function tcpAlias(ctx: ExecContext, args: readonly Value[]): number {
  if (ctx.proto === 'udp' || ctx.connection === undefined) return 1;
  const via = ctx.message.via();
  const port = args[0] !== undefined ? toInt(args[0]) : via && !isSipError(via) ? (via.port ?? 5060) : 5060;
  ctx.worker.host.aliasConnection(ctx.connection, { address: ctx.source.address, port });
  return 1;
}

/** forward_udp(host[, port]) and its siblings. */
function forwardOver(proto: Transport): CoreFunction {
  return (ctx, args) => forward(ctx, toStr(args[0]!), args[1] === undefined ? undefined : toInt(args[1]), proto);
}

export const CORE_RUNTIME: ReadonlyMap<string, CoreFunction> = new Map<string, CoreFunction>([
  ['forward', (ctx, args) => (args.length === 0 ? forward(ctx) : forward(ctx, toStr(args[0]!), args[1] === undefined ? undefined : toInt(args[1])))],
  ['forward_udp', forwardOver('udp')],
  ['forward_tcp', forwardOver('tcp')],
  ['forward_tls', forwardOver('tls')],
  ['forward_sctp', forwardOver('sctp')],
  ['log', (ctx, args) => {
    if (args.length === 1) ctx.log(4, toStr(args[0]!));
    else ctx.log(toInt(args[0]!), toStr(args[1]!));
    return 1;
  }],
  // Flag names were turned into their numbers when the script was compiled.
  ['setflag', (ctx, args) => {
    ctx.flags |= 1 << toInt(args[0]!);
    return 1;
  }],
  ['resetflag', (ctx, args) => {
    ctx.flags &= ~(1 << toInt(args[0]!));
    return 1;
  }],
  ['isflagset', (ctx, args) => ((ctx.flags & (1 << toInt(args[0]!))) !== 0 ? 1 : -1)],
  // The AVP is named by a string (`"name"`, `"s:name"`, `"i:12"`), the flag by its declared name.
  ['setavpflag', (ctx, args) => {
    ctx.avps.setFlag(avpName(args[0]!), toStr(args[1]!), true);
    return 1;
  }],
  ['resetavpflag', (ctx, args) => {
    ctx.avps.setFlag(avpName(args[0]!), toStr(args[1]!), false);
    return 1;
  }],
  ['isavpflagset', (ctx, args) => (ctx.avps.hasFlag(avpName(args[0]!), toStr(args[1]!)) ? 1 : -1)],
  // An instance of a configuration group is there when the script declares it (`group[id].name = value`). Its
  // values are read only through $sel(cfg_get...), which siprc does not have: selecting it changes nothing else.
  ['cfg_select', (ctx, args) => (ctx.local.cfgInstances?.has(`${toStr(args[0]!)}[${toInt(args[1]!)}]`) ? 1 : -1)],
  ['cfg_reset', () => 1],
  ['set_reply_no_connect', (ctx) => streamUse(ctx, 'replyNoConnect')],
  ['set_reply_close', (ctx) => streamUse(ctx, 'replyClose')],
  ['set_forward_no_connect', (ctx) => streamUse(ctx, 'forwardNoConnect')],
  ['set_forward_close', (ctx) => streamUse(ctx, 'forwardClose')],
  ['force_rport', (ctx) => {
    ctx.forceRport = true;
    return 1;
  }],
  ['add_local_rport', (ctx) => {
    ctx.localRport = true;
    return 1;
  }],
  ['set_advertised_address', (ctx, args) => {
    ctx.advertisedAddress = toStr(args[0]!);
    return 1;
  }],
  ['set_advertised_port', (ctx, args) => {
    ctx.advertisedPort = toInt(args[0]!);
    return 1;
  }],
  ['force_tcp_alias', tcpAlias],
  ['add_tcp_alias', tcpAlias],
  ['force_send_socket', (ctx, args) => {
    const m = /^(?:(udp|tcp|tls|sctp|ws|wss):)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/i.exec(toStr(args[0]!));
    if (!m) return -1;
    ctx.sendSocket = { address: unbracket(m[2]!), port: m[3] === undefined ? 5060 : Number(m[3]), proto: m[1]?.toLowerCase() as Transport | undefined };
    return 1;
  }],
  ['revert_uri', (ctx) => {
    ctx.edits.requestUri = undefined;
    return 1;
  }],
  ['userphone', (ctx) => rewrite(ctx, (u) => (u.params.some((p) => p.name.toLowerCase() === 'user') ? u : { ...u, params: [...u.params, { name: 'user', value: 'phone' }] }))],
  ['rewriteuserpass', (ctx, args) => {
    const [user, password] = toStr(args[0]!).split(/:(.*)/s);
    return rewrite(ctx, (u) => ({ ...u, user: user!, password: password === undefined ? undefined : password }));
  }],
  ['rewritehost', (ctx, args) => rewrite(ctx, (u) => ({ ...u, host: toStr(args[0]!) }))],
  ['rewritehostport', (ctx, args) => rewrite(ctx, (u) => ({ ...u, ...hostPort(toStr(args[0]!)) }))],
  // The text replaces host, port and transport: it is written as given, the URI's other parameters after it.
  ['rewritehostporttrans', (ctx, args) => rewrite(ctx, (u) => ({ ...u, host: toStr(args[0]!), port: undefined, params: u.params.filter((p) => p.name.toLowerCase() !== 'transport') }))],
  ['rewriteuser', (ctx, args) => rewrite(ctx, (u) => ({ ...u, user: toStr(args[0]!) }))],
  ['rewriteport', (ctx, args) => rewrite(ctx, (u) => ({ ...u, port: toInt(args[0]!) }))],
  ['rewriteuri', (ctx, args) => {
    ctx.edits.requestUri = toStr(args[0]!);
    return 1;
  }],
  ['prefix', (ctx, args) => rewrite(ctx, (u) => ({ ...u, user: toStr(args[0]!) + (u.user ?? '') }))],
  ['strip', (ctx, args) => rewrite(ctx, (u) => ({ ...u, user: (u.user ?? '').slice(toInt(args[0]!)) }))],
  ['strip_tail', (ctx, args) => rewrite(ctx, (u) => ({ ...u, user: (u.user ?? '').slice(0, Math.max(0, (u.user ?? '').length - toInt(args[0]!))) }))],
  // Kamailio 5.6 only logs that error() is not implemented, at NOTICE.
  ['error', (ctx, args) => {
    ctx.log(1, `error("${toStr(args[0]!)}", "${toStr(args[1]!)}") not implemented yet`);
    return 1;
  }],
  // The branch at an index (the first when none is given); an index with no branch changes nothing. Always 1.
  ['remove_branch', (ctx, args) => {
    const index = args.length === 0 ? 0 : toInt(args[0]!);
    if (index >= 0 && index < ctx.branches.length) ctx.branches.splice(index, 1);
    return 1;
  }],
  ['clear_branches', (ctx) => {
    ctx.branches.length = 0;
    return 1;
  }],
]);

/** Kamailio's other spellings of the same functions. */
const ALIASES: ReadonlyArray<[string, string]> = [
  ['add_rport', 'force_rport'], ['setuserpass', 'rewriteuserpass'], ['setup', 'rewriteuserpass'],
  ['sethost', 'rewritehost'], ['seth', 'rewritehost'], ['sethostport', 'rewritehostport'], ['sethp', 'rewritehostport'],
  ['setuser', 'rewriteuser'], ['setu', 'rewriteuser'], ['setport', 'rewriteport'], ['setp', 'rewriteport'], ['seturi', 'rewriteuri'],
  ['sethostporttrans', 'rewritehostporttrans'], ['sethpt', 'rewritehostporttrans'],
];

/** Every core function by each of its names. */
const BY_ANY_NAME: ReadonlyMap<string, CoreFunction> = new Map([...CORE_RUNTIME, ...ALIASES.map(([alias, name]): [string, CoreFunction] => [alias, CORE_RUNTIME.get(name)!])]);

/** The implementation of a core function by any of its names. */
export function coreFunction(name: string): CoreFunction | undefined {
  return BY_ANY_NAME.get(name);
}

/** set_reply_no_connect and its kin: how stream connections are used for what this message causes to be sent. */
function streamUse(ctx: ExecContext, what: keyof StreamUse): number {
  ctx.streamUse = { ...ctx.streamUse, [what]: true };
  return 1;
}
