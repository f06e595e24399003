// E.164 numbers as siputils checks them: `+` and 2 to 15 digits, alone or as
// the user part of a sip/sips URI (a tel URI's number does not count, as in
// Kamailio 5.6).

import { isSipError } from '../../runtime/sip/errors.js';
import { isSipUri, parseKamailioUri } from '../../runtime/sip/uri.js';

const E164 = /^\+[0-9]{2,15}$/;

export function isE164(text: string): boolean {
  return E164.test(text);
}

/** Whether `text` is a sip/sips URI whose user part is an E.164 number. */
export function uriUserIsE164(text: string): boolean {
  const uri = parseKamailioUri(text);
  return !isSipError(uri) && isSipUri(uri) && uri.user !== undefined && isE164(uri.user);
}
