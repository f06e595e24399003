// siputils' Request-URI parameter commands: uri_param (a parameter without a
// value, or with a given value), uri_param_any, get_uri_param, add_uri_param
// and uri_param_rm, on the Request-URI as the script last set it, with
// Kamailio 5.6's matching rules (see lastNamed and requestUri).

import { command, type CommandDecl, type ExecContext } from '../api.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { formatUri, isSipUri, parseKamailioUri, type Uri, type UriParam } from '../../runtime/sip/uri.js';
import { REQUEST, REQUEST_FAILURE_BRANCH } from './routes.js';

/**
 * The Request-URI parsed with its parameters; undefined when either cannot
 * be read (a parameter written `;x=` makes Kamailio's list unreadable).
 */
function requestUri(ctx: ExecContext): { uri: Uri; params: readonly UriParam[] } | undefined {
  const uri = parseKamailioUri(ctx.edits.currentRequestUri);
  if (isSipError(uri)) return undefined;
  const params = 'params' in uri ? uri.params : [];
  return params.some((p) => p.value === '') ? undefined : { uri, params };
}

/**
 * The index of the last parameter with this name, or -1: Kamailio keeps the
 * list newest-first, so a repeated name finds its last occurrence. Names
 * match case-sensitively except in uri_param_any and uri_param_rm.
 */
function lastNamed(params: readonly UriParam[], name: string, ignoreCase: boolean): number {
  const wanted = ignoreCase ? name.toLowerCase() : name;
  for (let i = params.length - 1; i >= 0; i--) {
    if ((ignoreCase ? params[i]!.name.toLowerCase() : params[i]!.name) === wanted) return i;
  }
  return -1;
}

/** uri_param: the last parameter of the name has this value ('' for one without a value). */
function hasParam(ctx: ExecContext, name: string, value: string): number {
  const ruri = requestUri(ctx);
  if (!ruri) return -1;
  const i = lastNamed(ruri.params, name, false);
  return i >= 0 && (ruri.params[i]!.value ?? '') === value ? 1 : -1;
}

/** add_uri_param: the parameter (`name=value` or `name`) after the others, before any URI headers; only the URI needs to parse. */
function addParam(ctx: ExecContext, param: string): number {
  if (param === '') return 1;
  const uri = parseKamailioUri(ctx.edits.currentRequestUri);
  if (isSipError(uri)) return -1;
  ctx.edits.requestUri = isSipUri(uri) ? formatUri({ ...uri, params: [...uri.params, { name: param, value: undefined }] }) : `${ctx.edits.currentRequestUri};${param}`;
  return 1;
}

/** uri_param_rm: removes the last parameter of the name (any case); 1 whether or not there was one. */
function removeParam(ctx: ExecContext, name: string): number {
  const ruri = requestUri(ctx);
  if (!ruri) return -1;
  const i = lastNamed(ruri.params, name, true);
  const { uri } = ruri;
  if (i >= 0 && 'params' in uri) ctx.edits.requestUri = formatUri({ ...uri, params: uri.params.filter((_, j) => j !== i) } as Uri);
  return 1;
}

const PARAM = { name: 'param', type: 'spve' } as const;

export const ruriParamCommands: readonly CommandDecl[] = [
  command({ name: 'uri_param', args: [PARAM], routes: REQUEST_FAILURE_BRANCH, run: (ctx, [name]) => hasParam(ctx, name, '') }),
  command({ name: 'uri_param', args: [PARAM, { name: 'value', type: 'spve' }], routes: REQUEST_FAILURE_BRANCH, run: (ctx, [name, value]) => hasParam(ctx, name, value) }),
  command({
    name: 'uri_param_any',
    args: [PARAM],
    routes: REQUEST_FAILURE_BRANCH,
    run: (ctx, [name]) => {
      const ruri = requestUri(ctx);
      return ruri && lastNamed(ruri.params, name, true) >= 0 ? 1 : -1;
    },
  }),
  command({
    name: 'get_uri_param',
    args: [{ name: 'name', type: 'str' }, { name: 'var', type: 'pvar-writable' }],
    routes: REQUEST,
    run: (ctx, [name, target]) => {
      const ruri = requestUri(ctx);
      const i = ruri ? lastNamed(ruri.params, name, false) : -1;
      if (i < 0) return -1;
      target.set?.(ctx, ruri!.params[i]!.value ?? '');
      return 1;
    },
  }),
  command({ name: 'add_uri_param', args: [{ name: 'param', type: 'str' }], routes: REQUEST, run: (ctx, [param]) => addParam(ctx, param) }),
  command({ name: 'uri_param_rm', args: [PARAM], routes: REQUEST_FAILURE_BRANCH, run: (ctx, [name]) => removeParam(ctx, name) }),
];
