// Where textops' and textopsx's functions may run, as Kamailio 5.6 declares
// them (checked by starting Kamailio 5.6 with each function in each kind of
// route): its REQUEST_ROUTE takes in event routes too, its ONREPLY_ROUTE both
// kinds of reply route.

import { ANY_ROUTE, type RouteType } from '../api.js';

export { ANY_ROUTE };

/** REQUEST_ROUTE | ONREPLY_ROUTE | FAILURE_ROUTE | BRANCH_ROUTE. */
export const MESSAGE_ROUTES: readonly RouteType[] = ['request', 'failure', 'onreply', 'reply', 'branch', 'event'];

/** REQUEST_ROUTE | FAILURE_ROUTE | BRANCH_ROUTE: where a request is routed. */
export const REQUEST_ROUTES: readonly RouteType[] = ['request', 'failure', 'branch', 'event'];

/** REQUEST_ROUTE | ONREPLY_ROUTE. */
export const REQUEST_OR_REPLY_ROUTES: readonly RouteType[] = ['request', 'onreply', 'reply', 'event'];

/** ONREPLY_ROUTE. */
export const REPLY_ROUTES: readonly RouteType[] = ['onreply', 'reply'];
