// The param transformation class of Kamailio 5.6's pv module: lookups in a
// `name=value;...` list (another one-character separator may be given as
// the last parameter). Names match case-insensitively and the last one
// wins; indexes count from 0, negative ones from the end. value, valueat
// and name give '' when there is no such parameter; in and count give
// integers. A list Kamailio cannot parse makes them fail (null).

import { FixupError, type ExecContext, type Transform, type TransformParam, type Value } from '../../api.js';
import { fromBytes, nonEmptyBytes } from '../../kit/bytes.js';
import { transformationClass, type MethodDecl } from '../../kit/transformation-class.js';
import { lastValueOf, parseParamList, type ListParam } from './param-list.js';
import { constant, intParam, parseStrParam, strParam, type ParamReader } from '../../kit/params.js';

/** The list in a value: one separator at the end is ignored; an empty list fails. */
function listOf(value: Value, separator: string): ListParam[] | null {
  let text = nonEmptyBytes(value);
  if (text === null) return null;
  if (text.length > 1 && text.endsWith(separator)) text = text.slice(0, -1);
  const list = parseParamList(text, separator);
  return list && list.length > 0 ? list : null;
}

/** A constant one-character separator (';' when absent). */
function separatorParam(param: TransformParam | undefined, method: string): string {
  if (!param) return ';';
  const text = param.dynamic ? '' : parseStrParam(param.text, `the separator of param.${method}`);
  if (text.length !== 1) throw new FixupError(`the separator of param.${method} must be one character`);
  return text;
}

/** A method `param.<name>,<key>[,separator]`. */
function keyed<K>(key: (param: TransformParam) => ParamReader<K>, lookup: (list: readonly ListParam[], key: K) => Value): (method: string) => MethodDecl {
  return (method) => ({
    params: [1, 2],
    compile(params) {
      const readKey = key(params[0]!);
      const separator = separatorParam(params[1], method);
      return (value, ctx) => {
        const k = readKey(ctx);
        const list = listOf(value, separator);
        return k === null || list === null ? null : lookup(list, k);
      };
    },
  });
}

/** The parameter at an index (negative: from the end), if any. */
function at(list: readonly ListParam[], index: number): ListParam | undefined {
  return index < 0 ? list[list.length + index] : list[index];
}

const byName = keyed((p) => strParam(p, 'the name of a param transformation'), (list, name: string) => fromBytes(lastValueOf(list, name) ?? ''));
const isIn = keyed((p) => strParam(p, 'the name of param.in'), (list, name: string) => (lastValueOf(list, name) === undefined ? 0 : 1));
const valueAt = keyed((p) => intParam(p, 'the index of param.valueat'), (list, index: number) => fromBytes(at(list, index)?.value ?? ''));
const nameAt = keyed((p) => intParam(p, 'the index of param.name'), (list, index: number) => fromBytes(at(list, index)?.name ?? ''));

/** param.count[,separator]: the separator may be ',' (`{param.count,,}`) or a pseudo-variable (its first character). */
function countSeparator(params: readonly TransformParam[]): ParamReader<string> {
  if (params.length === 2) {
    if (params[0]!.text !== '' || params[1]!.text !== '' || params[0]!.dynamic || params[1]!.dynamic) throw new FixupError('the separator of param.count must be one character');
    return constant(',');
  }
  const param = params[0];
  if (!param?.dynamic) return constant(separatorParam(param, 'count'));
  const read = strParam(param, 'the separator of param.count');
  return (ctx: ExecContext) => read(ctx)?.[0] ?? null;
}

const count: MethodDecl = {
  params: [0, 2],
  compile(params): Transform {
    const separator = countSeparator(params);
    return (value, ctx) => {
      const sep = separator(ctx);
      const list = sep === null ? null : listOf(value, sep);
      return list === null ? null : list.length;
    };
  },
};

export const paramTransformations = transformationClass('param', {
  value: byName('value'),
  in: isIn('in'),
  valueat: valueAt('valueat'),
  name: nameAt('name'),
  count,
});
