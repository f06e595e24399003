// Pseudo-variables: their syntax, whether a loaded module provides their class
// and transformations, and whether an assigned one can be written.

import { formatPvs, parsePv, type PvSpec } from '../../grammar/pv.js';
import { locateIn, locatePart, type Locate, type Span } from '../../grammar/source.js';
import { locateInLiteral } from '../../grammar/string-literal.js';
import { READ_ONLY_PVS } from '../known-modules/pseudo-variables.js';
import { knownModules } from '../known-modules/index.js';
import { compileFormat } from '../fixup/format.js';
import { compilePv } from '../fixup/pv.js';
import type { CheckContext } from './context.js';

/** Classes the core itself provides (Kamailio knows these without pv.so). */
const CORE_CLASSES = new Set(['?', 'rc', 'retcode', 'null', 'def', 'defn', 'env', 'envn']);

type Provider =
  | { readonly kind: 'core' }
  | { readonly kind: 'loaded'; readonly module: string; readonly inner: 'required' | 'optional' | 'none' | 'unknown'; readonly writable: boolean | undefined; readonly available: boolean }
  | { readonly kind: 'not-loaded'; readonly module: string }
  | { readonly kind: 'none' };

function pvProvider(name: string, ctx: CheckContext): Provider {
  if (CORE_CLASSES.has(name)) return { kind: 'core' };
  for (const m of ctx.modules) {
    const own = m.decl?.pseudoVariables.find((p) => p.name === name);
    if (own) return { kind: 'loaded', module: m.name, inner: own.inner, writable: own.writable, available: true };
    // A class of the module that siprc's declaration of it does not provide yet.
    const known = (m.known ?? knownModules().get(m.name))?.pvClasses.find((p) => p.name === name);
    if (known) return { kind: 'loaded', module: m.name, inner: known.inner, writable: undefined, available: false };
  }
  for (const decl of ctx.registry.providedModules()) {
    if (decl.pseudoVariables.some((p) => p.name === name)) return { kind: 'not-loaded', module: decl.name };
  }
  for (const known of knownModules().values()) {
    if (known.pvClasses.some((p) => p.name === name)) return { kind: 'not-loaded', module: known.name };
  }
  return { kind: 'none' };
}

/** An unknown name is an error only when every loaded module is fully known to siprc. */
function reportUnknown(ctx: CheckContext, span: Span, what: string): void {
  const unavailable = ctx.unavailableModules();
  if (unavailable.length > 0) {
    ctx.report('W0205', span, `unknown ${what}; it may come from a module siprc does not provide yet (${unavailable.map((m) => m.name).join(', ')})`);
  } else {
    ctx.report('E0702', span, `unknown ${what}`);
  }
}

export interface PvUse {
  /** The pseudo-variable is assigned to. */
  readonly assigned?: boolean;
}

/** Checks one pseudo-variable written as is at `span`; returns its parsed form when its syntax is valid. */
export function checkPv(text: string, span: Span, ctx: CheckContext, use: PvUse = {}): PvSpec | undefined {
  return checkPvAt(text, locateIn(span), ctx, use);
}

/** Checks a pseudo-variable that is the whole value of the string literal at `span` (`"$var(x)"`). */
export function checkStringPv(value: string, span: Span, ctx: CheckContext, use: PvUse = {}): PvSpec | undefined {
  return checkPvAt(value, inLiteral(value, span, ctx), ctx, use);
}

/** Where offsets in the value of the string literal at `span` are written, escapes and all. */
function inLiteral(value: string, span: Span, ctx: CheckContext): Locate {
  return locateInLiteral(value, span, ctx.parse.sources.text(span));
}

/** Checks one pseudo-variable; `locate` places offsets in `text` in the source. */
function checkPvAt(text: string, locate: Locate, ctx: CheckContext, use: PvUse = {}): PvSpec | undefined {
  const parsed = parsePv(text, locate);
  const before = ctx.diagnostics.length;
  const spec = checkParsedPv(text, parsed, ctx, use);
  // Fixup: a pseudo-variable that checks clean is compiled, once per text.
  if (spec && ctx.diagnostics.length === before) {
    const access = ctx.fixups.pvs.get(text) ?? compilePv(spec, ctx.pvEnv);
    if (access) {
      if (use.assigned && !access.set) ctx.report('E0703', spec.span, `\`$${spec.className}\` cannot be assigned`);
      ctx.fixups.pvs.set(text, access);
    }
  }
  return spec;
}

function checkParsedPv(text: string, parsed: ReturnType<typeof parsePv>, ctx: CheckContext, use: PvUse): PvSpec | undefined {
  if ('error' in parsed) {
    ctx.report(parsed.part === 'pv' ? 'E0701' : 'E0704', parsed.span, `malformed pseudo-variable \`${text}\`: ${parsed.error}`);
    return undefined;
  }
  const provider = pvProvider(parsed.className, ctx);
  const display = `$${parsed.className}`;
  switch (provider.kind) {
    case 'none':
      reportUnknown(ctx, parsed.classSpan, `pseudo-variable \`${display}\``);
      break;
    case 'not-loaded':
      ctx.report('E0702', parsed.classSpan, `\`${display}\` comes from module \`${provider.module}\`, which is not loaded (add loadmodule "${provider.module}.so")`);
      break;
    case 'loaded':
      if (provider.inner === 'required' && !parsed.inner) {
        ctx.report('E0701', parsed.span, `\`${display}\` needs a name in parentheses, like \`${display}(name)\``);
      } else if (provider.inner === 'none' && parsed.inner) {
        ctx.report('E0701', parsed.inner.span, `\`${display}\` takes no name in parentheses`);
      }
      break;
    case 'core':
      break;
  }
  if (use.assigned) {
    if (parsed.transformations.length > 0) {
      ctx.report('E0703', parsed.span, 'a pseudo-variable with transformations cannot be assigned');
    } else if (READ_ONLY_PVS.has(parsed.className) || (provider.kind === 'loaded' && provider.writable === false)) {
      ctx.report('E0703', parsed.span, `\`${display}\` is read-only and cannot be assigned`);
    }
  }
  if (parsed.index?.text.startsWith('$')) checkPvAt(parsed.index.text, parsed.index.locate, ctx);
  for (const tr of parsed.transformations) {
    checkTransformation(tr.className, tr.method, tr.span, ctx);
    for (const p of tr.params) if (/^\$[A-Za-z_(]/.test(p.text)) checkPvAt(p.text, p.locate, ctx);
  }
  return parsed;
}

function checkTransformation(className: string, method: string, span: Span, ctx: CheckContext): void {
  const name = `{${className}.${method}}`;
  // Method names match case-insensitively, as in Kamailio.
  const has = (methods: readonly string[]): boolean => methods.some((m) => m.toLowerCase() === method.toLowerCase());
  for (const m of ctx.modules) {
    const own = m.decl?.transformations.find((t) => t.name === className);
    if (own && has(own.methods)) return;
    // Methods siprc's declaration does not provide yet are known by name; siprc exec refuses to run them.
    const known = (m.known ?? knownModules().get(m.name))?.transformations[className];
    if (known) {
      if (known.length > 0 && !has(known)) {
        ctx.report(own ? 'E0705' : 'W0205', span, `unknown transformation \`${name}\`: class \`${className}\` of module \`${m.name}\` has no method \`${method}\``);
      }
      return;
    }
    if (own) {
      ctx.report('E0705', span, `unknown transformation \`${name}\`: class \`${className}\` has no method \`${method}\``);
      return;
    }
  }
  for (const decl of ctx.registry.providedModules()) {
    if (decl.transformations.some((t) => t.name === className)) {
      ctx.report('E0705', span, `transformation \`${name}\` comes from module \`${decl.name}\`, which is not loaded`);
      return;
    }
  }
  for (const known of knownModules().values()) {
    if (known.transformations[className]) {
      ctx.report('E0705', span, `transformation \`${name}\` comes from module \`${known.name}\`, which is not loaded`);
      return;
    }
  }
  reportUnknown(ctx, span, `transformation class \`${className}\``);
}

/** Checks the pseudo-variables inside a string with pseudo-variables ("sip:$rU@$td"). */
export function checkFormatString(value: string, span: Span, ctx: CheckContext): void {
  checkFormatAt(value, inLiteral(value, span, ctx), ctx);
}

/**
 * Checks a string with pseudo-variables that is part of a string literal's
 * value (a command's own fixup cut it out, as subst's replacement): placed
 * where it first appears in the value, else at the whole literal.
 */
export function checkFormatInString(part: string, literal: { readonly value: string; readonly span: Span }, ctx: CheckContext): void {
  const offset = literal.value.indexOf(part);
  if (offset < 0) return checkFormatString(part, literal.span, ctx);
  checkFormatAt(part, locatePart(inLiteral(literal.value, literal.span, ctx), offset, part.length), ctx);
}

function checkFormatAt(value: string, locate: Locate, ctx: CheckContext): void {
  const before = ctx.diagnostics.length;
  for (const found of formatPvs(value, locate)) {
    if ('error' in found) ctx.report('E0701', found.span, found.error);
    else checkPvAt(found.text, found.locate, ctx);
  }
  if (ctx.diagnostics.length === before && !ctx.fixups.formats.has(value)) {
    const format = compileFormat(value, ctx.pvEnv, locate);
    if (format) ctx.fixups.formats.set(value, format);
  }
}
