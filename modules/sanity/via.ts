// Sanity check 16384: the first Via is there and parses (with its sent-by
// address); a message without one cannot be answered, so it fails silently.

import type { ExecContext } from '../api.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { SILENT, type Failure } from './failure.js';
import { parserReaches } from './parser-reach.js';

export function checkFirstVia(ctx: ExecContext): Failure | undefined {
  const via = ctx.message.via();
  return via === undefined || isSipError(via) || !parserReaches(ctx.message, 'via') ? SILENT : undefined;
}
