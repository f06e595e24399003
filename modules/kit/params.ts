// Transformation parameters as Kamailio reads them: a constant is checked and
// converted once when the use is compiled (a bad one is a FixupError); a
// pseudo-variable is read on every use, and a value of the wrong kind makes
// the transformation fail (null), as Kamailio's does.

import { FixupError, type ExecContext, type TransformParam } from '../api.js';
import { toBytes } from './bytes.js';

/** Reads a parameter for one message: null when its pseudo-variable gives no usable value. */
export type ParamReader<T> = (ctx: ExecContext) => T | null;

const BLANKS = /^[ \t\n]*/;

/** A constant integer parameter: optional sign and digits, blanks allowed around (Kamailio's number parameter). */
export function parseIntParam(text: string, what: string): number {
  const match = /^[ \t\n]*([+-]?)[ \t\n]*(\d*)[ \t\n]*$/.exec(text);
  if (!match || (match[1] === '' && match[2] === '')) throw new FixupError(`${what} must be a number or a pseudo-variable, not \`${text}\``);
  if (match[2]!.length > 18) throw new FixupError(`${what} \`${text}\` is too large`);
  const magnitude = match[2] === '' ? 0 : Number(match[2]);
  return (match[1] === '-' ? -magnitude : magnitude) | 0;
}

/** A constant string parameter: leading blanks skipped; it ends at a tab or newline, after which only blanks may follow. */
export function parseStrParam(text: string, what: string): string {
  const body = text.replace(BLANKS, '');
  const end = body.search(/[\t\n]/);
  if (end >= 0 && !/^[ \t\n]*$/.test(body.slice(end))) throw new FixupError(`${what} \`${text}\` has text after a tab or newline`);
  return toBytes(end >= 0 ? body.slice(0, end) : body);
}

/** An integer parameter: a constant, or a pseudo-variable that must hold an integer. */
export function intParam(param: TransformParam, what: string): ParamReader<number> {
  const access = param.dynamic;
  if (!access) {
    const value = parseIntParam(param.text, what);
    return () => value;
  }
  return (ctx) => {
    const value = access.get(ctx);
    return typeof value === 'number' ? value : null;
  };
}

/** A string parameter (as bytes): a constant, or a pseudo-variable that must give a non-empty value. */
export function strParam(param: TransformParam, what: string): ParamReader<string> {
  const access = param.dynamic;
  if (!access) {
    const value = parseStrParam(param.text, what);
    return () => value;
  }
  return (ctx) => {
    const value = access.get(ctx);
    if (value === null) return null;
    const text = typeof value === 'number' ? String(value) : toBytes(value);
    return text.length > 0 ? text : null;
  };
}

/** A reader that always gives the same value. */
export function constant<T>(value: T): ParamReader<T> {
  return () => value;
}
