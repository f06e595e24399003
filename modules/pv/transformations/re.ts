// The re transformation class of Kamailio 5.6's textops module:
// {re.subst,/regex/replacement/flags} applies a substitution expression
// (subst.ts) to the value; the expression may also come from a
// pseudo-variable, parsed on each use. A value with no match is returned
// as it is; an empty value, a bad expression or a match of nothing fails.

import { FixupError } from '../../api.js';
import { fromBytes, nonEmptyBytes, toBytes } from '../../kit/bytes.js';
import { transformationClass } from '../../kit/transformation-class.js';
import { strParam } from '../../kit/params.js';
import { applySubst, parseSubst, type SubstExpr } from '../../kit/subst.js';

export const reTransformations = transformationClass('re', {
  subst: {
    params: 1,
    compile([param]) {
      let constant: SubstExpr | undefined;
      if (!param!.dynamic) {
        // textops reads the constant as it is, blanks and tabs included.
        const parsed = parseSubst(toBytes(param!.text));
        if (typeof parsed === 'string') throw new FixupError(parsed);
        constant = parsed;
      }
      const text = strParam(param!, 'the expression of re.subst');
      return (value, ctx) => {
        const bytes = nonEmptyBytes(value);
        if (bytes === null) return null;
        let expr = constant;
        if (!expr) {
          const source = text(ctx);
          const parsed = source === null ? undefined : parseSubst(source);
          if (parsed === undefined || typeof parsed === 'string') return null;
          expr = parsed;
        }
        const out = applySubst(expr, bytes, ctx);
        return out === undefined ? value : out === null ? null : fromBytes(out);
      };
    },
  },
});
