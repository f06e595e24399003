// The Record-Route functions: record_route (this server's socket, two
// headers when the request leaves through another socket than it came in
// on), record_route_preset (the script's addresses) and
// record_route_advertised_address (the script's address, with the sockets'
// transports when doubled). The headers go before every other header and are
// written when the request is sent, from the socket sending it; add_rr_param
// appends parameters before or after, remove_record_route takes them back.
// Parameter order is as Kamailio 5.6 writes each kind (compared with it).

import type { ExecContext } from '../../runtime/exec/context.js';
import type { SendingSocket } from '../../runtime/sip/edits.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { tagOf } from '../../runtime/sip/headers/name-addr.js';
import { isSipUri } from '../../runtime/sip/uri.js';
import { toStr } from '../../runtime/vm/values.js';
import type { ParamValues } from '../api.js';
import { avpParamName } from '../kit/avp-param.js';
import { differentRealms, receivingSocket, socketUriPart, transportParam } from './sockets.js';
import { rrState, type Recorded } from './state.js';

/** What every kind of Record-Route header shares: scheme, username, from-tag, `;lr`. */
interface Common {
  /** `Record-Route: <sip:` or `<sips:`, with `user@` when add_username is on. */
  readonly head: string;
  readonly ftag: string;
  readonly lr: string;
  /** Parameters add_rr_param gave before. */
  readonly pending: string;
  /** enable_double_rr: 0 never, 1 when the sockets differ, 2 always. */
  readonly double: number;
  readonly sockname: boolean;
}

/** The username a Record-Route carries: custom_user_avp's value, else the user of the Request-URI as received. */
function username(ctx: ExecContext, params: ParamValues): string {
  const avp = avpParamName(params.get('custom_user_avp') as string);
  const value = avp === undefined ? null : ctx.avps.get(avp);
  if (value !== null) return toStr(value);
  const uri = ctx.message.requestUri();
  return uri && !isSipError(uri) && isSipUri(uri) ? (uri.user ?? '') : '';
}

function common(ctx: ExecContext, params: ParamValues): Common {
  const uri = ctx.edits.parsedRequestUri;
  const sips = params.get('ignore_sips') === 0 && !isSipError(uri) && uri.scheme === 'sips';
  const user = params.get('add_username') !== 0 ? username(ctx, params) : '';
  const from = ctx.message.from();
  const tag = params.get('append_fromtag') !== 0 && from && !isSipError(from) ? tagOf(from) : undefined;
  return {
    head: `Record-Route: <${sips ? 'sips' : 'sip'}:${user === '' ? '' : `${user}@`}`,
    ftag: tag ? `;ftag=${tag}` : '',
    lr: params.get('enable_full_lr') !== 0 ? ';lr=on' : ';lr',
    pending: rrState(ctx).pending,
    double: params.get('enable_double_rr') as number,
    sockname: params.get('sockname_mode') !== 0,
  };
}

/** Whether the request goes out with two Record-Route headers (unknown sending socket: the receiving one). */
function doubled(c: Common, received: SendingSocket, sending: SendingSocket | undefined): boolean {
  return c.double === 2 || (c.double === 1 && sending !== undefined && differentRealms(received, sending));
}

/** Adds the headers `lines` writes (given the sending socket and the parameters appended since), unless one was added already. */
function add(ctx: ExecContext, lines: (sending: SendingSocket | undefined, added: string) => string[]): number {
  const state = rrState(ctx);
  if (state.recorded) return -1;
  const recorded: Recorded = { added: '', removed: false };
  state.recorded = recorded;
  ctx.edits.addHeaderText('first', (sending) => (recorded.removed ? '' : lines(sending, recorded.added).map((l) => `${l}\r\n`).join('')));
  return 1;
}

/** record_route([params]): this server's address on the sockets in and out. */
export function recordRoute(ctx: ExecContext, params: ParamValues, extra = ''): number {
  const c = common(ctx, params);
  const received = receivingSocket(ctx);
  return add(ctx, (sending, added) => {
    const tail = `${c.lr}${c.ftag}${extra}${c.pending}${added}>`;
    if (!doubled(c, received, sending)) return [`${c.head}${socketUriPart(received, c.sockname)}${tail}`];
    return [`${c.head}${socketUriPart(sending ?? received, c.sockname)};r2=on${tail}`, `${c.head}${socketUriPart(received, c.sockname)};r2=on${tail}`];
  });
}

/** record_route_preset(first[, second]): the addresses given, each in a header of its own. */
export function recordRoutePreset(ctx: ExecContext, params: ParamValues, addresses: readonly string[]): number {
  const c = common(ctx, params);
  return add(ctx, (_sending, added) => addresses.map((a) => `${c.head}${a}${c.ftag}${c.pending}${c.lr}${added}>`));
}

/** record_route_advertised_address(address): the address given; doubled, each header with its socket's transport. */
export function recordRouteAdvertised(ctx: ExecContext, params: ParamValues, address: string): number {
  const c = common(ctx, params);
  const received = receivingSocket(ctx);
  return add(ctx, (sending, added) => {
    const tail = `${c.ftag}${c.lr}${c.pending}${added}>`;
    if (!doubled(c, received, sending)) return [`${c.head}${address}${tail}`];
    return [(sending ?? received).proto, received.proto].map((proto) => `${c.head}${address}${transportParam(proto)};r2=on${tail}`);
  });
}

/** add_rr_param(param): appended to the Record-Route headers, those added already or the next ones. */
export function addRrParam(ctx: ExecContext, param: string): number {
  const state = rrState(ctx);
  if (state.recorded) state.recorded.added += param;
  else state.pending += param;
  return 1;
}

/** remove_record_route(): the headers added are not written (a second Record-Route function still fails). */
export function removeRecordRoute(ctx: ExecContext): number {
  const recorded = rrState(ctx).recorded;
  if (recorded) recorded.removed = true;
  return 1;
}
