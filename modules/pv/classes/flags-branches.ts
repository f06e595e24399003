// Flags and branches: message flags ($mf, $mF in hex), branch flags of the
// first branch ($bf, $bF), script flags ($sf, $sF), the hex forms with 8
// digits, the branches added to the request ($br: the first one's URI; $bR:
// the destination set), and the static branch ($sbranch).

import type { ExecContext, PvClassDecl, Value } from '../../api.js';
import { toInt } from '../../api.js';
import { readOnly, readWrite, textOf } from './define.js';
import { formatBranches, staticBranchClass } from './static-branch.js';
import { sipUri } from './uri.js';

const hex = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');

/** `$mf` (the flags as a number, assignable) and `$mF` (in hex), for one set of flags. */
function flagClasses(letter: 'm' | 'b' | 's', field: 'flags' | 'branchFlags' | 'scriptFlags'): PvClassDecl[] {
  return [
    readWrite(`${letter}f`, (ctx) => ctx[field] >>> 0, (ctx, v: Value) => void (ctx[field] = toInt(v))),
    readOnly(`${letter}F`, (ctx) => hex(ctx[field])),
  ];
}

function firstBranchUri(ctx: ExecContext): Value {
  return ctx.branches[0]?.uri ?? null;
}

export const flagBranchClasses: readonly PvClassDecl[] = [
  ...flagClasses('m', 'flags'),
  ...flagClasses('b', 'branchFlags'),
  ...flagClasses('s', 'scriptFlags'),
  readWrite('br', firstBranchUri, (ctx, value) => {
    const text = textOf(value);
    if (text === null || !sipUri(text)) return;
    const first = ctx.branches[0];
    if (first) ctx.branches[0] = { ...first, uri: text };
    else ctx.branches.push({ uri: text, destination: undefined, path: undefined, q: -1, flags: 0, socket: undefined });
  }),
  readOnly('bR', formatBranches),
  staticBranchClass,
];
