// siputils' encode_contact / decode_contact / decode_contact_header: a
// Contact URI `sip:user:password@ip:port;transport=proto` travels as
// `sip:prefix*user*password*ip*port*proto@hostpart` (`*`: the first character
// of contact_flds_separator), its other parameters dropped; Kamailio 5.6's
// return codes.

import { command, type CommandDecl, type ExecContext, type ParamValues } from '../api.js';
import { isSipError } from '../../runtime/sip/errors.js';
import type { NameAddr } from '../../runtime/sip/headers/name-addr.js';
import { isSipUri, isTelUri, parseKamailioUri, uriParam } from '../../runtime/sip/uri.js';
import { contactLines, rewriteContactLine } from './contacts.js';
import { REQUEST, REQUEST_FAILURE_REPLY, REQUEST_REPLY } from './routes.js';

/** Return codes as Kamailio gives them (a Contact that does not parse: contacts.ts). */
const NO_CONTACT = -1;
const CANNOT_ENCODE = -25;

function separatorOf(params: ParamValues): string {
  return (params.get('contact_flds_separator') as string).charAt(0) || '*';
}

/** The encoded form of one Contact URI, or CANNOT_ENCODE. */
function encodeUri(contact: NameAddr, prefix: string, hostpart: string, sep: string): string | number {
  const uri = parseKamailioUri(contact.uriText);
  if (isSipError(uri)) return CANNOT_ENCODE;
  let fields: string[];
  if (isSipUri(uri)) fields = [uri.user ?? '', uri.password ?? '', uri.host, uri.port === undefined ? '' : String(uri.port), uriParam(uri, 'transport') ?? ''];
  else if (isTelUri(uri)) fields = [uri.number, '', '', '', ''];
  else return CANNOT_ENCODE;
  return `${uri.scheme}:${[prefix, ...fields].join(sep)}@${hostpart}`;
}

/**
 * The URI an encoded one stands for, or the error code: -23 without `@`,
 * -24 with too many fields, -26 with too few, -2 without an address, -3
 * with a password but no user.
 */
function decodeUri(text: string, sep: string): string | number {
  const colon = text.indexOf(':');
  const at = text.indexOf('@', colon + 1);
  if (colon < 0 || at < 0) return -23;
  const fields = text.slice(colon + 1, at).split(sep);
  if (fields.length > 6) return -24;
  if (fields.length < 6) return -26;
  const [, user, password, ip, port, proto] = fields as [string, string, string, string, string, string];
  if (ip === '') return -2;
  if (user === '' && password !== '') return -3;
  const after = text.slice(at + 1);
  const tail = after.search(/[;?]/);
  const userinfo = user === '' ? '' : `${user}${password === '' ? '' : `:${password}`}@`;
  return `${text.slice(0, colon)}:${userinfo}${ip}${port === '' ? '' : `:${port}`}${proto === '' ? '' : `;transport=${proto}`}${tail < 0 ? '' : after.slice(tail)}`;
}

/** Rewrites the URIs of the first Contact line (the only one Kamailio rewrites) with `change`. */
function rewriteFirstContact(ctx: ExecContext, change: (contact: NameAddr) => string | number): number {
  const [first] = contactLines(ctx, false);
  return first === undefined ? NO_CONTACT : rewriteContactLine(ctx, first, change);
}

function decodeRequestUri(ctx: ExecContext, sep: string): number {
  const decoded = decodeUri(ctx.edits.currentRequestUri, sep);
  if (typeof decoded === 'number') return decoded;
  ctx.edits.requestUri = decoded;
  return 1;
}

export const contactEncodeCommands: readonly CommandDecl[] = [
  command({
    name: 'encode_contact',
    args: [{ name: 'encoding_prefix', type: 'str' }, { name: 'hostpart', type: 'str' }],
    routes: REQUEST_REPLY,
    run: (ctx, [prefix, hostpart], params) => rewriteFirstContact(ctx, (c) => encodeUri(c, prefix, hostpart, separatorOf(params))),
  }),
  command({ name: 'decode_contact', args: [], routes: REQUEST, run: (ctx, _args, params) => decodeRequestUri(ctx, separatorOf(params)) }),
  command({
    name: 'decode_contact_header',
    args: [],
    routes: REQUEST_FAILURE_REPLY,
    run: (ctx, _args, params) => rewriteFirstContact(ctx, (c) => decodeUri(c.uriText, separatorOf(params))),
  }),
];
