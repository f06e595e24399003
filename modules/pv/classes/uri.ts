// The Request-URI and its parts ($ru $rU $rUl $rd $rp $rP $rz $ou $oU $oUl $od $op $oP
// $du $dd $dp $dP, and the next hop $nh): read from the URI as the script has changed it, and
// assigned by rewriting it. Unset parts read as null, as in Kamailio 5.6; a
// port not written reads as 5060 (for sips too) and a transport not written
// as UDP.

import type { ExecContext, PvClassDecl, Value } from '../../api.js';
import { isSipError } from '../../../runtime/sip/errors.js';
import { formatUri, isSipUri, parseUri, uriParam, type SipUri } from '../../../runtime/sip/uri.js';
import { named, readOnly, readWrite, textOf } from './define.js';

/** A SIP URI, or undefined when the text is not one. */
export function sipUri(text: string | undefined): SipUri | undefined {
  if (text === undefined) return undefined;
  const uri = parseUri(text);
  return isSipError(uri) || !isSipUri(uri) ? undefined : uri;
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

function part(text: (ctx: ExecContext) => string | undefined, get: (u: SipUri) => Value): (ctx: ExecContext) => Value {
  return (ctx) => {
    const u = sipUri(text(ctx));
    return u ? get(u) : null;
  };
}

const requestUri = (ctx: ExecContext): string => ctx.edits.currentRequestUri;
const originalUri = (ctx: ExecContext): string => ctx.message.requestUriText;
const destination = (ctx: ExecContext): string | undefined => ctx.edits.destination;

/** Changes one part of the Request-URI; a value that does not make a SIP URI is ignored, as Kamailio refuses it. */
function rewrite(change: (u: SipUri, text: string) => SipUri | undefined): (ctx: ExecContext, value: Value) => void {
  return (ctx, value) => {
    const u = sipUri(requestUri(ctx));
    const text = textOf(value);
    if (!u || text === null) return;
    const changed = change(u, text);
    if (changed) ctx.edits.requestUri = formatUri(changed);
  };
}

/** The next hop: $du when set, else the Request-URI. */
const nextHop = (ctx: ExecContext): string => ctx.edits.destination ?? requestUri(ctx);

export const uriClasses: readonly PvClassDecl[] = [
  named('nh', {
    u: nextHop,
    U: part(nextHop, URI_PARTS.user),
    d: part(nextHop, URI_PARTS.host),
    p: part(nextHop, URI_PARTS.port),
    P: part(nextHop, URI_PARTS.transport),
  }),
  readWrite('ru', requestUri, (ctx, value) => {
    const text = textOf(value);
    if (text !== null && sipUri(text)) ctx.edits.requestUri = text;
  }),
  readWrite(
    'rU',
    part(requestUri, URI_PARTS.user),
    rewrite((u, user) => ({ ...u, user: user === '' ? undefined : user, password: user === '' ? undefined : u.password })),
  ),
  readWrite('rd', part(requestUri, URI_PARTS.host), rewrite((u, host) => (host ? { ...u, host } : undefined))),
  readWrite(
    'rp',
    part(requestUri, URI_PARTS.port),
    rewrite((u, port) => (/^\d{0,5}$/.test(port) && Number(port) <= 65535 ? { ...u, port: port === '' ? undefined : Number(port) } : undefined)),
  ),
  readOnly('rUl', part(requestUri, URI_PARTS.userLength)),
  readOnly('rP', part(requestUri, URI_PARTS.transport)),
  readOnly('rz', part(requestUri, URI_PARTS.scheme)),
  readOnly('ou', originalUri),
  readOnly('oU', part(originalUri, URI_PARTS.user)),
  readOnly('oUl', part(originalUri, URI_PARTS.userLength)),
  readOnly('od', part(originalUri, URI_PARTS.host)),
  readOnly('op', part(originalUri, URI_PARTS.port)),
  readOnly('oP', part(originalUri, URI_PARTS.transport)),
  readWrite(
    'du',
    (ctx) => ctx.edits.destination ?? null,
    (ctx, value) => {
      const text = textOf(value);
      if (text === null || text === '') ctx.edits.destination = undefined;
      else if (sipUri(text)) ctx.edits.destination = text;
    },
  ),
  readOnly('dd', part(destination, URI_PARTS.host)),
  readOnly('dp', part(destination, URI_PARTS.port)),
  readOnly('dP', part(destination, URI_PARTS.transport)),
];
