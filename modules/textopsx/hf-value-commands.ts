// textopsx's header value functions, as lumps written the way Kamailio 5.6
// writes them: `,v` after a value, `v,` before one, a removed value taking a
// comma (the one before, else after) or its line; the "2" forms for
// Authorization-like lines; include/exclude/exists on a set, case aside.

import { command, type ArgSpec, type CommandDecl, type ExecContext } from '../api.js';
import { MESSAGE_ROUTES } from '../textops/routes.js';
import { headerSpec, type HeaderSpec, type SpecRules } from './hf-spec.js';
import { headerValues, itemText, pick, valueParams, type Item, type Param } from './hf-values.js';

const spec = (rules: SpecRules): ArgSpec => ({ name: 'hf', type: 'str', fixup: headerSpec(rules) });
const VALUE: ArgSpec = { name: 'hvalue', type: 'spve' };

/** Removes a value or parameter with the separator before it, else the one after it; false when it is alone. */
function removeItem(ctx: ExecContext, item: Item): boolean {
  if (item.prevSep >= 0) ctx.edits.replaceText(item.prevSep, item.end, '');
  else if (item.nextSep >= 0) ctx.edits.replaceText(item.start, item.nextSep + 1, '');
  else return false;
  return true;
}

function removeValue(ctx: ExecContext, value: Item): void {
  if (!removeItem(ctx, value)) ctx.edits.removeHeader(value.line);
}

const findParam = (params: readonly Param[], name: string): Param | undefined => params.find((p) => p.name.toLowerCase() === name.toLowerCase());

/** Sets a parameter of a value (adding it at the value's end when absent); an empty value leaves a bare name. */
function assignParam(ctx: ExecContext, value: Item, name: string, to: string, whole: boolean): void {
  const p = findParam(valueParams(ctx.message, value, whole), name);
  if (!p) ctx.edits.replaceText(value.end, value.end, `${whole ? ',' : ';'}${name}${to === '' ? '' : `=${to}`}`);
  else if (p.eq < 0) {
    if (to !== '') ctx.edits.replaceText(p.nameEnd, p.nameEnd, `=${to}`);
  } else ctx.edits.replaceText(p.eq, p.end, to === '' ? '' : `=${to}`);
}

function removeParam(ctx: ExecContext, value: Item, name: string, whole: boolean): boolean {
  const p = findParam(valueParams(ctx.message, value, whole), name);
  if (!p) return false;
  if (!removeItem(ctx, p)) ctx.edits.replaceText(p.start, p.end, '');
  return true;
}

const newLine = (s: HeaderSpec, value: string): string => `${s.name}: ${value}\r\n`;

function append(ctx: ExecContext, s: HeaderSpec, value: string): number {
  const [after] = s.index === undefined ? [] : pick(headerValues(ctx.message, s.key, false), s.index);
  if (after) ctx.edits.replaceText(after.end, after.end, `,${value}`);
  else ctx.edits.addHeaderText('last', newLine(s, value));
  return 1;
}

function insert(ctx: ExecContext, s: HeaderSpec, value: string): number {
  if (s.index === undefined) {
    const first = ctx.message.findHeader(s.key);
    ctx.edits.addHeaderText(first < 0 ? 'last' : { before: first }, newLine(s, value));
    return 1;
  }
  const [before] = pick(headerValues(ctx.message, s.key, false), s.index);
  if (!before) return -1;
  ctx.edits.replaceText(before.outerStart, before.outerStart, `${value},`);
  return 1;
}

function remove(ctx: ExecContext, s: HeaderSpec, whole: boolean): number {
  const picked = pick(headerValues(ctx.message, s.key, whole), s.index);
  if (s.param !== undefined) {
    let removed = false;
    for (const value of picked) removed = removeParam(ctx, value, s.param, whole) || removed;
    return removed ? 1 : -1;
  }
  if (s.index === '*') {
    const lines = new Set(picked.map((v) => v.line));
    for (const line of lines) ctx.edits.removeHeader(line);
    return lines.size > 0 ? 1 : -1;
  }
  if (picked.length === 0) return -1;
  for (const value of picked) removeValue(ctx, value);
  return 1;
}

function assign(ctx: ExecContext, s: HeaderSpec, to: string, whole: boolean): number {
  const picked = pick(headerValues(ctx.message, s.key, whole), s.index);
  if (picked.length === 0) return -1;
  for (const value of picked) {
    if (s.param === undefined) ctx.edits.replaceText(value.start, value.end, to);
    else assignParam(ctx, value, s.param, to, whole);
  }
  return 1;
}

/** The values of a header equal to `value`, case aside. */
function equalValues(ctx: ExecContext, s: HeaderSpec, value: string): Item[] {
  const wanted = value.toLowerCase();
  return headerValues(ctx.message, s.key, false).filter((v) => itemText(ctx.message, v).toLowerCase() === wanted);
}

function include(ctx: ExecContext, s: HeaderSpec, value: string): number {
  if (equalValues(ctx, s, value).length > 0) return 1;
  const last = headerValues(ctx.message, s.key, false).pop();
  if (last) ctx.edits.replaceText(last.end, last.end, `,${value}`);
  else ctx.edits.addHeaderText('last', newLine(s, value));
  return 1;
}

function exclude(ctx: ExecContext, s: HeaderSpec, value: string): number {
  for (const v of equalValues(ctx, s, value)) removeValue(ctx, v);
  return 1;
}

type Run = (ctx: ExecContext, s: HeaderSpec, value: string) => number;

const withValue = (name: string, rules: SpecRules, run: Run): CommandDecl =>
  command({ name, args: [spec(rules), VALUE], routes: MESSAGE_ROUTES, run: (ctx, [s, value]) => run(ctx, s as unknown as HeaderSpec, value as string) });

const withoutValue = (name: string, whole: boolean): CommandDecl =>
  command({ name, args: [spec({ index: true, param: true, star: 'yes' })], routes: MESSAGE_ROUTES, run: (ctx, [s]) => remove(ctx, s as unknown as HeaderSpec, whole) });

const NAME_ONLY: SpecRules = { index: false, param: false, star: 'no' };
const ASSIGNABLE: SpecRules = { index: true, param: true, star: 'with-param' };

export const hfValueCommands: readonly CommandDecl[] = [
  withValue('append_hf_value', { index: true, param: false, star: 'no' }, append),
  withValue('insert_hf_value', { index: true, param: false, star: 'no' }, insert),
  withoutValue('remove_hf_value', false),
  withoutValue('remove_hf_value2', true),
  withValue('assign_hf_value', ASSIGNABLE, (ctx, s, value) => assign(ctx, s, value, false)),
  withValue('assign_hf_value2', ASSIGNABLE, (ctx, s, value) => assign(ctx, s, value, true)),
  withValue('include_hf_value', NAME_ONLY, include),
  withValue('exclude_hf_value', NAME_ONLY, exclude),
  withValue('hf_value_exists', NAME_ONLY, (ctx, s, value) => (equalValues(ctx, s, value).length > 0 ? 1 : -1)),
];
