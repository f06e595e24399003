// siputils' options_reply: a stateless 200 OK to an OPTIONS request for the
// server itself (no user in the Request-URI), with Accept, Accept-Encoding,
// Accept-Language and Supported from the module's parameters.

import { command, type CommandDecl, type ExecContext, type ParamValues } from '../api.js';
import { queuedReplyHeaders } from '../../runtime/exec/reply.js';
import { sendSlReply } from '../../runtime/exec/sl-reply.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { isSipUri, parseKamailioUri } from '../../runtime/sip/uri.js';
import { REQUEST } from './routes.js';

const CAPABILITIES: ReadonlyArray<[header: string, param: string]> = [
  ['Accept', 'options_accept'],
  ['Accept-Encoding', 'options_accept_encoding'],
  ['Accept-Language', 'options_accept_language'],
  ['Supported', 'options_support'],
];

/**
 * -1 for another method, a Request-URI with a user (a tel URI's number is
 * one) or one that does not parse. The capability lines are queued as
 * Kamailio's reply lumps are: a later local reply to the request has them too.
 */
function optionsReply(ctx: ExecContext, params: ParamValues): number {
  if (!ctx.message.isRequest || ctx.message.method.toUpperCase() !== 'OPTIONS') return -1;
  const uri = parseKamailioUri(ctx.edits.currentRequestUri);
  if (isSipError(uri) || !isSipUri(uri) || uri.user !== undefined) return -1;
  queuedReplyHeaders(ctx).push(...CAPABILITIES.map(([header, param]) => `${header}: ${params.get(param) as string}\r\n`));
  return sendSlReply(ctx, 200, 'OK') ? 1 : -1;
}

export const optionsCommands: readonly CommandDecl[] = [command({ name: 'options_reply', args: [], routes: REQUEST, run: (ctx, _args, params) => optionsReply(ctx, params) })];
