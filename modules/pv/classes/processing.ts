// What the server knows of the message being processed beyond its text:
// $mi, its number among the messages this process received, and $ruid, the
// ruid of the registered contact lookup() put in its Request-URI.
//
// Kamailio numbers the messages each process receives, from 1, requests and
// replies alike; siprc serves everything in one process, so a message's
// number is the count of requests and replies the server has received up to
// it (the core's rcv_requests + rcv_replies: messages that parsed, their
// transaction headers included). A request's is taken before request_route
// runs (the pv module's requestReceived), a reply's when first read (a reply
// route never waits, so no other message comes in between). Routes run on
// the request later keep its number (branch_route), failure_route one less
// (Kamailio's copy of the request). Without a server (`siprc exec`) the one
// message is the first: 1.

import type { ExecContext, PvClassDecl, Value } from '../../api.js';
import { messageRuid } from '../../kit/message-ruid.js';
import type { SipMessage } from '../../../runtime/sip/message.js';
import { readOnly } from './define.js';

const numbers = new WeakMap<SipMessage, number>();

/**
 * Whether a script fixed up in this process reads $mi: until one does,
 * requests are not numbered as they arrive (a WeakMap entry per request,
 * which the GC pays for, for a number nothing reads).
 */
let read = false;

/** How many messages the server has received so far (this one included); 1 when no server counts them. */
function receivedSoFar(ctx: ExecContext): number {
  if (ctx.worker.statistics === undefined) return 1;
  return ctx.worker.core.get('rcv_requests') + ctx.worker.core.get('rcv_replies');
}

/** Numbers a request as it arrives, before request_route (never takes it). */
export function numberRequest(ctx: ExecContext): false {
  if (read && !numbers.has(ctx.message)) numbers.set(ctx.message, receivedSoFar(ctx));
  return false;
}

function messageNumber(ctx: ExecContext): Value {
  let n = numbers.get(ctx.message);
  if (n === undefined) numbers.set(ctx.message, (n = receivedSoFar(ctx)));
  return ctx.routeType === 'failure' ? n - 1 : n;
}

const mi = readOnly('mi', messageNumber);

export const processingClasses: readonly PvClassDecl[] = [
  {
    ...mi,
    compile: (ref) => {
      const access = mi.compile!(ref);
      read = true;
      return access;
    },
  },
  readOnly('ruid', (ctx) => messageRuid(ctx) ?? null),
];
