// corex's $cfg(key): where in the script the running action is: its line, the file
// it is in, the script's main file (name), and the route it is in.

import { FixupError, type ExecContext, type PvClassDecl, type Value } from '../api.js';

const at = (get: (p: NonNullable<ReturnType<NonNullable<ExecContext['whereIs']>>>) => Value) => (ctx: ExecContext): Value => {
  const position = ctx.whereIs?.(ctx.pc);
  return position ? get(position) : null;
};

const PARTS: Readonly<Record<string, (ctx: ExecContext) => Value>> = {
  line: at((p) => p.line),
  file: at((p) => p.file),
  name: at((p) => p.main),
  route: at((p) => p.route ?? null),
};

export const cfgPositionClass: PvClassDecl = {
  name: 'cfg',
  inner: 'required',
  writable: false,
  compile: (ref) => {
    const get = PARTS[ref.name?.text ?? ''];
    if (!get || ref.name?.dynamic || ref.index) throw new FixupError(`takes one of ${Object.keys(PARTS).join(', ')}, and no index`);
    return { get };
  },
};
