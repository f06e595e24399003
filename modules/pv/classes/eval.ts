// $_s(text): the text in parentheses read as a string with pseudo-variables,
// evaluated each time it is read (`$_s($var(k)=$fU)`). The text is compiled
// once, on first use, by the module's format compiler, which the pv module
// hands over when it starts; a text that does not compile reads as null.

import type { Formatted, PvClassDecl } from '../../api.js';
import { noIndex } from './define.js';

let compile: ((text: string) => Formatted | undefined) | undefined;

/** Called by the pv module's init with its instance's format compiler. */
export function useFormatCompiler(compiler: (text: string) => Formatted | undefined): void {
  compile = compiler;
}

export const evalClass: PvClassDecl = {
  name: '_s',
  inner: 'required',
  writable: false,
  compile: (ref) => {
    noIndex(ref);
    const text = ref.name?.text ?? '';
    return { get: (ctx) => compile?.(text)?.evaluate(ctx) ?? null };
  },
};
