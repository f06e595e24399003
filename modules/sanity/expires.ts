// Sanity check 256: the first Expires header (when there is one) starts with
// a valid unsigned number (400 otherwise, or for an empty one). As in
// Kamailio 5.6 only the first word counts and later Expires headers are not
// read.

import type { ExecContext } from '../api.js';
import { replyWith, type Failure } from './failure.js';
import { isValidUint } from './uint.js';

export function checkExpires(ctx: ExecContext): Failure | undefined {
  const value = ctx.message.header('expires')?.trim();
  if (value === undefined) return undefined;
  if (value === '') return replyWith(400, 'Bad Expires Header');
  return isValidUint(value.split(/\s+/)[0]!) ? undefined : replyWith(400, 'Expires value is illegal');
}
