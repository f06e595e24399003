// The Request-URI and its parts ($ru $rU $rUl $rd $rp $rP $rz $ou $oU $oUl $od $op $oP
// $du $dd $dp $dP, and the next hop $nh): read from the URI as the script has changed it, and
// assigned by rewriting it. Unset parts read as null, as in Kamailio 5.6; a
// port not written reads as 5060 (for sips too) and a transport not written
// as UDP.

import type { ExecContext, PvClassDecl, Value } from '../../api.js';
import { isSipError, type SipError } from '../../../runtime/sip/errors.js';
import { formatUri, isSipUri, parseUri, uriParam, type SipUri, type Uri } from '../../../runtime/sip/uri.js';
import { named, readOnly, readWrite, textOf } from './define.js';

/** A parsed URI when it is a SIP URI, else undefined. */
function asSipUri(uri: Uri | SipError | undefined): SipUri | undefined {
  return uri === undefined || isSipError(uri) || !isSipUri(uri) ? undefined : uri;
}

/** A SIP URI, or undefined when the text is not one. */
export function sipUri(text: string | undefined): SipUri | undefined {
  return text === undefined ? undefined : asSipUri(parseUri(text));
}

/** The parts of a URI the classes read: a function per part. */
export const URI_PARTS = {
  user: (u: SipUri): Value => u.user ?? null,
  userLength: (u: SipUri): Value => u.user?.length ?? 0,
  host: (u: SipUri): Value => u.host,
  port: (u: SipUri): Value => u.port ?? 5060,
  transport: (u: SipUri): Value => uriParam(u, 'transport') ?? 'UDP',
  scheme: (u: SipUri): Value => u.scheme,
} as const;

function part(uri: (ctx: ExecContext) => Uri | SipError | undefined, get: (u: SipUri) => Value): (ctx: ExecContext) => Value {
  return (ctx) => {
    const u = asSipUri(uri(ctx));
    return u ? get(u) : null;
  };
}

const requestUri = (ctx: ExecContext): string => ctx.edits.currentRequestUri;
const originalUri = (ctx: ExecContext): string => ctx.message.requestUriText;

/** The URIs parsed: the Request-URI and the message's own are kept parsed for the message. */
const parsedRequestUri = (ctx: ExecContext): Uri | SipError => ctx.edits.parsedRequestUri;
const parsedOriginalUri = (ctx: ExecContext): Uri | SipError | undefined => ctx.message.requestUri();
const parsedDestination = (ctx: ExecContext): Uri | SipError | undefined => (ctx.edits.destination === undefined ? undefined : parseUri(ctx.edits.destination));

/** Changes one part of the Request-URI; a value that does not make a SIP URI is ignored, as Kamailio refuses it. */
function rewrite(change: (u: SipUri, text: string) => SipUri | undefined): (ctx: ExecContext, value: Value) => void {
  return (ctx, value) => {
    const u = asSipUri(ctx.edits.parsedRequestUri);
    const text = textOf(value);
    if (!u || text === null) return;
    const changed = change(u, text);
    if (changed) ctx.edits.requestUri = formatUri(changed);
  };
}

/** The next hop: $du when set, else the Request-URI. */
const nextHop = (ctx: ExecContext): string => ctx.edits.destination ?? requestUri(ctx);
const parsedNextHop = (ctx: ExecContext): Uri | SipError | undefined => (ctx.edits.destination === undefined ? ctx.edits.parsedRequestUri : parsedDestination(ctx));

export const uriClasses: readonly PvClassDecl[] = [
  named('nh', {
    u: nextHop,
    U: part(parsedNextHop, URI_PARTS.user),
    d: part(parsedNextHop, URI_PARTS.host),
    p: part(parsedNextHop, URI_PARTS.port),
    P: part(parsedNextHop, URI_PARTS.transport),
  }),
  readWrite('ru', requestUri, (ctx, value) => {
    const text = textOf(value);
    if (text !== null && sipUri(text)) ctx.edits.requestUri = text;
  }),
  readWrite(
    'rU',
    part(parsedRequestUri, URI_PARTS.user),
    rewrite((u, user) => ({ ...u, user: user === '' ? undefined : user, password: user === '' ? undefined : u.password })),
  ),
  readWrite('rd', part(parsedRequestUri, URI_PARTS.host), rewrite((u, host) => (host ? { ...u, host } : undefined))),
  readWrite(
    'rp',
    part(parsedRequestUri, URI_PARTS.port),
    rewrite((u, port) => (/^\d{0,5}$/.test(port) && Number(port) <= 65535 ? { ...u, port: port === '' ? undefined : Number(port) } : undefined)),
  ),
  readOnly('rUl', part(parsedRequestUri, URI_PARTS.userLength)),
  readOnly('rP', part(parsedRequestUri, URI_PARTS.transport)),
  readOnly('rz', part(parsedRequestUri, URI_PARTS.scheme)),
  readOnly('ou', originalUri),
  readOnly('oU', part(parsedOriginalUri, URI_PARTS.user)),
  readOnly('oUl', part(parsedOriginalUri, URI_PARTS.userLength)),
  readOnly('od', part(parsedOriginalUri, URI_PARTS.host)),
  readOnly('op', part(parsedOriginalUri, URI_PARTS.port)),
  readOnly('oP', part(parsedOriginalUri, URI_PARTS.transport)),
  readWrite(
    'du',
    (ctx) => ctx.edits.destination ?? null,
    (ctx, value) => {
      const text = textOf(value);
      if (text === null || text === '') ctx.edits.destination = undefined;
      else if (sipUri(text)) ctx.edits.destination = text;
    },
  ),
  readOnly('dd', part(parsedDestination, URI_PARTS.host)),
  readOnly('dp', part(parsedDestination, URI_PARTS.port)),
  readOnly('dP', part(parsedDestination, URI_PARTS.transport)),
];
