// Sanity checks of the Request-Line: the SIP version (1; 505 when not 2.0)
// and the Request-URI's scheme (2; 400 when the URI does not parse or is of
// a scheme Kamailio does not know). A reply fails both, without a reply.

import type { ExecContext } from '../api.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { parseKamailioUri } from '../../runtime/sip/uri.js';
import { replyWith, SILENT, type Failure } from './failure.js';

export function checkRuriSipVersion(ctx: ExecContext): Failure | undefined {
  const m = ctx.message;
  if (!m.isRequest) return SILENT;
  const firstLine = m.text.slice(0, m.text.indexOf('\n')).trimEnd();
  const version = firstLine.slice(firstLine.lastIndexOf(' ') + 1);
  return /^SIP\/2\.0$/i.test(version) ? undefined : replyWith(505, 'Version Not Supported (R-URI)');
}

export function checkRuriScheme(ctx: ExecContext): Failure | undefined {
  if (!ctx.message.isRequest) return SILENT;
  return isSipError(parseKamailioUri(ctx.edits.currentRequestUri)) ? replyWith(400, 'Bad Request URI') : undefined;
}
