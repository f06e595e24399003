// Network I/O interception (nio_intercept): every datagram or stream message
// received, and every one about to be sent, of at least nio_min_msg_len
// bytes, runs event_route[network:msg] with $mb holding its raw bytes and
// is_incoming() telling which way it goes. What the route leaves in the
// nio_msg_avp AVP replaces the bytes (to decompress, decrypt, re-encode...);
// without it the bytes go on as they were.

import { ANY_ROUTE, command, FixupError, type CommandDecl, type ModuleInstance, type WireFilter } from '../api.js';
import { ExecContext } from '../../runtime/exec/context.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { SipMessage } from '../../runtime/sip/message.js';
import { avpParamName } from '../kit/avp-param.js';
import { FAKED_MESSAGE } from '../../runtime/exec/faked-message.js';

export const NIO_ROUTE = 'network:msg';

/** nio_msg_avp's AVP name; empty when unset; throws FixupError when it names no AVP. */
export function nioAvp(module: ModuleInstance): string {
  const text = module.params.get('nio_msg_avp') as string;
  if (text === '') return '';
  const name = avpParamName(text);
  if (name === undefined) throw new FixupError(`"${text}" is not an AVP ($avp(name))`);
  return name;
}

export function nioFilter(module: ModuleInstance): WireFilter | undefined {
  if ((module.params.get('nio_intercept') as number) === 0) return undefined;
  const minLength = module.params.get('nio_min_msg_len') as number;
  const avp = nioAvp(module);
  return (data, incoming, site) => {
    if (data.length < minLength) return data;
    // Bytes that are not SIP (compressed, encrypted) run on the faked message: only $mb means anything there.
    const parsed = SipMessage.parse(data);
    const message = isSipError(parsed) ? FAKED_MESSAGE : parsed;
    const ctx = new ExecContext(message, site.peer, site.proto, site.local, site.worker);
    ctx.routeType = 'event';
    ctx.debugLevel = site.debugLevel;
    ctx.wire = { data: data.toString('latin1'), incoming };
    if (site.worker.host.runRoute('event', NIO_ROUTE, ctx) === undefined) return data;
    site.worker.host.flush(ctx);
    const replaced = avp === '' ? null : ctx.avps.get(avp);
    return replaced === null ? data : Buffer.from(String(replaced), 'latin1');
  };
}

export const nioCommands: readonly CommandDecl[] = [
  command({ name: 'is_incoming', args: [], routes: ANY_ROUTE, run: (ctx) => (ctx.wire?.incoming ? 1 : -1) }),
];
