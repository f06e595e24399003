// alias_subdomains: a domain whose sub-domains are all this server too
// (`myself`), given as `[proto:]domain[:port]`; a port restricts the match
// to it (5060 when a URI names none), the protocol does not restrict
// `uri == myself` (as Kamailio 5.6 matches it).

import { FixupError, type MyselfName } from '../api.js';
import type { Transport } from '../../runtime/exec/context.js';

const PROTOS = new Set(['udp', 'tcp', 'tls', 'sctp', 'ws', 'wss']);

/** One alias_subdomains value as a name of this server. */
export function parseSubdomainAlias(text: string): MyselfName {
  const parts = text.trim().split(':');
  const proto = parts.length > 1 && PROTOS.has(parts[0]!.toLowerCase()) ? (parts.shift()!.toLowerCase() as Transport) : undefined;
  const [host, port, ...rest] = parts;
  if (!host || rest.length > 0 || (port !== undefined && !/^\d{1,5}$/.test(port))) throw new FixupError(`\`${text}\` is not \`[proto:]domain[:port]\``);
  return { host, port: port === undefined ? undefined : Number(port), ...(proto ? { proto } : {}), subdomains: true };
}
