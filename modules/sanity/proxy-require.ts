// Sanity check 512: every option tag of the first Proxy-Require header is one
// the proxy_require parameter lists (case-sensitively). Otherwise 420 with
// an Unsupported header naming the first unknown tag (Kamailio 5.6 names
// only that one), or 400 for a header with no tags. Kamailio reads every
// header for it: one its parser stops at fails the check without a reply.

import type { ExecContext } from '../api.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { parseTokenList } from '../../runtime/sip/headers/lists.js';
import { replyWith, SILENT, type CheckOptions, type Failure } from './failure.js';
import { parserReaches } from './parser-reach.js';

export function checkProxyRequire(ctx: ExecContext, options: CheckOptions): Failure | undefined {
  if (!parserReaches(ctx.message)) return SILENT;
  const value = ctx.message.header('proxy-require');
  if (value === undefined) return undefined;
  const tags = parseTokenList(value, 'Proxy-Require');
  if (isSipError(tags) || tags.length === 0) return replyWith(400, 'Bad Proxy Require Header');
  const unknown = tags.find((tag) => !options.proxyRequire.includes(tag));
  return unknown === undefined ? undefined : replyWith(420, 'Bad Proxy Require Extension', `Unsupported: ${unknown}\r\n`);
}
