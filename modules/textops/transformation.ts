// The {re.subst,/re/repl/flags} transformation: the value substituted, or
// unchanged when it does not match; a constant expression is parsed once,
// one from a pseudo-variable when used. Checked against Kamailio 5.6.

import { FixupError, paramText, toStr, type ExecContext, type Transform, type TransformationDecl } from '../api.js';
import { parseSubst, substituted, substMatches, type SubstExpr } from './subst.js';

const parsedAtRunTime = new Map<string, SubstExpr | undefined>();

/** An expression known only at run time; undefined when it is not a valid one. */
function parseNow(text: string): SubstExpr | undefined {
  if (!parsedAtRunTime.has(text)) {
    if (parsedAtRunTime.size >= 256) parsedAtRunTime.clear();
    let expr: SubstExpr | undefined;
    try {
      expr = parseSubst(text);
    } catch (e) {
      if (!(e instanceof FixupError)) throw e;
    }
    parsedAtRunTime.set(text, expr);
  }
  return parsedAtRunTime.get(text);
}

/**
 * The value substituted: an empty or missing value, an expression that does
 * not parse (from a pseudo-variable) or a global one matching the empty
 * string fails (null); a value it does not match is
 * given back as it was, a number staying a number (as Kamailio 5.6 does).
 */
function apply(expr: SubstExpr | undefined, value: ReturnType<Transform>, ctx: ExecContext): ReturnType<Transform> {
  if (value === null || value === '' || !expr) return null;
  const text = toStr(value);
  const matches = substMatches(expr, text, { start: 0, end: text.length });
  if (matches.length === 0) return value;
  if (expr.global && matches.some((m) => m.start === m.end)) return null;
  return substituted(expr, text, ctx) ?? value;
}

export const reTransformation: TransformationDecl = {
  name: 're',
  methods: ['subst'],
  compile: (method, params) => {
    if (method !== 'subst' || params.length !== 1) throw new FixupError('{re.subst} takes one /re/repl/flags expression');
    const param = params[0]!;
    if (param.dynamic) return (value, ctx) => apply(parseNow(paramText(param, ctx)), value, ctx);
    const expr = parseSubst(param.text);
    return (value, ctx) => apply(expr, value, ctx);
  },
};
