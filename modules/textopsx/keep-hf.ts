// keep_hf(regexp): removes the lines whose name does not match, routing
// headers (Via, From, To, Call-ID, CSeq, Contact, Content-*, Route,
// Record-Route, Max-Forwards) kept. Kamailio 5.6 returns -1 whatever it
// removed and refuses keep_hf() without an argument: so does siprc.

import { command, type CommandDecl, type ExecContext } from '../api.js';
import { nameMatches } from '../textops/headers.js';
import { ANY_ROUTE } from '../textops/routes.js';

const ALWAYS_KEPT = new Set(['via', 'from', 'to', 'call-id', 'cseq', 'contact', 'content-length', 'content-type', 'route', 'record-route', 'max-forwards']);

function keepHeaders(ctx: ExecContext, re: RegExp): number {
  const m = ctx.message;
  for (let i = 0; i < m.headerCount; i++) {
    if (!ALWAYS_KEPT.has(m.headerKey(i)) && !nameMatches(m, i, re)) ctx.edits.removeHeader(i);
  }
  return -1;
}

export const keepHfCommands: readonly CommandDecl[] = [
  command({ name: 'keep_hf', args: [{ name: 'regexp', type: 'regex' }], routes: ANY_ROUTE, run: (ctx, [re]) => keepHeaders(ctx, re) }),
];
