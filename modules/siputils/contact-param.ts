// siputils' contact_param_encode / _decode / _decode_ruri / _rm: a Contact
// URI travels as the server's address with a parameter holding the original
// URI in unpadded Base64URL, `<sip:1.2.3.4;pname=c2lwOmJvYkAxMC4wLjAuMQ>`.
// Return codes and which Contact lines each rewrites as in Kamailio 5.6.

import { command, type CommandDecl, type ExecContext } from '../api.js';
import { isSipError } from '../../runtime/sip/errors.js';
import type { NameAddr } from '../../runtime/sip/headers/name-addr.js';
import { formatUri, parseKamailioUri, uriParam, type SipUri, type TelUri } from '../../runtime/sip/uri.js';
import { contactLines, parseContactLine, rewriteContactLine, type UriChange } from './contacts.js';
import { REQUEST, REQUEST_REPLY } from './routes.js';

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;
const CANNOT_DECODE = -1;

/** A URI with parameters (sip, sips, tel), or undefined. */
function withParams(text: string): SipUri | TelUri | undefined {
  const uri = parseKamailioUri(text);
  return !isSipError(uri) && 'params' in uri ? uri : undefined;
}

/** The URI the parameter `pname` of `text` holds: undefined when it has none (or none with a value), CANNOT_DECODE when not Base64URL. */
function decodedParam(text: string, pname: string): string | number | undefined {
  const uri = withParams(text);
  const value = uri && uriParam(uri, pname);
  if (!value) return undefined;
  return BASE64URL.test(value) ? Buffer.from(value, 'base64url').toString('latin1') : CANNOT_DECODE;
}

/** Decoding and removing: every Contact line through `change` (none when one does not parse); a value that is not Base64URL stops it (-1). */
function rewriteAllContacts(ctx: ExecContext, change: UriChange): number {
  const lines = contactLines(ctx, true);
  if (lines.some((line) => parseContactLine(ctx, line) === undefined)) return 1;
  for (const line of lines) {
    const code = rewriteContactLine(ctx, line, change);
    if (code !== 1) return code;
  }
  return 1;
}

/** contact_param_encode: the first Contact line only (-4 when it does not parse, 1 without one). */
function encodeFirstContact(ctx: ExecContext, pname: string, saddr: string): number {
  const [first] = contactLines(ctx, false);
  if (first === undefined) return 1;
  return rewriteContactLine(ctx, first, (contact: NameAddr) => {
    const encoded = `${saddr};${pname}=${Buffer.from(contact.uriText, 'latin1').toString('base64url')}`;
    return contact.bracketed ? encoded : `<${encoded}>`;
  });
}

/** contact_param_rm: the URI without the parameter (any case; its last occurrence), undefined when it has none. */
function withoutParam(text: string, pname: string): string | undefined {
  const uri = withParams(text);
  const lower = pname.toLowerCase();
  const last = uri ? uri.params.findLastIndex((p) => p.name.toLowerCase() === lower) : -1;
  return last < 0 ? undefined : formatUri({ ...uri!, params: uri!.params.filter((_, i) => i !== last) });
}

function decodeRequestUri(ctx: ExecContext, pname: string): number {
  const decoded = decodedParam(ctx.edits.currentRequestUri, pname);
  if (typeof decoded === 'number') return decoded;
  if (decoded !== undefined) ctx.edits.requestUri = decoded;
  return 1;
}

const PNAME = { name: 'pname', type: 'spve' } as const;

export const contactParamCommands: readonly CommandDecl[] = [
  command({ name: 'contact_param_encode', args: [PNAME, { name: 'saddr', type: 'spve' }], routes: REQUEST_REPLY, run: (ctx, [pname, saddr]) => encodeFirstContact(ctx, pname, saddr) }),
  command({ name: 'contact_param_decode', args: [PNAME], routes: REQUEST_REPLY, run: (ctx, [pname]) => rewriteAllContacts(ctx, (c) => decodedParam(c.uriText, pname)) }),
  command({ name: 'contact_param_decode_ruri', args: [PNAME], routes: REQUEST, run: (ctx, [pname]) => decodeRequestUri(ctx, pname) }),
  command({ name: 'contact_param_rm', args: [PNAME], routes: REQUEST_REPLY, run: (ctx, [pname]) => rewriteAllContacts(ctx, (c) => withoutParam(c.uriText, pname)) }),
];
