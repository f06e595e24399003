// The numbers Kamailio gives address families, transports and methods, as
// scripts see them (`af == INET`, $snd(proto), $via0(protoid), $K(UDP),
// $rmid, xlog's methods_filter): C's AF_INET and AF_INET6, Kamailio's
// protocol ids and its method bits.

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

/** Kamailio's method ids (one bit each) by method name in upper case. */
export const METHOD_IDS: Readonly<Record<string, number>> = {
  INVITE: 1, CANCEL: 2, ACK: 4, BYE: 8, INFO: 16, REGISTER: 32, SUBSCRIBE: 64, NOTIFY: 128,
  MESSAGE: 256, OPTIONS: 512, PRACK: 1024, UPDATE: 2048, REFER: 4096, PUBLISH: 8192,
  KDMQ: 16384, GET: 32768, POST: 65536, PUT: 131072, DELETE: 262144,
};

/** The id Kamailio gives a method it does not know. */
export const METHOD_OTHER = 524288;
