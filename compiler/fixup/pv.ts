// Fixup of pseudo-variables: a parsed `$(hdr(Via)[1]{s.len})` becomes one
// PvAccess, its class compiled by the module that provides it, its index and
// name (constant or read at run time) resolved, its transformations compiled
// and chained. Problems are reported at the part of the text they concern.

import type { PvPart, PvSpec } from '../../grammar/pv.js';
import { parsePv } from '../../grammar/pv.js';
import type { ParseResult } from '../../grammar/index.js';
import type { Span } from '../../grammar/source.js';
import type { ModuleDecl } from '../../modules/api.js';
import { FixupError, type PvAccess, type PvIndex, type PvName, type Transform, type TransformParam } from '../../runtime/pv/types.js';
import { compileCorePv, type DefineLookup } from './core-pvs.js';

export interface PvFixupEnv {
  /** The loaded modules siprc provides, in load order. */
  readonly modules: readonly ModuleDecl[];
  readonly defines: DefineLookup;
  /** Reports a problem at a span. */
  readonly error: (span: Span, message: string) => void;
}

/** The fixup environment of a script: its loaded modules siprc provides, its defines, and where problems go. */
export function scriptFixupEnv(
  modules: ReadonlyArray<{ readonly decl: ModuleDecl | undefined }>,
  parse: ParseResult,
  error: (span: Span, message: string) => void,
): PvFixupEnv {
  return {
    modules: modules.flatMap((m) => (m.decl ? [m.decl] : [])),
    defines: (name) => {
      const d = parse.defines.get(name);
      return d ? (d.value ?? '') : null;
    },
    error,
  };
}

/** The compiled pseudo-variable, or undefined when it cannot be (reported) or its class is not provided by siprc. */
export function compilePv(spec: PvSpec, env: PvFixupEnv): PvAccess | undefined {
  const name = spec.inner && compileName(spec.inner, env);
  if (name === null) return undefined;
  const index = spec.index && compileIndex(spec.index, env);
  if (index === null) return undefined;
  let base: PvAccess | undefined;
  try {
    base = compileCorePv(spec.className, name?.text, env.defines);
    if (!base) {
      const decl = env.modules.flatMap((m) => m.pseudoVariables).find((p) => p.name === spec.className);
      if (!decl?.compile) return undefined;
      base = decl.compile({ name, index });
    }
  } catch (e) {
    if (!(e instanceof FixupError)) throw e;
    env.error(spec.span, `\`$${spec.className}\`: ${e.message}`);
    return undefined;
  }
  const transforms: Transform[] = [];
  for (const tr of spec.transformations) {
    const decl = env.modules.flatMap((m) => m.transformations).find((t) => t.name === tr.className);
    if (!decl?.compile) return undefined;
    const params: TransformParam[] = [];
    for (const p of tr.params) {
      const param = compileName(p, env);
      if (!param) return undefined;
      params.push(param);
    }
    try {
      transforms.push(decl.compile(tr.method, params));
    } catch (e) {
      if (!(e instanceof FixupError)) throw e;
      env.error(tr.span, `\`{${tr.className}.${tr.method}}\`: ${e.message}`);
      return undefined;
    }
  }
  return transforms.length === 0 ? base : transformed(base, transforms);
}

/**
 * Reads the base pseudo-variable and passes its value through each
 * transformation; read-only. A chain that fails (a transformation gives
 * null) reads as the empty string, as in Kamailio 5.6.
 */
function transformed(base: PvAccess, transforms: readonly Transform[]): PvAccess {
  return {
    transformed: { base, transforms },
    get(ctx) {
      let v = base.get(ctx);
      for (const t of transforms) {
        v = t(v, ctx);
        if (v === null) return '';
      }
      return v;
    },
  };
}

/** A name or parameter: constant text, or one whole pseudo-variable read at run time. null when it is a bad one (reported). */
function compileName({ text, locate }: PvPart, env: PvFixupEnv): PvName | undefined | null {
  if (!/^\$[A-Za-z_(]/.test(text)) return { text };
  const parsed = parsePv(text, locate);
  if ('error' in parsed) return { text }; // not a whole pseudo-variable: taken as text, as Kamailio does
  const dynamic = compilePv(parsed, env);
  return dynamic ? { text, dynamic } : null;
}

function compileIndex({ text, span, locate }: PvPart, env: PvFixupEnv): PvIndex | null {
  if (text === '*') return { kind: 'all' };
  if (text === '+') return { kind: 'append' };
  if (/^-?\d+$/.test(text)) return { kind: 'int', value: Number(text) };
  const parsed = parsePv(text, locate);
  if ('error' in parsed) {
    env.error(span, `bad index \`${text}\``);
    return null;
  }
  const access = compilePv(parsed, env);
  return access ? { kind: 'pv', access } : null;
}
