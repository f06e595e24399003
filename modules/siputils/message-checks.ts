// siputils' checks of the message itself: has_totag, is_request, is_reply,
// is_supported (an option tag of the Supported headers), is_first_hop, and
// is_user (the username of credentials an auth module accepted: without one,
// as in Kamailio, there are none and it is false).

import { command, FixupError, type CommandDecl, type ExecContext } from '../api.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { tagOf } from '../../runtime/sip/headers/name-addr.js';
import { isSipUri, parseKamailioUri } from '../../runtime/sip/uri.js';
import { ANY } from './routes.js';

/** The options is_supported knows (Kamailio's list). */
const OPTIONS = new Set(['path', '100rel', 'timer', 'eventlist', 'gruu', 'outbound']);

function optionName(text: string): string {
  const option = text.toLowerCase();
  if (!OPTIONS.has(option)) throw new FixupError(`unknown option "${text}" (known: ${[...OPTIONS].join(', ')})`);
  return option;
}

function hasToTag(ctx: ExecContext): number {
  const to = ctx.message.to();
  return to && !isSipError(to) && (tagOf(to) ?? '') !== '' ? 1 : -1;
}

function isSupported(ctx: ExecContext, option: string): number {
  const tokens = ctx.message.tokens('supported');
  return tokens && !isSipError(tokens) && tokens.some((t) => t.toLowerCase() === option) ? 1 : -1;
}

/**
 * As Kamailio 5.6.3 behaves, whatever the mode: a request is first hop with
 * a single Via; a reply when it has no Record-Route or its top Record-Route
 * names this server by IP address (a host name never counts).
 */
function isFirstHop(ctx: ExecContext): number {
  const m = ctx.message;
  if (m.isRequest) {
    const vias = m.vias();
    return vias && !isSipError(vias) && vias.length === 1 ? 1 : -1;
  }
  const routes = m.recordRoutes();
  if (routes === undefined) return 1;
  if (isSipError(routes)) return -1;
  const uri = parseKamailioUri(routes[0]!.uriText);
  if (isSipError(uri) || !isSipUri(uri) || uri.hostKind === 'name') return -1;
  return ctx.isMyself(uri.host, uri.port) ? 1 : -1;
}

export const messageCheckCommands: readonly CommandDecl[] = [
  command({ name: 'has_totag', args: [], routes: ANY, run: hasToTag }),
  command({ name: 'is_request', args: [], routes: ANY, run: (ctx) => (ctx.message.isRequest ? 1 : -1) }),
  command({ name: 'is_reply', args: [], routes: ANY, run: (ctx) => (ctx.message.isRequest ? -1 : 1) }),
  command({ name: 'is_supported', args: [{ name: 'option', type: 'str', fixup: optionName }], routes: ANY, run: (ctx, [option]) => isSupported(ctx, option) }),
  command({ name: 'is_user', args: [{ name: 'username', type: 'str' }], routes: ['request'], run: (ctx, [user]) => (ctx.authorizedUser !== undefined && ctx.authorizedUser === user ? 1 : -1) }),
  command({ name: 'is_first_hop', args: [], routes: ANY, run: isFirstHop }),
  command({ name: 'is_first_hop', args: [{ name: 'mode', type: 'intpv' }], routes: ANY, run: isFirstHop }),
];
