// The route types siputils' commands may run in, as Kamailio 5.6.3 accepts
// or refuses them ("misused command"): REQUEST_ROUTE includes event routes,
// ONREPLY_ROUTE both kinds of reply route.

import { ANY_ROUTE, type RouteType } from '../api.js';

export const REQUEST: readonly RouteType[] = ['request', 'event'];
export const REQUEST_FAILURE_BRANCH: readonly RouteType[] = ['request', 'failure', 'branch', 'event'];
export const REQUEST_FAILURE: readonly RouteType[] = ['request', 'failure', 'event'];
export const REQUEST_REPLY: readonly RouteType[] = ['request', 'onreply', 'reply', 'event'];
export const REQUEST_FAILURE_REPLY: readonly RouteType[] = ['request', 'failure', 'onreply', 'reply', 'event'];
export const NOT_ONSEND: readonly RouteType[] = ['request', 'failure', 'branch', 'onreply', 'reply', 'event'];
export const ANY: readonly RouteType[] = ANY_ROUTE;
