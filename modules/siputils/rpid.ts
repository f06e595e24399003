// siputils' append_rpid_hf (adds `Remote-Party-ID: prefix value suffix`
// after the last header) and is_rpid_user_e164, on the RPID value of the AVP
// rpid_avp names (`$avp(s:rpid)` by default; empty turns them off). -1 when
// the AVP holds no string.

import { command, type CommandDecl, type ExecContext, type ParamValues } from '../api.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { parseNameAddr } from '../../runtime/sip/headers/name-addr.js';
import { avpParamName } from '../kit/avp-param.js';
import { uriUserIsE164 } from './e164.js';
import { REQUEST, REQUEST_FAILURE_BRANCH } from './routes.js';

/** The AVP name rpid_avp gives (`$avp(s:rpid)` -> `rpid`); undefined when it is empty or not an AVP. */
export function rpidAvpName(params: ParamValues): string | undefined {
  return avpParamName(params.get('rpid_avp') as string);
}

function rpidValue(ctx: ExecContext, params: ParamValues): string | undefined {
  const name = rpidAvpName(params);
  const value = name === undefined ? null : ctx.avps.get(name);
  return typeof value === 'string' ? value : undefined;
}

function appendRpid(ctx: ExecContext, params: ParamValues, prefix: string, suffix: string): number {
  const value = rpidValue(ctx, params);
  if (value === undefined) return -1;
  ctx.edits.appendHeader(`Remote-Party-ID: ${prefix}${value}${suffix}`);
  return 1;
}

function rpidUserIsE164(ctx: ExecContext, params: ParamValues): number {
  const value = rpidValue(ctx, params);
  const rpid = value === undefined ? undefined : parseNameAddr(value, 'Remote-Party-ID');
  return rpid && !isSipError(rpid) && uriUserIsE164(rpid.uriText) ? 1 : -1;
}

export const rpidCommands: readonly CommandDecl[] = [
  command({
    name: 'append_rpid_hf',
    args: [],
    routes: REQUEST_FAILURE_BRANCH,
    run: (ctx, _args, params) => appendRpid(ctx, params, params.get('rpid_prefix') as string, params.get('rpid_suffix') as string),
  }),
  command({
    name: 'append_rpid_hf',
    args: [{ name: 'prefix', type: 'str' }, { name: 'suffix', type: 'str' }],
    routes: REQUEST_FAILURE_BRANCH,
    run: (ctx, [prefix, suffix], params) => appendRpid(ctx, params, prefix, suffix),
  }),
  command({ name: 'is_rpid_user_e164', args: [], routes: REQUEST, run: (ctx, _args, params) => rpidUserIsE164(ctx, params) }),
];
