// The socket a contact is reached through, as registrar stores it
// (`proto:ip:port`): the one the REGISTER arrived on (its advertised
// address with sock_mode 1), or the one a header names when sock_flag is
// set (a replicated registrar), or $xavp(<xavp_cfg>=>socket); and
// add_sock_hdr, which writes the arrival socket into such a header.

import type { ExecContext } from '../api.js';
import { cfgValue } from './contact-values.js';
import type { Settings } from './settings.js';

/** The socket the message arrived on, `proto:ip:port` (the advertised address and port with `advertised`). */
export function arrivalSocket(ctx: ExecContext, advertised = false): string {
  const sock = ctx.local.socket;
  const listen = ctx.local.sockets?.find((l) => l.address === sock.address && l.port === sock.port && (l.proto === undefined || l.proto === ctx.proto));
  const address = advertised && listen?.advertise ? listen.advertise.address : sock.address;
  const port = advertised && listen?.advertise?.port !== undefined ? listen.advertise.port : sock.port;
  const host = address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
  return `${ctx.proto}:${host}:${port}`;
}

export function socketOf(ctx: ExecContext, s: Settings): string {
  const forced = cfgValue(ctx, s, 'socket');
  if (forced !== undefined && String(forced) !== '') return String(forced);
  if (s.sockFlag >= 0 && ctx.flags & (1 << s.sockFlag)) {
    const value = ctx.message.header(s.sockHdrName)?.trim();
    if (value) return value;
  }
  return arrivalSocket(ctx, s.sockMode === 1);
}

/** add_sock_hdr(name): a header with the arrival socket, added to the request. */
export function addSockHeader(ctx: ExecContext, name: string): number {
  if (!ctx.message.isRequest || name.trim() === '') return -1;
  ctx.edits.appendHeader(`${name.trim()}: ${arrivalSocket(ctx)}\r\n`);
  return 1;
}
