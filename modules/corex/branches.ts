// append_branch([uri[, q]]): a new branch with the request's destination URI,
// send socket and branch flags; without a URI it takes the Request-URI and
// clears those three, as Kamailio moves them to the branch. Checked against
// Kamailio 5.6: -1 for a bad q or when max_branches is reached.

import { command, type CommandDecl, type ExecContext, type RouteType } from '../api.js';
import { parseQ } from './qvalue.js';

const ROUTES: readonly RouteType[] = ['request', 'failure', 'event'];

function appendBranch(ctx: ExecContext, uri = '', qText = ''): number {
  const q = qText === '' ? -1 : parseQ(qText);
  if (q === undefined) return -1;
  // The Request-URI counts as the first branch.
  if (ctx.branches.length >= ctx.maxBranches - 1) return -1;
  const socket = ctx.sendSocket && `${ctx.sendSocket.proto ?? ctx.proto}:${ctx.sendSocket.address}:${ctx.sendSocket.port}`;
  ctx.branches.push({ uri: uri || ctx.edits.currentRequestUri, destination: ctx.edits.destination, path: undefined, q, flags: ctx.branchFlags, socket });
  if (uri === '') {
    ctx.sendSocket = undefined;
    ctx.branchFlags = 0;
    ctx.edits.destination = undefined;
  }
  return 1;
}

const URI = { name: 'uri', type: 'spve' } as const;

export const branchCommands: readonly CommandDecl[] = [
  command({ name: 'append_branch', args: [], routes: ROUTES, run: (ctx) => appendBranch(ctx) }),
  command({ name: 'append_branch', args: [URI], routes: ROUTES, run: (ctx, [uri]) => appendBranch(ctx, uri) }),
  command({ name: 'append_branch', args: [URI, { name: 'q', type: 'spve' }], routes: ROUTES, run: (ctx, [uri, q]) => appendBranch(ctx, uri, q) }),
];
