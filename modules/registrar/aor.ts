// The address-of-record a URI names, as registrar keys usrloc with it: the
// user part unescaped, with the host (realm_prefix stripped) when usrloc's
// use_domain is on; lower case unless case_sensitive.

import { isSipError } from '../../runtime/sip/errors.js';
import { isSipUri, isTelUri, parseUri } from '../../runtime/sip/uri.js';

export interface AorOptions {
  readonly useDomain: boolean;
  readonly caseSensitive: boolean;
  readonly realmPrefix: string;
}

/** %XX escapes decoded (latin1, byte for byte); undefined for a broken escape. */
function unescapeUser(user: string): string | undefined {
  if (!user.includes('%')) return user;
  let out = '';
  for (let i = 0; i < user.length; i++) {
    if (user[i] !== '%') {
      out += user[i];
      continue;
    }
    const hex = user.slice(i + 1, i + 3);
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return undefined;
    out += String.fromCharCode(parseInt(hex, 16));
    i += 2;
  }
  return out;
}

/** The AOR of a URI, or 'parse' when it is not a SIP or tel URI. */
export function aorOf(uriText: string, o: AorOptions): string | 'parse' {
  const uri = parseUri(uriText.trim());
  if (isSipError(uri)) return 'parse';
  let user: string | undefined;
  let host = '';
  if (isSipUri(uri)) {
    user = uri.user === undefined ? undefined : unescapeUser(uri.user);
    if (uri.user !== undefined && user === undefined) return 'parse';
    host = uri.host.toLowerCase();
    if (o.realmPrefix !== '' && host.length > o.realmPrefix.length && host.startsWith(o.realmPrefix.toLowerCase())) host = host.slice(o.realmPrefix.length);
  } else if (isTelUri(uri)) user = uri.number;
  else return 'parse';
  // A URI without a user part is the AOR "" (without use_domain) or its host, as Kamailio keys it.
  let aor = o.useDomain ? (user ? `${user}@${host}` : host) : (user ?? '');
  if (!o.caseSensitive) aor = aor.toLowerCase();
  return aor;
}
