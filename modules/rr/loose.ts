// loose_route: routing a request by its Route headers (RFC 3261 16.4 and
// 16.12), as Kamailio 5.6 does it. Route values that are this server's are
// removed (two when the first carries r2, the second naming the socket to
// send from); the next one becomes the destination URI ($du) when it is a
// loose router, or the Request-URI when it is a strict one (the Request-URI
// then saved in a Route header at the end). A request whose Request-URI is
// this server and that has a To tag comes from a strict router: the last
// Route value is the real Request-URI. Return codes, as observed on Kamailio
// 5.6: 1 routed, -1 no Route or an error, -3 an initial request whose only
// Route was ours (removed).

import type { ExecContext } from '../../runtime/exec/context.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { tagOf } from '../../runtime/sip/headers/name-addr.js';
import { isSipUri, parseUri, uriParam, type SipUri } from '../../runtime/sip/uri.js';
import type { ParamValues } from '../api.js';
import { removeBefore, removeLast, removeLine, removeUpTo, routeValues, type RouteValue } from './route-set.js';
import { socketOfRoute } from './sockets.js';
import { rrState } from './state.js';

/** loose_route found no Route header, or could not route. */
const NOT_ROUTED = -1;
/** loose_route removed the only Route of an initial request: ours (what loose_route_preloaded looks for). */
export const PRELOADED_LOCAL = -3;

function sipUri(text: string): SipUri | undefined {
  const uri = parseUri(text);
  return isSipError(uri) || !isSipUri(uri) ? undefined : uri;
}

/** Whether a URI names this server (no port: 5060; a GRUU is a user's, not ours). */
function isMyself(ctx: ExecContext, uri: SipUri): boolean {
  return uriParam(uri, 'gr') === undefined && ctx.isMyself(uri.host, uri.port ?? 5060);
}

/** Whether a Route URI of ours is the first of a double Record-Route (`r2` or `r2=on`). */
function isDouble(uri: SipUri): boolean {
  const r2 = uriParam(uri, 'r2');
  return r2 !== undefined && (r2 === '' || r2.toLowerCase() === 'on');
}

function paramsText(uri: SipUri): string {
  return uri.params.map((p) => (p.value === undefined ? `;${p.name}` : `;${p.name}=${p.value}`)).join('');
}

function forceSocket(ctx: ExecContext, uri: SipUri, params: ParamValues): void {
  const socket = socketOfRoute(ctx, uri, params.get('sockname_mode') !== 0);
  if (socket) ctx.sendSocket = socket;
}

/** The next hop is a strict router: it becomes the Request-URI, the Request-URI as received goes into a last Route. */
function toStrictRouter(ctx: ExecContext, routes: readonly RouteValue[], at: number): void {
  const next = routes[at]!;
  ctx.edits.appendHeader(`Route: <${ctx.message.requestUriText}>`);
  ctx.edits.requestUri = next.uriText;
  removeUpTo(ctx.edits, next, routes[at + 1]);
}

/** Routing by the top Route (the Request-URI is not ours, or the request is an initial one). */
function afterLoose(ctx: ExecContext, params: ParamValues, routes: readonly RouteValue[], preloaded: boolean): number {
  const edits = ctx.edits;
  let at = 0;
  let uri = sipUri(routes[0]!.uriText);
  if (!uri) return NOT_ROUTED;
  if (isMyself(ctx, uri)) {
    const state = rrState(ctx);
    state.routedParams = paramsText(uri);
    const ours = isDouble(uri) && params.get('enable_double_rr') !== 0 ? 2 : 1;
    for (; at < ours; at++) {
      const value = routes[at]!;
      if (at === 1) {
        uri = sipUri(value.uriText);
        if (!uri) return NOT_ROUTED;
        forceSocket(ctx, uri, params);
      }
      if (value.last) removeLine(edits, value);
      if (at + 1 === routes.length) return preloaded ? PRELOADED_LOCAL : 1;
    }
    if (ours === 1 && params.get('force_send_socket') !== 0) forceSocket(ctx, uri, params);
    state.nextHopFromRoute = true;
    uri = sipUri(routes[at]!.uriText);
    if (!uri) return NOT_ROUTED;
  }
  if (uriParam(uri, 'lr') === undefined) {
    toStrictRouter(ctx, routes, at);
  } else {
    edits.destination = routes[at]!.uriText;
    removeBefore(edits, routes[at]!);
  }
  return 1;
}

/** The previous hop was a strict router: the Request-URI is a Record-Route value of ours. */
function afterStrict(ctx: ExecContext, params: ParamValues, routes: readonly RouteValue[], requestUri: SipUri): number {
  const edits = ctx.edits;
  let at = 0;
  let uri = sipUri(routes[0]!.uriText);
  if (!uri) return NOT_ROUTED;
  if (params.get('enable_double_rr') !== 0 && isDouble(uri) && isMyself(ctx, uri)) {
    forceSocket(ctx, uri, params);
    if (routes[0]!.last) removeLine(edits, routes[0]!);
    if (routes.length === 1) return NOT_ROUTED;
    at = 1;
    uri = sipUri(routes[1]!.uriText);
    if (!uri) return NOT_ROUTED;
  }
  // The parameters of ours are those of the Request-URI (written without the first ';', as Kamailio keeps them).
  rrState(ctx).routedParams = paramsText(requestUri).slice(1);
  const next = routes[at]!;
  if (uriParam(uri, 'lr') === undefined) {
    edits.requestUri = next.uriText;
    removeUpTo(edits, next, routes[at + 1]);
    return 1;
  }
  edits.destination = next.uriText;
  removeBefore(edits, next);
  const last = routes.length - 1;
  edits.requestUri = routes[last]!.uriText;
  removeLast(edits, routes[last]!, routes[last - 1]);
  return 1;
}

/** loose_route(), or loose_route_mode(1) (`skipStrict`: a Request-URI of ours does not mean a strict router before). */
export function looseRoute(ctx: ExecContext, params: ParamValues, skipStrict = false): number {
  const state = rrState(ctx);
  state.routedParams = undefined;
  state.nextHopFromRoute = false;
  const routes = routeValues(ctx.message);
  if (!routes || routes.length === 0) return NOT_ROUTED;
  const requestUri = sipUri(ctx.edits.currentRequestUri);
  const to = ctx.message.to();
  if (!requestUri || !to || isSipError(to)) return NOT_ROUTED;
  const preloaded = !tagOf(to);
  if (!preloaded && !skipStrict && isMyself(ctx, requestUri)) return afterStrict(ctx, params, routes, requestUri);
  return afterLoose(ctx, params, routes, preloaded);
}
