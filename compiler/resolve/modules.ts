// loadmodule and modparam: which modules a script loads, and whether each
// modparam names a loaded module, a parameter it has, and a value of its type
// (for modparamx, as its pseudo-variables give them at start-up).

import type { LoadModule, ModParam } from '../../grammar/ast.js';
import { didYouMean } from '../suggest.js';
import type { CheckContext } from './context.js';
import { modparamArgument } from './modparam-values.js';

/** The module name a loadmodule path means: `/usr/lib/x/tm.so` and `tm` both mean `tm`. */
export function moduleNameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.so$/, '');
}

/** Whether a loadmodule path names a module a user wrote: a JavaScript file, or an npm package `siprc-mod-*`. */
export function isUserModule(path: string): boolean {
  return /\.[cm]?js$/.test(path) || moduleNameOf(path).startsWith('siprc-mod-');
}

/** The name of the module a loadmodule path loads: a user's module says its own name. */
function loadedName(path: string, ctx: CheckContext): string {
  const user = isUserModule(path) ? ctx.registry.userModule(path) : undefined;
  return user && 'decl' in user ? user.decl.name : moduleNameOf(path);
}

export function loadModule(item: LoadModule, ctx: CheckContext): void {
  const user = isUserModule(item.path) ? ctx.registry.userModule(item.path) : undefined;
  if (user && 'error' in user) {
    ctx.report(user.error.code, item.pathSpan, user.error.message);
    return;
  }
  const name = user ? user.decl.name : moduleNameOf(item.path);
  const previous = ctx.modules.find((m) => m.name === name);
  if (previous) {
    ctx.report('W0204', item.pathSpan, `module \`${name}\` is already loaded`, [{ message: 'first loaded here', span: previous.span }]);
    return;
  }
  const decl = user ? user.decl : ctx.registry.module(name);
  const known = user ? undefined : ctx.registry.unavailable(name);
  if (decl || known) {
    ctx.modules.push({ name, path: item.path, span: item.pathSpan, decl, known, params: new Map() });
    if (known) ctx.report('E0502', item.pathSpan, `module \`${name}\` is not available in siprc yet`);
    return;
  }
  ctx.report(
    'E0501',
    item.pathSpan,
    isUserModule(item.path)
      ? `cannot load \`${item.path}\`: a module from a file or npm package must be loaded before the check (compileFileWithModules in cli/compile.ts)`
      : `unknown module \`${name}\`: siprc neither provides it nor knows it from Kamailio 5.6's Debian packages${didYouMean(name, ctx.registry.names())}`,
  );
}

export function modParam(item: ModParam, ctx: CheckContext): void {
  const pattern = modparamArgument(item.module, 'module name', ctx, 'string', item.evaluated);
  const param = modparamArgument(item.param, 'parameter name', ctx, 'string', item.evaluated);
  const value = modparamArgument(item.value, 'value', ctx, 'any', item.evaluated);
  if (typeof pattern !== 'string' || typeof param !== 'string' || value === undefined) return;
  const regex = ctx.compileRegex(`^(${pattern})$`, { icase: true, newline: false });
  if (!(regex instanceof RegExp)) {
    ctx.report('E0506', item.module.span, `the module name in modparam is a regex, and \`${pattern}\` is not a valid one: ${regex.error}`);
    return;
  }
  const matched = ctx.modules.filter((m) => regex.test(m.name));
  if (matched.length === 0) {
    const later = ctx.parse.script.items.some((i) => i.kind === 'loadmodule' && regex.test(loadedName(i.path, ctx)) && i.span.start > item.span.start);
    ctx.report(
      'E0503',
      item.module.span,
      `no loaded module matches \`${pattern}\`${later ? ' (its loadmodule comes later: modparam must follow loadmodule)' : didYouMean(String(pattern), ctx.modules.map((m) => m.name))}`,
    );
    return;
  }
  const type = typeof value === 'number' ? 'int' : 'str';
  const formattedNumber = item.evaluated && item.value.kind === 'string' && item.value.value.includes('$');
  for (const module of matched) {
    if (!module.decl) continue; // not available: its loadmodule already reported it
    const declared = module.decl.params.find((p) => p.name === param);
    if (!declared) {
      ctx.report(
        'E0504',
        item.param.span,
        `module \`${module.name}\` has no parameter \`${param}\`${didYouMean(String(param), module.decl.params.map((p) => p.name))}`,
      );
    } else if (declared.type !== type) {
      ctx.report(
        'E0505',
        item.value.span,
        `parameter \`${param}\` of module \`${module.name}\` takes ${declared.type === 'int' ? 'a number' : 'a string'}, not ${type === 'int' ? 'a number' : 'a string'}${formattedNumber ? ' (modparamx makes a quoted value a string; an unquoted pseudo-variable such as $defn(NAME) gives a number)' : ''}`,
      );
    } else if (typeof value === 'number' && ((declared.min !== undefined && value < declared.min) || (declared.max !== undefined && value > declared.max))) {
      const range = declared.max === undefined ? `at least ${declared.min}` : declared.min === undefined ? `at most ${declared.max}` : `from ${declared.min} to ${declared.max}`;
      ctx.report('E0505', item.value.span, `parameter \`${param}\` of module \`${module.name}\` must be ${range}, not ${value}`);
    } else {
      const previous = module.params.get(param);
      module.params.set(param, declared.repeatable ? [...(Array.isArray(previous) ? previous : []), value] : value);
    }
  }
}
