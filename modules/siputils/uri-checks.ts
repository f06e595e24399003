// siputils' checks of a value or URI: is_e164 and is_uri_user_e164 (on a
// pseudo-variable holding a string), is_uri, and is_gruu (1 for a public GRUU,
// `gr` with a value; 2 for a temporary one, `gr` alone), with the return codes
// Kamailio 5.6 gives.

import { command, type CommandDecl, type ExecContext } from '../api.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { parseKamailioUri, uriParam } from '../../runtime/sip/uri.js';
import { isE164, uriUserIsE164 } from './e164.js';
import { ANY, REQUEST_FAILURE } from './routes.js';

/** is_gruu: 1 for `gr=value`, 2 for `gr` alone, -1 when absent or the URI does not parse. */
function gruuKind(text: string): number {
  const uri = parseKamailioUri(text);
  if (isSipError(uri) || !('params' in uri)) return -1;
  const gr = uriParam(uri, 'gr');
  return gr === undefined ? -1 : gr === '' ? 2 : 1;
}

const requestUri = (ctx: ExecContext): string => ctx.edits.currentRequestUri;
const PV = { name: 'pseudo-variable', type: 'pvar' } as const;

export const uriCheckCommands: readonly CommandDecl[] = [
  command({
    name: 'is_e164',
    args: [PV],
    routes: REQUEST_FAILURE,
    run: (ctx, [pv]) => {
      const value = pv.get(ctx);
      return typeof value === 'string' && isE164(value) ? 1 : -1;
    },
  }),
  command({
    name: 'is_uri_user_e164',
    args: [PV],
    routes: ANY,
    run: (ctx, [pv]) => {
      const value = pv.get(ctx);
      return typeof value === 'string' && uriUserIsE164(value) ? 1 : -1;
    },
  }),
  command({ name: 'is_uri', args: [{ name: 'uri', type: 'spve' }], routes: ANY, run: (_ctx, [text]) => (isSipError(parseKamailioUri(text)) ? -1 : 1) }),
  command({ name: 'is_gruu', args: [], routes: ANY, run: (ctx) => gruuKind(requestUri(ctx)) }),
  command({ name: 'is_gruu', args: [{ name: 'uri', type: 'spve' }], routes: ANY, run: (_ctx, [text]) => gruuKind(text) }),
];
