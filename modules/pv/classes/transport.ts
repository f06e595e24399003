// Where the message came from and arrived ($si $sp $su $Ri $Rp $pr $proto
// $RAi $RAp), the server_id ($sid), Kamailio's constants ($K), while
// onsend_route runs where the message goes ($snd, $sndto) and leaves from
// ($sndfrom), and in event_route[core:msg-received] the datagram received
// ($rcv).

import type { ExecContext, PvClassDecl, Value } from '../../api.js';
import { named, readOnly } from './define.js';
import { AF_INET, AF_INET6, addressFamily, protoId } from '../../../runtime/exec/kamailio-numbers.js';

const bracketed = (address: string): string => (address.includes(':') ? `[${address}]` : address);

/** The destination and socket of the message being sent, or null outside onsend_route. */
function sending(get: (s: NonNullable<ExecContext['sending']>) => Value): (ctx: ExecContext) => Value {
  return (ctx) => (ctx.sending ? get(ctx.sending) : null);
}

/** $snd/$sndto (the destination) or $sndfrom (our socket) of the message being sent. */
function sendingClass(name: string, side: 'to' | 'from'): PvClassDecl {
  return named(name, {
    ip: sending((s) => s[side].address),
    port: sending((s) => s[side].port),
    af: sending((s) => addressFamily(s[side].address)),
    proto: sending((s) => protoId(s.proto)),
    sproto: sending((s) => s.proto),
    buf: sending((s) => s.data.toString('latin1')),
    len: sending((s) => s.data.length),
  });
}

/** What was received, in event_route[core:msg-received] only (null elsewhere, as in Kamailio). */
function received(get: (ctx: ExecContext) => Value): (ctx: ExecContext) => Value {
  return (ctx) => (ctx.routeType === 'event' ? get(ctx) : null);
}

export const transportClasses: readonly PvClassDecl[] = [
  readOnly('si', (ctx) => ctx.source.address),
  readOnly('sp', (ctx) => ctx.source.port),
  readOnly('su', (ctx) => `sip:${bracketed(ctx.source.address)}:${ctx.source.port}${ctx.proto === 'udp' ? '' : `;transport=${ctx.proto}`}`),
  readOnly('sut', (ctx) => `sip:${bracketed(ctx.source.address)}:${ctx.source.port};transport=${ctx.proto}`),
  readOnly('Ri', (ctx) => ctx.local.socket.address),
  readOnly('Rp', (ctx) => ctx.local.socket.port),
  readOnly('pr', (ctx) => ctx.proto),
  readOnly('proto', (ctx) => ctx.proto),
  readOnly('sid', (ctx) => ctx.local.serverId ?? 0),
  named('K', {
    IPv4: () => AF_INET,
    IPv6: () => AF_INET6,
    ...Object.fromEntries(['UDP', 'TCP', 'TLS', 'SCTP', 'WS', 'WSS'].map((name) => [name, () => protoId(name)])),
  }),
  readOnly('RAi', (ctx) => ctx.advertisedAddress ?? ctx.local.socket.address),
  readOnly('RAp', (ctx) => ctx.advertisedPort ?? ctx.local.socket.port),
  sendingClass('snd', 'to'),
  sendingClass('sndto', 'to'),
  sendingClass('sndfrom', 'from'),
  named('rcv', {
    buf: received((ctx) => ctx.message.buffer.toString('latin1')),
    len: received((ctx) => ctx.message.buffer.length),
    srcip: received((ctx) => ctx.source.address),
    srcport: received((ctx) => ctx.source.port),
    rcvip: received((ctx) => ctx.local.socket.address),
    rcvport: received((ctx) => ctx.local.socket.port),
    proto: received((ctx) => protoId(ctx.proto)),
    sproto: received((ctx) => ctx.proto),
    af: received((ctx) => addressFamily(ctx.source.address)),
  }),
];
