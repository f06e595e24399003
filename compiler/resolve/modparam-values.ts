// The module name, parameter name and value a modparam line gives: constants
// (a string, a possibly negative number). modparamx's are read once, at
// start-up, as Kamailio 5.6 reads them: a string holding pseudo-variables is
// formatted on the faked request and stays a string (also for a number
// parameter); a value written as a pseudo-variable gives its own value, a
// number or a string, and none is an error. Only the core's classes and
// those of modules loaded before the line are known then.

import type { Expr, PvRef, StringExpr } from '../../grammar/ast.js';
import { ExecContext } from '../../runtime/exec/context.js';
import { FAKED_MESSAGE } from '../../runtime/exec/faked-message.js';
import type { CheckContext } from './context.js';
import { checkFormatString, checkPv } from './pvs.js';

/** What a modparam argument must be: the names are strings, the value a string or a number. */
export type Wanted = 'string' | 'any';

/** A constant modparam argument: a string, a (possibly negative) number, or undefined if it is neither. */
function constant(e: Expr): string | number | undefined {
  if (e.kind === 'string') return e.value;
  if (e.kind === 'number') return e.value;
  if (e.kind === 'unary' && e.op === '-' && e.operand.kind === 'number') return -e.operand.value;
  return undefined;
}

/** A modparam argument that must be a constant of the wanted kind; undefined (reported) when it is not. */
function requireConstant(e: Expr, what: string, ctx: CheckContext, want: Wanted): string | number | undefined {
  const value = constant(e);
  if (value !== undefined && (want === 'any' || typeof value === 'string')) return value;
  const kind = want === 'string' ? 'string' : 'string or a number';
  if (e.kind === 'word') {
    ctx.report('E0303', e.span, `\`${e.name}\` is not defined: the modparam ${what} must be a ${kind}`, ctx.skippedDefineNote(e.name));
  } else {
    ctx.report('E0505', e.span, `the modparam ${what} must be a ${kind} constant`);
  }
  return undefined;
}

/** A fresh context on the faked request, as each of Kamailio's start-up evaluations gets one. */
function startUpContext(): ExecContext {
  const nowhere = { address: '', port: 0 };
  return new ExecContext(FAKED_MESSAGE, nowhere, 'udp', { socket: nowhere, names: [] });
}

/** A string with pseudo-variables, formatted at start-up; undefined when one cannot be read (reported, or its module is not provided). */
function formatted(e: StringExpr, ctx: CheckContext): string | undefined {
  const before = ctx.diagnostics.length;
  checkFormatString(e.value, e.span, ctx);
  const format = ctx.fixups.formats.get(e.value);
  return ctx.diagnostics.length === before && format ? format.evaluate(startUpContext()) : undefined;
}

/** A pseudo-variable's value at start-up; undefined when it has none (reported) or cannot be read. */
function pvValue(e: PvRef, ctx: CheckContext): string | number | undefined {
  const before = ctx.diagnostics.length;
  checkPv(e.text, e.span, ctx);
  const access = ctx.fixups.pvs.get(e.text);
  if (ctx.diagnostics.length !== before || !access) return undefined;
  const value = access.get(startUpContext());
  if (value === null) ctx.report('E0505', e.span, `\`${e.text}\` has no value at start-up, so modparamx has nothing to set`);
  return value ?? undefined;
}

/** A modparam (`evaluated`: modparamx) argument's value; undefined when it has none (reported). */
export function modparamArgument(e: Expr, what: string, ctx: CheckContext, want: Wanted, evaluated: boolean): string | number | undefined {
  if (evaluated && e.kind === 'string' && e.value.includes('$')) return formatted(e, ctx);
  if (evaluated && e.kind === 'pv' && want === 'any') return pvValue(e, ctx);
  return requireConstant(e, what, ctx, want);
}
