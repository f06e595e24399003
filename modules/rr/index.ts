// rr: Record-Route and loose routing, as Kamailio 5.6's module of that name
// (compared with it): record_route and its preset and advertised-address
// forms, add_rr_param and remove_record_route; loose_route and its
// preloaded and mode variants; what loose_route leaves for the script
// (check_route_param, is_direction, rr_next_hop_route, $route_uri) and for
// other modules (the `api`). Outbound flow tokens are not supported (siprc
// has no outbound module), so return codes 2 and -2 never occur.

import { ANY_ROUTE, command, defineModule, FixupError, type ExecContext, type PvClassDecl } from '../api.js';
import { checkRouteParam, direction, nextHopRoute, routeParam, routedParams, type Direction } from './dialog.js';
import { looseRoute, PRELOADED_LOCAL } from './loose.js';
import { addRrParam, recordRoute, recordRouteAdvertised, recordRoutePreset, removeRecordRoute } from './record.js';
import { avpParamName } from '../kit/avp-param.js';
import { routeValues } from './route-set.js';

const REQUEST = ['request', 'event'] as const;
const REQUEST_BRANCH_FAILURE = ['request', 'branch', 'failure', 'event'] as const;

/** What other modules (tm, dialog) use of rr, as Kamailio's rr_binds. */
export interface RrApi {
  /** Whether loose_route found a Route of this server on this message. */
  isLooseRouted(ctx: ExecContext): boolean;
  /** The direction of an in-dialog request, after loose_route. */
  direction(ctx: ExecContext): Direction;
  /** A parameter of this server's Route after loose_route ('' for a flag), undefined when absent. */
  routeParam(ctx: ExecContext, name: string): string | undefined;
  /** Appends `;name=value` to the Record-Route headers, added already or to come. */
  addParam(ctx: ExecContext, param: string): void;
}

const api: RrApi = {
  isLooseRouted: (ctx) => routedParams(ctx) !== undefined,
  direction,
  routeParam,
  addParam: (ctx, param) => void addRrParam(ctx, param),
};

function directionOf(text: string): Direction {
  if (text !== 'downstream' && text !== 'upstream') throw new FixupError(`unknown direction "${text}": expected downstream or upstream`);
  return text;
}

const routeUri: PvClassDecl = {
  name: 'route_uri',
  inner: 'none',
  writable: false,
  // The URI of the first Route value as received ('' when there is none).
  compile: () => ({ get: (ctx) => routeValues(ctx.message)?.[0]?.uriText ?? '' }),
};

export const rr = defineModule({
  name: 'rr',
  commands: [
    command({ name: 'loose_route', args: [], routes: REQUEST, run: (ctx, _args, params) => looseRoute(ctx, params) }),
    command({ name: 'loose_route_preloaded', args: [], routes: REQUEST, run: (ctx, _args, params) => (looseRoute(ctx, params) === PRELOADED_LOCAL ? 1 : -1) }),
    command({ name: 'loose_route_mode', args: [{ name: 'vmode', type: 'intpv' }], routes: REQUEST, run: (ctx, [mode], params) => looseRoute(ctx, params, mode === 1) }),
    command({ name: 'record_route', args: [], routes: REQUEST_BRANCH_FAILURE, run: (ctx, _args, params) => recordRoute(ctx, params) }),
    command({ name: 'record_route', args: [{ name: 'sparams', type: 'spve' }], routes: REQUEST_BRANCH_FAILURE, run: (ctx, [extra], params) => recordRoute(ctx, params, extra) }),
    command({ name: 'record_route_preset', args: [{ name: 'string', type: 'spve' }], routes: REQUEST_BRANCH_FAILURE, run: (ctx, [first], params) => recordRoutePreset(ctx, params, [first]) }),
    command({
      name: 'record_route_preset',
      args: [{ name: 'string', type: 'spve' }, { name: 'string2', type: 'spve' }],
      routes: REQUEST_BRANCH_FAILURE,
      run: (ctx, [first, second], params) => recordRoutePreset(ctx, params, [first, second]),
    }),
    command({
      name: 'record_route_advertised_address',
      args: [{ name: 'address', type: 'spve' }],
      routes: REQUEST_BRANCH_FAILURE,
      run: (ctx, [address], params) => recordRouteAdvertised(ctx, params, address),
    }),
    command({ name: 'remove_record_route', args: [], routes: ['request', 'failure', 'event'], run: (ctx) => removeRecordRoute(ctx) }),
    command({ name: 'add_rr_param', args: [{ name: 'param', type: 'spve' }], routes: REQUEST_BRANCH_FAILURE, run: (ctx, [param]) => addRrParam(ctx, param) }),
    command({ name: 'check_route_param', args: [{ name: 're', type: 'regex' }], routes: REQUEST, run: (ctx, [re]) => checkRouteParam(ctx, re) }),
    command({ name: 'is_direction', args: [{ name: 'dir', type: 'str', fixup: directionOf }], routes: REQUEST, run: (ctx, [dir]) => (direction(ctx) === dir ? 1 : -1) }),
    command({ name: 'rr_next_hop_route', args: [], routes: ANY_ROUTE, run: (ctx) => nextHopRoute(ctx) }),
  ],
  params: [
    { name: 'enable_full_lr', type: 'int', default: 0 },
    { name: 'append_fromtag', type: 'int', default: 1 },
    { name: 'enable_double_rr', type: 'int', default: 1 },
    { name: 'add_username', type: 'int', default: 0 },
    { name: 'enable_socket_mismatch_warning', type: 'int', default: 1 },
    { name: 'custom_user_avp', type: 'str', default: '' },
    { name: 'force_send_socket', type: 'int', default: 0 },
    { name: 'ignore_sips', type: 'int', default: 0 },
    { name: 'sockname_mode', type: 'int', default: 0 },
  ],
  pseudoVariables: [routeUri],
  init: (module) => {
    const avp = module.params.get('custom_user_avp') as string;
    return avp === '' || avpParamName(avp) !== undefined ? undefined : `custom_user_avp "${avp}" is not an AVP ($avp(name))`;
  },
  api,
});
