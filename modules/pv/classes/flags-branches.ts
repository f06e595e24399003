// Flags and branches: message flags ($mf, $mF in hex), branch flags of the
// first branch ($bf, $bF), script flags ($sf, $sF), the hex forms with 8
// digits, the branches added to the request ($br: the first one's URI; $bR:
// the destination set; $branch(key) any one's attributes), and the static
// branch ($sbranch).

import { FixupError, toInt, type ExecContext, type PvClassDecl, type Value } from '../../api.js';
import type { Branch } from '../../../runtime/exec/context.js';
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

/** $(branch(key)[i]): an attribute of the i-th added branch (the first without an index), or how many there are. */
const BRANCH_KEYS: Readonly<Record<string, (b: Branch) => Value>> = {
  uri: (b) => b.uri,
  dst_uri: (b) => b.destination ?? null,
  path: (b) => b.path ?? null,
  q: (b) => (b.q >= 0 ? b.q : null),
  send_socket: (b) => b.socket ?? null,
  flags: (b) => b.flags,
  ruid: (b) => b.ruid ?? null,
  location_ua: () => null,
};

const branchAttributes: PvClassDecl = {
  name: 'branch',
  inner: 'required',
  writable: false,
  compile: (ref) => {
    const key = ref.name?.text ?? '';
    if (ref.name?.dynamic) throw new FixupError('the key must be constant');
    if (key === 'count') {
      if (ref.index) throw new FixupError('`count` takes no index');
      return { get: (ctx) => ctx.branches.length };
    }
    const get = BRANCH_KEYS[key];
    if (!get) throw new FixupError(`unknown key \`${key}\` (${[...Object.keys(BRANCH_KEYS), 'count'].join(', ')})`);
    const index = ref.index;
    if (index && index.kind !== 'int' && index.kind !== 'pv') throw new FixupError('takes a number index');
    return {
      get: (ctx) => {
        const i = !index ? 0 : index.kind === 'int' ? index.value : toInt(index.access.get(ctx));
        const branch = ctx.branches[i < 0 ? ctx.branches.length + i : i];
        return branch ? get(branch) : null;
      },
    };
  },
};

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
  branchAttributes,
  staticBranchClass,
];
