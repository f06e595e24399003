// Sanity check 128: a Content-Length (when there is one) matches the body
// received, the bytes after the empty line; a header section with no empty
// line after it has no body to measure. One Kamailio's parser does not get
// to fails without a reply.

import type { ExecContext } from '../api.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { replyWith, SILENT, type Failure } from './failure.js';
import { parserReaches } from './parser-reach.js';

/** Whether the header section ends with an empty line. */
function headersEnded(buffer: Buffer, bodyStart: number): boolean {
  return /\n\r?\n$/.test(buffer.toString('latin1', Math.max(0, bodyStart - 4), bodyStart));
}

export function checkContentLength(ctx: ExecContext): Failure | undefined {
  const m = ctx.message;
  if (!parserReaches(m, 'content-length')) return SILENT;
  const length = m.contentLength();
  if (length === undefined) return undefined;
  if (isSipError(length)) return SILENT;
  if (!headersEnded(m.buffer, m.bodyStart)) return replyWith(400, 'Content-Length Body Failure');
  return length === m.buffer.length - m.bodyStart ? undefined : replyWith(400, 'Content-Length mis-match');
}
