// Where the message came from and arrived ($si $sp $su $sut $sas $Ri $Rp $Ru
// $Rut $Rn $pr $proto $RAi $RAp $RAu $RAut $conid), the socket force_send_socket
// chose ($fs $fsn), the server_id ($sid), Kamailio's constants ($K), while
// onsend_route runs where the message goes ($snd, $sndto) and leaves from
// ($sndfrom), and in event_route[core:msg-received] the datagram received
// ($rcv).

import type { ExecContext, PvClassDecl, Value } from '../../api.js';
import type { ListenSocket } from '../../../runtime/exec/context.js';
import { named, readOnly } from './define.js';
import { AF_INET, AF_INET6, addressFamily, protoId } from '../../../runtime/exec/kamailio-numbers.js';
import { advertisedAs, socketAt } from '../../../runtime/exec/local-sockets.js';

const bracketed = (address: string): string => (address.includes(':') ? `[${address}]` : address);

/** An address as a SIP URI: with its transport parameter always, or only when it is not UDP. */
function addressUri(address: string, port: number, proto: string, transport: 'always' | 'not-udp'): string {
  return `sip:${bracketed(address)}:${port}${transport === 'always' || proto !== 'udp' ? `;transport=${proto}` : ''}`;
}

/** The listen socket the script declares at an address and port (over a protocol, when given). */
function listenSocket(ctx: ExecContext, address: string, port: number, proto?: string): ListenSocket | undefined {
  return ctx.local.sockets?.find((s) => s.address === address && s.port === port && (proto === undefined || s.proto === undefined || s.proto === proto));
}

/** The socket force_send_socket chose, with the listen socket it is (its name, its protocol when the script gave none). */
function forcedSocket(ctx: ExecContext): { readonly text: string; readonly name: string | undefined } | undefined {
  const forced = ctx.sendSocket;
  if (!forced) return undefined;
  const listen = listenSocket(ctx, forced.address, forced.port, forced.proto);
  return { text: `${forced.proto ?? listen?.proto ?? 'udp'}:${bracketed(forced.address)}:${forced.port}`, name: listen?.name };
}

const advertised = (ctx: ExecContext): [string, number] => {
  const { address, port } = advertisedAs(ctx, socketAt(ctx, { proto: ctx.proto, host: ctx.local.socket.address, port: ctx.local.socket.port }) ?? ctx.local.socket);
  return [address, port];
};

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
  readOnly('su', (ctx) => addressUri(ctx.source.address, ctx.source.port, ctx.proto, 'not-udp')),
  readOnly('sut', (ctx) => addressUri(ctx.source.address, ctx.source.port, ctx.proto, 'always')),
  readOnly('sas', (ctx) => `${ctx.proto}:${bracketed(ctx.source.address)}:${ctx.source.port}`),
  readOnly('Ru', (ctx) => addressUri(ctx.local.socket.address, ctx.local.socket.port, ctx.proto, 'not-udp')),
  readOnly('Rut', (ctx) => addressUri(ctx.local.socket.address, ctx.local.socket.port, ctx.proto, 'always')),
  readOnly('Rn', (ctx) => listenSocket(ctx, ctx.local.socket.address, ctx.local.socket.port, ctx.proto)?.name ?? null),
  readOnly('RAu', (ctx) => addressUri(...advertised(ctx), ctx.proto, 'not-udp')),
  readOnly('RAut', (ctx) => addressUri(...advertised(ctx), ctx.proto, 'always')),
  readOnly('fs', (ctx) => forcedSocket(ctx)?.text ?? null),
  readOnly('fsn', (ctx) => forcedSocket(ctx)?.name ?? null),
  readOnly('conid', (ctx) => ctx.connection ?? null),
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
  readOnly('RAi', (ctx) => advertised(ctx)[0]),
  readOnly('RAp', (ctx) => advertised(ctx)[1]),
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
