// keep_hf(regexp): removes every header line whose name does not match the
// regular expression, except the lines routing needs (Via, From, To,
// Call-ID, CSeq, Contact, Content-Length, Content-Type, Route, Record-Route,
// Max-Forwards, compact forms included). Kamailio 5.6 returns -1 whatever it
// removed, and refuses to start with keep_hf() without an argument, so only
// the one-argument form exists here.

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
