// Declares a transformation class from a table of methods: the method is
// resolved once when a use is compiled (case-insensitively, as Kamailio
// matches method names), its parameter count checked, and the compiled
// closure returned.

import { FixupError, type Transform, type TransformationDecl, type TransformParam } from '../api.js';

/** Compiles one use of a method from its parameters (constant ones checked here, once). */
export type MethodCompiler = (params: readonly TransformParam[]) => Transform;

export interface MethodDecl {
  /** How many parameters the method takes: exactly n, or [min, max]. */
  readonly params: number | readonly [number, number];
  readonly compile: MethodCompiler;
}

/** A method without parameters. */
export function simple(transform: Transform): MethodDecl {
  return { params: 0, compile: () => transform };
}

export function transformationClass(name: string, methods: Readonly<Record<string, MethodDecl>>): TransformationDecl {
  return {
    name,
    methods: Object.keys(methods),
    compile(method, params) {
      const decl = Object.hasOwn(methods, method.toLowerCase()) ? methods[method.toLowerCase()] : undefined;
      if (!decl) throw new FixupError(`unknown method \`${method}\` of class \`${name}\``);
      const [min, max] = typeof decl.params === 'number' ? [decl.params, decl.params] : decl.params;
      if (params.length < min || params.length > max) {
        const expected = min === max ? `${min}` : `${min} to ${max}`;
        throw new FixupError(`\`${name}.${method}\` takes ${expected} parameter${max === 1 ? '' : 's'}, not ${params.length}`);
      }
      return decl.compile(params);
    },
  };
}
