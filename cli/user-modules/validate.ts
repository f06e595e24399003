// Whether what a module file exports is a module this siprc can run: a
// ModuleDecl (modules/api.ts) for the same module API version whose every
// declaration is complete (commands with handlers, pseudo-variable classes
// and transformations with compile functions). Lists left out are empty.

import type { UserModule } from '../../compiler/registry.js';
import { MODULE_API_VERSION, type ArgType, type ModuleDecl } from '../../modules/api.js';
import { ROUTE_TYPES } from '../../runtime/route-type.js';

type Fields = Readonly<Record<string, unknown>>;
/** The first thing wrong with one declaration, or undefined. */
type Check = (d: Fields) => string | undefined;

const ARG_TYPES: Readonly<Record<ArgType, true>> = { int: true, intpv: true, str: true, spve: true, format: true, pvar: true, 'pvar-writable': true, regex: true, route: true, flag: true };

const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null;
const isName = (v: unknown): v is string => typeof v === 'string' && /^[\w.-]+$/.test(v);
const isRouteType = (v: unknown): boolean => (ROUTE_TYPES as readonly unknown[]).includes(v);
const oneOf = (v: unknown, allowed: readonly string[]): boolean => allowed.includes(v as string);
const optional = (v: unknown, type: 'function' | 'boolean' | 'number'): boolean => v === undefined || typeof v === type;
const quoted = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

function firstProblem(checks: ReadonlyArray<readonly [boolean, string]>): string | undefined {
  return checks.find(([ok]) => !ok)?.[1];
}

const checkArg: Check = (a) =>
  firstProblem([
    [isName(a.name), 'has no name'],
    [typeof a.type === 'string' && Object.hasOwn(ARG_TYPES, a.type), `has type ${JSON.stringify(a.type)}, not one of ${quoted(Object.keys(ARG_TYPES))}`],
    [a.route === undefined || isRouteType(a.route), `names route type ${JSON.stringify(a.route)}, not one of ${quoted(ROUTE_TYPES)}`],
    [optional(a.fixup, 'function'), '`fixup` is not a function'],
  ]);

const checkCommand: Check = (c) => {
  if (!Array.isArray(c.args)) return '`args` is not a list';
  for (const [i, a] of c.args.entries()) {
    const problem = isObject(a) ? checkArg(a) : 'is not an object';
    if (problem) return `argument ${i + 1} ${problem}`;
  }
  return firstProblem([
    [Array.isArray(c.routes) && c.routes.length > 0 && c.routes.every(isRouteType), `\`routes\` must list route types among ${quoted(ROUTE_TYPES)}`],
    [typeof c.run === 'function', '`run` is not a function'],
  ]);
};

const checkParam: Check = (p) =>
  firstProblem([
    [oneOf(p.type, ['int', 'str']), "`type` must be 'int' or 'str'"],
    [p.default === undefined || typeof p.default === (p.type === 'int' ? 'number' : 'string'), '`default` does not have the parameter\'s type'],
    [optional(p.repeatable, 'boolean') && optional(p.min, 'number') && optional(p.max, 'number'), '`repeatable` must be a boolean, `min` and `max` numbers'],
  ]);

const checkPvClass: Check = (v) =>
  firstProblem([
    [oneOf(v.inner, ['required', 'optional', 'none']), "`inner` must be 'required', 'optional' or 'none'"],
    [typeof v.writable === 'boolean', '`writable` is not a boolean'],
    [typeof v.compile === 'function', '`compile` is not a function'],
  ]);

const checkTransformation: Check = (t) =>
  firstProblem([
    [Array.isArray(t.methods) && t.methods.every((m) => typeof m === 'string'), '`methods` is not a list of names'],
    [typeof t.compile === 'function', '`compile` is not a function'],
  ]);

const checkStatistic: Check = (s) =>
  firstProblem([
    [oneOf(s.kind, ['counter', 'gauge']), "`kind` must be 'counter' or 'gauge'"],
    [typeof s.help === 'string', '`help` is not a string'],
  ]);

const checkRpc: Check = (r) =>
  firstProblem([
    [typeof r.help === 'string', '`help` is not a string'],
    [typeof r.run === 'function', '`run` is not a function'],
  ]);

const LISTS = { commands: checkCommand, params: checkParam, pseudoVariables: checkPvClass, transformations: checkTransformation, statistics: checkStatistic, rpc: checkRpc };

function checkList(key: keyof typeof LISTS, list: unknown): string | undefined {
  if (list === undefined) return undefined;
  if (!Array.isArray(list)) return `\`${key}\` is not a list`;
  for (const [i, d] of list.entries()) {
    const problem = isObject(d) ? (isName(d.name) ? LISTS[key](d) : 'has no name') : 'is not an object';
    if (problem) return `\`${key}[${i}]\`${isObject(d) && isName(d.name) ? ` (${d.name})` : ''} ${problem}`;
  }
  return undefined;
}

/** The module a file exports (`exported`: its default export, or its export named `module`), or why it cannot be loaded. */
export function checkUserModule(path: string, exported: unknown): UserModule {
  const refuse = (code: 'E0507' | 'E0508', message: string): UserModule => ({ error: { code, message } });
  if (!isObject(exported) || !('apiVersion' in exported)) {
    return refuse('E0507', `\`${path}\` does not export a module: it needs a default export (or an export named \`module\`) made with defineModule from 'siprc/api'`);
  }
  if (exported.apiVersion !== MODULE_API_VERSION) {
    return refuse('E0508', `\`${path}\` was written for module API version ${JSON.stringify(exported.apiVersion)}, and this siprc provides version ${MODULE_API_VERSION}`);
  }
  const problem = firstProblem([
    [isName(exported.name), '`name` must be a name (letters, digits, `_`, `.`, `-`)'],
    [['init', 'childInit', 'destroy'].every((hook) => optional(exported[hook], 'function')), '`init`, `childInit` and `destroy` must be functions'],
  ]) ?? (Object.keys(LISTS) as Array<keyof typeof LISTS>).map((key) => checkList(key, exported[key])).find((p) => p !== undefined);
  if (problem) return refuse('E0507', `\`${path}\` does not export a valid module: ${problem}`);
  const lists = Object.fromEntries(Object.keys(LISTS).map((key) => [key, exported[key] ?? []]));
  return { decl: { ...exported, ...lists } as unknown as ModuleDecl };
}
