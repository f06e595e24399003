// The {re.subst,/re/repl/flags} transformation textops provides: the value
// with the substitution applied (unchanged when it does not match). The
// expression is parsed once when written as a constant; given as a
// pseudo-variable it is parsed when used (and kept for the next time).
// Checked against Kamailio 5.6.

import { FixupError, paramText, toStr, type ExecContext, type Transform, type TransformationDecl } from '../api.js';
import { parseSubst, substituted, type SubstExpr } from './subst.js';

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

function apply(expr: SubstExpr | undefined, value: ReturnType<Transform>, ctx: ExecContext): ReturnType<Transform> {
  if (!expr) return value;
  const text = toStr(value);
  return substituted(expr, text, ctx) ?? text;
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
