// The kinds of route a script defines, and so the contexts a command may run in.

/**
 * - request: request_route / route / route[NAME] reached from it
 * - failure: failure_route[NAME]
 * - onreply: onreply_route[NAME] (armed per transaction)
 * - reply: reply_route and the unnamed onreply_route (every reply received)
 * - branch: branch_route[NAME]
 * - onsend: onsend_route
 * - event: event_route[group:name]
 */
export type RouteType = 'request' | 'failure' | 'onreply' | 'reply' | 'branch' | 'onsend' | 'event';

export const ROUTE_TYPES: readonly RouteType[] = ['request', 'failure', 'onreply', 'reply', 'branch', 'onsend', 'event'];

/** Kamailio's ANY_ROUTE. */
export const ANY_ROUTE: readonly RouteType[] = ROUTE_TYPES;

/** How each route type is written in a script, for messages. */
export const ROUTE_TYPE_NAMES: Readonly<Record<RouteType, string>> = {
  request: 'request_route',
  failure: 'failure_route',
  onreply: 'onreply_route',
  reply: 'reply_route',
  branch: 'branch_route',
  onsend: 'onsend_route',
  event: 'event_route',
};
