// Route names as Kamailio 5.6's grammar takes them, where a block is defined:
// request_route and reply_route take no name, event_route needs a
// `group:name`, and a word Kamailio's lexer reserves names a route only
// quoted (`route["udp"]`). route() calls are checked with the same words
// (compiler/resolve/calls.ts).

import type { RouteBlock } from '../../grammar/ast.js';
import { isReservedWord } from '../core/reserved-words.js';
import type { CheckContext } from './context.js';

/** Kamailio's event route names: `group:name`, as in `tm:local-request`. */
const EVENT_ROUTE_NAME = /^[a-zA-Z][0-9a-zA-Z-]*(:[a-zA-Z][0-9a-zA-Z_-]*)+$/;

/** The error for a reserved word naming a route unquoted; `quoted` shows it quoted (`route["udp"]`, `route("udp")`). */
export function reservedRouteName(word: string, quoted: string): string {
  return `\`${word}\` is a word Kamailio reserves, so it names a route only quoted: \`${quoted}\``;
}

/** Reports a block's name Kamailio would not read; returns false when there was one. */
export function checkRouteName(block: RouteBlock, ctx: CheckContext): boolean {
  const problem = nameProblem(block);
  if (problem) ctx.report('E0301', block.nameSpan ?? block.span, problem);
  return problem === undefined;
}

function nameProblem({ route, keyword, name, nameQuoted }: RouteBlock): string | undefined {
  if (route === 'event') {
    if (name === undefined) return '`event_route` needs a name, as in `event_route[tm:local-request]`';
    return EVENT_ROUTE_NAME.test(name) ? undefined : `\`${name}\` is not an event route name: one is \`group:name\`, as in \`tm:local-request\``;
  }
  if (name === undefined) return undefined;
  if (keyword === 'request_route') return '`request_route` takes no name: a named request route is `route[NAME]`';
  if (keyword === 'reply_route') return '`reply_route` takes no name: a named reply route is `onreply_route[NAME]`';
  return !nameQuoted && isReservedWord(name) ? reservedRouteName(name, `${keyword}["${name}"]`) : undefined;
}
