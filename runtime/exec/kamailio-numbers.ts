// The numbers Kamailio gives address families and transports, as scripts
// see them (`af == INET`, $snd(proto), $via0(protoid), $K(UDP)): C's AF_INET
// and AF_INET6, and Kamailio's protocol ids.

import { isIP } from 'node:net';

export const AF_INET = 2;
export const AF_INET6 = 10;

/** The address family number of an address (AF_INET6 for an IPv6 one). */
export function addressFamily(address: string): number {
  return isIP(address.replace(/^\[(.*)\]$/, '$1')) === 6 ? AF_INET6 : AF_INET;
}

/** Kamailio's protocol ids by transport name (any case); 0 for one it does not know. */
const PROTO_IDS: Readonly<Record<string, number>> = { udp: 1, tcp: 2, tls: 3, sctp: 4, ws: 5, wss: 6 };

export function protoId(transport: string): number {
  return PROTO_IDS[transport.toLowerCase()] ?? 0;
}
