// siputils' cmp_uri, cmp_aor (-2 when either does not parse) and
// cmp_hdr_name, by Kamailio 5.6's rules rather than RFC 3261's: see sameUri
// and aor.

import { command, type CommandDecl } from '../api.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { headerKey } from '../../runtime/sip/header-names.js';
import { isSipUri, isTelUri, parseKamailioUri, type Uri, type UriParam } from '../../runtime/sip/uri.js';
import { ANY } from './routes.js';

const paramsOf = (uri: Uri): readonly UriParam[] => ('params' in uri ? uri.params : []);

/** The last parameter of the name (any case), as Kamailio finds it. */
const lastNamed = (params: readonly UriParam[], name: string): UriParam | undefined => params.findLast((p) => p.name.toLowerCase() === name);

/** Parameters one URI may only have when the other, without parameters, cannot contradict it. */
const ONLY_WITH_PARAMS = ['ttl', 'method', 'maddr', 'user'];

function sameParams(a: Uri, b: Uri): boolean {
  const pa = paramsOf(a);
  const pb = paramsOf(b);
  if ((lastNamed(pa, 'user')?.value ?? '') !== (lastNamed(pb, 'user')?.value ?? '')) return false;
  if (pa.length === 0 || pb.length === 0) {
    const other = pa.length === 0 ? pb : pa;
    return !other.some((p) => ONLY_WITH_PARAMS.includes(p.name.toLowerCase()));
  }
  return pa.every((p) => {
    const match = lastNamed(pb, p.name.toLowerCase());
    return !match || ((match.value === undefined) === (p.value === undefined) && (match.value ?? '').toLowerCase() === (p.value ?? '').toLowerCase());
  });
}

/** The parts compared before the parameters: scheme, user, password, host (lower case) and port. */
function identity(uri: Uri): string[] {
  if (isSipUri(uri)) return [uri.scheme, uri.user ?? '', uri.password ?? '', uri.host.toLowerCase(), String(uri.port ?? '')];
  if (isTelUri(uri)) return [uri.scheme, uri.number];
  return [uri.scheme, (uri as { rest: string }).rest];
}

function compareUris(a: string, b: string, same: (x: Uri, y: Uri) => boolean): number {
  const x = parseKamailioUri(a);
  const y = parseKamailioUri(b);
  if (isSipError(x) || isSipError(y)) return -2;
  return same(x, y) ? 1 : -1;
}

/**
 * cmp_uri: user and password exactly (escapes not decoded), host in any
 * case, the port as given; the `user` parameter always, ttl, method and
 * maddr only against a URI with no parameters at all; other parameters both
 * have must agree (any case); headers are ignored.
 */
const sameUri = (x: Uri, y: Uri): boolean => identity(x).join('\u0000') === identity(y).join('\u0000') && sameParams(x, y);

/** cmp_aor: user, host (any case) and port (5060 when absent), whatever the scheme; a tel URI's number is its user. */
function aor(uri: Uri): string {
  if (isSipUri(uri)) return [uri.user ?? '', uri.host.toLowerCase(), uri.port ?? 5060].join('\u0000');
  if (isTelUri(uri)) return [uri.number, '', 5060].join('\u0000');
  return [(uri as { rest: string }).rest, '', 5060].join('\u0000');
}

/** Header names Kamailio's parser knows: two different ones compare -1, two names it does not know -2. */
const KNOWN_HEADERS = new Set(
  ('via to from cseq call-id contact max-forwards route record-route content-type content-length authorization expires ' +
    'proxy-authorization supported require proxy-require unsupported allow event accept accept-language organization ' +
    'priority subject user-agent server content-disposition diversion remote-party-id refer-to session-expires min-se ' +
    'subscription-state accept-contact allow-events content-encoding referred-by reject-contact request-disposition ' +
    'www-authenticate proxy-authenticate date identity identity-info p-asserted-identity p-preferred-identity privacy ' +
    'retry-after path reason min-expires sip-if-match call-info').split(' '),
);

function compareHeaderNames(a: string, b: string): number {
  const x = headerKey(a.trim());
  const y = headerKey(b.trim());
  if (x === '' || y === '') return -2;
  if (x === y) return 1;
  return KNOWN_HEADERS.has(x) || KNOWN_HEADERS.has(y) ? -1 : -2;
}

const STR1 = { name: 'str1', type: 'spve' } as const;
const STR2 = { name: 'str2', type: 'spve' } as const;

export const compareCommands: readonly CommandDecl[] = [
  command({ name: 'cmp_uri', args: [STR1, STR2], routes: ANY, run: (_ctx, [a, b]) => compareUris(a, b, sameUri) }),
  command({ name: 'cmp_aor', args: [STR1, STR2], routes: ANY, run: (_ctx, [a, b]) => compareUris(a, b, (x, y) => aor(x) === aor(y)) }),
  command({ name: 'cmp_hdr_name', args: [STR1, STR2], routes: ANY, run: (_ctx, [a, b]) => compareHeaderNames(a, b) }),
];
