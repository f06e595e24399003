// What loose_route left for the rest of the script and for other modules:
// the parameters of this server's Route (check_route_param, a parameter by
// name), the direction of an in-dialog request (the Route's ftag against the
// From tag: downstream when they are the same or there is no ftag), and
// whether the next hop came from a Route header (rr_next_hop_route).

import type { ExecContext } from '../../runtime/exec/context.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { tagOf } from '../../runtime/sip/headers/name-addr.js';
import { rrState } from './state.js';

export type Direction = 'downstream' | 'upstream';

/** The parameters of the Route loose_route found ours, or undefined. */
export function routedParams(ctx: ExecContext): string | undefined {
  return rrState(ctx).routedParams;
}

/** A parameter of the Route loose_route found ours: its value ('' for a flag), undefined when absent. */
export function routeParam(ctx: ExecContext, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const p of (routedParams(ctx) ?? '').split(';')) {
    const eq = p.indexOf('=');
    if ((eq < 0 ? p : p.slice(0, eq)).trim().toLowerCase() === lower) return eq < 0 ? '' : p.slice(eq + 1).trim();
  }
  return undefined;
}

/** check_route_param(re): 1 when the Route's parameters match. */
export function checkRouteParam(ctx: ExecContext, re: RegExp): number {
  const params = routedParams(ctx);
  return params && re.test(params) ? 1 : -1;
}

export function direction(ctx: ExecContext): Direction {
  const ftag = routeParam(ctx, 'ftag');
  if (!ftag) return 'downstream';
  const from = ctx.message.from();
  const tag = from && !isSipError(from) ? tagOf(from) : undefined;
  return !tag || tag === ftag ? 'downstream' : 'upstream';
}

/** rr_next_hop_route(): 1 when loose_route took the next hop from a Route after ours. */
export function nextHopRoute(ctx: ExecContext): number {
  return rrState(ctx).nextHopFromRoute ? 1 : -1;
}
