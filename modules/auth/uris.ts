// The SIP URIs authentication compares: of a header's URI text, and the
// user parts of From, To and the Request-URI.

import type { ExecContext } from '../api.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { isSipUri, parseUri, type SipUri } from '../../runtime/sip/uri.js';

export function sipUriOf(text: string): SipUri | undefined {
  const uri = parseUri(text);
  return !isSipError(uri) && isSipUri(uri) ? uri : undefined;
}

/** The SIP URI of From or To; undefined when the header is missing or its URI is not a SIP URI. */
export function headerUri(ctx: ExecContext, which: 'from' | 'to'): SipUri | undefined {
  const value = which === 'from' ? ctx.message.from() : ctx.message.to();
  return value && !isSipError(value) ? sipUriOf(value.uriText) : undefined;
}

/** The Request-URI as received, when it is a SIP URI. */
export function requestUri(ctx: ExecContext): SipUri | undefined {
  return sipUriOf(ctx.message.requestUriText);
}
