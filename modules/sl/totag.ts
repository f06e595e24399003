// The To tag of sl's replies (and of $ltt(s)): Kamailio's stateless
// signature with the first listen socket, then the request's own part.

import type { ExecContext } from '../api.js';
import { localToTag } from '../../runtime/exec/totag.js';

export function slToTag(ctx: ExecContext): string {
  return localToTag(ctx, 'KAMAILIO-stateless', '.');
}
