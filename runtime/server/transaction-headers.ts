// What every request must carry before the script sees it: a readable top
// Via (where replies go, and the branch), and one readable From, To, Call-ID
// and CSeq each (what identifies its transaction and dialog). Kamailio's
// core drops a request without them; siprc answers 400 with the reason
// where a reply can be built (see docs/server.md).

import { isSipError } from '../sip/errors.js';
import type { SipMessage } from '../sip/message.js';

const READERS: ReadonlyArray<readonly [string, (m: SipMessage) => unknown]> = [
  ['From', (m) => m.from()],
  ['To', (m) => m.to()],
  ['Call-ID', (m) => m.callId()],
  ['CSeq', (m) => m.cseq()],
];

/** Why the request cannot be served (a header missing, repeated or unreadable), or undefined. */
export function transactionHeadersProblem(message: SipMessage): string | undefined {
  const via = message.via();
  if (via === undefined) return 'missing Via';
  if (isSipError(via)) return via.reason;
  for (const [name, read] of READERS) {
    const first = message.findHeader(name);
    if (first < 0) return `missing ${name}`;
    if (message.findHeader(name, first + 1) >= 0) return `more than one ${name}`;
    const value = read(message);
    if (value === undefined) return `missing ${name}`;
    if (isSipError(value)) return value.reason;
  }
  return undefined;
}
