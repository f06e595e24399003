// $ltt(key): the To tag of a local reply to this request. `s` the stateless
// one (what sl_send_reply would add), `t` the transaction's (null: no
// transaction exists offline), `x` the transaction's when there is one,
// otherwise the stateless one.

import { FixupError, type ExecContext, type PvClassDecl, type Value } from '../api.js';
import { slToTag } from '../../runtime/exec/sl-reply.js';

const KEYS: Readonly<Record<string, (ctx: ExecContext) => Value>> = {
  s: slToTag,
  x: slToTag,
  t: () => null,
};

export const localToTagClass: PvClassDecl = {
  name: 'ltt',
  inner: 'required',
  writable: false,
  compile: (ref) => {
    if (ref.index) throw new FixupError('takes no index');
    if (ref.name?.dynamic) throw new FixupError('the key must be constant');
    const get = KEYS[ref.name?.text ?? ''];
    if (!get) throw new FixupError(`unknown key \`${ref.name?.text ?? ''}\` (one of s, t, x)`);
    return { get };
  },
};
