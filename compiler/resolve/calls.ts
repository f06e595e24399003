// Calls: finds what each `name(args)` is (a core function, route(NAME), a
// command of a loaded module, or a command of a module siprc does not provide
// yet), checks the number and kind of its arguments, and records which route
// types it may run in.

import type { Call, Expr, RouteBlock } from '../../grammar/ast.js';
import type { ArgSpec, CommandDecl, FixupTools } from '../../modules/api.js';
import { FixupError } from '../../runtime/pv/types.js';
import { ROUTE_TYPES, type RouteType } from '../../runtime/route-type.js';
import { isCfgGroup } from '../core/cfg-groups.js';
import { CORE_FUNCTIONS, type CoreArg, type CoreFunction } from '../core/functions.js';
import { PROTOCOLS } from '../core/params.js';
import { isReservedWord } from '../core/reserved-words.js';
import { knownModules } from '../known-modules/index.js';
import { didYouMean } from '../suggest.js';
import type { CheckContext } from './context.js';
import { checkExpr, type Scope } from './expressions.js';
import { MAX_FLAG } from './globals.js';
import { checkFormatInString, checkFormatString, checkPv, checkStringPv } from './pvs.js';
import { reservedRouteName } from './route-names.js';
import { ARMED_KINDS, type RouteTable } from './routes.js';

const NOT_ONSEND: readonly RouteType[] = ROUTE_TYPES.filter((t) => t !== 'onsend');

function arities(counts: readonly number[]): string {
  const unique = [...new Set(counts)].sort((a, b) => a - b);
  const words = unique.map(String);
  const list = words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
  return `${list} argument${unique.length === 1 && unique[0] === 1 ? '' : 's'}`;
}

/** Whether a catalogue function takes `count` arguments (one found with all of 0 to 6 takes any number). */
function takesCount(counts: readonly number[], count: number): boolean {
  return counts.length === 7 || counts.includes(count);
}

export function checkCall(call: Call, scope: Scope, ctx: CheckContext): void {
  const routes = scope.routes;
  if (call.name === 'route') return checkRouteCall(call, scope, routes, ctx);
  const core = CORE_FUNCTIONS.get(call.name);
  if (core) return checkCoreCall(call, core, scope, ctx);
  if (!call.parens) {
    ctx.report('E0301', call.nameSpan, `\`${call.name}\` is not a statement: a function call needs parentheses, \`${call.name}()\``);
    return;
  }
  checkModuleCall(call, scope, routes, ctx);
}

function checkRouteCall(call: Call, scope: Scope, routes: RouteTable, ctx: CheckContext): void {
  ctx.restrict(scope.block, { what: '`route()`', allowed: NOT_ONSEND, span: call.nameSpan });
  if (call.args.length !== 1) {
    ctx.report('E0602', call.span, `\`route\` takes 1 argument, the name of a route; ${call.args.length} given`);
    return;
  }
  const arg = call.args[0]!;
  if (arg.kind === 'word' && /^[0-9]/.test(arg.name)) {
    ctx.report('E0301', arg.span, `\`${arg.name}\` is not a route name: a name starts with a letter or \`_\`, or is a number`);
    return;
  }
  if (arg.kind === 'word' && isReservedWord(arg.name)) {
    ctx.report('E0301', arg.span, reservedRouteName(arg.name, `route("${arg.name}")`));
    return;
  }
  const name = arg.kind === 'word' ? arg.name : arg.kind === 'string' ? arg.value : arg.kind === 'number' ? String(arg.value) : undefined;
  if (name === undefined) {
    checkExpr(arg, scope, ctx);
    ctx.dynamicRouteCall = true;
    ctx.calls.set(call, { kind: 'route', route: undefined });
    return;
  }
  const target = routes.get('request', name);
  ctx.calls.set(call, { kind: 'route', route: target });
  if (!target) {
    ctx.report('E0604', arg.span, `route \`${name}\` is not defined${didYouMean(name, routes.names('request'))}`);
    return;
  }
  const calls = ctx.routeCalls.get(scope.block) ?? new Set<RouteBlock>();
  calls.add(target);
  ctx.routeCalls.set(scope.block, calls);
}

function checkCoreCall(call: Call, fn: CoreFunction, scope: Scope, ctx: CheckContext): void {
  ctx.calls.set(call, { kind: 'core', fn });
  if (!fn.onsend) ctx.restrict(scope.block, { what: `\`${fn.name}\``, allowed: NOT_ONSEND, span: call.nameSpan });
  if (!call.parens && !fn.bare) {
    ctx.report('E0301', call.nameSpan, `\`${fn.name}\` needs parentheses: \`${fn.name}(...)\``);
    return;
  }
  const form = fn.forms.find((f) => f.length === call.args.length);
  if (!form) {
    ctx.report('E0602', call.span, `\`${fn.name}\` takes ${arities(fn.forms.map((f) => f.length))}, ${call.args.length} given`);
    return;
  }
  form.forEach((kind, i) => checkCoreArg(fn.name, i + 1, kind, call.args[i]!, scope, ctx));
}

function checkCoreArg(fn: string, position: number, kind: CoreArg, arg: Expr, scope: Scope, ctx: CheckContext): void {
  const bad = (want: string): void => ctx.report('E0607', arg.span, `argument ${position} of \`${fn}\` must be ${want}`);
  const word = arg.kind === 'word' ? arg.name : undefined;
  switch (kind) {
    case 'string':
      if (arg.kind !== 'string') bad('a string constant (in quotes)');
      return;
    case 'number':
      if (arg.kind !== 'number') bad('a number constant');
      return;
    case 'intno':
      if (arg.kind !== 'number' && !(arg.kind === 'unary' && arg.op === '-' && arg.operand.kind === 'number')) bad('a number constant');
      return;
    case 'flag':
      return checkFlag(fn, position, arg, ctx);
    case 'avpflag': {
      const name = word ?? (arg.kind === 'string' ? arg.value : undefined);
      if (name === undefined) bad('an AVP flag name');
      else if (!ctx.avpFlags.has(name)) ctx.report('E0608', arg.span, `AVP flag \`${name}\` is not declared (declare it with \`avpflags ${name};\`)`);
      return;
    }
    case 'avp':
      if (arg.kind !== 'string') bad('the AVP\'s name as a string, like `"name"` (not `$avp(name)`)');
      return;
    case 'cfggroup':
      if (arg.kind !== 'string') bad('a configuration group\'s name, as a string');
      else if (!isCfgGroup(arg.value, ctx.cfgGroups, ctx.modules.map((m) => m.name))) {
        ctx.report('E0608', arg.span, `configuration group \`${arg.value}\` is not declared: \`core\`, a group of the script's own variables (\`${arg.value}.name = value\`) or a loaded module's`);
      }
      return;
    case 'host':
      if (!(arg.kind === 'string' || (word !== undefined && word !== 'uri:port') || (arg.kind === 'address' && !arg.text.includes('/')))) {
        bad('a host: a string, a host name, an IP address or `uri:host`');
      }
      return;
    case 'port':
      if (arg.kind !== 'number' && word !== 'uri:port') bad('a port number or `uri:port`');
      return;
    case 'proto':
      if (word === undefined || !PROTOCOLS.has(word) || /^wss?$/i.test(word)) bad('udp, tcp, tls or sctp');
      return;
    case 'address':
      if (!(arg.kind === 'string' || word !== undefined || (arg.kind === 'address' && !arg.text.includes('/')))) bad('an IP address, a host name or a string');
      return;
    case 'socket':
      return checkSocketArg(fn, position, arg, ctx);
    case 'route':
    case 'expr':
      checkExpr(arg, scope, ctx);
      return;
  }
}

function checkFlag(fn: string, position: number, arg: Expr, ctx: CheckContext): void {
  if (arg.kind === 'number') {
    if (arg.value > MAX_FLAG) ctx.report('E0608', arg.span, `flag ${arg.value} is out of range: flags go from 0 to ${MAX_FLAG}`);
    return;
  }
  const name = arg.kind === 'word' ? arg.name : arg.kind === 'string' ? arg.value : undefined;
  if (name === undefined) {
    ctx.report('E0607', arg.span, `argument ${position} of \`${fn}\` must be a flag number or a declared flag name`);
  } else if (!ctx.flags.has(name)) {
    ctx.report('E0608', arg.span, `flag \`${name}\` is not declared (declare it with \`flags ${name};\` or #!define it as a number)`, ctx.skippedDefineNote(name));
  }
}

/** force_send_socket(`[proto:]host[:port]`). */
function checkSocketArg(fn: string, position: number, arg: Expr, ctx: CheckContext): void {
  const parts = arg.kind === 'socket' ? [...arg.parts] : [arg];
  if (parts.length > 1 && parts[0]!.kind === 'word' && PROTOCOLS.has(parts[0]!.name)) parts.shift();
  const host = parts[0]!;
  const port = parts[1];
  const hostOk = host.kind === 'string' || host.kind === 'word' || (host.kind === 'address' && !host.text.includes('/'));
  const portOk = port === undefined || (port.kind === 'number' && port.value <= 65535);
  if (!hostOk || !portOk || parts.length > 2) {
    ctx.report('E0607', arg.span, `argument ${position} of \`${fn}\` must be a local socket, \`[proto:]host[:port]\``);
    return;
  }
  const address = host.kind === 'address' ? host.text.replace(/^\[(.*)\]$/, '$1') : undefined;
  const sockets = listenSockets(ctx);
  // Only when every listen= names an IP address can siprc tell, as Kamailio does at start-up.
  if (address !== undefined && sockets && !sockets.some((s) => s.address === address && s.port === (port?.kind === 'number' ? port.value : 5060))) {
    ctx.report('E0607', arg.span, `\`${fn}\`: the script does not listen on ${address}:${port?.kind === 'number' ? port.value : 5060} (its listen= sockets are ${sockets.map((s) => `${s.address}:${s.port}`).join(', ')})`);
  }
}

/** The listen= sockets as IP address and port, or undefined when there are none or one is not an IP address. */
function listenSockets(ctx: CheckContext): Array<{ address: string; port: number }> | undefined {
  const out: Array<{ address: string; port: number }> = [];
  for (const item of ctx.parse.script.items) {
    if (item.kind !== 'global' || item.name !== 'listen') continue;
    const e = item.value[0];
    if (!e || e.kind !== 'address') return undefined;
    const parts = e.parts.filter((p) => !(p.kind === 'name' && PROTOCOLS.has(p.text)));
    const [host, port] = parts;
    if (host?.kind !== 'ip') return undefined;
    out.push({ address: host.text.replace(/^\[(.*)\]$/, '$1'), port: port?.kind === 'number' ? port.value : 5060 });
  }
  return out.length > 0 ? out : undefined;
}

function checkModuleCall(call: Call, scope: Scope, routes: RouteTable, ctx: CheckContext): void {
  const candidates: Array<{ module: string; command: CommandDecl }> = [];
  for (const m of ctx.modules) {
    for (const command of m.decl?.commands ?? []) if (command.name === call.name) candidates.push({ module: m.name, command });
  }
  if (candidates.length > 0) {
    const match = candidates.find((c) => c.command.args.length === call.args.length);
    if (!match) {
      ctx.report(
        'E0602',
        call.span,
        `\`${call.name}\` takes ${arities(candidates.map((c) => c.command.args.length))}, ${call.args.length} given`,
      );
      call.args.forEach((a) => checkExpr(a, scope, ctx));
      return;
    }
    ctx.calls.set(call, { kind: 'module', module: match.module, command: match.command });
    ctx.restrict(scope.block, { what: `\`${call.name}\``, allowed: match.command.routes, span: call.nameSpan });
    match.command.args.forEach((spec, i) => checkModuleArg(call.name, i + 1, spec, call.args[i]!, scope, routes, ctx));
    return;
  }
  // A module siprc does not provide, or a function of one it provides that siprc does not run yet (siprc exec names it).
  const unavailable = ctx.modules.find((m) => (m.known ?? knownModules().get(m.name))?.functions.has(call.name));
  if (unavailable) {
    const counts = (unavailable.known ?? knownModules().get(unavailable.name))!.arities.get(call.name);
    if (counts && !takesCount(counts, call.args.length)) {
      ctx.report('E0602', call.span, `\`${call.name}\` takes ${arities(counts)}, ${call.args.length} given`);
    }
    ctx.calls.set(call, { kind: 'unavailable', module: unavailable.name });
    for (const arg of call.args) {
      if (arg.kind === 'string') routes.named(arg.value).forEach((r) => ctx.referenced.add(r));
      else checkExpr(arg, scope, ctx);
    }
    return;
  }
  call.args.forEach((a) => checkExpr(a, scope, ctx));
  const providers = ctx.registry.modulesWithFunction(call.name);
  if (providers.length > 0) {
    ctx.report(
      'E0606',
      call.nameSpan,
      `\`${call.name}\` comes from module ${providers.map((p) => `\`${p}\``).join(' or ')}, which is not loaded (add loadmodule "${providers[0]}.so")`,
    );
    return;
  }
  const known = [...CORE_FUNCTIONS.keys(), ...ctx.modules.flatMap((m) => [...(m.decl?.commands.map((c) => c.name) ?? []), ...(m.known?.functions ?? [])])];
  ctx.report('E0601', call.nameSpan, `unknown command \`${call.name}\`${didYouMean(call.name, known)}`);
}

/** Runs an argument's own fixup on its constant text. */
function fixupArg(fn: string, position: number, spec: ArgSpec, arg: Extract<Expr, { kind: 'string' }>, ctx: CheckContext): void {
  const tools: FixupTools = {
    format(text) {
      const reported = ctx.diagnostics.length;
      checkFormatInString(text, arg, ctx);
      const format = ctx.fixups.formats.get(text);
      if (format) return format;
      throw new FixupError(ctx.diagnostics.length > reported ? `"${text}" has a bad pseudo-variable` : `siprc cannot evaluate the pseudo-variables of "${text}" yet`);
    },
  };
  try {
    ctx.fixups.args.set(arg, spec.fixup!(arg.value, tools));
  } catch (e) {
    if (!(e instanceof FixupError)) throw e;
    ctx.report('E0607', arg.span, `argument ${position} of \`${fn}\` (${spec.name}): ${e.message}`);
  }
}

function checkModuleArg(fn: string, position: number, spec: ArgSpec, arg: Expr, scope: Scope, routes: RouteTable, ctx: CheckContext): void {
  const bad = (want: string): void => ctx.report('E0607', arg.span, `argument ${position} of \`${fn}\` (${spec.name}) must be ${want}`);
  switch (spec.type) {
    case 'int':
      if (arg.kind === 'string' && !/^-?\d+$/.test(arg.value.trim())) bad(`a number, not "${arg.value}"`);
      else if (arg.kind !== 'string') checkExpr(arg, scope, ctx);
      return;
    case 'intpv':
      if (arg.kind !== 'string') checkExpr(arg, scope, ctx);
      else if (/^\$/.test(arg.value)) checkStringPv(arg.value, arg.span, ctx);
      else if (!/^-?\d+$/.test(arg.value.trim())) bad(`a number or a pseudo-variable, not "${arg.value}"`);
      return;
    case 'str':
      if (spec.fixup && arg.kind === 'string') fixupArg(fn, position, spec, arg, ctx);
      else checkExpr(arg, scope, ctx);
      return;
    case 'format':
      if (arg.kind !== 'string') checkExpr(arg, scope, ctx);
      else checkFormatString(arg.value, arg.span, ctx);
      return;
    case 'spve':
      if (arg.kind !== 'string') checkExpr(arg, scope, ctx);
      else if (spec.fixup && !arg.value.includes('$')) fixupArg(fn, position, spec, arg, ctx);
      else checkFormatString(arg.value, arg.span, ctx);
      return;
    case 'pvar':
    case 'pvar-writable': {
      const use = { assigned: spec.type === 'pvar-writable' };
      if (arg.kind === 'pv') checkPv(arg.text, arg.span, ctx, use);
      else if (arg.kind === 'string' && /^\$/.test(arg.value)) checkStringPv(arg.value, arg.span, ctx, use);
      else bad('a pseudo-variable');
      return;
    }
    case 'regex':
      if (arg.kind === 'string') {
        const regex = ctx.compileRegex(arg.value, { icase: !spec.caseSensitive, newline: true });
        if (regex instanceof RegExp) ctx.fixups.args.set(arg, regex);
        else ctx.report('E0801', arg.span, `invalid regular expression \`${arg.value}\`: ${regex.error}`);
      } else checkExpr(arg, scope, ctx);
      return;
    case 'flag':
      return checkFlag(fn, position, arg, ctx);
    case 'route': {
      const kind = spec.route ?? 'request';
      const name = arg.kind === 'string' ? arg.value : arg.kind === 'word' ? arg.name : undefined;
      if (name === undefined) {
        checkExpr(arg, scope, ctx);
        return;
      }
      // t_on_failure("0") and its kind arm no route, as in Kamailio (its route 0 of these kinds means none).
      if (name === '0' && ARMED_KINDS.has(kind)) return;
      const target = routes.get(kind, name);
      if (target) ctx.referenced.add(target);
      else ctx.report('E0604', arg.span, `${routes.describe(kind, name)} is not defined${didYouMean(name, routes.names(kind))}`);
      return;
    }
  }
}

