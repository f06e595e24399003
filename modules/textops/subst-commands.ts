// subst, subst_body, subst_hf (lumps on the received text) and subst_uri,
// subst_user (the Request-URI, changed at once as $ru is): 1 when something
// was replaced, -1 otherwise. Checked against Kamailio 5.6.

import { command, type ArgSpec, type CommandDecl, type ExecContext } from '../api.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { formatUri, isSipUri, parseUri } from '../../runtime/sip/uri.js';
import { headerName, whichLines, type Which } from './args.js';
import { afterFirstLine, bodyOf, headerValueOf, type Region } from './regions.js';
import { ANY_ROUTE, MESSAGE_ROUTES } from './routes.js';
import { parseSubst, replacementFor, substituted, substMatches, type SubstExpr } from './subst.js';
import { pickedLines } from './search.js';

/** A `/re/repl/flags` expression, parsed at start-up. */
export const substExpression: ArgSpec = { name: 'subst_expr', type: 'str', fixup: parseSubst };

/** Replaces the expression's matches in the regions; how many there were. */
function substIn(ctx: ExecContext, expr: SubstExpr, regions: readonly Region[]): number {
  let count = 0;
  for (const region of regions) {
    for (const m of substMatches(expr, ctx.message.text, region)) {
      ctx.edits.replaceText(m.start, m.end, replacementFor(expr, m, ctx));
      count++;
    }
  }
  return count > 0 ? 1 : -1;
}

function substUri(ctx: ExecContext, expr: SubstExpr): number {
  if (!ctx.message.isRequest) return -1;
  const changed = substituted(expr, ctx.edits.currentRequestUri, ctx);
  if (changed === undefined) return -1;
  ctx.edits.requestUri = changed;
  return 1;
}

function substUser(ctx: ExecContext, expr: SubstExpr): number {
  if (!ctx.message.isRequest) return -1;
  const uri = parseUri(ctx.edits.currentRequestUri);
  if (isSipError(uri) || !isSipUri(uri)) return -1;
  const user = substituted(expr, uri.user ?? '', ctx);
  if (user === undefined) return -1;
  ctx.edits.requestUri = formatUri({ ...uri, user: user === '' ? undefined : user });
  return 1;
}

const expr = (arg: unknown): SubstExpr => arg as SubstExpr;

export const substCommands: readonly CommandDecl[] = [
  command({ name: 'subst', args: [substExpression], routes: ANY_ROUTE, run: (ctx, [e]) => substIn(ctx, expr(e), [afterFirstLine(ctx.message)]) }),
  command({
    name: 'subst_body',
    args: [substExpression],
    routes: ANY_ROUTE,
    run: (ctx, [e]) => {
      const body = bodyOf(ctx.message);
      return body.end > body.start ? substIn(ctx, expr(e), [body]) : -1;
    },
  }),
  command({ name: 'subst_uri', args: [substExpression], routes: MESSAGE_ROUTES, run: (ctx, [e]) => substUri(ctx, expr(e)) }),
  command({ name: 'subst_user', args: [substExpression], routes: MESSAGE_ROUTES, run: (ctx, [e]) => substUser(ctx, expr(e)) }),
  command({
    name: 'subst_hf',
    args: [headerName('hf'), substExpression, whichLines],
    routes: ANY_ROUTE,
    run: (ctx, [key, e, which]) =>
      substIn(
        ctx,
        expr(e),
        pickedLines(ctx.message, key as string, which as Which).map((i) => headerValueOf(ctx.message, i)),
      ),
  }),
];
