// The core's statistics (group `core`), with Kamailio 5.6's names: requests
// received (all, and per known method), replies received (all, per class,
// per class and method of the transaction, and a few codes of their own),
// stateless forwarding (fwd_*, err_*, drop_*) and messages refused. Counted
// by the server (runtime/server) as messages arrive and by the core's
// forward() and stateless reply forwarding (runtime/exec).

import type { SipMessage } from '../sip/message.js';
import { isSipError } from '../sip/errors.js';
import type { StatGroup, StatInfo } from './registry.js';

const counter = (name: string, help: string): StatInfo => ({ name, kind: 'counter', help });

/** Methods with an rcv_requests_<method> counter. */
const REQUEST_METHODS = ['ack', 'bye', 'cancel', 'info', 'invite', 'message', 'notify', 'options', 'prack', 'publish', 'refer', 'register', 'subscribe', 'update'];
/** Methods the core knows without a counter of their own (Kamailio's METHOD_* besides the ones above). */
const OTHER_KNOWN = new Set(['KDMQ', 'GET', 'POST', 'PUT', 'DELETE']);
/** The transaction's method as reply counters name it. */
const REPLY_METHODS: Readonly<Record<string, string>> = {
  INVITE: 'invite',
  CANCEL: 'cancel',
  BYE: 'bye',
  REGISTER: 'reg',
  MESSAGE: 'message',
  PRACK: 'prack',
  UPDATE: 'update',
  REFER: 'refer',
};
const CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx', '6xx'];
const OWN_CODES = [401, 404, 407, 480, 486];

export const CORE_STATISTICS: readonly StatInfo[] = [
  counter('rcv_requests', 'requests received'),
  ...REQUEST_METHODS.map((m) => counter(`rcv_requests_${m}`, `${m.toUpperCase()} requests received`)),
  counter('unsupported_methods', 'requests received with a method the core does not know'),
  counter('rcv_replies', 'replies received'),
  ...CLASSES.map((c) => counter(`rcv_replies_${c}`, `${c} replies received`)),
  ...CLASSES.flatMap((c) => Object.values(REPLY_METHODS).map((m) => counter(`rcv_replies_${c}_${m}`, `${c} replies received to ${m}`))),
  counter('rcv_replies_18x', '180-189 replies received'),
  ...OWN_CODES.map((code) => counter(`rcv_replies_${code}`, `${code} replies received`)),
  counter('fwd_requests', 'requests forwarded statelessly'),
  counter('fwd_replies', 'replies forwarded statelessly'),
  counter('drop_requests', 'requests dropped (drop in request_route or onsend_route, or taken before the script)'),
  counter('drop_replies', 'replies dropped by reply_route'),
  counter('err_requests', 'requests that could not be forwarded'),
  counter('err_replies', 'replies that could not be forwarded'),
  counter('bad_URIs_rcvd', 'Request-URIs that could not be parsed (not counted by siprc: its parser reads a URI only where it is used)'),
  counter('bad_msg_hdr', 'messages whose transaction headers could not be parsed'),
];

/** A group with the core's statistics declared. */
export function declareCore(group: StatGroup): StatGroup {
  for (const s of CORE_STATISTICS) group.declare(s);
  return group;
}

/**
 * The names countReceived counts under, made once (counting a message then
 * builds no string to look up): per request method in upper case, per reply
 * class, per class and transaction method, per code of its own.
 */
const REQUEST_KEYS: ReadonlyMap<string, string> = new Map(REQUEST_METHODS.map((m) => [m.toUpperCase(), `rcv_requests_${m}`]));
const CLASS_KEYS = CLASSES.map((c) => `rcv_replies_${c}`);
const CLASS_METHOD_KEYS: ReadonlyArray<ReadonlyMap<string, string>> = CLASSES.map(
  (c) => new Map(Object.entries(REPLY_METHODS).map(([method, name]) => [method, `rcv_replies_${c}_${name}`])),
);
const CODE_KEYS: ReadonlyMap<number, string> = new Map(OWN_CODES.map((code) => [code, `rcv_replies_${code}`]));

/** A request or reply received and parsed (before the script runs). */
export function countReceived(core: StatGroup, m: SipMessage): void {
  if (m.isRequest) {
    core.add('rcv_requests');
    // Methods are matched in any case; they are nearly always written in upper case.
    const key = REQUEST_KEYS.get(m.method) ?? REQUEST_KEYS.get(m.method.toUpperCase());
    if (key !== undefined) core.add(key);
    else if (!OTHER_KNOWN.has(m.method)) core.add('unsupported_methods');
    return;
  }
  core.add('rcv_replies');
  const code = m.status;
  if (code < 100 || code > 699) return;
  const cls = Math.floor(code / 100) - 1;
  core.add(CLASS_KEYS[cls]!);
  const cseq = m.cseq();
  const key = cseq && !isSipError(cseq) ? CLASS_METHOD_KEYS[cls]!.get(cseq.method.toUpperCase()) : undefined;
  if (key !== undefined) core.add(key);
  if (code >= 180 && code <= 189) core.add('rcv_replies_18x');
  const own = CODE_KEYS.get(code);
  if (own !== undefined) core.add(own);
}
